import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { renderToolDocs } from './tool-docs.js';

/** Writes docs/tools.md (run through `npm run docs`). */
const target = fileURLToPath(new URL('../../docs/tools.md', import.meta.url));
writeFileSync(target, await renderToolDocs());
process.stdout.write(`wrote ${target}\n`);
