import { expect } from 'chai';
import { api, data, errorText, harness, UUID, type Harness } from '../../../test/harness.js';
import { InfraPack } from '../infra.plugin.js';

const BASE = '/api/v1/domains/1/forwarding-addresses';

describe('infra tools: forwarding-addresses', () => {
  let h: Harness;
  let open: Harness;
  before(async () => {
    h = await harness(InfraPack);
    open = await harness(InfraPack, { TREKMAIL_ALLOW_DESTRUCTIVE: 'true' });
  });

  it('list_forwarding_addresses GETs the addresses of a domain, with no query', async () => {
    const body = { domain_id: 1, data: [{ id: 1, email: 'billing@demo.trekmail.test', recipients: ['accounts@example.com'], is_active: true }], limit: { max: 50, used: 1 }, delivering: true };
    api().get(BASE).query({}).reply(200, body);
    expect(data(await h.call('list_forwarding_addresses', { domain_id: 1 }))).to.deep.equal(body);
  });

  it('get_forwarding_address_log sends limit only when given, 1 to 200', async () => {
    api().get(`${BASE}/7/log`).query({ limit: '20' }).reply(200, { address_id: 7, retention_days: 7, data: [{ id: 1, outcome: 'delivered' }] });
    expect(data(await h.call('get_forwarding_address_log', { domain_id: 1, address_id: 7, limit: 20 })).data[0].outcome).to.equal('delivered');
    api().get(`${BASE}/7/log`).query({}).reply(200, { address_id: 7, data: [] });
    expect(data(await h.call('get_forwarding_address_log', { domain_id: 1, address_id: 7 })).data).to.deep.equal([]);
    for (const limit of [0, 201]) expect(errorText(await h.call('get_forwarding_address_log', { domain_id: 1, address_id: 7, limit }))).to.match(/limit: /);
  });

  it('create_forwarding_address is gated; with the gate on it POSTs local_part, recipients and is_active (always sent, default true)', async () => {
    const args = { domain_id: 1, local_part: 'sales', recipients: ['a@example.com', 'b@example.org'] };
    const gated = await h.call('create_forwarding_address', args);
    expect(errorText(gated)).to.contain('TREKMAIL_ALLOW_DESTRUCTIVE=true').and.contain('No request was sent');
    api().post(BASE, { local_part: 'sales', recipients: ['a@example.com', 'b@example.org'], is_active: true }).matchHeader('idempotency-key', UUID)
      .reply(201, { forwarding_address: { id: 9, email: 'sales@demo.trekmail.test', is_active: true } });
    expect(data(await open.call('create_forwarding_address', args)).forwarding_address.id).to.equal(9);
    api().post(BASE, { local_part: 'later', recipients: ['a@example.com'], is_active: false }).reply(201, { forwarding_address: { id: 10, is_active: false } });
    expect(data(await open.call('create_forwarding_address', { domain_id: 1, local_part: 'later', recipients: ['a@example.com'], is_active: false })).forwarding_address.is_active).to.equal(false);
  });

  it('create_forwarding_address checks its fields before any request', async () => {
    const args = { domain_id: 1, local_part: 'sales', recipients: ['a@example.com'] };
    expect(errorText(await open.call('create_forwarding_address', { ...args, recipients: [] }))).to.match(/recipients: .*at least 1/);
    expect(errorText(await open.call('create_forwarding_address', { ...args, recipients: ['nobody'] }))).to.match(/recipients: .*email/);
    expect(errorText(await open.call('create_forwarding_address', { ...args, local_part: 'x'.repeat(65) }))).to.match(/local_part: .*64/);
    expect(errorText(await open.call('create_forwarding_address', { ...args, local_part: '' }))).to.match(/local_part: /);
  });

  it('the recipients of create and update obey TREKMAIL_SEND_ALLOW, with no request', async () => {
    const strict = await harness(InfraPack, { TREKMAIL_ALLOW_DESTRUCTIVE: 'true', TREKMAIL_SEND_ALLOW: 'example.com' });
    const made = await strict.call('create_forwarding_address', { domain_id: 1, local_part: 'leak', recipients: ['ok@example.com', 'out@elsewhere.example'] });
    expect(errorText(made)).to.contain('TREKMAIL_SEND_ALLOW: out@elsewhere.example').and.contain('No request was sent');
    const changed = await strict.call('update_forwarding_address', { domain_id: 1, address_id: 3, recipients: ['out@elsewhere.example'] });
    expect(errorText(changed)).to.contain('TREKMAIL_SEND_ALLOW: out@elsewhere.example');
  });

  it('update_forwarding_address PATCHes only what is given, and needs recipients, is_active or both', async () => {
    api().patch(`${BASE}/3`, (b) => JSON.stringify(b) === '{"is_active":false}').matchHeader('idempotency-key', UUID).reply(200, { forwarding_address: { id: 3, is_active: false } });
    expect(data(await open.call('update_forwarding_address', { domain_id: 1, address_id: 3, is_active: false })).forwarding_address.is_active).to.equal(false);
    api().patch(`${BASE}/3`, (b) => JSON.stringify(b) === '{"recipients":["new@example.com"]}').reply(200, { forwarding_address: { id: 3, recipients: ['new@example.com'] } });
    expect(data(await open.call('update_forwarding_address', { domain_id: 1, address_id: 3, recipients: ['new@example.com'] })).forwarding_address.recipients).to.deep.equal(['new@example.com']);
    expect(errorText(await open.call('update_forwarding_address', { domain_id: 1, address_id: 3 }))).to.contain('- is_active: give is_active, recipients or both');
    expect(errorText(await open.call('update_forwarding_address', { domain_id: 1, address_id: 3, is_active: 'no' }))).to.contain('- is_active: must be a boolean value');
    expect(errorText(await open.call('update_forwarding_address', { domain_id: 1, address_id: 3, recipients: [] }))).to.match(/recipients: .*at least 1/);
    expect(errorText(await h.call('update_forwarding_address', { domain_id: 1, address_id: 3, is_active: true }))).to.contain('TREKMAIL_ALLOW_DESTRUCTIVE=true');
  });

  it('delete_forwarding_address is gated, then DELETEs the address', async () => {
    expect(errorText(await h.call('delete_forwarding_address', { domain_id: 1, address_id: 3 }))).to.contain('TREKMAIL_ALLOW_DESTRUCTIVE=true');
    api().delete(`${BASE}/3`).matchHeader('idempotency-key', UUID).reply(200, { deleted: true, id: 3 });
    expect(data(await open.call('delete_forwarding_address', { domain_id: 1, address_id: 3 }))).to.deep.equal({ deleted: true, id: 3 });
    api().delete(`${BASE}/4`).reply(404, { error: { code: 'not_found', message: 'Forwarding address not found' } });
    expect(errorText(await open.call('delete_forwarding_address', { domain_id: 1, address_id: 4 }))).to.contain('HTTP 404, not_found');
  });
});
