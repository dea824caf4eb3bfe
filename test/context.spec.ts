import { expect } from 'chai';
import { allTools } from './reliability/support.js';

/** Context cost is deterministic (bytes, not time), so it is guarded here; `npm run bench` reports it with tokens. */
describe('context cost of the tool list', () => {
  /**
   * The issue's target is 100 KB (npm run bench reports it). Not reachable with every parameter described: the
   * structure alone (names, types, required lists, enums, annotations, the description keys) is ~94 KB for the
   * 273 tools, and the descriptions' text is already ~24 KB (median 45 characters a tool, 11 a parameter). This
   * guard keeps what was reached from growing.
   */
  it('the full tools/list (every pack, both tokens, purchases on) stays under 120 KB of JSON, every parameter described', async () => {
    const { runtime } = await allTools({ TREKMAIL_ALLOW_PURCHASES: 'true' });
    const list = runtime.list();
    expect(list.length).to.equal(273);
    const bytes = Buffer.byteLength(JSON.stringify({ tools: list }));
    expect(bytes, `${bytes} bytes`).to.be.at.most(120_000);
    for (const t of list) {
      for (const [k, p] of Object.entries((t.inputSchema.properties ?? {}) as Record<string, { description?: string }>)) {
        expect(p.description, `${t.name}.${k}`).to.be.a('string').and.not.equal('');
      }
    }
  });

  it('annotations carry only hints that say something: no openWorldHint, no moot hints on read tools', async () => {
    const { runtime } = await allTools();
    for (const t of runtime.list()) {
      expect(t.annotations, t.name).not.to.have.property('openWorldHint', true);
      if (t.annotations.readOnlyHint) expect(Object.keys(t.annotations), t.name).to.have.length.at.most(2);
      else expect(t.annotations, t.name).to.have.property('destructiveHint').that.is.a('boolean');
    }
  });
});
