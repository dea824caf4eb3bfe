import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { expect } from 'chai';
import type { Sandbox } from '../../sandbox/server.js';
import { scopesFor } from '../../sandbox/scopes.js';
import { sandbox, spawnHttp, type HttpProcess } from '../e2e.js';

type Result = { isError?: boolean; content: { text: string }[]; structuredContent?: any; _meta?: Record<string, unknown> };

/** The SDK client of one user: their own TrekMail tokens in the request headers. */
async function userClient(url: string, ops?: string, message?: string): Promise<Client> {
  const headers: Record<string, string> = {};
  if (ops) headers.authorization = `Bearer ${ops}`;
  if (message) headers[ops ? 'x-trekmail-token' : 'authorization'] = ops ? message : `Bearer ${message}`;
  const client = new Client({ name: 'trekmail-e2e-passthrough', version: '1.0.0' });
  await client.connect(new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers } }));
  return client;
}

const call = async (c: Client, name: string, args: Record<string, unknown> = {}, timeout?: number) =>
  (await c.callTool({ name, arguments: args }, undefined, timeout ? { timeout } : undefined)) as unknown as Result;

/** A raw JSON-RPC POST (no SDK): for answers the SDK client would only throw on. */
async function post(url: string, headers: Record<string, string>): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', ...headers },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
  });
}

/** Routes the sandbox served besides capability discovery (what "nothing sent upstream" counts). */
const toolRequests = (sb: Sandbox) => Object.entries(sb.engine.stats.byRoute).filter(([r]) => !['GET /me', 'GET /messages/_me', 'GET /account'].includes(r)).reduce((n, [, c]) => n + c, 0);

describe('e2e: pass-through HTTP, many users on one server (TREKMAIL_HTTP_AUTH=passthrough)', function () {
  this.timeout(60_000);
  let sb: Sandbox;
  let server: HttpProcess;
  // User A: Pro, ops token and a message token of demo@ (mailbox 1). User B: Starter, whose message token is bound to sales@ (mailbox 2).
  let A: { ops: string; message: string };
  const B = { ops: 'tm_live_userb_starter_0123456789', message: 'tm_msg_userb_starter_sales_0123456789' };
  const REVOKED = 'tm_live_userc_revoked_0123456789';
  const envOf = (extra: Record<string, string> = {}) => ({ TREKMAIL_BASE_URL: sb.url, TREKMAIL_HTTP_AUTH: 'passthrough', TREKMAIL_LOG_LEVEL: 'debug', ...extra });

  before(async () => {
    sb = await sandbox();
    A = { ops: sb.allTokens['ops:pro'], message: sb.allTokens['message:pro'] };
    sb.engine.addToken({ token: B.ops, kind: 'ops', plan: 'starter', scopes: new Set(scopesFor('ops', 'starter')), label: 'user B ops' });
    sb.engine.addToken({ token: B.message, kind: 'message', plan: 'starter', scopes: new Set(scopesFor('message', 'starter')), mailboxId: 2, label: 'user B message' });
    server = await spawnHttp(envOf({ TREKMAIL_ALLOW_SENDING: 'true' }));
  });
  after(async () => {
    server?.kill();
    await sb?.close();
  });

  it('two users with different tokens and plans each see their own tool list and their own data', async () => {
    const [a, b] = await Promise.all([userClient(server.url, A.ops, A.message), userClient(server.url, B.ops, B.message)]);
    const [la, lb] = await Promise.all([a.listTools(), b.listTools()]);
    const na = la.tools.map((t) => t.name);
    const nb = lb.tools.map((t) => t.name);
    expect(na).to.include.members(['send_message', 'create_domain', 'list_messages']);
    // Starter: reads (and the verifier), no sending and no domain writes; no local-file tools over HTTP for anyone.
    expect(nb).to.include.members(['list_messages', 'list_domains']);
    expect(nb).not.to.include.members(['send_message']);
    expect(nb).not.to.include('create_domain');
    expect(nb.length).to.be.below(na.length);
    const [ma, mb] = await Promise.all([call(a, 'list_messages', { folder: 'INBOX' }), call(b, 'list_messages', { folder: 'INBOX' })]);
    expect(JSON.stringify(mb.structuredContent)).to.contain('Welcome to the sales mailbox');
    expect(JSON.stringify(ma.structuredContent)).not.to.contain('Welcome to the sales mailbox');
    expect(JSON.stringify(ma.structuredContent)).not.to.equal(JSON.stringify(mb.structuredContent));
    await Promise.all([a.close(), b.close()]);
  });

  it("a 2025-era session belongs to the tokens that opened it: another user's request with its id is not served", async () => {
    const transport = new StreamableHTTPClientTransport(new URL(server.url), { requestInit: { headers: { authorization: `Bearer ${A.ops}` } } });
    const a = new Client({ name: 'trekmail-e2e-passthrough', version: '1.0.0' });
    await a.connect(transport);
    const sid = transport.sessionId;
    expect(sid, 'initialize opened a session').to.be.a('string');
    const own = await post(server.url, { authorization: `Bearer ${A.ops}`, 'mcp-session-id': sid!, 'mcp-protocol-version': '2025-11-25' });
    expect(own.status).to.equal(200);
    const before = toolRequests(sb);
    const other = await post(server.url, { authorization: `Bearer ${B.ops}`, 'mcp-session-id': sid!, 'mcp-protocol-version': '2025-11-25' });
    expect(other.status).to.equal(404);
    expect(((await other.json()) as { error: { message: string } }).error.message).to.contain('Session not found');
    expect(toolRequests(sb)).to.equal(before);
    await a.close();
  });

  it('a missing or malformed token gets 401 with WWW-Authenticate, and nothing is sent upstream', async () => {
    const before = sb.engine.stats.requests;
    const cases: Record<string, string>[] = [{}, { authorization: 'Bearer nope' }, { authorization: 'Basic dXNlcjpwYXNz' }, { authorization: `Bearer ${A.ops}`, 'x-trekmail-token': 'tm_live_other_kind_0123' }];
    for (const headers of cases) {
      const res = await post(server.url, headers);
      expect(res.status, JSON.stringify(headers)).to.equal(401);
      expect(res.headers.get('www-authenticate')).to.match(/^Bearer realm="trekmail-mcp"/);
      expect(((await res.json()) as { error: { message: string } }).error.message).to.be.a('string');
    }
    expect(sb.engine.stats.requests).to.equal(before);
  });

  it('a revoked token gets 401 (invalid_token): only discovery reached the API, no tool request', async () => {
    const before = toolRequests(sb);
    const res = await post(server.url, { authorization: `Bearer ${REVOKED}` });
    expect(res.status).to.equal(401);
    expect(res.headers.get('www-authenticate')).to.contain('error="invalid_token"');
    expect(toolRequests(sb)).to.equal(before);
  });

  it('a token revoked while cached: the call fails, and the next request is answered 401', async () => {
    const token = 'tm_live_userd_soon_revoked_0123456789';
    sb.engine.addToken({ token, kind: 'ops', plan: 'pro', scopes: new Set(scopesFor('ops', 'pro')), label: 'user D' });
    const d = await userClient(server.url, token);
    expect((await call(d, 'list_domains')).isError).to.not.equal(true);
    sb.engine.tokens.delete(token);
    const failed = await call(d, 'list_domains');
    expect(failed.isError).to.equal(true);
    expect(failed.content[0].text).to.contain('HTTP 401');
    const res = await post(server.url, { authorization: `Bearer ${token}` });
    expect(res.status).to.equal(401);
    await d.close().catch(() => {});
  });

  it("one user's 429s never touch another user's calls", async () => {
    const saved = sb.engine.rateLimit;
    // A window longer than the client waits: the limited user gets a clear error at once, no retry.
    sb.engine.rateLimit = { limit: 6, windowMs: 120_000 };
    try {
      const heavy = 'tm_live_usere_heavy_0123456789';
      sb.engine.addToken({ token: heavy, kind: 'ops', plan: 'pro', scopes: new Set(scopesFor('ops', 'pro')), label: 'user E' });
      const e = await userClient(server.url, heavy);
      const b = await userClient(server.url, B.ops, B.message);
      let limited: Result | undefined;
      for (let i = 0; i < 10 && !limited; i++) {
        const r = await call(e, 'list_domains');
        if (r.isError) limited = r;
      }
      expect(limited?.content[0].text).to.contain('rate_limited');
      const ok = await call(b, 'list_domains');
      expect(ok.isError).to.not.equal(true);
      await Promise.all([e.close(), b.close()]);
    } finally {
      sb.engine.rateLimit = saved;
    }
  });

  it('no token appears in any log line (debug level)', () => {
    const log = server.stderr();
    expect(log).to.contain('tool call');
    for (const t of [A.ops, A.message, B.ops, B.message, REVOKED, 'tm_live_userd_soon_revoked_0123456789', 'tm_live_usere_heavy_0123456789']) expect(log).not.to.contain(t);
  });
});

/** Polls `ok` every 20 ms until it holds; answers the time it first held (throws past `ms`). */
async function until(ok: () => boolean, ms: number): Promise<number> {
  const deadline = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
  return Date.now();
}

describe('e2e: a send whose client times out, re-called on another replica', function () {
  this.timeout(60_000);

  for (const [mode, delivered] of [['derived', 1], ['per-call', 2]] as const) {
    it(`is delivered ${delivered === 1 ? 'once (derived keys)' : 'twice with TREKMAIL_IDEMPOTENCY=per-call (the control)'}`, async () => {
      const sb = await sandbox();
      const env = { TREKMAIL_BASE_URL: sb.url, TREKMAIL_HTTP_AUTH: 'passthrough', TREKMAIL_ALLOW_SENDING: 'true', TREKMAIL_LOG_LEVEL: 'warn', TREKMAIL_IDEMPOTENCY: mode };
      const [r1, r2] = await Promise.all([spawnHttp(env), spawnHttp(env)]);
      try {
        const [c1, c2] = await Promise.all([userClient(r1.url, sb.allTokens['ops:pro'], sb.allTokens['message:pro']), userClient(r2.url, sb.allTokens['ops:pro'], sb.allTokens['message:pro'])]);
        // Both replicas know the user (discovery done) before the API turns slow.
        await Promise.all([c1.listTools(), c2.listTools()]);
        const subject = `Quarterly numbers (${mode})`;
        const args = { to: ['sales@demo.trekmail.test'], subject, body_text: 'Attached are the numbers.', confirm_send: true };
        const HANG_MS = 2500;
        const route = 'POST /messages/send';
        const received = () => sb.engine.stats.byRoute[route] ?? 0;
        sb.engine.setFaults({ hang: 1, hangMs: HANG_MS });
        // The client gives up only once the API has the send (it hangs there): aborting earlier could stop the
        // replica before it forwarded anything, and the control would then deliver once by chance.
        const giveUp = new AbortController();
        const first = c1.callTool({ name: 'send_message', arguments: args }, undefined, { signal: giveUp.signal }).then(() => false, () => true);
        const arrived = await until(() => received() >= 1, 20_000);
        giveUp.abort();
        expect(await first, 'the first call should be abandoned by its client').to.equal(true);
        sb.engine.setFaults({});
        const again = await call(c2, 'send_message', args);
        expect(again.isError, again.content[0]?.text).to.not.equal(true);
        expect(received(), 'the re-call reached the API too').to.equal(2);
        // Wait until the first attempt's request finished at the API (its hang is over), whatever it did.
        await until(() => Date.now() >= arrived + HANG_MS + 300 && (sb.engine.stats.executions[route] ?? 0) >= delivered, 20_000);
        const sent = await call(c2, 'list_messages', { folder: 'Sent', search: subject });
        const copies = JSON.stringify(sent.structuredContent).split(subject).length - 1;
        expect(copies).to.equal(delivered);
        expect(sb.engine.stats.executions['POST /messages/send']).to.equal(delivered);
        if (mode === 'derived') expect(again._meta).to.deep.include({ 'trekmail/replayed': true });
        await Promise.all([c1.close(), c2.close()]);
      } finally {
        r1.kill();
        r2.kill();
        await sb.close();
      }
    });
  }
});
