import { expect } from 'chai';
import { compactSchema } from '../core/catalog/compact.js';
import { CORE_PACK } from '../core/core-pack.js';
import { discoverPacks } from '../core/discovery.js';
import { readManifest } from '../core/manifest.js';
import { toolClassesOf } from '../core/pack.js';
import { generateToolSchema } from '../core/schema.js';
import { toolMeta } from '../core/tool.js';
import { allTools } from './reliability/support.js';

describe('build manifest (what start-up lists without importing tool code)', () => {
  it('equals the code: every pack, every tool, with its area, declaration and schema', async () => {
    const manifest = readManifest();
    expect(manifest, 'build/manifest.json (npm run build writes it)').to.be.an('object');
    const packs = [CORE_PACK, ...(await discoverPacks())];
    expect(Object.keys(manifest!).sort()).to.deep.equal(packs.map((p) => p.id).sort());
    for (const pack of packs) {
      const fromCode = await Promise.all(toolClassesOf((await pack.tools()).default).map(async ({ area, cls }) => {
        const meta = toolMeta(cls)!;
        return JSON.parse(JSON.stringify({ area, meta, schema: compactSchema(await generateToolSchema(cls, meta)) }));
      }));
      expect(manifest![pack.id], pack.id).to.deep.equal(fromCode);
    }
  });

  it('serves start-up: a runtime built from it lists the same tools as one built from the code', async () => {
    const on = { TREKMAIL_ALLOW_PURCHASES: 'true' };
    const [fromManifest, fromCode] = await Promise.all([allTools(on), allTools(on, [], { noManifest: true })]);
    expect(fromManifest.runtime.list()).to.deep.equal(fromCode.runtime.list());
    expect(fromManifest.runtime.list().length).to.equal(273);
  });
});
