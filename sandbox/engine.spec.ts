import { expect } from 'chai';
import { startSandbox, type Sandbox } from './server.js';

/** A Response whose json() is untyped (tests read arbitrary payloads). */
interface Loose {
  status: number;
  headers: Headers;
  json(): Promise<any>;
}

describe('sandbox engine', () => {
  let sb: Sandbox;
  let created = 0;
  const call = (method: string, path: string, token = sb.allTokens['ops:pro'], headers: Record<string, string> = {}, body?: unknown) =>
    fetch(`${sb.url}/api/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}), ...headers },
      body: body ? JSON.stringify(body) : undefined,
    }) as Promise<Loose>;

  beforeEach(async () => {
    sb = await startSandbox({ packs: [] });
    created = 0;
    sb.engine.route('POST', '/widgets', 'domains:create', (req) => ({ id: ++created, name: req.body.name }));
    sb.engine.route('GET', '/widgets/{id}', 'domains:read', (req) => ({ id: Number(req.params.id) }));
  });
  afterEach(() => sb.close());

  it('answers /me with the plan and effective scopes of the token', async () => {
    const me = await (await call('GET', '/me', sb.allTokens['ops:nano'])).json();
    expect(me.account.plan).to.equal('nano');
    expect(me.capabilities.effective_scopes).to.deep.equal(['verify:read', 'verify:write']);
    const mm = await (await call('GET', '/messages/_me', sb.allTokens['message:starter'])).json();
    expect(mm.capabilities.effective_scopes).to.deep.equal(['messages:read']);
  });

  it('rejects a missing or unknown token with the error envelope', async () => {
    const r = await fetch(`${sb.url}/api/v1/me`);
    expect(r.status).to.equal(401);
    const body = (await r.json()) as any;
    expect(body.error.code).to.equal('unauthenticated');
    expect(body.error.request_id).to.be.a('string');
    expect((await call('GET', '/me', 'tm_live_nope')).status).to.equal(401);
  });

  it('checks scopes, plans and token kinds', async () => {
    const nano = await call('GET', '/widgets/1', sb.allTokens['ops:nano']);
    expect(nano.status).to.equal(403);
    expect((await nano.json()).error.code).to.equal('insufficient_scope');
    const starter = await call('POST', '/widgets', sb.allTokens['ops:starter'], {}, { name: 'a' });
    expect((await starter.json()).error.code).to.equal('plan_api_disabled');
    const msg = await call('GET', '/widgets/1', sb.allTokens['message:pro']);
    expect((await msg.json()).error.code).to.equal('wrong_token_type');
  });

  it('a replay answers without the keys a route shows only once (a created password)', async () => {
    sb.engine.route('POST', '/secrets', 'domains:create', () => ({ data: { id: 7, password: 'shown-once-0123' } }), { replayWithout: ['data.password'] });
    const first = await (await call('POST', '/secrets', undefined, { 'idempotency-key': 'k-secret' }, {})).json();
    expect(first).to.deep.equal({ data: { id: 7, password: 'shown-once-0123' } });
    const again = await call('POST', '/secrets', undefined, { 'idempotency-key': 'k-secret' }, {});
    expect(again.headers.get('x-idempotency-replayed')).to.equal('true');
    expect(await again.json()).to.deep.equal({ data: { id: 7 } });
  });

  it('replays the first answer for a repeated idempotency key, and refuses the key on another request', async () => {
    const a = await (await call('POST', '/widgets', undefined, { 'idempotency-key': 'k1' }, { name: 'one' })).json();
    const b = await call('POST', '/widgets', undefined, { 'idempotency-key': 'k1' }, { name: 'one' });
    expect(b.headers.get('idempotent-replayed')).to.equal('true');
    expect(await b.json()).to.deep.equal(a);
    expect(created).to.equal(1);
    expect(sb.engine.stats.replays).to.equal(1);
    sb.engine.route('POST', '/other', 'domains:create', () => ({}));
    const c = await call('POST', '/other', undefined, { 'idempotency-key': 'k1' }, {});
    expect((await c.json()).error.code).to.equal('idempotency_key_reused');
  });

  it('rate-limits per token with 429 and Retry-After', async () => {
    sb.engine.rateLimit = { limit: 2, windowMs: 60_000 };
    await call('GET', '/widgets/1');
    await call('GET', '/widgets/1');
    const r = await call('GET', '/widgets/1');
    expect(r.status).to.equal(429);
    expect(Number(r.headers.get('retry-after'))).to.be.within(1, 60);
    expect((await r.json()).retry_after).to.be.a('number');
    expect((await call('GET', '/widgets/1', sb.allTokens['ops:agency'])).status).to.equal(200);
  });

  it('fault mode: dropAfter runs the handler but the client sees a dropped connection', async () => {
    sb.engine.setFaults({ dropAfter: 1 });
    let err: unknown;
    await call('POST', '/widgets', undefined, { 'idempotency-key': 'k2' }, { name: 'x' }).catch((e) => (err = e));
    expect(err).to.be.instanceOf(Error);
    expect(created).to.equal(1);
    sb.engine.setFaults({});
    const again = await call('POST', '/widgets', undefined, { 'idempotency-key': 'k2' }, { name: 'x' });
    expect((await again.json()).id).to.equal(1);
    expect(created).to.equal(1);
  });

  it('fault mode: 503 before the handler, and 429 bursts', async () => {
    sb.engine.setFaults({ error503: 1 });
    const r = await call('POST', '/widgets', undefined, {}, { name: 'x' });
    expect(r.status).to.equal(503);
    expect(created).to.equal(0);
    sb.engine.setFaults({ burst429: 1, burstLength: 2, retryAfterSeconds: 1 });
    expect((await call('GET', '/widgets/1')).status).to.equal(429);
    expect((await call('GET', '/widgets/1')).status).to.equal(429);
  });

  it('answers 404 and 405 in the envelope', async () => {
    expect((await (await call('GET', '/nothing')).json()).error.code).to.equal('not_found');
    expect((await (await call('DELETE', '/widgets/1')).json()).error.code).to.equal('method_not_allowed');
  });
});
