import { polyfill } from './polyfill.js';
import { TOOL_META } from './tool-meta.js';
import { ValidateIf } from './validators.js';
import type { HttpMethod, ToolMeta, ToolSpec } from './types.js';

export { toolMeta } from './tool-meta.js';
export type { Access, Gate, HttpMethod, ToolClass, ToolMeta, ToolSpec, TransportName } from './types.js';

const SECRETS = Symbol('trekmail:secrets');

/** Declares an input class as an MCP tool. */
export function Tool(spec: ToolSpec): ClassDecorator {
  polyfill();
  return (target) => {
    const [method, ...rest] = (spec.route ?? 'GET ').split(' ');
    const meta: ToolMeta = {
      ...spec,
      ...(spec.route ? {} : { local: true }),
      method: method as HttpMethod,
      path: rest.join(' '),
      secrets: [...((Reflect.getMetadata(SECRETS, target.prototype) as string[] | undefined) ?? [])],
    };
    Object.defineProperty(target, TOOL_META, { value: meta });
  };
}

/** Marks a parameter as a credential: never echoed, logged or audited. */
export function Secret(): PropertyDecorator {
  polyfill();
  return (proto, key) => {
    const list = (Reflect.getMetadata(SECRETS, proto) as string[] | undefined) ?? [];
    Reflect.defineMetadata(SECRETS, [...list, String(key)], proto);
  };
}

const SCHEMA_EXTRA = Symbol('trekmail:schema-extra');

/** Extra JSON Schema keywords for a property (merged last, over what the validators imply). */
export function SchemaExtra(extra: Record<string, unknown>): PropertyDecorator {
  polyfill();
  return (proto, key) => {
    const all = { ...((Reflect.getMetadata(SCHEMA_EXTRA, proto) as Record<string, Record<string, unknown>> | undefined) ?? {}) };
    all[String(key)] = { ...all[String(key)], ...extra };
    Reflect.defineMetadata(SCHEMA_EXTRA, all, proto);
  };
}

/** Extra schema keywords of every property of a class (own and inherited). */
export function schemaExtras(proto: object): Record<string, Record<string, unknown>> {
  polyfill();
  return (Reflect.getMetadata(SCHEMA_EXTRA, proto) as Record<string, Record<string, unknown>> | undefined) ?? {};
}

/** Short parameter description for the JSON Schema (keep it to the unit and the limits). */
export function Desc(description: string): PropertyDecorator {
  return SchemaExtra({ description });
}

/** Applies several property decorators as one (for shared parameter shapes). */
export function compose(...decorators: PropertyDecorator[]): PropertyDecorator {
  return (target, key) => {
    for (const d of decorators) d(target, key);
  };
}

const NULLABLE = Symbol('trekmail:nullable');

/**
 * The property is required but may be null (`note: string|null`): null skips the other rules, undefined fails them.
 * Use for required nullable fields; optional ones only need @IsOptional (which already accepts null).
 */
export function Nullable(): PropertyDecorator {
  polyfill();
  return (proto, key) => {
    ValidateIf((o: Record<string | symbol, unknown>) => o[key] !== null)(proto, key);
    const list = (Reflect.getMetadata(NULLABLE, proto) as string[] | undefined) ?? [];
    Reflect.defineMetadata(NULLABLE, [...list, String(key)], proto);
  };
}

/** The properties of a class marked @Nullable(). */
export function nullables(proto: object): string[] {
  polyfill();
  return (Reflect.getMetadata(NULLABLE, proto) as string[] | undefined) ?? [];
}
