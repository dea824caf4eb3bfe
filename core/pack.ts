import { toolMeta } from './tool-meta.js';
import type { PackSpec, PackTools, ToolClass } from './types.js';

export type { AreaModule, PackApp, PackSpec, PackTools, TokenKind } from './types.js';

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
