import { Client, type DiscoverResult } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Sandbox } from '../sandbox/server.js';

/** Paths relative to this compiled file, so the bench works from any outDir (build/, build-bench/, …). */
export const BUILD_DIR = fileURLToPath(new URL('../', import.meta.url));
export const ENTRY = fileURLToPath(new URL('../index.js', import.meta.url));
export const FLOOR = fileURLToPath(new URL('./floor-server.js', import.meta.url));
export const RECORDER = fileURLToPath(new URL('./record-all.js', import.meta.url));
export const PROBE = fileURLToPath(new URL('./import-probe.js', import.meta.url));

/** The package root: the nearest parent of the build dir holding our package.json (else the working directory). */
export function projectRoot(): string {
  let dir = dirname(BUILD_DIR.replace(/\/$/, ''));
  for (let i = 0; i < 6; i++) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg)) {
      try {
        if (JSON.parse(readFileSync(pkg, 'utf8')).name === 'trekmail-mcp') return dir;
      } catch {
        /* keep looking */
      }
    }
    const up = dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return process.cwd();
}

/** A server set-up the bench spawns: a deployment of trekmail-mcp, or the floor. */
export interface Target {
  id: string;
  label: string;
  /** Script to run (ENTRY or FLOOR). */
  script: string;
  /** Demo token names (`ops:nano`, `ops:drive`, `ops:pro`, `message:pro`). */
  tokens: string[];
  /** The protocol era the client speaks (default legacy: initialize; modern: 2026-07-28, no handshake). */
  era?: 'legacy' | 'modern';
}

/**
 * What a 2026-07-28 client already knows of a server it has talked to before (the discover result it cached): with
 * it, the first message of a modern connection is the real request, as a host with a warm cache sends it. The probe
 * itself (server/discover) is measured apart, on the SDK client's own path (a sibling process per probe on stdio).
 */
export const PRIOR_DISCOVER = (name: string): DiscoverResult =>
  ({ supportedVersions: ['2026-07-28'], capabilities: { tools: { listChanged: false } }, serverInfo: { name, version: '1.0.0' } }) as DiscoverResult;

/** The child's environment: minimal and fixed (like test/e2e.ts), so the parent's NODE_OPTIONS etc. don't leak in. */
export function childEnv(sb: Sandbox, tokens: string[], extra: Record<string, string> = {}): Record<string, string> {
  // Purchases on: the full deployment is the whole catalog (the commerce pack loads only for tokens holding billing:autopay).
  const env: Record<string, string> = { PATH: process.env.PATH ?? '', TREKMAIL_BASE_URL: sb.url, TREKMAIL_LOG_LEVEL: 'warn', TREKMAIL_ALLOW_PURCHASES: 'true', ...extra };
  for (const name of tokens) {
    const t = sb.allTokens[name];
    if (!t) throw new Error(`no demo token ${name}`);
    env[name.startsWith('ops') ? 'TREKMAIL_API_TOKEN' : 'TREKMAIL_MESSAGE_TOKEN'] = t;
  }
  return env;
}

export interface Spawned {
  client: Client;
  /** Connects in the target's era (modern: adopting a cached discover result, zero round trips before the request). */
  connect(): Promise<void>;
  transport: StdioClientTransport;
  pid: number | null;
  stderr: () => string;
  close(): Promise<void>;
}

/** Every child still running: killed on exit whatever happens. */
const live = new Set<Spawned>();
process.on('exit', () => {
  for (const s of live) {
    try {
      if (s.pid) process.kill(s.pid, 'SIGKILL');
    } catch {
      /* already gone */
    }
  }
});

/** Spawns `script` over stdio with the SDK client, not yet connected. */
export function prepare(script: string, env: Record<string, string>, nodeArgs: string[] = [], era: 'legacy' | 'modern' = 'legacy'): Spawned {
  const transport = new StdioClientTransport({ command: process.execPath, args: [...nodeArgs, script], env, stderr: 'pipe' });
  let err = '';
  transport.stderr?.on('data', (d: Buffer) => {
    if (err.length < 20_000) err += d.toString();
  });
  const client = new Client({ name: 'trekmail-bench', version: '1.0.0' }, era === 'modern' ? { versionNegotiation: { mode: { pin: '2026-07-28' } } } : {});
  const s: Spawned = {
    client,
    connect: () => (era === 'modern' ? client.connect(transport, { prior: { kind: 'modern', discover: PRIOR_DISCOVER(script === FLOOR ? 'floor' : 'trekmail-mcp') } }) : client.connect(transport)),
    transport,
    get pid() {
      return transport.pid;
    },
    stderr: () => err,
    close: async () => {
      live.delete(s);
      await client.close().catch(() => {});
    },
  };
  live.add(s);
  return s;
}

/** Rejects after `ms` (bounded runs: a hung child fails its measurement, not the bench). */
export function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    p.finally(() => clearTimeout(timer)),
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms);
    }),
  ]);
}

/** Resident set size of a process in KiB (Linux /proc), or undefined elsewhere. */
export function rssKb(pid: number | null | undefined): number | undefined {
  if (!pid) return undefined;
  try {
    const m = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : undefined;
  } catch {
    return undefined;
  }
}

export function median(xs: number[]): number {
  return quantile(xs, 0.5);
}

/** Linear-interpolated quantile (q in 0..1). NaN for an empty list. */
export function quantile(xs: number[], q: number): number {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const pos = (s.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return s[lo]! + (s[hi]! - s[lo]!) * (pos - lo);
}

export const round = (x: number | undefined, digits = 1): number | undefined =>
  x === undefined || !Number.isFinite(x) ? undefined : Math.round(x * 10 ** digits) / 10 ** digits;

export const errMsg = (e: unknown): string => (e instanceof Error ? e.message : String(e)).split('\n')[0]!.slice(0, 300);

/** A plain-text table (left-aligned first column, right-aligned numbers). */
export function table(head: string[], rows: (string | number | undefined)[][]): string {
  const cells = [head, ...rows.map((r) => r.map((c) => (c === undefined ? '—' : String(c))))];
  const widths = head.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ').trimEnd();
  return [line(cells[0]!), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(line)].join('\n');
}

/** Median absolute deviation (robust spread). */
export function mad(xs: number[]): number {
  const m = median(xs);
  return median(xs.map((x) => Math.abs(x - m)));
}

/**
 * 95% percentile-bootstrap interval of median(a) / median(b), seeded so a run is reproducible. With 9+ samples each,
 * the interval says whether a ratio against a target is settled or within the machine's noise.
 */
export function ratioInterval(a: number[], b: number[], iterations = 2000): [number, number] | undefined {
  if (a.length < 3 || b.length < 3) return undefined;
  let seed = 0x2545f491;
  const rand = () => {
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    return (seed >>> 0) / 4294967296;
  };
  const resample = (xs: number[]) => xs.map(() => xs[Math.floor(rand() * xs.length)]!);
  const ratios: number[] = [];
  for (let i = 0; i < iterations; i++) ratios.push(median(resample(a)) / median(resample(b)));
  return [quantile(ratios, 0.025), quantile(ratios, 0.975)];
}
