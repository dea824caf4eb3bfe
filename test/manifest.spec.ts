import { expect } from 'chai';
import { discoverPacks } from '../core/discovery.js';
import { readManifest } from '../core/manifest.js';
import { toolClassesOf } from '../core/pack.js';
import { generateToolSchema } from '../core/schema.js';
import { toolMeta } from '../core/tool.js';

describe('build manifest (what start-up lists without importing tool code)', () => {
  it('equals the code: every pack, every tool, with its area, declaration and schema', async () => {
    const manifest = readManifest();
    expect(manifest, 'build/manifest.json (npm run build writes it)').to.be.an('object');
    const packs = await discoverPacks();
    expect(Object.keys(manifest!).sort()).to.deep.equal(packs.map((p) => p.id).sort());
    for (const pack of packs) {
      const fromCode = await Promise.all(toolClassesOf((await pack.tools()).default).map(async ({ area, cls }) => {
        const meta = toolMeta(cls)!;
        return JSON.parse(JSON.stringify({ area, meta, schema: await generateToolSchema(cls, meta) }));
      }));
      expect(manifest![pack.id], pack.id).to.deep.equal(fromCode);
    }
  });

  it('serves start-up: a runtime built from it lists the same tools as one built from the code', async () => {
    const { startCore } = await import('../core/app.js');
    const { loadConfig } = await import('../core/config.js');
    const config = loadConfig({
      TREKMAIL_BASE_URL: 'http://127.0.0.1:9', TREKMAIL_API_TOKEN: `tm_live_${'m'.repeat(32)}`, TREKMAIL_MESSAGE_TOKEN: `tm_msg_${'m'.repeat(32)}`,
      TREKMAIL_SCOPE_AWARE_REGISTRATION: 'false', TREKMAIL_LOG_LEVEL: 'silent',
    });
    const [fromManifest, fromCode] = await Promise.all([startCore(config), startCore(config, { noManifest: true })]);
    expect(fromManifest.runtime.list()).to.deep.equal(fromCode.runtime.list());
    expect(fromManifest.runtime.list().length).to.equal(182);
  });
});
