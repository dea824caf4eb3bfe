import { expect } from 'chai';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { discoverPacks } from '../core/discovery.js';
import { toolClassesOf } from '../core/pack.js';

/** The source tree (this file runs from build/test). */
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SKIP = new Set(['node_modules', 'build', '.git', 'docs', 'snapshots']);

function sources(dir = ROOT): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    if (SKIP.has(name) || name.startsWith('build-')) continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...sources(p));
    else if (name.endsWith('.ts') && !name.endsWith('.d.ts')) out.push(relative(ROOT, p));
  }
  return out;
}

/** Every module a file imports (static, re-exports, type-only and dynamic), as paths relative to the root. */
function importsOf(file: string): string[] {
  const text = readFileSync(join(ROOT, file), 'utf8');
  const specs = [...text.matchAll(/(?:from\s+|import\s*\(\s*|import\s+)'(\.{1,2}\/[^']+)'/g)].map((m) => m[1]);
  return specs.map((s) => normalize(join(dirname(file), s)).replace(/\.js$/, '.ts'));
}

const packOf = (file: string) => /^plugins\/([^/]+)\//.exec(file)?.[1];

/** The shape the layout rules of DEVELOPERS.md and style.md describe, asserted so a new pack copies the right one. */
describe('structure: packs, plugin API and layout', () => {
  const files = sources();

  it('no pack imports another pack', () => {
    const bad = files.flatMap((f) => importsOf(f).filter((i) => packOf(f) && packOf(i) && packOf(i) !== packOf(f)).map((i) => `${f} → ${i}`));
    expect(bad).to.deep.equal([]);
  });

  it('core/plugin-api.ts is the only core module a pack imports; its declaration imports core/pack-api.ts only', () => {
    const allowed = (f: string) => (/^plugins\/([^/]+)\/\1\.plugin\.ts$/.test(f) ? 'core/pack-api.ts' : 'core/plugin-api.ts');
    const bad = files.filter((f) => packOf(f)).flatMap((f) => importsOf(f).filter((i) => i.startsWith('core/') && i !== allowed(f)).map((i) => `${f} → ${i}`));
    expect(bad).to.deep.equal([]);
  });

  it('the core has no import ring, not even a type-only one', () => {
    const core = files.filter((f) => f.startsWith('core/') && !f.endsWith('.spec.ts'));
    const edges = new Map(core.map((f) => [f, importsOf(f).filter((i) => i.startsWith('core/'))]));
    const rings: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const visit = (f: string, path: string[]) => {
      if (state.get(f) === 'done') return;
      if (state.get(f) === 'open') return void rings.push([...path.slice(path.indexOf(f)), f].join(' → '));
      state.set(f, 'open');
      for (const g of edges.get(f) ?? []) visit(g, [...path, f]);
      state.set(f, 'done');
    };
    expect([...edges.values()].flat().length, 'the import graph was read').to.be.greaterThan(30);
    for (const f of core) visit(f, []);
    expect(rings).to.deep.equal([]);
  });

  it("every pack's emulator is laid out as sandbox/{index,state,<area>}.ts with a sandbox spec of its own", async () => {
    const problems: string[] = [];
    for (const pack of await discoverPacks()) {
      if (!pack.sandbox) continue;
      const dir = `plugins/${pack.id}`;
      for (const f of ['sandbox/index.ts', 'sandbox/state.ts', 'sandbox.spec.ts']) if (!existsSync(join(ROOT, dir, f))) problems.push(`${dir}/${f} missing`);
      if (existsSync(join(ROOT, dir, 'sandbox.ts'))) problems.push(`${dir}/sandbox.ts: move it into ${dir}/sandbox/`);
    }
    expect(problems).to.deep.equal([]);
  });

  it('no source file is over 400 lines', () => {
    const long = files.filter((f) => !f.startsWith('test/snapshots')).map((f) => [f, readFileSync(join(ROOT, f), 'utf8').split('\n').length] as const).filter(([, n]) => n > 400);
    expect(long.map(([f, n]) => `${f}: ${n}`)).to.deep.equal([]);
  });

  it("a pack's declared areas are exactly its tools' areas, and every tool area file has its spec beside it", async () => {
    const problems: string[] = [];
    for (const pack of await discoverPacks()) {
      const areas = new Set(toolClassesOf((await pack.tools()).default).map((t) => t.area));
      const declared = new Set(pack.areas ?? []);
      for (const a of areas) if (!declared.has(a)) problems.push(`${pack.id}: area ${a} has tools but is not in the declaration (TREKMAIL_TOOLSETS would not know it)`);
      for (const a of declared) if (!areas.has(a)) problems.push(`${pack.id}: declared area ${a} has no tools`);
      for (const a of pack.defaultAreas ?? []) if (!declared.has(a)) problems.push(`${pack.id}: default area ${a} is not one of its areas`);
      const toolsDir = join(ROOT, 'plugins', pack.id, 'tools');
      for (const f of readdirSync(toolsDir).filter((n) => n.endsWith('.ts') && !n.endsWith('.spec.ts'))) {
        if (/@Tool\(/.test(readFileSync(join(toolsDir, f), 'utf8')) && !existsSync(join(toolsDir, f.replace(/\.ts$/, '.spec.ts')))) problems.push(`plugins/${pack.id}/tools/${f}: no spec beside it`);
      }
    }
    expect(problems).to.deep.equal([]);
  });
});
