import '../test/record-modules.js';
import { appendFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

/**
 * `node --import build/bench/record-all.js …`: logs every module the process loads to $TREKMAIL_MODULE_LOG.
 * test/record-modules.js sees ESM loads (its loader hook); on Node 20 a CommonJS `require()` (class-validator,
 * class-transformer, tsyringe internals…) bypasses loader hooks, so CommonJS loads are logged here as well.
 * Duplicates (a CommonJS file imported from ESM shows in both) are removed by the reader.
 */
const log = process.env.TREKMAIL_MODULE_LOG;
if (log) {
  const Module = createRequire(import.meta.url)('node:module') as { prototype: { load(this: unknown, filename: string): unknown } };
  const load = Module.prototype.load;
  Module.prototype.load = function (this: unknown, filename: string) {
    try {
      appendFileSync(log, pathToFileURL(filename).href + '\n');
    } catch {
      /* logging never breaks a load */
    }
    return load.call(this, filename);
  };
}
