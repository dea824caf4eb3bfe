import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSandbox } from '../sandbox/server.js';
import { scopesFor } from '../sandbox/scopes.js';
import { ENTRY, projectRoot } from './util.js';
import { freePort } from '../test/ports.js';

/**
 * `npm run bench:scale`: N stateless replicas of the HTTP transport in pass-through mode behind Debian's nginx
 * (round-robin), three users with their own tokens and plans against one strict sandbox API, concurrent calls with
 * injected faults: 503s from the API, calls that outlast the client's timeout (the client re-calls, often on another
 * replica), and a replica killed mid-run (restarted later). Reports calls/s, p50/p99 per logical call, errors, and
 * the duplicate count: every effect counted through the read tools (Sent folders, verifier credits) and by the
 * emulator's own execution counter. Skips with a message when nginx is missing. Talks to 127.0.0.1 only.
 *   node build/bench/scale.js [--replicas 3] [--calls 900] [--concurrency 24] [--per-call]
 * `--per-call` runs the control: TREKMAIL_IDEMPOTENCY=per-call (a fresh key per call), where re-calls duplicate.
 */
const argv = process.argv.slice(2);
const arg = (name: string, fallback: number) => {
  const i = argv.indexOf(name);
  const v = i >= 0 ? Number(argv[i + 1]) : NaN;
  return Number.isInteger(v) && v > 0 ? v : fallback;
};
const REPLICAS = arg('--replicas', 3);
const CALLS = arg('--calls', 900);
const CONCURRENCY = arg('--concurrency', 24);
const CLIENT_TIMEOUT_MS = 1500;
const MAX_ATTEMPTS = 6;
const PER_CALL = argv.includes('--per-call');
const RUN = `scale${Date.now().toString(36)}`;

const nginx = ['nginx', '/usr/sbin/nginx'].find((bin) => spawnSync(bin, ['-v'], { stdio: 'ignore' }).status === 0);
if (!nginx) {
  console.log('bench:scale skipped: nginx is not installed (Debian: apt-get install -y nginx).');
  process.exit(0);
}

/** One replica: the built server with --http in pass-through mode; resolves once it listens. */
function replica(port: number, baseUrl: string): Promise<ChildProcess> {
  const env = { PATH: process.env.PATH ?? '', TREKMAIL_BASE_URL: baseUrl, TREKMAIL_HTTP_AUTH: 'passthrough', TREKMAIL_ALLOW_SENDING: 'true', TREKMAIL_LOG_LEVEL: 'error', TREKMAIL_IDEMPOTENCY: PER_CALL ? 'per-call' : 'derived' };
  const child = spawn(process.execPath, [ENTRY, '--http', '--port', String(port)], { env, stdio: ['ignore', 'ignore', 'pipe'] });
  return new Promise((resolve, reject) => {
    let err = '';
    const timer = setTimeout(() => reject(new Error(`replica did not start: ${err}`)), 15_000);
    child.stderr!.on('data', (d: Buffer) => {
      err += d.toString();
      if (err.includes('MCP over Streamable HTTP at')) {
        clearTimeout(timer);
        resolve(child);
      }
    });
    child.once('exit', (code) => reject(new Error(`replica exited (${code}): ${err}`)));
  });
}

function nginxConfig(dir: string, listen: number, ports: number[]): string {
  const root = process.getuid?.() === 0 ? 'user root;\n' : '';
  return `${root}worker_processes 1;
daemon off;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path ${dir}/body; proxy_temp_path ${dir}/proxy; fastcgi_temp_path ${dir}/fcgi; uwsgi_temp_path ${dir}/uwsgi; scgi_temp_path ${dir}/scgi;
  client_max_body_size 50m;
  upstream mcp {
${ports.map((p) => `    server 127.0.0.1:${p} max_fails=1 fail_timeout=3s;`).join('\n')}
    keepalive 32;
  }
  server {
    listen 127.0.0.1:${listen};
    location / {
      proxy_pass http://mcp;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $host;
      proxy_connect_timeout 1s;
      proxy_read_timeout 30s;
    }
  }
}
`;
}

interface User { name: string; headers: Record<string, string>; op: (i: number) => { tool: string; args: Record<string, unknown>; effect?: string } }

type Outcome = { ok: boolean; ms: number; attempts: number; text?: string };
const stats = { httpCalls: 0, recalls: 0, timeouts: 0, http5xx: 0, toolErrors: 0 };

/** One JSON-RPC tools/call through nginx; throws on timeout, transport failure or a non-200 answer. */
async function rpc(url: string, user: User, tool: string, args: Record<string, unknown>, timeoutMs = CLIENT_TIMEOUT_MS): Promise<{ isError?: boolean; structuredContent?: any; content: { text: string }[] }> {
  stats.httpCalls++;
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', ...user.headers },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: tool, arguments: args } }),
    signal: AbortSignal.timeout(timeoutMs),
  });
  const text = await res.text();
  if (res.status !== 200) {
    if (res.status >= 500) stats.http5xx++;
    throw new Error(`HTTP ${res.status}`);
  }
  const body = JSON.parse(text) as { result?: any; error?: { message: string } };
  if (!body.result) throw new Error(`JSON-RPC error ${body.error?.message}`);
  return body.result;
}

/** A logical call: re-called with the same arguments after a timeout, a 5xx or a passing tool error. */
async function logical(url: string, user: User, tool: string, args: Record<string, unknown>): Promise<Outcome> {
  const start = performance.now();
  let last = '';
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    if (attempt > 1) stats.recalls++;
    try {
      const r = await rpc(url, user, tool, args);
      if (!r.isError) return { ok: true, ms: performance.now() - start, attempts: attempt };
      stats.toolErrors++;
      last = r.content[0]?.text ?? '';
      if (!/HTTP 5\d\d|timeout|network_error|rate_limited/.test(last)) break;
    } catch (err) {
      if ((err as Error).name === 'TimeoutError') stats.timeouts++;
      last = String((err as Error).message);
    }
  }
  return { ok: false, ms: performance.now() - start, attempts: MAX_ATTEMPTS, text: last.slice(0, 160) };
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] : 0;
};

async function main(): Promise<void> {
  const started = performance.now();
  const sb = await startSandbox({ plan: 'pro' });
  // The API's per-token rate limit is not what this measures.
  sb.engine.rateLimit = { limit: 1_000_000, windowMs: 10_000 };
  const tokenB = 'tm_msg_scale_user_b_support_0123456789';
  const tokenC = 'tm_live_scale_user_c_nano_0123456789';
  sb.engine.addToken({ token: tokenB, kind: 'message', plan: 'pro', scopes: new Set(scopesFor('message', 'pro')), mailboxId: 3, label: 'scale user B' });
  sb.engine.addToken({ token: tokenC, kind: 'ops', plan: 'nano', scopes: new Set(scopesFor('ops', 'nano')), label: 'scale user C' });
  const users: User[] = [
    { name: 'A (Pro, ops + message)', headers: { authorization: `Bearer ${sb.allTokens['ops:pro']}`, 'x-trekmail-token': sb.allTokens['message:pro'] }, op: (i) => (i % 2 ? { tool: 'list_domains', args: {} } : { tool: 'send_message', args: { to: ['sales@demo.trekmail.test'], subject: `${RUN}-A-${i}`, body_text: 'Scale run.', confirm_send: true }, effect: 'send' }) },
    { name: 'B (Pro, message only)', headers: { authorization: `Bearer ${tokenB}` }, op: (i) => (i % 2 ? { tool: 'list_messages', args: { folder: 'INBOX', limit: 5 } } : { tool: 'send_message', args: { to: ['sales@demo.trekmail.test'], subject: `${RUN}-B-${i}`, body_text: 'Scale run.', confirm_send: true }, effect: 'send' }) },
    { name: 'C (Nano, verifier)', headers: { authorization: `Bearer ${tokenC}` }, op: (i) => (i % 2 ? { tool: 'verify_credits', args: {} } : { tool: 'verify_email', args: { email: `${RUN}-${i}@example.com`, mode: 'quick' }, effect: 'verify' }) },
  ];

  const dir = mkdtempSync(join(tmpdir(), 'trekmail-scale-'));
  for (const d of ['body', 'proxy', 'fcgi', 'uwsgi', 'scgi']) mkdirSync(join(dir, d));
  const ports = await Promise.all(Array.from({ length: REPLICAS }, freePort));
  const listen = await freePort();
  const children = await Promise.all(ports.map((p) => replica(p, sb.url)));
  writeFileSync(join(dir, 'nginx.conf'), nginxConfig(dir, listen, ports));
  const lb = spawn(nginx!, ['-p', dir, '-c', join(dir, 'nginx.conf'), '-e', join(dir, 'error.log')], { stdio: ['ignore', 'ignore', 'pipe'] });
  const url = `http://127.0.0.1:${listen}/mcp`;
  try {
    for (let i = 0; i < 50; i++) {
      if (await fetch(url.replace('/mcp', '/healthz')).then((r) => r.ok, () => false)) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const creditsBefore = (await rpc(url, users[2], 'verify_credits', {}, 10_000)).structuredContent.credits_remaining as number;
    const execBefore = { send: sb.engine.stats.executions['POST /messages/send'] ?? 0, verify: sb.engine.stats.executions['POST /verify'] ?? 0 };
    // Faults from here on: the API answers 503 now and then, and some calls outlast the client's patience.
    sb.engine.setFaults({ error503: 0.03, hang: 0.01, hangMs: CLIENT_TIMEOUT_MS + 1000, seed: 7 });

    const planned = Array.from({ length: CALLS }, (_, n) => ({ user: users[n % users.length], ...users[n % users.length].op(Math.floor(n / users.length)) }));
    const outcomes: Outcome[] = [];
    let next = 0;
    let killedAt: number | undefined;
    let restartedAt: number | undefined;
    const t0 = performance.now();
    await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
      while (next < planned.length) {
        const n = next++;
        // A replica dies mid-run (SIGKILL, calls in flight) and comes back later.
        if (killedAt === undefined && n >= planned.length * 0.35) {
          killedAt = n;
          children[1 % children.length].kill('SIGKILL');
        }
        if (restartedAt === undefined && n >= planned.length * 0.7) {
          restartedAt = n;
          void replica(ports[1 % ports.length], sb.url).then((c) => (children[1 % children.length] = c), () => {});
        }
        const p = planned[n];
        outcomes.push(await logical(url, p.user, p.tool, p.args));
      }
    }));
    const wall = (performance.now() - t0) / 1000;
    sb.engine.setFaults({});
    // Calls still hanging at the API finish before anything is counted.
    await new Promise((r) => setTimeout(r, CLIENT_TIMEOUT_MS + 1500));

    // Duplicates, through the read tools: each subject once in its sender's Sent folder; credits spent = verifications.
    const sentCount = new Map<string, number>();
    for (const user of users.slice(0, 2)) {
      let before: number | undefined;
      for (let page = 0; page < 100; page++) {
        const r = await rpc(url, user, 'list_messages', { folder: 'Sent', search: RUN, limit: 50, ...(before ? { before_uid: before } : {}) }, 10_000);
        const sc = r.structuredContent as { messages: { subject: string }[]; next_before_uid: number | null };
        for (const m of sc.messages) sentCount.set(m.subject, (sentCount.get(m.subject) ?? 0) + 1);
        if (!sc.next_before_uid || !sc.messages.length) break;
        before = sc.next_before_uid;
      }
    }
    const sends = planned.filter((p) => p.effect === 'send');
    const verifies = planned.filter((p) => p.effect === 'verify');
    const sendDuplicates = [...sentCount.values()].reduce((n, c) => n + Math.max(0, c - 1), 0);
    const creditsAfter = (await rpc(url, users[2], 'verify_credits', {}, 10_000)).structuredContent.credits_remaining as number;
    const verifyDuplicates = Math.max(0, creditsBefore - creditsAfter - verifies.length);
    const executed = { send: (sb.engine.stats.executions['POST /messages/send'] ?? 0) - execBefore.send, verify: (sb.engine.stats.executions['POST /verify'] ?? 0) - execBefore.verify };
    const ok = outcomes.filter((o) => o.ok);
    const failures = outcomes.filter((o) => !o.ok);
    const ms = ok.map((o) => o.ms);
    const report = {
      idempotency: PER_CALL ? 'per-call' : 'derived', replicas: REPLICAS, users: users.length, logical_calls: CALLS, concurrency: CONCURRENCY, wall_s: +wall.toFixed(1),
      calls_per_s: +(ok.length / wall).toFixed(1), p50_ms: Math.round(pct(ms, 50)), p99_ms: Math.round(pct(ms, 99)),
      errors: failures.length, http_requests: stats.httpCalls, recalls: stats.recalls, client_timeouts: stats.timeouts, http_5xx: stats.http5xx,
      api_503s: sb.engine.stats.faults.error503 ?? 0, api_hangs: sb.engine.stats.faults.hang ?? 0, api_replays: sb.engine.stats.replays,
      effects: { sends: sends.length, sent_found: sentCount.size, verifies: verifies.length, credits_spent: creditsBefore - creditsAfter, emulator_executions: executed },
      duplicates: sendDuplicates + verifyDuplicates + Math.max(0, executed.send - sends.length) + Math.max(0, executed.verify - verifies.length),
      missing: sends.length - sentCount.size, killed_replica_at_call: killedAt, restarted_at_call: restartedAt, total_s: +((performance.now() - started) / 1000).toFixed(1),
    };
    console.log(JSON.stringify(report, null, 2));
    if (failures.length) console.log('failed calls (first 3):', failures.slice(0, 3).map((f) => f.text));
    const out = join(projectRoot(), 'bench', 'results');
    mkdirSync(out, { recursive: true });
    if (!PER_CALL) writeFileSync(join(out, 'scale.json'), JSON.stringify(report, null, 2) + '\n');
    console.log(report.duplicates === 0 ? 'PASS duplicates: 0' : `FAIL duplicates: ${report.duplicates}`);
    if (report.duplicates !== 0 && !PER_CALL) process.exitCode = 1;
  } finally {
    lb.kill('SIGTERM');
    for (const c of children) c.kill('SIGKILL');
    await sb.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(`bench:scale failed: ${(err as Error)?.stack ?? err}`);
  process.exit(1);
});
