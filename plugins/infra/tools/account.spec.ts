import { expect } from 'chai';
import { api, data, errorText, harness, OPS_TOKEN, type Harness } from '../../../test/harness.js';
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
});
