import { expect } from 'chai';
import { packSpec } from '../../core/plugin-api.js';
import { demoAccount } from '../../sandbox/account.js';
import { startSandbox, type Sandbox } from '../../sandbox/server.js';
import { rawApi } from '../../test/e2e.js';
import { CommercePack } from './commerce.plugin.js';
import { mintCredential } from './sandbox/state.js';

/** The machine-payments emulator: challenges, credentials, single use, the agent key exchange. */
describe('commerce sandbox: the 402 round trip', () => {
  let sb: Sandbox;
  const pay = async (path: string, body: unknown, credential?: string, token = 'ops:agent') => {
    const res = await fetch(`${sb.url}/api/v1${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${sb.allTokens[token] ?? token}`, 'content-type': 'application/json', ...(credential ? { 'payment-authorization': credential } : {}) },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as any };
  };
  before(async () => {
    sb = await startSandbox({ packs: [packSpec(CommercePack)!] });
  });
  after(() => sb?.close());

  it('answers 402 with the exact amount, currency and network, then takes a matching single-use token', async () => {
    const first = await pay('/agent/verifier-credits/topup', { quantity: 1000 });
    expect(first.status).to.equal(402);
    expect(first.body).to.deep.include({ amount: '10.00', currency: 'usd', network: 'stripe', method: 'shared_payment_token' });
    expect(first.body.error.code).to.equal('payment_required');
    const before = demoAccount(sb.engine).subscriptions.credits;
    const spt = mintCredential('spt', '10.00', 'usd', 'spt_demo_once');
    const ok = await pay('/agent/verifier-credits/topup', { quantity: 1000 }, spt);
    expect(ok.status).to.equal(201);
    expect(ok.body).to.include({ status: 'completed', credits_added: 1000, amount_charged: '10.00' });
    expect(demoAccount(sb.engine).subscriptions.credits).to.equal(before + 1000);
    const twice = await pay('/agent/verifier-credits/topup', { quantity: 1000 }, spt);
    expect([twice.status, twice.body.error.code]).to.deep.equal([402, 'credential_used']);
  });

  it('refuses a credential of the wrong kind, for another amount, or declined by the network; nothing changes', async () => {
    const wl = demoAccount(sb.engine).subscriptions.whiteLabel;
    wl.active = false;
    expect((await pay('/agent/white-label', { period: 'monthly' }, mintCredential('spt', '29.00', 'usd'))).body.error.code).to.equal('wrong_credential_type');
    expect((await pay('/agent/white-label', { period: 'monthly' }, mintCredential('pm', '2.90', 'usd'))).body.error.code).to.equal('amount_mismatch');
    expect((await pay('/agent/white-label', { period: 'monthly' }, mintCredential('pm', '29.00', 'usd', 'pm_declined_card'))).body.error.code).to.equal('payment_declined');
    expect(wl.active).to.equal(false);
    expect((await pay('/agent/white-label', { period: 'monthly' }, mintCredential('pm', '29.00', 'usd'))).status).to.equal(201);
    expect(wl.active).to.equal(true);
    expect((await pay('/agent/white-label', { period: 'monthly' })).body.error.code).to.equal('already_subscribed');
  });

  it('reissues agent-signup keys only: the new key carries the bought plan, the old one stops at once', async () => {
    expect((await pay('/agent/key/reissue', {}, undefined, 'ops:pro')).body.error.code).to.equal('not_agent_key');
    await pay('/agent/subscription', { plan: 'pro', period: 'monthly' }, mintCredential('pm', '49.00', 'usd'));
    const r = await pay('/agent/key/reissue', {});
    expect(r.body).to.include({ status: 'reissued', plan: 'pro', old_key_revoked: true });
    expect(r.body.api_token).to.match(/^tm_live_agent_/);
    expect(r.body.scopes).to.include('domains:create');
    expect((await rawApi(sb)('GET', '/verify/credits', undefined, 'ops:agent')).status).to.equal(401);
  });

  it('declares its fields strictly: a price in the body or an unknown plan is refused before any charge', async () => {
    const r = await pay('/agent/subscription', { plan: 'starter', period: 'monthly', amount: '1.00' }, undefined, 'ops:pro');
    expect(r.status).to.equal(422);
    expect(r.body.errors).to.deep.equal({ amount: 'is not a field of this endpoint', plan: 'must be one of pro, agency' });
  });
});
