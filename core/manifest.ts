import { readFileSync } from 'node:fs';
import type { JsonSchema } from './schema.js';
import type { ToolMeta } from './tool.js';

/** One tool as the build recorded it: enough to list, gate and describe it without importing its code. */
export interface ManifestTool {
  area: string;
  meta: ToolMeta;
  schema: JsonSchema;
}

/** build/manifest.json, written by scripts/gen-manifest at build time: pack id → its tools. */
export type Manifest = Record<string, ManifestTool[]>;

let cached: Manifest | null | undefined;

/**
 * The build-time manifest, or null when the build has none (a plain `tsc` run): start-up then imports the eligible
 * packs and generates their schemas, as before. With it, start-up imports no tool code and no validator at all;
 * a pack's tool classes load on its first call.
 */
export function readManifest(): Manifest | null {
  if (cached !== undefined) return cached;
  try {
    cached = JSON.parse(readFileSync(new URL('../manifest.json', import.meta.url), 'utf8')) as Manifest;
  } catch {
    cached = null;
  }
  return cached;
}
