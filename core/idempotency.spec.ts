import { expect } from 'chai';
import { api, data, harness, UUID } from '../test/harness.js';
import { FixturePack } from '../test/fixtures/tools.js';
import { callKeys, canonicalJson, derivedKey, tokenIdentity } from './idempotency.js';

describe('idempotency keys', () => {
  const input = { identity: tokenIdentity('tm_live_aaaa_0123456789'), tool: 'send_message', args: { to: ['a@b.io'], subject: 'Hi' }, request: { method: 'POST' as const, path: '/messages/send', body: { to: ['a@b.io'], subject: 'Hi' } }, occurrence: 0 };

  it('canonical JSON ignores key order and undefined members, keeps array order', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, 1], c: undefined } })).to.equal('{"a":{"d":[2,1]},"b":1}');
    expect(canonicalJson({ a: { y: 1, x: 2 } })).to.equal(canonicalJson({ a: { x: 2, y: 1 } }));
    expect(canonicalJson([1, 2])).not.to.equal(canonicalJson([2, 1]));
  });

  it('derives a UUID-shaped key that depends on token, tool, arguments and request, not on key order', () => {
    const k = derivedKey(input);
    expect(k).to.match(UUID);
    expect(derivedKey({ ...input, args: { subject: 'Hi', to: ['a@b.io'] } })).to.equal(k);
    expect(derivedKey({ ...input, identity: tokenIdentity('tm_live_bbbb_0123456789') })).not.to.equal(k);
    expect(derivedKey({ ...input, tool: 'schedule_message' })).not.to.equal(k);
    expect(derivedKey({ ...input, args: { ...input.args, subject: 'Hi!' } })).not.to.equal(k);
    expect(derivedKey({ ...input, request: { ...input.request, path: '/messages/drafts' } })).not.to.equal(k);
    expect(derivedKey({ ...input, occurrence: 1 })).not.to.equal(k);
  });

  it('never contains the token: the identity is a hash', () => {
    const id = tokenIdentity('tm_live_secret_0123456789');
    expect(id).to.match(/^[0-9a-f]{64}$/);
    expect(id).not.to.contain('secret');
  });

  it('one call: GETs get no key, identical requests distinct keys in a stable order; fresh and per-call are random', () => {
    const opts = { mode: 'derived' as const, fresh: false, tool: 't', args: { a: 1 }, identity: () => 'id' };
    const req = { method: 'POST' as const, path: '/x', body: { a: 1 } };
    const first = callKeys(opts);
    const again = callKeys(opts);
    expect(first({ method: 'GET', path: '/x' })).to.equal(undefined);
    const [a1, a2] = [first(req), first(req)];
    expect(a1).not.to.equal(a2);
    expect([again(req), again(req)]).to.deep.equal([a1, a2]);
    expect(callKeys({ ...opts, fresh: true })(req)).not.to.equal(a1);
    expect(callKeys({ ...opts, mode: 'per-call' })(req)).not.to.equal(a1);
    expect(first({ ...req, idempotencyKey: 'given' })).to.equal('given');
  });

  describe('through the runtime', () => {
    const keysOf = (path: string, n: number) => {
      const keys: string[] = [];
      api().post(path).times(n).reply(function () {
        keys.push(String(this.req.headers['idempotency-key']));
        return [200, { ok: true }];
      });
      return keys;
    };

    it('a re-call of the same tool with the same arguments carries the same key; other arguments another', async () => {
      const h = await harness(FixturePack);
      const keys = keysOf('/api/v1/tokens', 3);
      data(await h.call('fx_token', { name: 'ci' }));
      data(await h.call('fx_token', { name: 'ci' }));
      data(await h.call('fx_token', { name: 'other' }));
      expect(keys[0]).to.match(UUID);
      expect(keys[1]).to.equal(keys[0]);
      expect(keys[2]).not.to.equal(keys[0]);
    });

    it('TREKMAIL_IDEMPOTENCY=per-call: a fresh key per call', async () => {
      const h = await harness(FixturePack, { TREKMAIL_IDEMPOTENCY: 'per-call' });
      const keys = keysOf('/api/v1/tokens', 2);
      data(await h.call('fx_token', { name: 'ci' }));
      data(await h.call('fx_token', { name: 'ci' }));
      expect(keys[0]).to.match(UUID);
      expect(keys[1]).to.match(UUID).and.not.equal(keys[0]);
    });

    it('a deliberate repeat (_meta "trekmail/repeat": true on the call) gets a fresh key', async () => {
      const h = await harness(FixturePack);
      const keys = keysOf('/api/v1/tokens', 3);
      data(await h.call('fx_token', { name: 'ci' }));
      await h.client.callTool({ name: 'fx_token', arguments: { name: 'ci' }, _meta: { 'trekmail/repeat': true } });
      data(await h.call('fx_token', { name: 'ci' }));
      expect(keys[1]).to.match(UUID).and.not.equal(keys[0]);
      expect(keys[2]).to.equal(keys[0]);
    });

    it('a replayed answer is marked, and says nothing was done again', async () => {
      const h = await harness(FixturePack);
      api().post('/api/v1/tokens').reply(200, { id: 1 }, { 'Idempotent-Replayed': 'true' });
      const res = await h.call('fx_token', { name: 'ci' });
      expect(res._meta).to.deep.include({ 'trekmail/replayed': true });
      expect(res.content.at(-1)!.text).to.contain('it was not done again');
    });
  });
});
