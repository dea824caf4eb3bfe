import { performance } from 'node:perf_hooks';
import type { Sandbox } from '../sandbox/server.js';
import { childEnv, errMsg, mad, median, prepare, quantile, rssKb, withTimeout, type Target } from './util.js';

export interface ToolDef {
  name: string;
  description?: string;
  inputSchema: unknown;
  [k: string]: unknown;
}

export interface StartupResult {
  id: string;
  label: string;
  runs: number;
  /** Spawn → tools/list answered, ms. */
  samplesMs: number[];
  medianMs: number;
  minMs: number;
  p90Ms: number;
  /** Median absolute deviation of the samples, ms. */
  madMs: number;
  /** Spawn → initialize answered (connect() resolved), median ms. */
  initMedianMs: number;
  /** initialize answered → tools/list answered, median ms. */
  listMedianMs: number;
  /** VmRSS of the child right after tools/list, median KiB. */
  rssKb?: number;
  toolCount?: number;
  /** The tools array of one measured run, as the client received it. */
  tools?: ToolDef[];
  errors: string[];
}

interface OneRun {
  totalMs: number;
  initMs: number;
  rssKb?: number;
  tools: ToolDef[];
}

/** One cold start: spawn, initialize, tools/list; then close the child. */
async function once(sb: Sandbox, t: Target): Promise<OneRun> {
  const s = prepare(t.script, childEnv(sb, t.tokens), [], t.era);
  try {
    const t0 = performance.now();
    await withTimeout(s.connect(), 30_000, `${t.id} initialize`);
    const t1 = performance.now();
    const { tools } = await withTimeout(s.client.listTools(undefined, { cacheMode: 'bypass' }), 30_000, `${t.id} tools/list`);
    const t2 = performance.now();
    return { totalMs: t2 - t0, initMs: t1 - t0, rssKb: rssKb(s.pid), tools: tools as ToolDef[] };
  } catch (e) {
    const tail = s.stderr().trim().split('\n').slice(-2).join(' | ');
    throw new Error(`${errMsg(e)}${tail ? ` (stderr: ${tail.slice(0, 300)})` : ''}`);
  } finally {
    await s.close();
  }
}

/**
 * Cold start-up of each target, interleaved round-robin (so drift in machine load hits all targets alike), the
 * first round a discarded warm-up (disk cache, V8 code cache).
 */
export async function measureStartup(sb: Sandbox, targets: Target[], runs: number, log: (s: string) => void): Promise<StartupResult[]> {
  const acc = targets.map((t) => ({ t, total: [] as number[], init: [] as number[], rss: [] as number[], tools: undefined as ToolDef[] | undefined, errors: [] as string[] }));
  for (let round = 0; round <= runs; round++) {
    // Rotate the order each round so no target always goes first.
    const order = acc.map((_, i) => acc[(i + round) % acc.length]!);
    for (const a of order) {
      if (a.errors.length >= 3) continue; // a broken deployment: stop retrying it
      try {
        const r = await once(sb, a.t);
        if (round === 0) continue;
        a.total.push(r.totalMs);
        a.init.push(r.initMs);
        if (r.rssKb !== undefined) a.rss.push(r.rssKb);
        a.tools ??= r.tools;
      } catch (e) {
        a.errors.push(errMsg(e));
      }
    }
    log(`  start-up round ${round}/${runs}${round === 0 ? ' (warm-up)' : ''}`);
  }
  return acc.map((a) => ({
    id: a.t.id,
    label: a.t.label,
    runs: a.total.length,
    samplesMs: a.total.map((x) => Math.round(x * 100) / 100),
    medianMs: median(a.total),
    minMs: a.total.length ? Math.min(...a.total) : NaN,
    p90Ms: quantile(a.total, 0.9),
    madMs: mad(a.total),
    initMedianMs: median(a.init),
    listMedianMs: median(a.total.map((x, i) => x - a.init[i]!)),
    rssKb: a.rss.length ? median(a.rss) : undefined,
    toolCount: a.tools?.length,
    tools: a.tools,
    errors: a.errors,
  }));
}
