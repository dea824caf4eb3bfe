import { expect } from 'chai';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { discoverPacks } from '../core/discovery.js';
import { toolClassesOf, type PackSpec } from '../core/pack.js';
import { generateToolSchema, type JsonSchema } from '../core/schema.js';
import { toolMeta, type ToolMeta } from '../core/tool.js';

/** The product catalog, read by this test only (the product never reads ../shared at run time). */
const CATALOG = fileURLToPath(new URL('../../../shared/spec/tools.tsv', import.meta.url));

interface Row { name: string; pack: string; area: string; token: string; scope: string; access: string; gate: string; confirm: string; method: string; path: string; wave: string }

function readCatalog(): Row[] {
  const [head, ...lines] = readFileSync(CATALOG, 'utf8').trim().split('\n');
  const cols = head.split('\t');
  return lines.map((l) => Object.fromEntries(l.split('\t').map((v, i) => [cols[i], v])) as unknown as Row);
}

interface Found { meta: ToolMeta; pack: PackSpec; area: string; schema: JsonSchema }

describe('catalog guard: every tool matches its row in tools.tsv', function () {
  let rows: Row[];
  let found: Found[];
  let packIds: string[];

  before(async function () {
    if (!existsSync(CATALOG)) this.skip();
    rows = readCatalog();
    found = [];
    const packs = await discoverPacks();
    packIds = packs.map((p) => p.id);
    for (const pack of packs) {
      for (const { area, cls } of toolClassesOf((await pack.tools()).default)) {
        const meta = toolMeta(cls)!;
        found.push({ meta, pack, area, schema: await generateToolSchema(cls, meta) });
      }
    }
  });

  it('each row of every wave exists exactly once, with its pack, area, token, scope, access, gate, confirm and route', () => {
    const problems: string[] = [];
    for (const row of rows) {
      const hits = found.filter((f) => f.meta.name === row.name);
      if (hits.length !== 1) {
        problems.push(`${row.name}: found ${hits.length} times`);
        continue;
      }
      const { meta, pack, area } = hits[0];
      const want = { pack: row.pack, area: row.area, token: row.token, scope: row.scope, access: row.access, gate: row.gate, confirm: row.confirm, method: row.method };
      const got = { pack: pack.id, area, token: pack.token, scope: meta.scope, access: meta.access, gate: meta.gate ?? '', confirm: meta.confirm ?? '', method: meta.method };
      for (const k of Object.keys(want) as (keyof typeof want)[]) if (want[k] !== got[k]) problems.push(`${row.name}: ${k} is "${got[k]}", catalog says "${want[k]}"`);
      if (row.path.startsWith('/') && meta.path !== row.path) problems.push(`${row.name}: path is "${meta.path}", catalog says "${row.path}"`);
    }
    expect(problems).to.deep.equal([]);
  });

  it('no tool exists that the catalog does not list', () => {
    const names = new Set(rows.map((r) => r.name));
    expect(found.map((f) => f.meta.name).filter((n) => !names.has(n))).to.deep.equal([]);
  });

  it('all eight packs and all 272 catalog tools are present (181 seed, 91 of wave v1.10)', () => {
    expect(packIds.sort()).to.deep.equal(['cloudflare', 'commerce', 'drive', 'infra', 'migrations', 'verifier', 'webmail', 'whitelabel']);
    expect(rows.filter((r) => r.wave === 'seed')).to.have.length(181);
    expect(rows.filter((r) => r.wave === 'v1.10')).to.have.length(91);
    expect(rows.map((r) => r.name).filter((n) => !found.some((f) => f.meta.name === n))).to.deep.equal([]);
  });

  it('tool names fit every client (Claude Code mcp__trekmail__ prefix ≤ 64, Cursor ≤ 60, no dots)', () => {
    for (const { meta } of found) {
      expect(meta.name).to.match(/^[a-zA-Z0-9_-]{1,64}$/);
      expect(`mcp__trekmail__${meta.name}`.length, meta.name).to.be.at.most(64);
      expect(`trekmail${meta.name}`.length, meta.name).to.be.at.most(60);
    }
  });

  it('every tool states its access explicitly, has a one-line description, and describes every parameter', () => {
    const problems: string[] = [];
    for (const { meta, schema } of found) {
      if (!['read', 'write', 'destructive'].includes(meta.access)) problems.push(`${meta.name}: access`);
      if (!meta.description || meta.description.includes('\n') || meta.description.length > 160) problems.push(`${meta.name}: description`);
      const walk = (props: Record<string, JsonSchema>, where: string) => {
        for (const [k, p] of Object.entries(props)) {
          if (!p.description && where === '') problems.push(`${meta.name}.${k}: no description`);
          const inner = ((p.items as JsonSchema | undefined)?.properties ?? p.properties) as Record<string, JsonSchema> | undefined;
          if (inner) walk(inner, `${where}${k}.`);
        }
      };
      walk(schema.properties as Record<string, JsonSchema>, '');
    }
    expect(problems).to.deep.equal([]);
  });

  it('destructive access and the destructive gate go together', () => {
    for (const { meta } of found) {
      if (meta.access === 'destructive') expect(meta.gate, meta.name).to.be.oneOf(['destructive', 'migration']);
    }
  });
});
