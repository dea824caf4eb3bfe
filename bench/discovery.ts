import { countTokens } from 'gpt-tokenizer';
import { startCore } from '../core/app.js';
import { loadConfig } from '../core/config.js';
import { discoverPacks } from '../core/discovery.js';
import type { ToolRuntime } from '../core/runtime.js';
import { builtSearch, evaluate, type SearchEvalResult } from './search.js';
import { HELD_OUT, SEARCH_EVAL, TUNE } from './search-eval.js';
import { table } from './util.js';

export interface ModeCost {
  mode: 'full' | 'discover';
  tools: number;
  bytes: number;
  tokens: number;
  instructionsBytes: number;
  instructionsTokens: number;
}

export interface DiscoveryResult {
  modes: ModeCost[];
  search: { tune: Omit<SearchEvalResult, 'misses'>; heldOut: Omit<SearchEvalResult, 'misses'>; all: Omit<SearchEvalResult, 'misses'> };
  /** Mean o200k tokens of one find_tools answer (5 matches with schemas) over the held-out requests. */
  findTokens: number;
  /** What an agent pays to reach a tool in discover mode: the list and instructions once, plus one find answer. */
  firstTaskTokens: number;
}

/** A full deployment (every pack, both tokens, purchases on), in-process, no API calls. */
async function runtimeFor(mode: 'full' | 'discover'): Promise<ToolRuntime> {
  const config = loadConfig({
    TREKMAIL_BASE_URL: 'https://api.trekmail.test', TREKMAIL_API_TOKEN: 'tm_live_bench_probe_0000', TREKMAIL_MESSAGE_TOKEN: 'tm_msg_bench_probe_0000',
    TREKMAIL_SCOPE_AWARE_REGISTRATION: 'false', TREKMAIL_ALLOW_PURCHASES: 'true', TREKMAIL_LOG_LEVEL: 'silent', TREKMAIL_TOOLS: mode,
  });
  return (await startCore(config, { packs: await discoverPacks() })).runtime;
}

const strip = ({ misses: _m, ...r }: SearchEvalResult) => r;

/** tools/list and instructions in both modes, the search evaluation, and the tokens of find answers. */
export async function measureDiscovery(): Promise<DiscoveryResult> {
  const modes: ModeCost[] = [];
  let discover: ToolRuntime | undefined;
  for (const mode of ['full', 'discover'] as const) {
    const rt = await runtimeFor(mode);
    if (mode === 'discover') discover = rt;
    const json = JSON.stringify(rt.list());
    const ins = rt.instructions();
    modes.push({ mode, tools: rt.list().length, bytes: Buffer.byteLength(json), tokens: countTokens(json), instructionsBytes: Buffer.byteLength(ins), instructionsTokens: countTokens(ins) });
  }
  const search = builtSearch();
  let tokens = 0;
  for (const { q } of HELD_OUT) tokens += countTokens((await discover!.call('find_tools', { query: q })).content[0].text);
  const findTokens = Math.round(tokens / HELD_OUT.length);
  const d = modes.find((m) => m.mode === 'discover')!;
  return {
    modes,
    search: { tune: strip(evaluate(search, TUNE)), heldOut: strip(evaluate(search, HELD_OUT)), all: strip(evaluate(search, SEARCH_EVAL)) },
    findTokens,
    firstTaskTokens: d.tokens + d.instructionsTokens + findTokens,
  };
}

/** tools/list budget of TREKMAIL_TOOLS=discover, and the search goals on the held-out half of bench/search-eval.ts. */
export const DISCOVER_BUDGET = 5_000;
export const SEARCH_GOALS = { top1: 0.8, top3: 0.95 };

const kb = (b: number) => `${(b / 1000).toFixed(1)} KB`;
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

/** The bench section: both modes, the evaluation per half, the tokens of reaching a tool. */
export function discoveryReport(d: DiscoveryResult): string {
  const rows = [['tune', d.search.tune], ['held-out', d.search.heldOut], ['all', d.search.all]] as const;
  return [
    '\n## Tool modes: tools/list and instructions (full deployment, in-process; tokens: o200k_base)',
    table(['TREKMAIL_TOOLS', 'tools', 'list bytes', 'list tokens', 'instructions bytes', 'instructions tokens'], d.modes.map((m) => [m.mode, m.tools, kb(m.bytes), m.tokens, m.instructionsBytes, m.instructionsTokens])),
    '\nsearch evaluation (bench/search-eval.ts; tuned on the tune half only):',
    table(['half', 'requests', 'top-1', 'top-3', 'top-5'], rows.map(([n, x]) => [n, x.cases, pct(x.top1), pct(x.top3), pct(x.top5)])),
    `find_tools answer (5 matches with schemas): ${d.findTokens} tokens on average; first task in discover mode (list + instructions + one find): ${d.firstTaskTokens} tokens`,
  ].join('\n');
}

/** PASS/FAIL lines for the bench's target table. */
export function discoveryChecks(d: DiscoveryResult | undefined): { target: string; limit: string; value: string; verdict: 'PASS' | 'FAIL' }[] {
  if (!d) return [{ target: 'discovery', limit: 'measured', value: 'not measured', verdict: 'FAIL' }];
  const disc = d.modes.find((m) => m.mode === 'discover')!;
  const h = d.search.heldOut;
  return [
    { target: 'discover tool list', limit: `≤ ${DISCOVER_BUDGET / 1000} KB`, value: `${kb(disc.bytes)}, ${disc.tools} tools`, verdict: disc.bytes <= DISCOVER_BUDGET ? 'PASS' : 'FAIL' },
    { target: 'search top-3 (held-out)', limit: `≥ ${pct(SEARCH_GOALS.top3)}`, value: `${pct(h.top3)} of ${h.cases}`, verdict: h.top3 >= SEARCH_GOALS.top3 ? 'PASS' : 'FAIL' },
    { target: 'search top-1 (held-out)', limit: `≥ ${pct(SEARCH_GOALS.top1)}`, value: `${pct(h.top1)} of ${h.cases}`, verdict: h.top1 >= SEARCH_GOALS.top1 ? 'PASS' : 'FAIL' },
  ];
}
