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
});
