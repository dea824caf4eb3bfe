import 'reflect-metadata';
import { execFileSync } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { discoverPacks } from '../core/discovery.js';
import type { PackSpec } from '../core/pack.js';
import { startSandbox, type Sandbox } from '../sandbox/server.js';
import { breakdown, largestTools, measureContext, whatIfs, type ByteBreakdown, type ContextResult, type SchemaSize, type WhatIf } from './context.js';
import { discoveryChecks, discoveryReport, measureDiscovery, type DiscoveryResult } from './discovery.js';
import { IMPORTS, measureImports, packImports, type ImportCost } from './imports.js';
import { measureLatency, type LatencyResult } from './latency.js';
import { markdown } from './markdown.js';
import { measureModules, type ModulesResult } from './modules.js';
import { measureStartup, type StartupResult } from './startup.js';
import { BUILD_DIR, ENTRY, FLOOR, errMsg, projectRoot, ratioInterval, round, table, type Target } from './util.js';

/**
 * `npm run bench` (or `node build/bench/run.js [--quick] [--runs N]`): start-up against a floor, modules and memory,
 * context cost, per-call overhead and throughput, dependency import costs. Prints tables and PASS/FAIL per target,
 * writes bench/results/latest.json. Never fails the process on a missed target; talks to 127.0.0.1 only.
 */
const argv = process.argv.slice(2);
const quick = argv.includes('--quick');
const argRuns = argv.indexOf('--runs') >= 0 ? Number(argv[argv.indexOf('--runs') + 1]) : undefined;
const RUNS = argRuns && argRuns > 0 ? Math.min(argRuns, 50) : quick ? 3 : 15;
const IMPORT_RUNS = quick ? 2 : 5;
const LATENCY = quick ? { timeMs: 700, windowMs: 700, levels: [1, 8, 64] } : { timeMs: 2500, windowMs: 2000, levels: [1, 8, 64] };
/** Catalog size the full deployment grows to (README). */
const CATALOG_TOOLS = 272;
/** tools/list budget for the whole catalog (272 tools and the preview tool), bytes of JSON. */
const LIST_BUDGET = 100_000;

/** Both protocol eras: 2025-11-25 (initialize handshake) and 2026-07-28 (the `-2026` targets: no handshake). */
const TARGETS: Target[] = [
  { id: 'floor', label: 'floor (SDK, 1 tool)', script: FLOOR, tokens: [] },
  { id: 'verifier', label: 'verifier-only (ops:nano)', script: ENTRY, tokens: ['ops:nano'] },
  { id: 'drive', label: 'drive-only (ops:drive)', script: ENTRY, tokens: ['ops:drive'] },
  { id: 'full', label: 'full (ops:pro + message:pro)', script: ENTRY, tokens: ['ops:pro', 'message:pro'] },
  { id: 'floor-2026', label: 'floor, 2026-07-28', script: FLOOR, tokens: [], era: 'modern' },
  { id: 'verifier-2026', label: 'verifier-only, 2026-07-28', script: ENTRY, tokens: ['ops:nano'], era: 'modern' },
  { id: 'full-2026', label: 'full, 2026-07-28', script: ENTRY, tokens: ['ops:pro', 'message:pro'], era: 'modern' },
];
/** Deployments measured for modules and context (one era: the list is the same on both). */
const DEPLOYMENTS = TARGETS.filter((t) => !t.id.startsWith('floor') && !t.era);
/** The floor a target is compared with: the same SDK, the same era. */
const floorOf = (id: string) => (id.endsWith('-2026') ? 'floor-2026' : 'floor');

const log = (s: string) => process.stderr.write(`${s}\n`);
const out = (s = '') => process.stdout.write(`${s}\n`);

export interface TargetCheck {
  target: string;
  limit: string;
  value: string;
  /** PENDING: not measurable yet (e.g. the catalog's packs are not all written). */
  verdict: 'PASS' | 'FAIL' | 'PENDING';
}

/** The emulator, with routes of every pack whose sandbox module loads (a pack mid-edit must not stop the bench). */
async function sandbox(warnings: string[]): Promise<Sandbox> {
  const usable: PackSpec[] = [];
  for (const p of await discoverPacks()) {
    if (!p.sandbox) {
      usable.push(p);
      continue;
    }
    try {
      await p.sandbox();
      usable.push(p);
    } catch (e) {
      warnings.push(`pack ${p.id}: sandbox routes not loadable (${errMsg(e)}); left out of the emulator`);
    }
  }
  return startSandbox({ rateLimit: { limit: 1e9, windowMs: 1000 }, packs: usable });
}

function environment() {
  const root = projectRoot();
  let commit: string | undefined;
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, stdio: ['ignore', 'pipe', 'ignore'], timeout: 5000 }).toString().trim();
  } catch {
    commit = undefined;
  }
  const readJson = (path: string): any => {
    try {
      return JSON.parse(readFileSync(path, 'utf8'));
    } catch {
      return undefined;
    }
  };
  const sdk = readJson(join(root, 'node_modules/@modelcontextprotocol/server/package.json'))?.version as string | undefined;
  const recorded = readJson(join(BUILD_DIR, 'manifest.json')) as Record<string, unknown[]> | undefined;
  const manifestTools = recorded ? Object.values(recorded).flat().length : undefined;
  return {
    date: new Date().toISOString(),
    commit,
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model,
    sdk,
    buildDir: BUILD_DIR,
    manifest: manifestTools === undefined ? 'absent (start-up generates schemas with class-validator-jsonschema)' : `${manifestTools} tools`,
    runs: RUNS,
    quick,
    /** 1-minute load average when the run started: other work on the machine skews every figure. */
    loadAverage: round(loadavg()[0], 2),
  };
}

const kb = (bytes: number | undefined) => (bytes === undefined ? undefined : `${(bytes / 1000).toFixed(1)} KB`);
const ms = (x: number | undefined, d = 1) => (x === undefined || !Number.isFinite(x) ? undefined : `${x.toFixed(d)} ms`);
const mb = (kib: number | undefined) => (kib === undefined ? undefined : `${(kib / 1024).toFixed(1)} MB`);

/** Median ratio to the floor and its 95% bootstrap interval. */
function ratioOf(r: StartupResult, floor: StartupResult | undefined): { ratio?: number; interval?: [number, number] } {
  if (!floor?.runs || !r.runs) return {};
  return { ratio: r.medianMs / floor.medianMs, interval: ratioInterval(r.samplesMs, floor.samplesMs) };
}

function printStartup(rows: StartupResult[], mods: ModulesResult[]) {
  out(`\n## Start-up: spawn → tools/list answered (median of ${RUNS} cold starts per target, interleaved, after 1 warm-up round)`);
  out(
    table(
      ['target', 'tools', 'median', 'MAD', 'min', 'p90', 'ratio', '95% CI', 'init', 'list', 'RSS', 'modules', 'ours', 'deps'],
      rows.map((r) => {
        const m = mods.find((x) => x.id === r.id);
        const { ratio, interval } = ratioOf(r, rows.find((x) => x.id === floorOf(r.id)));
        return [
          r.label,
          r.toolCount,
          ms(r.medianMs),
          ms(r.madMs),
          ms(r.minMs),
          ms(r.p90Ms),
          ratio === undefined ? undefined : `${ratio.toFixed(2)}×`,
          interval && !r.id.startsWith('floor') ? `${interval[0].toFixed(2)}–${interval[1].toFixed(2)}` : undefined,
          ms(r.initMedianMs),
          ms(r.listMedianMs),
          mb(r.rssKb),
          m?.total,
          m?.ours,
          m?.deps,
        ];
      }),
    ),
  );
  out('init = spawn → initialize answered; list = initialize → tools/list answered; RSS = child VmRSS after tools/list;');
  out('95% CI = bootstrap interval of the ratio of medians; modules = files loaded (one extra recorded start, not timed).');
  for (const r of rows) for (const e of r.errors) out(`! ${r.id}: ${e}`);
}

function printModules(mods: ModulesResult[]) {
  out('\n## Modules loaded per deployment (files; recorder: bench/record-all.js = test/record-modules.js + CommonJS loads)');
  const names = [...new Set(mods.flatMap((m) => m.packages.map((p) => p.name)))];
  const totalOf = (n: string) => mods.reduce((s, m) => s + (m.packages.find((p) => p.name === n)?.modules ?? 0), 0);
  names.sort((a, b) => totalOf(b) - totalOf(a));
  const cell = (m: ModulesResult, n: string) => {
    const p = m.packages.find((x) => x.name === n);
    return p ? `${p.modules} (${p.kb} KB)` : '';
  };
  out(
    table(
      ['package', ...mods.map((m) => m.id)],
      [
        ...names.map((n) => [n, ...mods.map((m) => cell(m, n))]),
        ['ours (build/)', ...mods.map((m) => `${m.ours} (${m.oursKb} KB)`)],
        ['total', ...mods.map((m) => `${m.total} (${m.oursKb + m.depsKb} KB)`)],
      ],
    ),
  );
  for (const m of mods) {
    if (m.ours) out(`ours in ${m.id}: ${Object.entries(m.oursByDir).map(([d, n]) => `${d} ${n}`).join(', ')}`);
    for (const e of m.errors) out(`! ${m.id}: ${e}`);
  }
}

function printContext(ctx: ContextResult[], largest: SchemaSize[], parts: ByteBreakdown[], ifs: WhatIf[]) {
  out('\n## Context cost of tools/list (JSON.stringify of the tools array; tokens: gpt-tokenizer o200k_base)');
  out(table(['deployment', 'tools', 'bytes', 'tokens', 'bytes/tool'], ctx.map((c) => [c.label, c.tools, kb(c.bytes), c.tokens, c.tools ? Math.round(c.bytes / c.tools) : undefined])));
  out('\nper pack:');
  const rows: (string | number | undefined)[][] = [];
  for (const c of ctx) for (const p of c.perPack) rows.push([c.id, p.pack, p.tools, kb(p.bytes), p.tokens, p.tools ? Math.round(p.bytes / p.tools) : undefined]);
  out(table(['deployment', 'pack', 'tools', 'bytes', 'tokens', 'bytes/tool'], rows));
  out('\nlargest ten tool definitions (full deployment):');
  out(table(['tool', 'pack', 'bytes', 'tokens'], largest.map((l) => [l.name, l.pack, l.bytes, l.tokens])));
  if (parts.length) {
    out('\nwhere the bytes go (full deployment):');
    out(table(['part', 'bytes', 'share'], parts.map((p) => [p.part, p.bytes, `${(p.share * 100).toFixed(1)}%`])));
  }
  const full = ctx.find((c) => c.id === 'full');
  if (ifs.length && full) {
    out('\nwhat the core could save (each change alone, on the full list):');
    out(table(['change', 'bytes after', 'saved', 'per tool'], ifs.map((w) => [w.change, kb(w.bytes), kb(w.saved), Math.round(w.saved / Math.max(1, full.tools))])));
  }
  for (const c of ctx) for (const e of c.errors) out(`! ${c.id}: ${e}`);
}

function printLatency(l: LatencyResult) {
  out(`\n## Per-call overhead: ${l.tool} through MCP vs the same ${l.route} with fetch (token ${l.token}; tinybench)`);
  out(
    table(
      ['path', 'samples', 'mean', 'p50', 'p99'],
      [
        ['direct fetch', l.direct?.samples, ms(l.direct?.meanMs, 3), ms(l.direct?.p50Ms, 3), ms(l.direct?.p99Ms, 3)],
        ['direct node:http (keep-alive, reference)', l.directHttp?.samples, ms(l.directHttp?.meanMs, 3), ms(l.directHttp?.p50Ms, 3), ms(l.directHttp?.p99Ms, 3)],
        ['floor echo tool via MCP (SDK + stdio only, reference)', l.floorCall?.samples, ms(l.floorCall?.meanMs, 3), ms(l.floorCall?.p50Ms, 3), ms(l.floorCall?.p99Ms, 3)],
        ['MCP tools/call', l.mcp?.samples, ms(l.mcp?.meanMs, 3), ms(l.mcp?.p50Ms, 3), ms(l.mcp?.p99Ms, 3)],
        ['added by MCP (MCP − direct fetch)', undefined, l.mcp && l.direct ? ms(l.mcp.meanMs - l.direct.meanMs, 3) : undefined, ms(l.addedP50Ms, 3), ms(l.addedP99Ms, 3)],
      ],
    ),
  );
  if (l.mcp && l.direct && l.floorCall) {
    out(`of the added p50: SDK + stdio round trip ≈ ${ms(l.floorCall.p50Ms, 3)} (floor echo), core + server's HTTP client ≈ ${ms(l.mcp.p50Ms - l.direct.p50Ms - l.floorCall.p50Ms, 3)}`);
  }
  out('\nthroughput:');
  out(
    table(
      ['in flight', 'path', 'calls', 'calls/s', 'p50', 'p99', 'errors'],
      l.throughput.map((t) => [t.inFlight, t.mode, t.calls, Math.round(t.callsPerSec), ms(t.p50Ms, 2), ms(t.p99Ms, 2), t.errors]),
    ),
  );
  for (const t of l.throughput) if (t.firstError) out(`! ${t.mode} × ${t.inFlight}: first error: ${t.firstError}`);
  for (const e of l.errors) out(`! latency: ${e}`);
}

function printImports(imports: ImportCost[]) {
  out(`\n## Import cost in isolation (fresh node process each, median of ${IMPORT_RUNS}; includes what the module pulls in)`);
  out('"first … request" rows time a process\'s first HTTP request to a loopback server instead of an import.');
  out(table(['module', 'import', 'RSS +', 'process age'], imports.map((i) => [i.label, i.error ? `error: ${i.error.slice(0, 60)}` : ms(i.importMs), mb(i.rssKb), ms(i.sinceStartMs)])));
}

/**
 * "A pack that is not eligible costs nothing": in each deployment, the files loaded from a pack that lists no tool
 * there must be its declaration (`<pack>.plugin.js`) and nothing else.
 */
function ineligibleCost(mods: ModulesResult[], ctx: ContextResult[]): TargetCheck {
  const extra: string[] = [];
  let declarations = 0;
  for (const c of ctx) {
    const m = mods.find((x) => x.id === c.id);
    if (!m) continue;
    const eligible = new Set(c.perPack.map((p) => p.pack));
    for (const f of m.pluginFiles) {
      const pack = f.split('/')[1]!;
      if (eligible.has(pack)) continue;
      if (f === `plugins/${pack}/${pack}.plugin.js`) declarations++;
      else extra.push(`${c.id}: ${f}`);
    }
  }
  if (!ctx.length || !mods.length) return { target: 'ineligible packs', limit: 'declaration only', value: 'not measured', verdict: 'FAIL' };
  return {
    target: 'ineligible packs',
    limit: 'declaration file only',
    value: extra.length ? `also loaded ${extra.slice(0, 3).join(', ')}${extra.length > 3 ? ` (+${extra.length - 3})` : ''}` : `${declarations} declaration files over ${ctx.length} deployments, no tool code`,
    verdict: extra.length ? 'FAIL' : 'PASS',
  };
}

function checks(start: StartupResult[], ctx: ContextResult[], lat: LatencyResult | undefined, mods: ModulesResult[]): TargetCheck[] {
  const by = (id: string) => start.find((r) => r.id === id);
  const ratio = (id: string) => {
    const floor = by(floorOf(id));
    return floor?.runs && by(id)?.runs ? by(id)!.medianMs / floor.medianMs : NaN;
  };
  const ci = (id: string) => {
    const r = by(id);
    const floor = by(floorOf(id));
    const i = r && floor ? ratioInterval(r.samplesMs, floor.samplesMs) : undefined;
    return i ? ` (95% CI ${i[0].toFixed(2)}–${i[1].toFixed(2)})` : '';
  };
  const full = ctx.find((c) => c.id === 'full');
  const at64 = lat?.throughput.find((t) => t.mode === 'mcp' && t.inFlight === 64);
  const r = (x: number) => (Number.isFinite(x) ? `${x.toFixed(2)}×` : 'not measured');
  const v = (ok: boolean): TargetCheck['verdict'] => (ok ? 'PASS' : 'FAIL');
  let listVerdict: TargetCheck['verdict'] = 'FAIL';
  let listValue = 'not measured';
  if (full) {
    const projected = (full.bytes / Math.max(1, full.tools)) * CATALOG_TOOLS;
    listValue = `${kb(full.bytes)}, ${full.tools} tools`;
    if (full.tools >= CATALOG_TOOLS) listVerdict = v(full.bytes <= LIST_BUDGET);
    else {
      listValue += `; ${CATALOG_TOOLS} at this bytes/tool ≈ ${kb(projected)}`;
      listVerdict = full.bytes > LIST_BUDGET ? 'FAIL' : 'PENDING';
    }
  }
  return [
    { target: 'verifier-only start-up (2025-11-25)', limit: '≤ 1.3× floor', value: r(ratio('verifier')) + ci('verifier'), verdict: v(ratio('verifier') <= 1.3) },
    { target: 'verifier-only start-up (2026-07-28)', limit: '≤ 1.3× floor', value: r(ratio('verifier-2026')) + ci('verifier-2026'), verdict: v(ratio('verifier-2026') <= 1.3) },
    { target: 'full start-up (2025-11-25)', limit: '≤ 2× floor', value: r(ratio('full')) + ci('full'), verdict: v(ratio('full') <= 2) },
    { target: 'full start-up (2026-07-28)', limit: '≤ 2× floor', value: r(ratio('full-2026')) + ci('full-2026'), verdict: v(ratio('full-2026') <= 2) },
    { target: `full tool list (${CATALOG_TOOLS} tools)`, limit: `≤ ${LIST_BUDGET / 1000} KB`, value: listValue, verdict: listVerdict },
    { target: 'added latency', limit: '≤ 1 ms p50', value: ms(lat?.addedP50Ms, 3) ?? 'not measured', verdict: v(lat?.addedP50Ms !== undefined && lat.addedP50Ms <= 1) },
    ineligibleCost(mods, ctx),
    {
      target: '64 calls in flight',
      limit: 'no error',
      value: at64 ? `${at64.calls} calls, ${at64.errors} errors` : 'not measured',
      verdict: v(!!at64 && at64.calls > 0 && at64.errors === 0),
    },
  ];
}

async function main(): Promise<void> {
  const started = Date.now();
  const warnings: string[] = [];
  for (const f of [ENTRY, FLOOR]) if (!existsSync(f)) throw new Error(`${f} missing: build first (npm run build)`);
  const env = environment();
  if (env.manifest.startsWith('absent')) warnings.push(`no ${join(BUILD_DIR, 'manifest.json')}: run the full build (npm run build) to measure what users run`);
  const sb = await sandbox(warnings);
  const results: Record<string, unknown> = { environment: env, warnings };
  let startup: StartupResult[] = [];
  let mods: ModulesResult[] = [];
  const ctx: ContextResult[] = [];
  let largest: SchemaSize[] = [];
  let parts: ByteBreakdown[] = [];
  let ifs: WhatIf[] = [];
  let lat: LatencyResult | undefined;
  let imports: ImportCost[] = [];
  let disc: DiscoveryResult | undefined;
  try {
    log('  discovery: both tool modes and the search evaluation');
    disc = await measureDiscovery().catch((e) => void warnings.push(`discovery not measured: ${errMsg(e)}`));
    log(`bench: sandbox at ${sb.url}; ${RUNS} start-up runs per target`);
    startup = await measureStartup(sb, TARGETS, RUNS, log);
    log('  modules: one recorded start per target');
    mods = await measureModules(sb, TARGETS.filter((t) => !t.era));
    log('  context: tools/list size per deployment and pack');
    for (const t of DEPLOYMENTS) {
      const tools = startup.find((s) => s.id === t.id)?.tools;
      if (!tools) continue;
      const { result, packOf } = await measureContext(sb, t, tools);
      ctx.push(result);
      if (t.id === 'full') {
        largest = largestTools(tools, packOf);
        parts = breakdown(tools);
        ifs = whatIfs(tools);
      }
    }
    lat = await measureLatency(sb, LATENCY, log);
    imports = await measureImports([...IMPORTS, ...packImports((await discoverPacks()).map((p) => p.id))], IMPORT_RUNS, log);
  } finally {
    await sb.close();
  }

  const verdicts = [...checks(startup, ctx, lat, mods), ...discoveryChecks(disc)];
  out(`# trekmail-mcp bench ${env.date}${env.commit ? ` @ ${env.commit}` : ''}`);
  out(`node ${env.node}, ${env.platform}, ${env.cpus} CPUs (${env.cpuModel ?? '?'}), load ${env.loadAverage}, SDK ${env.sdk ?? '?'}, build ${env.buildDir}, manifest: ${env.manifest}`);
  for (const w of warnings) out(`! ${w}`);
  printStartup(startup, mods);
  printModules(mods);
  printContext(ctx, largest, parts, ifs);
  if (lat) printLatency(lat);
  if (disc) out(discoveryReport(disc));
  printImports(imports);
  out('\n## Targets');
  out(table(['target', 'limit', 'measured', 'verdict'], verdicts.map((v) => [v.target, v.limit, v.value, v.verdict])));

  Object.assign(results, {
    startup: startup.map(({ tools: _tools, ...r }) => {
      const { ratio, interval } = ratioOf(r, startup.find((x) => x.id === floorOf(r.id)));
      return {
        ...r,
        medianMs: round(r.medianMs, 2),
        madMs: round(r.madMs, 2),
        minMs: round(r.minMs, 2),
        p90Ms: round(r.p90Ms, 2),
        initMedianMs: round(r.initMedianMs, 2),
        listMedianMs: round(r.listMedianMs, 2),
        ratioToFloor: round(ratio, 3),
        ratioCi95: interval?.map((x) => round(x, 3)),
      };
    }),
    modules: mods,
    context: { deployments: ctx, largestTools: largest, breakdown: parts, whatIf: ifs },
    latency: lat,
    imports,
    discovery: disc,
    targets: verdicts,
    durationSeconds: Math.round((Date.now() - started) / 1000),
  });
  const dir = join(projectRoot(), 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'latest.json');
  writeFileSync(file, JSON.stringify(results, null, 2) + '\n');
  const md = join(dir, 'latest.md');
  writeFileSync(md, markdown({ env, startup, mods, ctx, lat, verdicts, catalogTools: CATALOG_TOOLS }));
  out(`\nwritten ${file} and ${md} (${Math.round((Date.now() - started) / 1000)} s)`);
}

main().then(
  () => process.exit(0),
  (err) => {
    process.stderr.write(`bench failed: ${(err as Error)?.stack ?? err}\n`);
    process.exit(1);
  },
);
