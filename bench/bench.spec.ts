import { expect } from 'chai';
import { pathToFileURL } from 'node:url';
import { breakdown, whatIfs } from './context.js';
import { markdown } from './markdown.js';
import { classify } from './modules.js';
import type { ToolDef } from './startup.js';
import { BUILD_DIR, mad, median, quantile, ratioInterval, table } from './util.js';

/** The bench's arithmetic and classification only: nothing here is timed, so the suite stays deterministic. */
describe('bench (pure parts)', () => {
  it('quantiles interpolate, median and MAD are robust', () => {
    expect(median([3, 1, 2])).to.equal(2);
    expect(median([4, 1, 3, 2])).to.equal(2.5);
    expect(quantile([0, 10], 0.99)).to.be.closeTo(9.9, 1e-9);
    expect(quantile([], 0.5)).to.be.NaN;
    expect(mad([1, 2, 3, 4, 100])).to.equal(1);
  });

  it('the ratio interval is seeded (same input, same interval) and brackets the ratio of medians', () => {
    const a = [200, 210, 190, 205, 220, 199, 201, 215, 208];
    const b = [100, 104, 98, 101, 99, 103, 97, 102, 100];
    const i1 = ratioInterval(a, b)!;
    const i2 = ratioInterval(a, b)!;
    expect(i1).to.deep.equal(i2);
    const r = median(a) / median(b);
    expect(i1[0]).to.be.at.most(r);
    expect(i1[1]).to.be.at.least(r);
    expect(ratioInterval([1, 2], b)).to.equal(undefined);
  });

  it('classifies a module log into packages, our folders and plugin files, skipping the recorder and duplicates', () => {
    const ours = (rel: string) => pathToFileURL(BUILD_DIR + rel).href;
    const dep = (rel: string) => pathToFileURL(`/x/node_modules/${rel}`).href;
    const r = classify([
      'node:fs',
      ours('index.js'),
      ours('core/app.js'),
      ours('core/app.js'),
      ours('plugins/verifier/verifier.plugin.js'),
      ours('plugins/verifier/tools/index.js'),
      ours('bench/record-all.js'),
      dep('zod/v4/index.js'),
      dep('@modelcontextprotocol/server/dist/index.mjs?x=1'),
      '',
    ]);
    expect(r.ours).to.equal(4);
    expect(r.oursByDir).to.deep.equal({ 'index.js': 1, core: 1, 'plugins/verifier': 2 });
    expect(r.pluginFiles).to.deep.equal(['plugins/verifier/tools/index.js', 'plugins/verifier/verifier.plugin.js']);
    expect(r.packages.map((p) => p.name).sort()).to.deep.equal(['@modelcontextprotocol/server', 'zod']);
    expect(r.total).to.equal(6);
    expect(r.builtins).to.equal(1);
  });

  const tools: ToolDef[] = [
    {
      name: 'get_thing',
      description: 'Get a thing.',
      inputSchema: { type: 'object', properties: { thing_id: { type: 'integer', minimum: 1, description: 'Thing id' } }, required: ['thing_id'], additionalProperties: false },
      annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
    },
    {
      name: 'delete_thing',
      description: 'Delete a thing.',
      inputSchema: { type: 'object', properties: {}, additionalProperties: false },
      annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: true },
    },
  ];

  it('splits the bytes of a list into parts that never exceed the whole', () => {
    const parts = breakdown(tools);
    const total = Buffer.byteLength(JSON.stringify(tools));
    const sum = parts.reduce((n, p) => n + p.bytes, 0);
    expect(sum).to.be.at.most(total);
    expect(sum).to.be.above(total * 0.9);
    expect(parts.map((p) => p.part)).to.include.members(['annotations', 'name', 'description', 'schema: property descriptions']);
  });

  it('what-if: annotations keep only hints that differ from MCP defaults (and none that readOnly makes moot)', () => {
    const rows = whatIfs(tools);
    const min = rows.find((r) => r.change.startsWith('annotations'))!;
    const expected = [
      { ...tools[0]!, annotations: { readOnlyHint: true } },
      { ...tools[1]!, annotations: { idempotentHint: true } },
    ];
    expect(min.bytes).to.equal(Buffer.byteLength(JSON.stringify(expected)));
    expect(rows.find((r) => r.change.startsWith('both'))!.saved).to.be.above(min.saved);
    // The input list is not modified.
    expect(tools[0]!.annotations).to.have.property('openWorldHint', true);
  });

  it('renders plain and markdown tables', () => {
    expect(table(['a', 'n'], [['x', 1], ['yy', undefined]]).split('\n')).to.deep.equal(['a   n', '--  -', 'x   1', 'yy  —']);
    const md = markdown({
      env: { date: '2026-01-01T00:00:00Z', node: 'v20', platform: 'linux x64', cpus: 2, runs: 3 },
      startup: [
        { id: 'floor', label: 'floor', runs: 3, samplesMs: [100, 100, 100], medianMs: 100, minMs: 100, p90Ms: 100, madMs: 0, initMedianMs: 90, listMedianMs: 10, toolCount: 1, errors: [] },
        { id: 'verifier', label: 'verifier', runs: 3, samplesMs: [120, 120, 120], medianMs: 120, minMs: 120, p90Ms: 120, madMs: 0, initMedianMs: 110, listMedianMs: 10, toolCount: 9, errors: [] },
      ],
      mods: [],
      ctx: [{ id: 'verifier', label: 'verifier', tools: 9, bytes: 4300, tokens: 1000, perPack: [], errors: [] }],
      verdicts: [{ target: 'verifier-only start-up', limit: '≤ 1.3× floor', value: '1.20×', verdict: 'PASS' }],
      catalogTools: 272,
    });
    expect(md).to.contain('| verifier | 9 | 120 ms | 1.20× (1.20–1.20) |');
    expect(md).to.contain('| verifier-only start-up | ≤ 1.3× floor | 1.20× | PASS |');
  });
});
