import { expect } from 'chai';
import { api, data, errorText, harness, UUID, type Harness } from '../../../test/harness.js';
import { InfraPack } from '../infra.plugin.js';

const SECRET = 'Smtp-Relay-Pass-42';

describe('infra tools: smtp', () => {
  let h: Harness;
  let open: Harness;
  before(async () => {
    h = await harness(InfraPack);
    open = await harness(InfraPack, { TREKMAIL_ALLOW_DESTRUCTIVE: 'true' });
  });

  it('get_smtp_config GETs /smtp', async () => {
    const body = { smtp: { mode: 'platform', active_connection_id: null, connections: [{ id: 1, host: 'smtp.relay.example.com', password_set: true }] } };
    api().get('/api/v1/smtp').reply(200, body);
    expect(data(await h.call('get_smtp_config'))).to.deep.equal(body);
  });

  it('update_smtp_config is gated; with the gate on it PUTs the settings and never shows the password back', async () => {
    const args = { mode: 'custom', host: 'smtp.relay.example.com', port: 587, encryption: 'tls', username: 'relay-user', password: SECRET };
    expect(errorText(await h.call('update_smtp_config', args))).to.contain('TREKMAIL_ALLOW_DESTRUCTIVE=true').and.not.contain(SECRET);
    api().put('/api/v1/smtp', args).matchHeader('idempotency-key', UUID)
      .reply(200, { smtp: { mode: 'custom', active_connection_id: 2, connections: [{ id: 2, username: 'relay-user', password: SECRET, note: `saved ${SECRET}` }] } });
    const res = await open.call('update_smtp_config', args);
    expect(data(res).smtp.connections[0]).to.deep.equal({ id: 2, username: 'relay-user', password: '[redacted]', note: 'saved [redacted]' });
    expect(JSON.stringify(res)).not.to.contain(SECRET);
  });

  it('update_smtp_config back to the platform relay needs only mode', async () => {
    api().put('/api/v1/smtp', (b) => JSON.stringify(b) === '{"mode":"platform"}').reply(200, { smtp: { mode: 'platform' } });
    expect(data(await open.call('update_smtp_config', { mode: 'platform' })).smtp.mode).to.equal('platform');
  });

  it('update_smtp_config: custom needs host, port, encryption and username; the password never appears in the refusal', async () => {
    const text = errorText(await open.call('update_smtp_config', { mode: 'custom', password: SECRET }));
    expect(text).to.contain('- host:').and.contain('- port:').and.contain('- encryption:').and.contain('- username:').and.not.contain(SECRET);
    expect(errorText(await open.call('update_smtp_config', { mode: 'relay' }))).to.match(/mode: must be one of/);
    const custom = { mode: 'custom', host: 'smtp.example.com', port: 587, encryption: 'tls', username: 'me' };
    expect(errorText(await open.call('update_smtp_config', { ...custom, port: 70000 }))).to.match(/port: .*65535/);
    expect(errorText(await open.call('update_smtp_config', { ...custom, encryption: 'starttls' }))).to.match(/encryption: must be one of .*none, ssl, tls/);
    expect(errorText(await open.call('update_smtp_config', { ...custom, username: 'u'.repeat(256) }))).to.match(/username: .*255/);
    expect(errorText(await open.call('update_smtp_config', { ...custom, host: 'metadata.google.internal' }))).to.contain('- host: must not be a private or internal host');
    // A saved connection can be switched back on without its password.
    api().put('/api/v1/smtp', custom).reply(200, { smtp: { mode: 'custom', active_connection_id: 1 } });
    expect(data(await open.call('update_smtp_config', custom)).smtp.active_connection_id).to.equal(1);
  });

  it('delete_smtp_connection is gated, then DELETEs the connection', async () => {
    expect(errorText(await h.call('delete_smtp_connection', { connection_id: 1 }))).to.contain('TREKMAIL_ALLOW_DESTRUCTIVE=true');
    api().delete('/api/v1/smtp/1').matchHeader('idempotency-key', UUID).reply(200, { deleted: true, id: 1, mode: 'platform', fell_back_to_platform: true });
    expect(data(await open.call('delete_smtp_connection', { connection_id: 1 }))).to.deep.equal({ deleted: true, id: 1, mode: 'platform', fell_back_to_platform: true });
  });

  it('test_smtp POSTs the settings to the literal :test path and never shows the password, in a result or an error', async () => {
    const args = { host: 'smtp.relay.example.com', port: 465, encryption: 'ssl', username: 'relay-user', password: SECRET };
    api().post('/api/v1/smtp:test', args).matchHeader('idempotency-key', UUID)
      .reply(202, { job_id: 'smtptest_0001', status: 'queued', echo: { password: SECRET, login: `relay-user:${SECRET}` } });
    const ok = await h.call('test_smtp', args);
    expect(data(ok).job_id).to.equal('smtptest_0001');
    expect(data(ok).echo).to.deep.equal({ password: '[redacted]', login: 'relay-user:[redacted]' });
    expect(JSON.stringify(ok)).not.to.contain(SECRET);
    api().post('/api/v1/smtp:test').reply(422, { error: { code: 'validation_failed', message: `password ${SECRET} rejected` }, errors: { password: SECRET } });
    const bad = await h.call('test_smtp', args);
    expect(errorText(bad)).to.contain('HTTP 422');
    expect(JSON.stringify(bad)).not.to.contain(SECRET);
    expect(errorText(await h.call('test_smtp', { ...args, encryption: 'starttls' }))).to.match(/encryption: must be one of .*none, ssl, tls/);
    expect(errorText(await h.call('test_smtp', { ...args, host: 'not a host' }))).to.match(/- host: /);
  });

  it('test_smtp refuses private and internal hosts and over-long fields, with no request', async () => {
    const args = { host: 'smtp.relay.example.com', port: 587, encryption: 'none', username: 'relay-user', password: SECRET };
    for (const host of ['localhost', 'mail.localhost', 'metadata.google.internal', '127.0.0.1', '10.0.0.5']) {
      expect(errorText(await h.call('test_smtp', { ...args, host })), host).to.match(/^Invalid arguments for test_smtp:\n- host: /);
    }
    expect(errorText(await h.call('test_smtp', { ...args, host: 'relay.localhost' }))).to.contain('must not be a private or internal host');
    expect(errorText(await h.call('test_smtp', { ...args, username: 'u'.repeat(256) }))).to.match(/username: .*255/);
    const long = errorText(await h.call('test_smtp', { ...args, password: 'p'.repeat(256) }));
    expect(long).to.match(/password: .*255/);
    api().post('/api/v1/smtp:test', { ...args, port: 2525 }).reply(202, { job_id: 'smtptest_0002', status: 'queued' });
    expect(data(await h.call('test_smtp', { ...args, port: 2525 })).job_id).to.equal('smtptest_0002');
  });

  it('get_smtp_test_status GETs the job, its id encoded as one path segment', async () => {
    const body = { job_id: 'smtptest_0001', status: 'completed', result: { success: true, stage: 'done' } };
    api().get('/api/v1/smtp:test-status/smtptest_0001').reply(200, body);
    expect(data(await h.call('get_smtp_test_status', { job_id: 'smtptest_0001' }))).to.deep.equal(body);
    api().get('/api/v1/smtp:test-status/a%2F..%2Fb').reply(404, { error: { code: 'not_found', message: 'SMTP test job not found' } });
    expect(errorText(await h.call('get_smtp_test_status', { job_id: 'a/../b' }))).to.contain('HTTP 404');
  });
});
