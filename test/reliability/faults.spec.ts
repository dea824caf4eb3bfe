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
describe('reliability: concurrent mutations under faults', function () {
  this.timeout(120_000);
  let sb: Sandbox;
  let runtime: ToolRuntime;
  const waits: number[] = [];

  before(async () => {
    sb = await sandbox({ rateLimit: { limit: 1e9, windowMs: 1000 } });
    const config = loadConfig({
      TREKMAIL_BASE_URL: sb.url, TREKMAIL_API_TOKEN: sb.allTokens['ops:pro'], TREKMAIL_MESSAGE_TOKEN: sb.allTokens['message:pro'],
      TREKMAIL_TIMEOUT_MS: '250', TREKMAIL_ALLOW_SENDING: 'true', TREKMAIL_CONFIRM: 'flag',
    });
    const sleep = async (ms: number) => {
      waits.push(ms);
      await new Promise((r) => setTimeout(r, Math.min(ms, 5)));
    };
    runtime = (await startCore(config, { logger: memoryLogger([]), http: { sleep, backoffBaseMs: 10, backoffMaxMs: 40, maxAttempts: 6 } })).runtime;
    sb.engine.setFaults({ error503: 0.15, dropBefore: 0.05, dropAfter: 0.1, burst429: 0.04, burstLength: 2, retryAfterSeconds: 1, hang: 0.05, hangMs: 400, seed: 1234 });
  });
  after(() => sb?.close());

  it('verify_email_bulk ×60 in parallel: each job created once, credits charged once', async () => {
    const jobs = () => sb.engine.store('verifier', () => ({ credits: 0, jobs: new Map<number, { name: string }>() })) as { credits: number; jobs: Map<number, { name: string }> };
    const creditsBefore = jobs().credits;
    const names = Array.from({ length: 60 }, (_, i) => `fault-job-${i}`);
    const requestsBefore = sb.engine.stats.requests;
    const results: CallResult[] = await Promise.all(names.map((name, i) => runtime.call('verify_email_bulk', { emails: [`u${i}@example.com`, `v${i}@example.com`], name })));
    const created = [...jobs().jobs.values()].map((j) => j.name);
    const problems: string[] = [];
    let ok = 0;
    results.forEach((r, i) => {
      const count = created.filter((n) => n === names[i]).length;
      if (count > 1) problems.push(`${names[i]} took effect ${count} times`);
      if (!r.isError) {
        ok++;
        if (count !== 1) problems.push(`${names[i]} succeeded but took effect ${count} times`);
      } else if (!/HTTP \d{3}|timeout|network_error|connection/i.test(r.content[0].text)) {
        problems.push(`${names[i]}: unclear error: ${r.content[0].text.slice(0, 100)}`);
      }
    });
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
});
