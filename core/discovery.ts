import { readdir } from 'node:fs/promises';
import { packSpec, type PackSpec } from './pack.js';

/**
 * Finds pack declarations: every `plugins/<dir>/<dir>.plugin.js`. Importing one loads its declaration only;
 * the core never names a pack.
 */
export async function discoverPacks(dir: URL = new URL('../plugins/', import.meta.url)): Promise<PackSpec[]> {
  let entries: string[];
  try {
    entries = (await readdir(dir, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name).sort();
  } catch {
    return [];
  }
  const specs = await Promise.all(
    entries.map(async (name) => {
      const mod = (await import(new URL(`${name}/${name}.plugin.js`, dir).href).catch(() => undefined)) as Record<string, unknown> | undefined;
      return Object.values(mod ?? {}).map(packSpec).filter((s): s is PackSpec => !!s);
    }),
  );
  return specs.flat();
}
