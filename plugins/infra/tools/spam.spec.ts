import { expect } from 'chai';
import { api, data, errorText, harness, type Harness } from '../../../test/harness.js';
import { InfraPack } from '../infra.plugin.js';

describe('infra tools: spam', () => {
  let h: Harness;
  before(async () => {
    h = await harness(InfraPack);
  });

  it('get_spam_metrics GETs the daily series; days goes in the query', async () => {
    const body = { domain_id: 1, days: 7, data: [{ date: '2030-01-01', received: 200, spam: 12, quarantined: 4, rejected: 3, spam_rate: 0.06 }] };
    api().get('/api/v1/domains/1/spam-metrics').query({ days: '7' }).reply(200, body);
    expect(data(await h.call('get_spam_metrics', { domain_id: 1, days: 7 }))).to.deep.equal(body);
  });

  it('days is always sent: 30 when not given, on both tools', async () => {
    api().get('/api/v1/domains/1/spam-metrics').query({ days: '30' }).reply(200, { domain_id: 1, days: 30, data: [] });
    expect(data(await h.call('get_spam_metrics', { domain_id: 1 })).days).to.equal(30);
    api().get('/api/v1/domains/1/spam-metrics/summary').query({ days: '30' }).reply(200, { domain_id: 1, days: 30, totals: {} });
    expect(data(await h.call('get_spam_summary', { domain_id: 1 })).days).to.equal(30);
  });

  it('get_spam_summary GETs totals for the period', async () => {
    const body = { domain_id: 3, days: 90, totals: { received: 18000, spam: 1300 }, spam_rate: 0.0722, top_reasons: [{ reason: 'rbl_listed', count: 585 }] };
    api().get('/api/v1/domains/3/spam-metrics/summary').query({ days: '90' }).reply(200, body);
    expect(data(await h.call('get_spam_summary', { domain_id: 3, days: 90 }))).to.deep.equal(body);
  });

  it('days must be an integer from 1 to 90, named, with no request', async () => {
    for (const days of [0, 91, 7.5, '30']) {
      expect(errorText(await h.call('get_spam_summary', { domain_id: 1, days })), String(days)).to.match(/^Invalid arguments for get_spam_summary:\n- days: /);
    }
    expect(errorText(await h.call('get_spam_metrics', { domain_id: 1, days: 365 }))).to.match(/days: .*90/);
  });

  it('an unknown domain is the API 404', async () => {
    api().get('/api/v1/domains/99/spam-metrics').query({ days: '30' }).reply(404, { error: { code: 'not_found', message: 'Domain not found' } });
    expect(errorText(await h.call('get_spam_metrics', { domain_id: 99 }))).to.contain('HTTP 404, not_found').and.contain('Domain not found');
  });

  it('get_domain_deliverability GETs the rollup; days is always sent', async () => {
    api().get('/api/v1/domains/1/deliverability').query({ days: '30' }).reply(200, { data: { sent: 900, health: 'good' } });
    expect(data(await h.call('get_domain_deliverability', { domain_id: 1 })).data.health).to.equal('good');
    api().get('/api/v1/domains/1/deliverability').query({ days: '90' }).reply(200, { data: { sent: 2700 } });
    expect(data(await h.call('get_domain_deliverability', { domain_id: 1, days: 90 })).data.sent).to.equal(2700);
    expect(errorText(await h.call('get_domain_deliverability', { domain_id: 1, days: 91 }))).to.match(/days: /);
  });

  it('the bounce lists always send days, limit and offset (30, 50, 0); type and recipient only when given', async () => {
    api().get('/api/v1/domains/1/bounces').query({ days: '30', limit: '50', offset: '0' }).reply(200, { data: [], meta: { total: 0 } });
    expect(data(await h.call('list_domain_bounces', { domain_id: 1 })).meta.total).to.equal(0);
    const q = { days: '7', type: 'hard', recipient: 'example.com', limit: '10', offset: '20' };
    api().get('/api/v1/mailboxes/2/bounces').query(q).reply(200, { data: [{ recipient: 'x@example.com', type: 'hard', status_code: '550 5.1.1' }] });
    const res = await h.call('list_mailbox_bounces', { mailbox_id: 2, days: 7, type: 'hard', recipient: 'example.com', limit: 10, offset: 20 });
    expect(data(res).data[0].status_code).to.equal('550 5.1.1');
  });

  it('the bounce lists refuse what the API does not take, with no request', async () => {
    for (const [k, v] of [['type', 'blocked'], ['limit', 101], ['limit', 0], ['offset', -1], ['days', 0], ['recipient', 'r'.repeat(256)]] as const) {
      expect(errorText(await h.call('list_domain_bounces', { domain_id: 1, [k]: v })), `${k}=${v}`).to.match(new RegExp(`^Invalid arguments for list_domain_bounces:\\n- ${k}: `));
    }
    expect(errorText(await h.call('list_mailbox_bounces', { domain_id: 1 }))).to.contain('- mailbox_id: ');
  });
});
