import { expect } from 'chai';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { allTools } from './reliability/support.js';

/** test/snapshots/tools in the source tree (this file runs from build/test). */
const DIR = fileURLToPath(new URL('../../test/snapshots/tools/', import.meta.url));
const UPDATE = process.env.UPDATE_SNAPSHOTS === '1';

/**
 * What agents see of each tool (name, description, input schema, annotations), one file per tool. A dependency bump
 * or a change to the schema tidying cannot change it without a reviewable diff: regenerate on purpose with
 * `UPDATE_SNAPSHOTS=1 npm test`.
 */
describe('tool schema snapshots (test/snapshots/tools/<tool>.json)', () => {
  it('every listed tool matches its snapshot, and no snapshot is left for a tool that is gone', async () => {
    const { runtime } = await allTools({ TREKMAIL_ALLOW_PURCHASES: 'true' });
    const listed = runtime.list();
    if (UPDATE) {
      rmSync(DIR, { recursive: true, force: true });
      mkdirSync(DIR, { recursive: true });
      for (const t of listed) writeFileSync(`${DIR}${t.name}.json`, JSON.stringify(t, null, 2) + '\n');
    }
    const problems: string[] = [];
    for (const t of listed) {
      const file = `${DIR}${t.name}.json`;
      if (!existsSync(file)) {
        problems.push(`${t.name}: no snapshot (run UPDATE_SNAPSHOTS=1 npm test and review the new file)`);
        continue;
      }
      const want = readFileSync(file, 'utf8');
      if (want !== JSON.stringify(t, null, 2) + '\n') problems.push(`${t.name}: differs from its snapshot (review, then UPDATE_SNAPSHOTS=1 npm test)`);
    }
    const names = new Set(listed.map((t) => t.name));
    for (const f of existsSync(DIR) ? readdirSync(DIR) : []) if (!names.has(f.replace(/\.json$/, ''))) problems.push(`${f}: snapshot of a tool that is not listed`);
    expect(problems).to.deep.equal([]);
  });
});
