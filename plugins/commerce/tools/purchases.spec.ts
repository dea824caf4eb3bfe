import { expect } from 'chai';
import nock from 'nock';
import { api, data, errorText, harness, mcpClient, UUID, type Harness } from '../../../test/harness.js';
import { CommercePack } from '../commerce.plugin.js';

const OPEN = { TREKMAIL_ALLOW_PURCHASES: 'true' };
const CREDENTIAL = 'Payment credential="eyJ0eXBlIjoic3B0In0"';
const challenge = (amount: string, currency = 'usd') => ({ error: { code: 'payment_required', message: 'Payment required' }, amount, currency, network: 'stripe' });

describe('commerce tools: purchases (the HTTP 402 flow)', () => {
  let h: Harness;
  before(async () => {
    h = await harness(CommercePack, OPEN);
  });

  it('the first call sends no credential and answers the exact price of the 402; nothing is bought', async () => {
    api().post('/api/v1/agent/verifier-credits/topup', { quantity: 1000 }).matchHeader('idempotency-key', UUID)
      .matchHeader('payment-authorization', (v) => v === undefined).reply(402, challenge('10.00'));
    const d = data(await h.call('agent_buy_verifier_credits', { quantity: 1000 }));
    expect(d.status).to.equal('payment_required');
    expect(d.price).to.deep.equal({ amount: '10.00', currency: 'USD', network: 'stripe' });
    expect(d.next_step).to.contain('exactly 10.00 USD (network stripe)');
  });

  it('the paying call carries the credential in Payment-Authorization, after the confirm flag; the credential is never echoed', async () => {
    api().post('/api/v1/agent/subscription', { plan: 'pro', period: 'monthly' }).reply(402, challenge('49.00'));
    await h.call('agent_subscribe_mail_plan', { plan: 'pro', period: 'monthly' });
    const refused = errorText(await h.call('agent_subscribe_mail_plan', { plan: 'pro', period: 'monthly', credential: CREDENTIAL }));
    expect(refused).to.contain('Purchase not confirmed').and.contain('the pro mail plan (monthly) for 49.00 USD').and.contain('Nothing was bought');
    api().post('/api/v1/agent/subscription', { plan: 'pro', period: 'monthly' }).matchHeader('payment-authorization', CREDENTIAL).matchHeader('authorization', /^Bearer tm_live_/)
      .reply(201, { status: 'active', plan: 'pro', echo: CREDENTIAL });
    const res = await h.call('agent_subscribe_mail_plan', { plan: 'pro', period: 'monthly', credential: CREDENTIAL, confirm_purchase: true });
    expect(data(res)).to.include({ status: 'active', plan: 'pro' });
    expect(JSON.stringify(res)).not.to.contain('eyJ0eXBlIjoic3B0In0');
  });

  it('never guesses a price: a credential before the 402 is refused locally, with no request', async () => {
    const text = errorText(await h.call('agent_subscribe_white_label', { period: 'yearly', credential: CREDENTIAL, confirm_purchase: true }));
    expect(text).to.contain('No price is known').and.contain('call agent_subscribe_white_label first without credential');
    expect(nock.pendingMocks()).to.deep.equal([]);
  });

  it('a different purchase has its own price: the drive add-on size is part of what was priced', async () => {
    api().post('/api/v1/agent/drive-addon', { size_gb: 500, period: 'monthly' }).reply(402, challenge('9.00'));
    await h.call('agent_subscribe_drive_addon', { size_gb: 500, period: 'monthly' });
    expect(errorText(await h.call('agent_subscribe_drive_addon', { size_gb: 1000, period: 'monthly', credential: CREDENTIAL, confirm_purchase: true }))).to.contain('No price is known');
    api().post('/api/v1/agent/drive-addon', { size_gb: 500, period: 'monthly' }).reply(201, { status: 'active', size_gb: 500 });
    expect(data(await h.call('agent_subscribe_drive_addon', { size_gb: 500, period: 'monthly', credential: CREDENTIAL, confirm_purchase: true })).size_gb).to.equal(500);
  });

  it('with elicitation the person sees the amount; declining stops it, approving pays', async () => {
    const asked: string[] = [];
    const answers = [{ action: 'decline' as const }, { action: 'accept' as const, content: { approve: true } }];
    const client = await mcpClient(h.runtime, { capabilities: { elicitation: {} } });
    client.setRequestHandler('elicitation/create', async (req) => {
      asked.push(String(req.params.message));
      return answers.shift()!;
    });
    api().post('/api/v1/agent/verifier-credits/topup', { quantity: 5000, currency: 'EUR' }).reply(402, challenge('38.00', 'eur'));
    await client.callTool({ name: 'agent_buy_verifier_credits', arguments: { quantity: 5000, currency: 'EUR' } });
    const declined = (await client.callTool({ name: 'agent_buy_verifier_credits', arguments: { quantity: 5000, currency: 'EUR', credential: CREDENTIAL } })) as { isError?: boolean; content: { text: string }[] };
    expect(declined.isError).to.equal(true);
    expect(declined.content[0].text).to.contain('The person declined').and.contain('Nothing was bought');
    expect(asked[0]).to.contain('buy 5000 verifier credits for 38.00 EUR (network stripe)').and.contain('cannot be undone');
    api().post('/api/v1/agent/verifier-credits/topup', { quantity: 5000, currency: 'EUR' }).matchHeader('payment-authorization', CREDENTIAL).reply(201, { status: 'completed', credits_added: 5000 });
    const paid = (await client.callTool({ name: 'agent_buy_verifier_credits', arguments: { quantity: 5000, currency: 'EUR', credential: CREDENTIAL } })) as unknown as { structuredContent: { credits_added: number } };
    expect(paid.structuredContent.credits_added).to.equal(5000);
    expect(asked).to.have.length(2);
  });

  it('with TREKMAIL_ALLOW_PURCHASES unset the pack does not load: no purchase tool exists', async () => {
    const off = await harness(CommercePack);
    expect(off.runtime.list().map((t) => t.name)).to.deep.equal([]);
  });

  it('refuses what the API would: plan other than pro or agency, a currency not of 3 letters', async () => {
    expect(errorText(await h.call('agent_subscribe_mail_plan', { plan: 'starter', period: 'monthly' }))).to.match(/plan: must be one of .*pro, agency/);
    expect(errorText(await h.call('agent_buy_verifier_credits', { quantity: 1000, currency: 'dollars' }))).to.contain('currency:');
  });
});
