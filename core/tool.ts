// Tool modules import this file first: the polyfill is in place before any decorated class is defined.
import 'reflect-metadata';
import type { ToolContext, ToolOutcome } from './context.js';
import { TOOL_META } from './tool-meta.js';

export { toolMeta } from './tool-meta.js';

export type Access = 'read' | 'write' | 'destructive';
export type Gate = 'destructive' | 'sending' | 'migration' | 'purchases' | 'destructive-if-delete' | 'destructive-if-discard';
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
export type TransportName = 'stdio' | 'http';

/** What a tool declares about itself; everything the core needs to list, gate, validate and call it. */
export interface ToolSpec {
  /** MCP tool name, fixed by the catalog. */
  name: string;
  /** One sentence for the agent: when to use it. */
  description: string;
  access: Access;
  /** Token scope it needs; `a|b` means either. */
  scope: string;
  /**
   * `METHOD /path/{param}[/{optional}]`, relative to /api/v1. A composite tool still names its main route. A tool of
   * the server itself (preview_tool_call) has none: it answers without any API request.
   */
  route?: `${HttpMethod} /${string}`;
  gate?: Gate;
  /** Name of the per-call confirmation parameter that must be `true`. */
  confirm?: string;
  /** Constant headers (e.g. X-Confirm-Delete). */
  headers?: Record<string, string>;
  /** Constant body fields (e.g. password_mode). */
  fixedBody?: Record<string, unknown>;
  /** Constant query fields (e.g. status=trashed). */
  fixedQuery?: Record<string, unknown>;
  /**
   * Parameters sent under another name than their own. `'body.text'` nests: the object `body` is sent when any of
   * its members is given, the members not given as null. `'mode'` renames. `'header:Payment-Authorization'` sends
   * the value as that request header instead of a field.
   */
  wire?: Record<string, string>;
  /** POST/PUT/PATCH without any body (the API takes none). */
  noBody?: boolean;
  /** Other names tools/call accepts for this tool (the official server's); tools/list never shows them. */
  aliases?: string[];
  /**
   * Parameters the server uses itself and never sends to the API (an inline size cap, a local file path, a
   * rendering choice). buildRequest leaves them out; the catalog check accepts them as ours.
   */
  localParams?: string[];
  /** Send the remaining parameters as a JSON body even on GET/DELETE. */
  jsonBody?: boolean;
  /** Transports on which the tool exists (default: all). */
  transports?: TransportName[];
  /** Secret-looking result keys that are the purpose of the result (shown once, e.g. a created token). */
  revealKeys?: string[];
  /** Recipients (to/cc/bcc/targets/recipients/recipient_email) are checked against TREKMAIL_SEND_ALLOW. */
  checkRecipients?: boolean;
  /** The result carries third-party content (mail, tickets, file names): cleaned, delimited and marked. */
  untrusted?: boolean;
}

/** Metadata stored on a tool's input class. */
export interface ToolMeta extends ToolSpec {
  method: HttpMethod;
  path: string;
  /** No route: the tool answers locally and never reaches the API. */
  local?: boolean;
  /** Property names marked @Secret(). */
  secrets: string[];
}

const SECRETS = Symbol('trekmail:secrets');

export interface ToolClass<T = object> {
  new (): T;
  prototype: T & { execute?: (this: T, ctx: ToolContext) => Promise<ToolOutcome> };
}

/** Declares an input class as an MCP tool. */
export function Tool(spec: ToolSpec): ClassDecorator {
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
  return (proto, key) => {
    const list = (Reflect.getMetadata(SECRETS, proto) as string[] | undefined) ?? [];
    Reflect.defineMetadata(SECRETS, [...list, String(key)], proto);
  };
}

const SCHEMA_EXTRA = Symbol('trekmail:schema-extra');

/** Extra JSON Schema keywords for a property (merged last, over what the validators imply). */
export function SchemaExtra(extra: Record<string, unknown>): PropertyDecorator {
  return (proto, key) => {
    const all = { ...((Reflect.getMetadata(SCHEMA_EXTRA, proto) as Record<string, Record<string, unknown>> | undefined) ?? {}) };
    all[String(key)] = { ...all[String(key)], ...extra };
    Reflect.defineMetadata(SCHEMA_EXTRA, all, proto);
  };
}

/** Extra schema keywords of every property of a class (own and inherited). */
export function schemaExtras(proto: object): Record<string, Record<string, unknown>> {
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
