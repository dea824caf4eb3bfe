import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';
import { Bench } from 'tinybench';
import type { Sandbox } from '../sandbox/server.js';
import { ENTRY, FLOOR, childEnv, errMsg, prepare, quantile, withTimeout } from './util.js';

export interface LatencyStats {
  samples: number;
  meanMs: number;
  p50Ms: number;
  p99Ms: number;
}

export interface ThroughputRow {
  inFlight: number;
  mode: 'mcp' | 'direct';
  calls: number;
  errors: number;
  firstError?: string;
  seconds: number;
  callsPerSec: number;
  p50Ms: number;
  p99Ms: number;
}

export interface LatencyResult {
  tool: string;
  token: string;
  route: string;
  mcp?: LatencyStats;
  direct?: LatencyStats;
  /** The same request with node:http and a keep-alive agent (reference: what the HTTP hop itself costs). */
  directHttp?: LatencyStats;
  /** The floor server's echo tool through MCP: the SDK + stdio round trip alone, no HTTP (reference). */
  floorCall?: LatencyStats;
  /** MCP minus direct, per percentile. */
  addedP50Ms?: number;
  addedP99Ms?: number;
  throughput: ThroughputRow[];
  errors: string[];
}

export interface LatencyOptions {
  /** tinybench time budget per task, ms. */
  timeMs: number;
  /** Throughput window per (mode, in-flight) pair, ms. */
  windowMs: number;
  levels: number[];
}

type Op = () => Promise<void>;

/** Runs `op` with `inFlight` calls outstanding for `windowMs`, counting completions and errors. */
async function saturate(op: Op, inFlight: number, windowMs: number): Promise<Omit<ThroughputRow, 'inFlight' | 'mode'>> {
  const lat: number[] = [];
  let calls = 0;
  let errors = 0;
  let firstError: string | undefined;
  const start = performance.now();
  const end = start + windowMs;
  const worker = async () => {
    while (performance.now() < end) {
      const t0 = performance.now();
      try {
        await op();
        calls++;
        lat.push(performance.now() - t0);
      } catch (e) {
        errors++;
        firstError ??= errMsg(e);
      }
    }
  };
  await Promise.all(Array.from({ length: inFlight }, worker));
  const seconds = (performance.now() - start) / 1000;
  return { calls, errors, firstError, seconds, callsPerSec: calls / seconds, p50Ms: quantile(lat, 0.5), p99Ms: quantile(lat, 0.99) };
}

/** Latency samples (ms) of a finished tinybench task. */
function samplesOf(task: { result: unknown } | undefined): number[] {
  const r = task?.result as { state: string; latency?: { samples?: ArrayLike<number> }; error?: Error } | undefined;
  if (!r) return [];
  if (r.state === 'errored') throw new Error(`task failed: ${errMsg(r.error)}`);
  return Array.from(r.latency?.samples ?? []);
}

function stats(xs: number[]): LatencyStats | undefined {
  if (!xs.length) return undefined;
  return { samples: xs.length, meanMs: xs.reduce((s, x) => s + x, 0) / xs.length, p50Ms: quantile(xs, 0.5), p99Ms: quantile(xs, 0.99) };
}

/**
 * Per-call overhead: `verify_credits` through MCP (one connected client, full deployment) against the same GET sent
 * straight to the sandbox with fetch (same Authorization and Accept headers, body parsed as JSON in both).
 */
export async function measureLatency(sb: Sandbox, opts: LatencyOptions, log: (s: string) => void): Promise<LatencyResult> {
  const tokenName = 'ops:pro';
  const token = sb.allTokens[tokenName]!;
  const url = `${sb.url}/api/v1/verify/credits`;
  const out: LatencyResult = { tool: 'verify_credits', token: tokenName, route: 'GET /api/v1/verify/credits', throughput: [], errors: [] };
  const s = prepare(ENTRY, childEnv(sb, [tokenName, 'message:pro']));
  const floor = prepare(FLOOR, childEnv(sb, []));
  try {
    await withTimeout(s.connect(), 30_000, 'latency server initialize');
    await withTimeout(floor.connect(), 30_000, 'floor server initialize');
    const floorCall: Op = async () => {
      await floor.client.callTool({ name: 'echo', arguments: { text: 'ok' } }, { timeout: 30_000 });
    };
    const mcp: Op = async () => {
      const r = (await s.client.callTool({ name: 'verify_credits', arguments: {} }, { timeout: 30_000 })) as { isError?: boolean; content?: { text?: string }[] };
      if (r.isError) throw new Error(`tool error: ${r.content?.[0]?.text?.slice(0, 200)}`);
    };
    const direct: Op = async () => {
      const res = await fetch(url, { headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' } });
      const body = (await res.json()) as unknown;
      if (!res.ok) throw new Error(`HTTP ${res.status}: ${JSON.stringify(body).slice(0, 200)}`);
    };
    const agent = new Agent({ keepAlive: true });
    const directHttp: Op = () =>
      new Promise<void>((resolve, reject) => {
        request(url, { agent, headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' } }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (d: Buffer) => chunks.push(d));
          res.on('end', () => {
            const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
            if ((res.statusCode ?? 0) >= 300) reject(new Error(`HTTP ${res.statusCode}: ${JSON.stringify(body).slice(0, 200)}`));
            else resolve();
          });
        })
          .on('error', reject)
          .end();
      });
    // Fail fast, with the real message, if a path is broken.
    await mcp();
    await direct();
    await directHttp();
    await floorCall();

    // tinybench in ABBA rounds (direct, MCP, MCP, direct, …) with samples kept and merged, so drift in machine load
    // (other processes on a small box) hits both paths alike; added latency = difference of the merged quantiles.
    const rounds = 4;
    type Name = 'direct' | 'mcp' | 'directHttp' | 'floorCall';
    const merged: Record<Name, number[]> = { direct: [], mcp: [], directHttp: [], floorCall: [] };
    log('  latency: tinybench, direct fetch vs MCP tools/call (node:http and the floor\'s echo for reference), 4 ABBA rounds');
    for (let round = 0; round < rounds; round++) {
      const bench = new Bench({ time: opts.timeMs / rounds, iterations: 50, warmupTime: round ? 50 : 300, warmupIterations: round ? 10 : 50, retainSamples: true });
      const tasks: [Name, Op][] = [['floorCall', floorCall], ['directHttp', directHttp], ['direct', direct], ['mcp', mcp]];
      const order = round % 2 ? tasks.reverse() : tasks;
      for (const [name, op] of order) bench.add(name, op);
      await bench.run();
      for (const [name] of order) merged[name].push(...samplesOf(bench.getTask(name)));
    }
    agent.destroy();
    out.direct = stats(merged.direct);
    out.mcp = stats(merged.mcp);
    out.directHttp = stats(merged.directHttp);
    out.floorCall = stats(merged.floorCall);
    if (out.mcp && out.direct) {
      out.addedP50Ms = out.mcp.p50Ms - out.direct.p50Ms;
      out.addedP99Ms = out.mcp.p99Ms - out.direct.p99Ms;
    }

    for (const inFlight of opts.levels) {
      for (const [mode, op] of [['direct', direct], ['mcp', mcp]] as const) {
        await saturate(op, inFlight, Math.min(300, opts.windowMs)); // warm the connections at this level
        const r = await saturate(op, inFlight, opts.windowMs);
        out.throughput.push({ inFlight, mode, ...r });
        log(`  throughput: ${mode} × ${inFlight} in flight: ${Math.round(r.callsPerSec)} calls/s, ${r.errors} errors`);
      }
    }
  } catch (e) {
    const tail = s.stderr().trim().split('\n').slice(-2).join(' | ');
    out.errors.push(`${errMsg(e)}${tail ? ` (stderr: ${tail.slice(0, 300)})` : ''}`);
  } finally {
    await s.close();
    await floor.close();
  }
  return out;
}
