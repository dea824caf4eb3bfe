import type { ToolMeta } from './types.js';

/**
 * Where @Tool keeps a class's declaration: an own symbol property, readable without the reflect-metadata polyfill,
 * so start-up (which lists tools from the build manifest) loads neither it nor any decorator code.
 */
export const TOOL_META: unique symbol = Symbol.for('trekmail:tool');

/** The @Tool metadata of a class, or undefined when it is not a tool. */
export function toolMeta(target: unknown): ToolMeta | undefined {
  return typeof target === 'function' && Object.hasOwn(target, TOOL_META) ? ((target as unknown as Record<symbol, ToolMeta>)[TOOL_META]) : undefined;
}
