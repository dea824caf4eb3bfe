import { expect } from 'chai';
import { startSandbox, type Sandbox } from '../sandbox/server.js';
import { memoryLogger } from '../test/harness.js';
import { ConfigError, loadConfig } from './config.js';
import { Tenants, tokensOf } from './tenants.js';

describe('pass-through tenants (core/tenants.ts)', () => {
  let sb: Sandbox;
  before(async () => {
    sb = await startSandbox();
  });
  after(() => sb?.close());

  const configFor = (env: Record<string, string> = {}) => loadConfig({ TREKMAIL_BASE_URL: sb.url, TREKMAIL_HTTP_AUTH: 'passthrough', ...env }, { transport: 'http' });
  const bearer = (t: string, extra?: string) => ({ authorization: `Bearer ${t}`, ...(extra ? { 'x-trekmail-token': extra } : {}) });
  const meCalls = () => (sb.engine.stats.byRoute['GET /me'] ?? 0) + (sb.engine.stats.byRoute['GET /messages/_me'] ?? 0);

  it('reads the tokens of a request: the bearer and the other kind in X-TrekMail-Token, never both of a kind', () => {
    expect(tokensOf(bearer('tm_live_abcd1234'))).to.deep.equal({ ops: 'tm_live_abcd1234' });
    expect(tokensOf(bearer('tm_msg_abcd1234', 'tm_live_abcd1234'))).to.deep.equal({ ops: 'tm_live_abcd1234', message: 'tm_msg_abcd1234' });
    for (const h of [{}, { authorization: 'Bearer' }, bearer('abc'), bearer('tm_live_ab'), bearer('tm_live_abcd1234', 'tm_live_efgh5678'), bearer('tm_live_abcd1234', 'junk')]) {
      const r = tokensOf(h as never) as { ok: false; status: number; headers: Record<string, string>; message: string };
      expect(r.ok, JSON.stringify(h)).to.equal(false);
      expect(r.status).to.equal(401);
      expect(r.headers['WWW-Authenticate']).to.match(/^Bearer realm="trekmail-mcp"/);
      expect(r.message).not.to.contain('abcd1234');
    }
  });

  it('passthrough config: no server tokens, no endpoint token, HTTP only', () => {
    expect(configFor().http.auth).to.equal('passthrough');
    expect(configFor().apiToken).to.equal(undefined);
    expect(() => configFor({ TREKMAIL_API_TOKEN: 'tm_live_server_0123456789' })).to.throw(ConfigError, 'TREKMAIL_API_TOKEN');
    expect(() => configFor({ TREKMAIL_HTTP_TOKEN: 'x'.repeat(30) })).to.throw(ConfigError, 'TREKMAIL_HTTP_TOKEN');
    expect(() => loadConfig({ TREKMAIL_BASE_URL: sb.url, TREKMAIL_HTTP_AUTH: 'passthrough' })).to.throw(ConfigError, '--http');
  });

  it('discovers each user once per TTL, concurrent first requests included; each gets their own list', async () => {
    let now = 1_000_000;
    const t = new Tenants(configFor(), memoryLogger([]), { now: () => now });
    const before = meCalls();
    const [a, b] = await Promise.all([t.resolve(bearer(sb.allTokens['ops:nano'])), t.resolve(bearer(sb.allTokens['ops:nano']))]);
    expect(meCalls() - before).to.equal(1);
    if (!a.ok || !b.ok) throw new Error('refused');
    expect(a.runtime.list().every((x) => x.name.startsWith('verify_') || x.name === 'preview_tool_call')).to.equal(true);
    const pro = await t.resolve(bearer(sb.allTokens['ops:pro'], sb.allTokens['message:pro']));
    expect(pro.ok && pro.runtime.list().length).to.be.above(a.runtime.list().length);
    now += 59_000;
    await t.resolve(bearer(sb.allTokens['ops:nano']));
    expect(meCalls() - before).to.equal(3);
    now += 2_000;
    await t.resolve(bearer(sb.allTokens['ops:nano']));
    expect(meCalls() - before).to.equal(4);
  });

  it('the cache is bounded (least recently used goes first)', async () => {
    const t = new Tenants(configFor({ TREKMAIL_HTTP_CACHE_SIZE: '2' }), memoryLogger([]));
    for (const p of ['nano', 'starter', 'pro']) await t.resolve(bearer(sb.allTokens[`ops:${p}`]));
    expect(t.cached).to.equal(2);
    const before = meCalls();
    await t.resolve(bearer(sb.allTokens['ops:pro']));
    expect(meCalls()).to.equal(before);
    await t.resolve(bearer(sb.allTokens['ops:nano']));
    expect(meCalls()).to.equal(before + 1);
  });

  it('discovery that cannot run answers 503 with Retry-After, or a recent entry when there is one', async () => {
    let now = 5_000_000;
    const t = new Tenants(configFor(), memoryLogger([]), { now: () => now, http: { sleep: async () => {} } });
    const token = sb.allTokens['ops:starter'];
    expect((await t.resolve(bearer(token))).ok).to.equal(true);
    sb.engine.setFaults({ error503: 1 });
    try {
      now += 61_000;
      expect((await t.resolve(bearer(token))).ok, 'stale entry').to.equal(true);
      const fresh = await t.resolve(bearer(sb.allTokens['ops:agency']));
      expect(fresh.ok).to.equal(false);
      if (!fresh.ok) {
        expect(fresh.status).to.equal(503);
        expect(fresh.headers['Retry-After']).to.match(/^\d+$/);
      }
    } finally {
      sb.engine.setFaults({});
    }
  });
});
