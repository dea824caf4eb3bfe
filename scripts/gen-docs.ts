import 'reflect-metadata';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderToolDocs } from './tool-docs.js';

/** Writes docs/tools.md (run through `npm run docs`). */
const target = fileURLToPath(new URL('../../docs/tools.md', import.meta.url));
mkdirSync(dirname(target), { recursive: true });
writeFileSync(target, await renderToolDocs());
process.stdout.write(`wrote ${target}\n`);
