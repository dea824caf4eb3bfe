import { expect } from 'chai';
import { api, data, errorText, harness, OPS_TOKEN, UUID, type Harness } from '../../../test/harness.js';
import { InfraPack } from '../infra.plugin.js';

describe('infra tools: account', () => {
  let h: Harness;
  before(async () => {
    h = await harness(InfraPack);
  });

  it('whoami GETs /me with the ops token and returns account, token and capabilities', async () => {
    const me = { account: { id: 1, name: 'Sandbox Demo Co', plan: 'pro' }, token: { name: 'CI', type: 'ops' }, capabilities: { effective_scopes: ['account:read'] } };
    api().get('/api/v1/me').matchHeader('authorization', `Bearer ${OPS_TOKEN}`).reply(200, me);
    const res = await h.call('whoami');
    expect(data(res)).to.deep.equal(me);
    expect(JSON.parse(res.content[0].text)).to.deep.equal(me);
  });

  it('get_account GETs /account', async () => {
    const body = { account: { id: 1, plan: 'starter', limits: { domains: 3 }, usage: { domains: 2 } } };
    api().get('/api/v1/account').reply(200, body);
    expect(data(await h.call('get_account'))).to.deep.equal(body);
  });

  it('get_billing_status GETs /billing/status', async () => {
    const body = { billing: { plan: 'pro', status: 'active', payment_method: { brand: 'visa', last4: '4242' } } };
    api().get('/api/v1/billing/status').reply(200, body);
    expect(data(await h.call('get_billing_status'))).to.deep.equal(body);
  });

  it('list_invoices passes page and per_page in the query', async () => {
    const body = { data: [{ id: 1011, amount: 49 }], meta: { page: 2, per_page: 1, total: 12, last_page: 12 } };
    api().get('/api/v1/billing/invoices').query({ page: '2', per_page: '1' }).reply(200, body);
    expect(data(await h.call('list_invoices', { page: 2, per_page: 1 }))).to.deep.equal(body);
  });

  it('list_invoices names a bad per_page and sends nothing', async () => {
    expect(errorText(await h.call('list_invoices', { per_page: 500 }))).to.match(/per_page: .*100/);
    expect(errorText(await h.call('list_invoices', { year: 2026 }))).to.contain('year: is not a parameter of this tool');
  });

  it('an API error (missing scope) reaches the agent with code and hint', async () => {
    api().get('/api/v1/billing/status').reply(403, { error: { code: 'insufficient_scope', message: 'This token lacks the scope billing:read' }, required_scope: 'billing:read' });
    const res = await h.call('get_billing_status');
    expect(errorText(res)).to.contain('HTTP 403, insufficient_scope').and.contain('create a token with that scope');
    expect(res.structuredContent?.error).to.include({ status: 403, code: 'insufficient_scope', required_scope: 'billing:read' });
  });

  it('get_sending_limits GETs /sending-limits', async () => {
    const body = { data: { account: { daily_limit: 5000, used_today: 12 }, warmup: [], causes: [] } };
    api().get('/api/v1/sending-limits').reply(200, body);
    expect(data(await h.call('get_sending_limits'))).to.deep.equal(body);
  });

  it('update_account is gated, PATCHes only the new-mailbox default, and checks its enum', async () => {
    expect(errorText(await h.call('update_account', { new_mailbox_client_auth_mode: 'app_password_only' }))).to.contain('update_account needs TREKMAIL_ALLOW_DESTRUCTIVE=true');
    const open = await harness(InfraPack, { TREKMAIL_ALLOW_DESTRUCTIVE: 'true' });
    api().patch('/api/v1/account', { new_mailbox_client_auth_mode: 'app_password_only' }).matchHeader('idempotency-key', UUID).reply(200, { account: { new_mailbox_client_auth_mode: 'app_password_only' } });
    expect(data(await open.call('update_account', { new_mailbox_client_auth_mode: 'app_password_only' })).account.new_mailbox_client_auth_mode).to.equal('app_password_only');
    expect(errorText(await open.call('update_account', { new_mailbox_client_auth_mode: 'app_password' }))).to.match(/new_mailbox_client_auth_mode: must be one of/);
    expect(errorText(await open.call('update_account', {}))).to.match(/new_mailbox_client_auth_mode: /);
    api().patch('/api/v1/account').reply(403, { error: { code: 'scope_blocked_by_membership', message: 'Only the account owner can change this' } });
    expect(errorText(await open.call('update_account', { new_mailbox_client_auth_mode: 'password_or_app_password' }))).to.contain('HTTP 403, scope_blocked_by_membership');
  });
});
