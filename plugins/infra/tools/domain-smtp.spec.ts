import { expect } from 'chai';
import { api, data, errorText, harness, UUID, type Harness } from '../../../test/harness.js';
import { InfraPack } from '../infra.plugin.js';

const SECRET = 'Profile-Relay-Pass-9';
const D = '/api/v1/domains/1';
const PROFILE = { name: 'Relay', host: 'smtp.relay.example.com', port: 587, encryption: 'tls', username: 'relay-user' };

describe('infra tools: smtp (per domain, account default, profiles)', () => {
  let h: Harness;
  let open: Harness;
  before(async () => {
    h = await harness(InfraPack);
    open = await harness(InfraPack, { TREKMAIL_ALLOW_DESTRUCTIVE: 'true' });
  });

  it('the reads GET their routes: domain route, account default, profiles, usage, test status', async () => {
    api().get(`${D}/smtp`).reply(200, { data: { smtp_mode: 'inherit', effective_smtp_mode: 'platform' } });
    expect(data(await h.call('get_domain_smtp', { domain_id: 1 })).data.smtp_mode).to.equal('inherit');
    api().get('/api/v1/smtp/default').query({}).reply(200, { data: { default_smtp_mode: null, effective_default_smtp_mode: 'platform' } });
    expect(data(await h.call('get_account_smtp_default')).data.effective_default_smtp_mode).to.equal('platform');
    api().get(`${D}/smtp/profiles`).reply(200, { data: [{ id: 1, name: 'Company relay', domain_count: 0 }] });
    expect(data(await h.call('list_domain_smtp_profiles', { domain_id: 1 })).data[0].id).to.equal(1);
    api().get(`${D}/smtp/profiles/3/usage`).reply(200, { data: { domains: [], sending_addresses: [] } });
    expect(data(await h.call('get_domain_smtp_profile_usage', { domain_id: 1, profile_id: 3 })).data.sending_addresses).to.deep.equal([]);
    api().get(`${D}/smtp:test-status/dsmtp_0001`).reply(200, { data: { job_id: 'dsmtp_0001', status: 'completed' } });
    expect(data(await h.call('get_domain_smtp_test_status', { domain_id: 1, job_id: 'dsmtp_0001' })).data.status).to.equal('completed');
    api().get(`${D}/smtp:test-status/a%2F..%2Fb`).reply(404, { error: { code: 'not_found', message: 'SMTP test job not found' } });
    expect(errorText(await h.call('get_domain_smtp_test_status', { domain_id: 1, job_id: 'a/../b' }))).to.contain('HTTP 404');
  });

  it('set_domain_smtp is gated; it PUTs smtp_mode and, for profile, the id it needs', async () => {
    expect(errorText(await h.call('set_domain_smtp', { domain_id: 1, smtp_mode: 'platform' }))).to.contain('TREKMAIL_ALLOW_DESTRUCTIVE=true').and.contain('No request was sent');
    api().put(`${D}/smtp`, (b) => JSON.stringify(b) === '{"smtp_mode":"profile","smtp_connection_id":3}').matchHeader('idempotency-key', UUID).reply(200, { data: { smtp_mode: 'profile' } });
    expect(data(await open.call('set_domain_smtp', { domain_id: 1, smtp_mode: 'profile', smtp_connection_id: 3 })).data.smtp_mode).to.equal('profile');
    api().put(`${D}/smtp`, (b) => JSON.stringify(b) === '{"smtp_mode":"inherit"}').reply(200, { data: { smtp_mode: 'inherit' } });
    expect(data(await open.call('set_domain_smtp', { domain_id: 1, smtp_mode: 'inherit' })).data.smtp_mode).to.equal('inherit');
    expect(errorText(await open.call('set_domain_smtp', { domain_id: 1, smtp_mode: 'profile' }))).to.match(/smtp_connection_id: /);
    expect(errorText(await open.call('set_domain_smtp', { domain_id: 1, smtp_mode: 'custom' }))).to.match(/smtp_mode: must be one of .*platform, profile, not_configured, inherit/);
  });

  it('set_account_smtp_default PUTs the default and apply_to_all; inherit is not a default', async () => {
    expect(errorText(await h.call('set_account_smtp_default', { smtp_mode: 'platform' }))).to.contain('TREKMAIL_ALLOW_DESTRUCTIVE=true');
    api().put('/api/v1/smtp/default', { smtp_mode: 'profile', smtp_connection_id: 3, apply_to_all: true }).matchHeader('idempotency-key', UUID).reply(200, { data: { default_smtp_mode: 'profile' } });
    expect(data(await open.call('set_account_smtp_default', { smtp_mode: 'profile', smtp_connection_id: 3, apply_to_all: true })).data.default_smtp_mode).to.equal('profile');
    expect(errorText(await open.call('set_account_smtp_default', { smtp_mode: 'inherit' }))).to.match(/smtp_mode: must be one of/);
    expect(errorText(await open.call('set_account_smtp_default', { smtp_mode: 'profile' }))).to.match(/smtp_connection_id: /);
  });

  it('create_domain_smtp_profile POSTs every field; the password is never shown back', async () => {
    expect(errorText(await h.call('create_domain_smtp_profile', { domain_id: 1, ...PROFILE, password: SECRET }))).to.contain('TREKMAIL_ALLOW_DESTRUCTIVE=true').and.not.contain(SECRET);
    api().post(`${D}/smtp/profiles`, { ...PROFILE, password: SECRET }).matchHeader('idempotency-key', UUID).reply(201, { data: { profile: { id: 4, password: SECRET } } });
    const res = await open.call('create_domain_smtp_profile', { domain_id: 1, ...PROFILE, password: SECRET });
    expect(data(res).data.profile).to.deep.equal({ id: 4, password: '[redacted]' });
    expect(JSON.stringify(res)).not.to.contain(SECRET);
  });

  it('create_domain_smtp_profile takes ports 25, 465, 587 and 2525, public hosts and the API limits, with no request', async () => {
    const args = { domain_id: 1, ...PROFILE, password: SECRET };
    for (const port of [2526, 0, 443]) expect(errorText(await open.call('create_domain_smtp_profile', { ...args, port })), String(port)).to.match(/port: must be one of/);
    expect(errorText(await open.call('create_domain_smtp_profile', { ...args, host: 'relay.localhost' }))).to.contain('- host: must not be a private or internal host');
    expect(errorText(await open.call('create_domain_smtp_profile', { ...args, name: 'n'.repeat(81) }))).to.match(/name: .*80/);
    expect(errorText(await open.call('create_domain_smtp_profile', { ...args, encryption: 'starttls' }))).to.match(/encryption: must be one of .*none, ssl, tls/);
    const text = errorText(await open.call('create_domain_smtp_profile', { ...args, password: 'p'.repeat(256) }));
    expect(text).to.match(/password: .*255/).and.not.contain('p'.repeat(256));
    api().post(`${D}/smtp/profiles`, { ...PROFILE, port: 2525, password: SECRET }).reply(201, { data: { profile: { id: 5 } } });
    expect(data(await open.call('create_domain_smtp_profile', { ...args, port: 2525 })).data.profile.id).to.equal(5);
  });

  it('update_domain_smtp_profile PUTs the whole profile; without a password the current one is kept', async () => {
    api().put(`${D}/smtp/profiles/4`, (b) => JSON.stringify(b) === JSON.stringify({ ...PROFILE, port: 465 })).matchHeader('idempotency-key', UUID).reply(200, { data: { profile: { id: 4, port: 465 } } });
    expect(data(await open.call('update_domain_smtp_profile', { domain_id: 1, profile_id: 4, ...PROFILE, port: 465 })).data.profile.port).to.equal(465);
    api().put(`${D}/smtp/profiles/4`, { ...PROFILE, password: SECRET }).reply(200, { data: { profile: { id: 4 } } });
    expect(JSON.stringify(await open.call('update_domain_smtp_profile', { domain_id: 1, profile_id: 4, ...PROFILE, password: SECRET }))).not.to.contain(SECRET);
    const missing = errorText(await open.call('update_domain_smtp_profile', { domain_id: 1, profile_id: 4, name: 'Relay' }));
    expect(missing).to.contain('- host:').and.contain('- port:').and.contain('- encryption:').and.contain('- username:').and.not.contain('- password:');
  });

  it('delete_domain_smtp_profile is gated, then DELETEs the profile', async () => {
    expect(errorText(await h.call('delete_domain_smtp_profile', { domain_id: 1, profile_id: 4 }))).to.contain('TREKMAIL_ALLOW_DESTRUCTIVE=true');
    api().delete(`${D}/smtp/profiles/4`).matchHeader('idempotency-key', UUID).reply(200, { data: { deleted: true, id: 4, reassigned_domain_ids: [1] } });
    expect(data(await open.call('delete_domain_smtp_profile', { domain_id: 1, profile_id: 4 })).data.reassigned_domain_ids).to.deep.equal([1]);
  });

  it('test_domain_smtp always sends mode (default custom) and only the settings given; it is gated', async () => {
    expect(errorText(await h.call('test_domain_smtp', { domain_id: 1 }))).to.contain('TREKMAIL_ALLOW_DESTRUCTIVE=true');
    api().post(`${D}/smtp:test`, (b) => JSON.stringify(b) === '{"mode":"custom","smtp_connection_id":3}').matchHeader('idempotency-key', UUID).reply(202, { data: { job_id: 'dsmtp_0001' } });
    expect(data(await open.call('test_domain_smtp', { domain_id: 1, smtp_connection_id: 3 })).data.job_id).to.equal('dsmtp_0001');
    api().post(`${D}/smtp:test`, (b) => JSON.stringify(b) === '{"mode":"platform"}').reply(202, { data: { job_id: 'dsmtp_0002' } });
    expect(data(await open.call('test_domain_smtp', { domain_id: 1, mode: 'platform' })).data.job_id).to.equal('dsmtp_0002');
    const adhoc = { host: 'smtp.example.net', port: 465, encryption: 'ssl', username: 'me', password: SECRET };
    api().post(`${D}/smtp:test`, { mode: 'custom', ...adhoc }).reply(202, { data: { job_id: 'dsmtp_0003', echo: SECRET } });
    const res = await open.call('test_domain_smtp', { domain_id: 1, ...adhoc });
    expect(JSON.stringify(res)).not.to.contain(SECRET);
    expect(errorText(await open.call('test_domain_smtp', { domain_id: 1, host: 'metadata.google.internal' }))).to.contain('- host: must not be a private or internal host');
    expect(errorText(await open.call('test_domain_smtp', { domain_id: 1, mode: 'managed' }))).to.match(/mode: must be one of .*platform, custom/);
  });
});
