import { expect } from 'chai';
import { defaultOf, restatesName } from '../core/catalog/compact.js';
import { CORE_PACK } from '../core/core-pack.js';
import { discoverPacks } from '../core/discovery.js';
import { toolClassesOf } from '../core/pack.js';
import type { JsonSchema } from '../core/schema.js';
import { generateToolSchema } from '../core/schema.js';
import { toolMeta } from '../core/tool.js';
import { allTools } from './reliability/support.js';

/** Context cost is deterministic (bytes, not time), so it is guarded here; `npm run bench` reports it with tokens. */
describe('context cost of the tool list', () => {
  /**
   * The issue's target: the full list within 100 KB (100,000 B) with every parameter described (npm run bench
   * reports it). core/catalog/compact.ts drops only what the schema already says (a description that restates the
   * name, `type` beside enum/const, "Default X" as `default`; no destructiveHint: false); the rest is wording that
   * keeps the unit, the limit and where a value comes from. The guard keeps it there, in total and per tool.
   */
  const TOTAL = 100_000;
  const PER_TOOL = 1_400;
  const MEAN = 380;

  it(`the full tools/list (every pack, both tokens, purchases on) stays under ${TOTAL / 1000} KB, each tool under ${PER_TOOL} B, ${MEAN} B a tool on average`, async () => {
    const { runtime } = await allTools({ TREKMAIL_ALLOW_PURCHASES: 'true' });
    const list = runtime.list();
    expect(list.length).to.equal(273);
    const bytes = Buffer.byteLength(JSON.stringify({ tools: list }));
    expect(bytes, `${bytes} bytes`).to.be.at.most(TOTAL);
    expect(bytes / list.length).to.be.at.most(MEAN);
    const over = list.map((t) => [t.name, Buffer.byteLength(JSON.stringify(t))] as const).filter(([, b]) => b > PER_TOOL);
    expect(over.map(([n, b]) => `${n}: ${b} B`)).to.deep.equal([]);
  });

  it('every listed parameter is described: by its description, or by the name, constant or default its generated description said', async () => {
    const { runtime } = await allTools({ TREKMAIL_ALLOW_PURCHASES: 'true' });
    const generated = new Map<string, JsonSchema>();
    for (const pack of [CORE_PACK, ...(await discoverPacks())]) {
      for (const { cls } of toolClassesOf((await pack.tools()).default)) generated.set(toolMeta(cls)!.name, await generateToolSchema(cls, toolMeta(cls)!));
    }
    const bare: string[] = [];
    for (const t of runtime.list()) {
      const full = (generated.get(t.name)!.properties ?? {}) as Record<string, JsonSchema>;
      for (const [k, p] of Object.entries((t.inputSchema.properties ?? {}) as Record<string, JsonSchema>)) {
        if (typeof p.description === 'string' && p.description) continue;
        const said = full[k]?.description;
        const ok = typeof said === 'string' && (restatesName(said, k) || (p.const !== undefined && said === 'Must be true') || defaultOf(said, full[k]) !== undefined);
        if (!ok) bare.push(`${t.name}.${k}${said ? ` (was "${said}")` : ''}`);
      }
    }
    expect(bare).to.deep.equal([]);
  });

  it('annotations carry only hints that say something: no openWorldHint, no moot hints on read tools, no default destructiveHint: false', async () => {
    const { runtime } = await allTools();
    for (const t of runtime.list()) {
      const tool = runtime.get(t.name)!;
      expect(t.annotations, t.name).not.to.have.property('openWorldHint', true);
      if (t.annotations.readOnlyHint) expect(Object.keys(t.annotations), t.name).to.have.length.at.most(2);
      else if (tool.meta.access === 'destructive') expect(t.annotations, t.name).to.have.property('destructiveHint', true);
      else expect(t.annotations, t.name).not.to.have.property('destructiveHint');
    }
  });

  it('TREKMAIL_TOOLS=discover lists four tools in under 5 KB for the same deployment', async () => {
    const { runtime } = await allTools({ TREKMAIL_ALLOW_PURCHASES: 'true', TREKMAIL_TOOLS: 'discover' });
    expect(runtime.list().map((t) => t.name)).to.deep.equal(['call_read_tool', 'call_write_tool', 'find_tools', 'preview_tool_call']);
    expect(Buffer.byteLength(JSON.stringify({ tools: runtime.list() }))).to.be.at.most(5_000);
  });
});
