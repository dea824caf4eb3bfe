import { expect } from 'chai';
import { api, data, errorText, harness, OPS_TOKEN, UUID, type Harness } from '../../../test/harness.js';
import { DrivePack } from '../drive.plugin.js';

const PASSWORD = 'dsync_Zk3mQ0d8rT1uVx5yA2bC9eF4gH6jK7lM';
const row = { id: 7, label: 'MacBook rclone', scopes: ['drive:account:read'], mailbox_id: null, server_url: 'https://trekmail.test/dav/account/', active: true };

describe('drive tools: sync devices', () => {
  let h: Harness;
  let open: Harness;
  before(async () => {
    h = await harness(DrivePack);
    open = await harness(DrivePack, { TREKMAIL_ALLOW_DESTRUCTIVE: 'true' });
  });

  it('drive_device_list GETs the devices with the ops token, no query', async () => {
    api().get('/api/v1/drive/devices').matchHeader('authorization', `Bearer ${OPS_TOKEN}`).reply(200, { data: [row] });
    expect(data(await h.call('drive_device_list'))).to.deep.equal({ data: [row] });
  });

  it('drive_device_create is gated; open, it POSTs every field (nulls included) and shows the password once', async () => {
    expect(errorText(await h.call('drive_device_create', { label: 'MacBook rclone', scopes: ['drive:account:read'] }))).to.contain('drive_device_create needs TREKMAIL_ALLOW_DESTRUCTIVE=true');
    api().post('/api/v1/drive/devices', { label: 'MacBook rclone', scopes: ['drive:account:read'], mailbox_id: null, expires_in_days: null })
      .matchHeader('idempotency-key', UUID).reply(201, { data: { ...row, password: PASSWORD } });
    const res = await open.call('drive_device_create', { label: 'MacBook rclone', scopes: ['drive:account:read'] });
    expect(data(res).data).to.include({ password: PASSWORD, server_url: row.server_url });
  });

  it('drive_device_create sends a mailbox binding and an expiry as given', async () => {
    const body = { label: 'Phone DAVx5', scopes: ['drive:mailbox:read', 'drive:mailbox:write'], mailbox_id: 3, expires_in_days: 90 };
    api().post('/api/v1/drive/devices', body).reply(201, { data: { id: 8, ...body, password: PASSWORD } });
    expect(data(await open.call('drive_device_create', body)).data).to.include({ id: 8, mailbox_id: 3 });
  });

  it('drive_device_create refuses bad labels, scopes and expiries without a request', async () => {
    const ok = { label: 'NAS', scopes: ['drive:account:read'] };
    expect(errorText(await open.call('drive_device_create', { ...ok, label: '' }))).to.match(/- label: /);
    expect(errorText(await open.call('drive_device_create', { ...ok, label: 'x'.repeat(65) }))).to.match(/- label: /);
    expect(errorText(await open.call('drive_device_create', { ...ok, scopes: [] }))).to.match(/- scopes: /);
    expect(errorText(await open.call('drive_device_create', { ...ok, scopes: ['drive:addon:read'] }))).to.match(/- scopes: /);
    expect(errorText(await open.call('drive_device_create', { ...ok, expires_in_days: 0 }))).to.match(/- expires_in_days: /);
    expect(errorText(await open.call('drive_device_create', { ...ok, expires_in_days: 3651 }))).to.match(/- expires_in_days: /);
    expect(errorText(await open.call('drive_device_create', { ...ok, mailbox_id: 0 }))).to.match(/- mailbox_id: /);
  });

  it('an API refusal (mailbox scopes without a mailbox) is passed on', async () => {
    api().post('/api/v1/drive/devices').reply(422, { error: { code: 'validation_failed', message: 'Validation failed: mailbox_id' }, errors: { mailbox_id: 'is required for drive:mailbox:* scopes' } });
    expect(errorText(await open.call('drive_device_create', { label: 'NAS', scopes: ['drive:mailbox:read'] }))).to.contain('HTTP 422, validation_failed');
  });

  it('drive_device_revoke is gated, then DELETEs the device', async () => {
    expect(errorText(await h.call('drive_device_revoke', { device_id: 7 }))).to.contain('drive_device_revoke needs TREKMAIL_ALLOW_DESTRUCTIVE=true');
    api().delete('/api/v1/drive/devices/7').matchHeader('idempotency-key', UUID).reply(200, { data: { ...row, active: false, revoked_at: '2030-01-01T00:00:00Z' } });
    expect(data(await open.call('drive_device_revoke', { device_id: 7 })).data).to.include({ active: false });
  });

  it('drive_device_rotate is gated, then POSTs :rotate with the expiry (null keeps the window) and shows the new password', async () => {
    expect(errorText(await h.call('drive_device_rotate', { device_id: 7 }))).to.contain('drive_device_rotate needs TREKMAIL_ALLOW_DESTRUCTIVE=true');
    api().post('/api/v1/drive/devices/7:rotate', { expires_in_days: null }).matchHeader('idempotency-key', UUID).reply(201, { data: { ...row, id: 9, password: PASSWORD } });
    expect(data(await open.call('drive_device_rotate', { device_id: 7 })).data).to.include({ id: 9, password: PASSWORD });
    api().post('/api/v1/drive/devices/9:rotate', { expires_in_days: 30 }).reply(201, { data: { ...row, id: 10, password: PASSWORD } });
    expect(data(await open.call('drive_device_rotate', { device_id: 9, expires_in_days: 30 })).data.id).to.equal(10);
    expect(errorText(await open.call('drive_device_rotate', { device_id: 9, expires_in_days: 3651 }))).to.match(/- expires_in_days: /);
  });

  it('a password outside the create and rotate answers is redacted', async () => {
    api().get('/api/v1/drive/devices').reply(200, { data: [{ ...row, password: PASSWORD }] });
    expect(data(await h.call('drive_device_list')).data[0].password).to.equal('[redacted]');
  });
});
