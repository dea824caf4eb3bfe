import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { discoverPacks } from '../core/discovery.js';
import { toolClassesOf } from '../core/pack.js';
import { generateToolSchema, type JsonSchema } from '../core/schema.js';
import { toolMeta } from '../core/tool.js';

/** Build step: writes build/schemas.json, every tool's input schema, so start-up needs no schema generator. */
const out: Record<string, JsonSchema> = {};
for (const pack of await discoverPacks()) {
  for (const { cls } of toolClassesOf((await pack.tools()).default)) {
    const meta = toolMeta(cls)!;
    out[meta.name] = await generateToolSchema(cls, meta);
  }
}
writeFileSync(fileURLToPath(new URL('../schemas.json', import.meta.url)), JSON.stringify(out));
