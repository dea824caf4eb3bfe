import type { Plan } from './config.js';
import type { ToolClass } from './tool.js';
import { toolMeta } from './tool-meta.js';

export type TokenKind = 'ops' | 'message';

/** An area module: the tool classes of one area (plus anything else it exports). */
export type AreaModule = Record<string, unknown>;
/** What a pack's tool index default-exports: area name → area module. */
export type PackTools = Record<string, AreaModule>;

/** What a pack declares up front. Reading it imports no tool code. */
export interface PackSpec {
  id: string;
  description: string;
  /** The token its tools call the API with; `none` for the server's own tools, which make no API call. */
  token: TokenKind | 'none';
  /** Lowest plan that gets the pack at all. */
  minPlan: Plan;
  /** Lowest plan whose tokens may call write/destructive tools (default pro). */
  writePlan?: Plan;
  /** Scopes the pack's tools use; `prefix:*` matches a family. The token must hold at least one. */
  scopes: string[];
  /** Area names of its tools (TREKMAIL_TOOLSETS accepts them without importing the pack). */
  areas?: string[];
  /** Env gates its tools use (for --list-tools and docs). */
  gates?: string[];
  /**
   * An env gate that must be open for the pack to load at all (TREKMAIL_ALLOW_PURCHASES for spending money); with
   * it closed the pack is not imported and --list-tools says why.
   */
  enabledBy?: { gate: 'purchases'; why: string };
  /** Every result of this pack carries third-party content (see ToolSpec.untrusted). */
  untrusted?: boolean;
  /** Lazily imports the tool modules. */
  tools: () => Promise<{ default: PackTools }>;
  /** Lazily imports the sandbox routes (never loaded outside the sandbox). */
  sandbox?: () => Promise<{ default: (engine: any) => void }>;
}

const PACK: unique symbol = Symbol.for('trekmail:pack');

/** Declares a plugin pack on a class (an own symbol property: reading it needs no metadata polyfill). */
export function Pack(spec: PackSpec): ClassDecorator {
  return (target) => void Object.defineProperty(target, PACK, { value: spec });
}

/** The @Pack declaration of a class, or undefined. */
export function packSpec(target: unknown): PackSpec | undefined {
  return typeof target === 'function' && Object.hasOwn(target, PACK) ? (target as unknown as Record<symbol, PackSpec>)[PACK] : undefined;
}

/** Tool classes in a pack's tool index, with their area. Sorted by name for stable listings. */
export function toolClassesOf(tools: PackTools): { area: string; cls: ToolClass }[] {
  const out: { area: string; cls: ToolClass }[] = [];
  for (const [area, mod] of Object.entries(tools)) {
    for (const v of Object.values(mod)) {
      if (toolMeta(v)) {
        out.push({ area, cls: v as ToolClass });
      }
    }
  }
  return out;
}
