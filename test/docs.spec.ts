import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { renderToolDocs } from '../scripts/tool-docs.js';

describe('docs/tools.md', () => {
  it('is up to date with the code (run `npm run docs` to regenerate)', async () => {
    const onDisk = readFileSync(fileURLToPath(new URL('../../docs/tools.md', import.meta.url)), 'utf8');
    expect(onDisk === (await renderToolDocs()), 'docs/tools.md is stale: run npm run docs').to.equal(true);
  });
});
