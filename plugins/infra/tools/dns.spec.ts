import { expect } from 'chai';
import { api, data, errorText, harness, UUID, type Harness } from '../../../test/harness.js';
import { InfraPack } from '../infra.plugin.js';

describe('infra tools: dns', () => {
  let h: Harness;
  before(async () => {
    h = await harness(InfraPack);
  });

  it('get_dns_requirements GETs the records a domain needs', async () => {
    const body = { domain_id: 2, records: [{ purpose: 'mx', type: 'MX', host: '@', value: 'mx1.trekmail.net', priority: 10, status: 'missing' }] };
    api().get('/api/v1/domains/2/dns-requirements').reply(200, body);
    expect(data(await h.call('get_dns_requirements', { domain_id: 2 }))).to.deep.equal(body);
  });

  it('dns_recheck POSTs with an idempotency key and returns the check to poll', async () => {
    api().post('/api/v1/domains/2/dns-recheck', {}).matchHeader('idempotency-key', UUID).reply(202, { check: { id: 7, domain_id: 2, status: 'running' } });
    expect(data(await h.call('dns_recheck', { domain_id: 2 }))).to.deep.equal({ check: { id: 7, domain_id: 2, status: 'running' } });
  });

  it('get_dns_check GETs the check by id', async () => {
    const body = { check: { id: 7, status: 'completed', all_valid: false, results: [{ record: 'spf', status: 'invalid' }] } };
    api().get('/api/v1/dns-checks/7').reply(200, body);
    expect(data(await h.call('get_dns_check', { check_id: 7 }))).to.deep.equal(body);
  });

  it('ids must be positive integers (named), and a 404 reaches the agent', async () => {
    expect(errorText(await h.call('get_dns_check', { check_id: 0 }))).to.match(/check_id: .*not be less than 1/);
    expect(errorText(await h.call('dns_recheck', { domain_id: '2' }))).to.match(/domain_id: .*integer/);
    api().get('/api/v1/dns-checks/99').reply(404, { error: { code: 'not_found', message: 'DNS check not found' } });
    expect(errorText(await h.call('get_dns_check', { check_id: 99 }))).to.contain('HTTP 404, not_found').and.contain('DNS check not found');
  });

  it('get_domain_connect_setup GETs the Domain Connect state, never anything else', async () => {
    const body = { domain_setup: { domain_connect_available: false, blockers: ['dns_not_on_cloudflare'], domain_connect_url: null } };
    api().get('/api/v1/domains/2/domain-connect/setup').query({}).reply(200, body);
    expect(data(await h.call('get_domain_connect_setup', { domain_id: 2 }))).to.deep.equal(body);
    expect(errorText(await h.call('get_domain_connect_setup', { domain_id: 2, api_token: 'x' }))).to.contain('api_token: is not a parameter');
  });
});
