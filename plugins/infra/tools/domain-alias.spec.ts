import { expect } from 'chai';
import { api, data, errorText, harness, UUID, type Harness } from '../../../test/harness.js';
import { InfraPack } from '../infra.plugin.js';

const PATH = '/api/v1/domains/5/matching-addresses';

describe('infra tools: domain-alias', () => {
  let h: Harness;
  let open: Harness;
  before(async () => {
    h = await harness(InfraPack);
    open = await harness(InfraPack, { TREKMAIL_ALLOW_DESTRUCTIVE: 'true' });
  });

  it('get_domain_alias GETs the matching-addresses state of a domain', async () => {
    const body = { data: { domain_id: 5, connected: true, primary_domain: { id: 1, name: 'demo.trekmail.test' }, delivering: false, not_delivering_reason: 'mx_not_verified' } };
    api().get(PATH).reply(200, body);
    expect(data(await h.call('get_domain_alias', { domain_id: 5 }))).to.deep.equal(body);
  });

  it('set_domain_alias is gated; with the gate on it PUTs primary_domain_id only', async () => {
    expect(errorText(await h.call('set_domain_alias', { domain_id: 5, primary_domain_id: 1 }))).to.contain('TREKMAIL_ALLOW_DESTRUCTIVE=true').and.contain('No request was sent');
    api().put(PATH, (b) => JSON.stringify(b) === '{"primary_domain_id":1}').matchHeader('idempotency-key', UUID).reply(200, { data: { domain_id: 5, connected: true } });
    expect(data(await open.call('set_domain_alias', { domain_id: 5, primary_domain_id: 1 })).data.connected).to.equal(true);
    expect(errorText(await open.call('set_domain_alias', { domain_id: 5 }))).to.match(/primary_domain_id: /);
    expect(errorText(await open.call('set_domain_alias', { domain_id: 5, primary_domain_id: 0 }))).to.match(/primary_domain_id: /);
  });

  it('remove_domain_alias needs the gate and confirm_remove: true; then DELETEs with no query or body', async () => {
    expect(errorText(await h.call('remove_domain_alias', { domain_id: 5, confirm_remove: true }))).to.contain('TREKMAIL_ALLOW_DESTRUCTIVE=true');
    const unconfirmed = errorText(await open.call('remove_domain_alias', { domain_id: 5 }));
    expect(unconfirmed).to.contain('confirm_remove: true');
    expect(errorText(await open.call('remove_domain_alias', { domain_id: 5, confirm_remove: false }))).to.contain('confirm_remove');
    api().delete(PATH).query({}).matchHeader('idempotency-key', UUID).reply(200, { data: { domain_id: 5, connected: false } });
    expect(data(await open.call('remove_domain_alias', { domain_id: 5, confirm_remove: true })).data.connected).to.equal(false);
    api().delete(PATH).reply(409, { error: { code: 'not_connected', message: 'x.example.com does not follow another domain' } });
    expect(errorText(await open.call('remove_domain_alias', { domain_id: 5, confirm_remove: true }))).to.contain('HTTP 409, not_connected');
  });
});
