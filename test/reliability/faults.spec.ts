import { expect } from 'chai';
import { startCore } from '../../core/app.js';
import { loadConfig } from '../../core/config.js';
import type { ToolRuntime, CallResult } from '../../core/runtime.js';
import type { Sandbox } from '../../sandbox/server.js';
import { sandbox } from '../e2e.js';
import { memoryLogger } from '../harness.js';

/**
 * Many concurrent mutations against the sandbox's fault mode (503s, dropped connections before and after the
 * handler, timeouts, 429 bursts). The sandbox counts what took effect: every logical operation at most once, and
 * exactly once when the call succeeded.
 */
/**
 * What is wrong with one operation, given how many times it took effect: more than once; a success that did not
 * take effect exactly once; a failure whose message an agent can't act on.
 */
function effectProblems(label: string, r: CallResult, count: number): string[] {
  const text = r.content[0].text;
  if (count > 1) return [`${label} took effect ${count} times`];
  if (!r.isError) return count === 1 ? [] : [`${label} succeeded but took effect ${count} times`];
  return /HTTP \d{3}|timeout|network_error|connection/i.test(text) ? [] : [`${label}: unclear error: ${text.slice(0, 100)}`];
}

describe('reliability: concurrent mutations under faults', function () {
  this.timeout(120_000);
  let sb: Sandbox;
  let runtime: ToolRuntime;
  const waits: number[] = [];

  before(async () => {
    sb = await sandbox({ rateLimit: { limit: 1e9, windowMs: 1000 } });
    const config = loadConfig({
      TREKMAIL_BASE_URL: sb.url, TREKMAIL_API_TOKEN: sb.allTokens['ops:pro'], TREKMAIL_MESSAGE_TOKEN: sb.allTokens['message:pro'],
      TREKMAIL_TIMEOUT_MS: '1000', TREKMAIL_ALLOW_SENDING: 'true', TREKMAIL_CONFIRM: 'flag',
    });
    const sleep = async (ms: number) => {
      waits.push(ms);
      await new Promise((r) => setTimeout(r, Math.min(ms, 5)));
    };
    runtime = (await startCore(config, { logger: memoryLogger([]), http: { sleep, backoffBaseMs: 10, backoffMaxMs: 40, maxAttempts: 6 } })).runtime;
    sb.engine.setFaults({ error503: 0.15, dropBefore: 0.05, dropAfter: 0.1, burst429: 0.04, burstLength: 2, retryAfterSeconds: 1, hang: 0.05, hangMs: 1500, seed: 1234 });
  });
  after(() => sb?.close());

  it('verify_email_bulk ×60 in parallel: each job created once, credits charged once', async () => {
    const jobs = () => sb.engine.store('verifier', () => ({ credits: 0, jobs: new Map<number, { name: string }>() })) as { credits: number; jobs: Map<number, { name: string }> };
    const creditsBefore = jobs().credits;
    const names = Array.from({ length: 60 }, (_, i) => `fault-job-${i}`);
    const requestsBefore = sb.engine.stats.requests;
    const results: CallResult[] = await Promise.all(names.map((name, i) => runtime.call('verify_email_bulk', { emails: [`u${i}@example.com`, `v${i}@example.com`], name })));
    const created = [...jobs().jobs.values()].map((j) => j.name);
    const problems = results.flatMap((r, i) => effectProblems(names[i], r, created.filter((n) => n === names[i]).length));
    const ok = results.filter((r) => !r.isError).length;
    expect(problems).to.deep.equal([]);
    expect(ok).to.be.greaterThan(50);
    expect(creditsBefore - jobs().credits).to.equal(created.filter((n) => n.startsWith('fault-job-')).length * 2);
    const faults = sb.engine.stats.faults;
    expect(Object.keys(faults).length, JSON.stringify(faults)).to.be.greaterThan(2);
    // No call spins: at most maxAttempts requests per call.
    expect(sb.engine.stats.requests - requestsBefore).to.be.at.most(60 * 6);
    // After a 429 the client waited exactly Retry-After (1 s); other waits are the short capped backoff.
    expect(waits.every((w) => w === 1000 || (w >= 5 && w <= 40)), JSON.stringify(waits)).to.equal(true);
    console.log(`      faults: 60 operations, ${ok} succeeded, ${60 - ok} clear errors, 0 duplicated; injected ${JSON.stringify(faults)}; replays ${sb.engine.stats.replays}`);
  });

  it('create_domain, send_message and drive_folder_create ×15 each in parallel: each takes effect at most once, and once when it succeeded', async () => {
    const tag = `f${Date.now().toString(36)}`;
    const ops = Array.from({ length: 15 }, (_, i) => i);
    const calls: Array<[string, string, Promise<CallResult>]> = [];
    for (const i of ops) {
      const domain = `${tag}-${i}.example.org`;
      calls.push(['create_domain', domain, runtime.call('create_domain', { name: domain })]);
      const subject = `${tag} note ${i}`;
      calls.push(['send_message', subject, runtime.call('send_message', { to: ['someone@example.net'], subject, body_text: 'Fault test.', confirm_send: true })]);
      const folder = `${tag} folder ${i}`;
      calls.push(['drive_folder_create', folder, runtime.call('drive_folder_create', { space: 'account', name: folder })]);
    }
    const results = await Promise.all(calls.map(([, , p]) => p));
    sb.engine.setFaults({});
    const text = (r: CallResult) => r.content[0].text;
    // Count what took effect through the read tools, with faults off.
    const rows = async (tool: string, args: Record<string, unknown>, field: string, key?: string) => {
      const res = await runtime.call(tool, args);
      expect(res.isError, text(res)).to.not.equal(true);
      const sc = (res.structuredContent ?? {}) as Record<string, unknown>;
      const list = (key ? sc[key] : Object.values(sc).find(Array.isArray)) as Array<Record<string, string>> | undefined;
      expect(list, `${tool} returned no list`).to.be.an('array');
      return list!.map((r) => r[field]);
    };
    const effects: Record<string, string[]> = {
      create_domain: await rows('list_domains', { search: tag, per_page: 100 }, 'name'),
      send_message: await rows('list_messages', { folder: 'Sent', search: tag, limit: 50 }, 'subject'),
      drive_folder_create: await rows('drive_browse_folder', { space: 'account', per_page: 100 }, 'name', 'data'),
    };
    const problems = calls.flatMap(([tool, key], i) => effectProblems(`${tool} ${key}`, results[i], effects[tool].filter((n) => n === key).length));
    const succeeded: Record<string, number> = {};
    calls.forEach(([tool], i) => {
      if (!results[i].isError) succeeded[tool] = (succeeded[tool] ?? 0) + 1;
    });
    expect(problems).to.deep.equal([]);
    for (const tool of ['create_domain', 'send_message', 'drive_folder_create']) expect(succeeded[tool] ?? 0, tool).to.be.greaterThan(10);
    console.log(`      faults: 45 mixed operations (domains, sends, folders), ${Object.values(succeeded).reduce((a, b) => a + b, 0)} succeeded, 0 duplicated`);
  });
});
