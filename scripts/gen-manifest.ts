import 'reflect-metadata';
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compactSchema } from '../core/catalog/compact.js';
import { buildIndex } from '../core/catalog/search.js';
import { CORE_PACK } from '../core/core-pack.js';
import { discoverPacks } from '../core/discovery.js';
import type { Manifest } from '../core/manifest.js';
import { toolClassesOf } from '../core/pack.js';
import { generateToolSchema } from '../core/schema.js';
import { toolMeta } from '../core/tool.js';

/**
 * Build step: writes build/manifest.json, every pack's tools with their declaration and input schema, so that
 * start-up lists tools without importing tool code, class-validator or the schema generator; and copies each
 * pack's app views (HTML, which tsc does not emit) from the source tree to where the compiled declaration expects
 * them.
 */
const build = fileURLToPath(new URL('../', import.meta.url));
const root = join(build, '..');
const out: Manifest = {};
for (const pack of [CORE_PACK, ...(await discoverPacks())]) {
  for (const app of pack.apps ?? []) {
    const target = fileURLToPath(app.file);
    mkdirSync(dirname(target), { recursive: true });
    copyFileSync(join(root, relative(build, target)), target);
  }
  const tools = [];
  for (const { area, cls } of toolClassesOf((await pack.tools()).default)) {
    const meta = toolMeta(cls)!;
    tools.push({ area, meta, schema: compactSchema(await generateToolSchema(cls, meta)) });
  }
  out[pack.id] = tools;
}
writeFileSync(fileURLToPath(new URL('../manifest.json', import.meta.url)), JSON.stringify(out));
// The tool search index of TREKMAIL_TOOLS=discover, built once here so start-up never builds it.
const catalog = Object.entries(out).filter(([id]) => id !== CORE_PACK.id).flatMap(([pack, tools]) => tools.map((t) => ({ pack, ...t })));
writeFileSync(fileURLToPath(new URL('../search-index.json', import.meta.url)), buildIndex(catalog));
