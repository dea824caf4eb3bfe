import { expect } from 'chai';
import { api, data, errorText, harness, UUID, type Harness } from '../../../test/harness.js';
import { InfraPack } from '../infra.plugin.js';

const SECRET = 'abcdefghijklmnop';

describe('infra tools: app-passwords', () => {
  let h: Harness;
  let open: Harness;
  before(async () => {
    h = await harness(InfraPack);
    open = await harness(InfraPack, { TREKMAIL_ALLOW_DESTRUCTIVE: 'true' });
  });

  it('list_mailbox_app_passwords GETs the rows; a secret-shaped field in them is masked', async () => {
    const body = { mailbox_id: 7, client_auth_mode: 'app_password_only', limit: 25, active_count: 1, data: [{ id: 3, name: 'iPhone', active: true, password: 'leaked' }] };
    api().get('/api/v1/mailboxes/7/app-passwords').reply(200, body);
    expect(data(await h.call('list_mailbox_app_passwords', { mailbox_id: 7 })).data[0]).to.deep.equal({ id: 3, name: 'iPhone', active: true, password: '[redacted]' });
  });

  it('create_mailbox_app_password is gated; open, it POSTs the name and shows data.password once', async () => {
    expect(errorText(await h.call('create_mailbox_app_password', { mailbox_id: 7, name: 'iPhone' }))).to.contain('TREKMAIL_ALLOW_DESTRUCTIVE=true');
    api().post('/api/v1/mailboxes/7/app-passwords', { name: 'iPhone' }).matchHeader('idempotency-key', UUID).reply(201, { data: { id: 3, name: 'iPhone', password: SECRET } });
    const res = await open.call('create_mailbox_app_password', { mailbox_id: 7, name: 'iPhone' });
    expect(data(res).data.password).to.equal(SECRET);
    expect(res.content[0].text).to.contain(SECRET);
    expect(errorText(await open.call('create_mailbox_app_password', { mailbox_id: 7, name: 'x'.repeat(65) }))).to.match(/name: .*64/);
    expect(errorText(await open.call('create_mailbox_app_password', { mailbox_id: 7, name: '' }))).to.match(/name: /);
  });

  it('each create gets its own idempotency key, so a second create mints a password instead of replaying one', async () => {
    const keys: string[] = [];
    api().post('/api/v1/mailboxes/7/app-passwords').twice().reply(function () {
      keys.push(String(this.req.headers['idempotency-key']));
      return [201, { data: { id: keys.length, password: SECRET } }];
    });
    await open.call('create_mailbox_app_password', { mailbox_id: 7, name: 'iPad' });
    await open.call('create_mailbox_app_password', { mailbox_id: 7, name: 'iPad' });
    expect(keys).to.have.length(2);
    expect(keys[0]).not.to.equal(keys[1]);
  });

  it('rotate_mailbox_app_password POSTs to :rotate with no body and shows the new password', async () => {
    api().post('/api/v1/mailboxes/7/app-passwords/3:rotate', (b) => b === '' || b === undefined).matchHeader('idempotency-key', UUID)
      .reply(200, { data: { id: 4, name: 'iPhone', password: SECRET }, replaced_id: 3 });
    const res = await open.call('rotate_mailbox_app_password', { mailbox_id: 7, app_password_id: 3 });
    expect(data(res)).to.deep.include({ replaced_id: 3 });
    expect(data(res).data.password).to.equal(SECRET);
    api().post('/api/v1/mailboxes/7/app-passwords/3:rotate').reply(409, { error: { code: 'conflict', message: 'App password 3 was already revoked' } });
    expect(errorText(await open.call('rotate_mailbox_app_password', { mailbox_id: 7, app_password_id: 3 }))).to.contain('HTTP 409, conflict');
  });

  it('revoke_mailbox_app_password DELETEs the row; a replayed answer without the secret is passed on as is', async () => {
    api().delete('/api/v1/mailboxes/7/app-passwords/4').matchHeader('idempotency-key', UUID).reply(200, { data: { id: 4, active: false, revoked_reason: 'revoked_by_admin' } });
    expect(data(await open.call('revoke_mailbox_app_password', { mailbox_id: 7, app_password_id: 4 })).data.active).to.equal(false);
    api().post('/api/v1/mailboxes/7/app-passwords').reply(201, { data: { id: 5, name: 'Mac' }, _idempotency_replay_warning: 'The password is not replayed' });
    expect(data(await open.call('create_mailbox_app_password', { mailbox_id: 7, name: 'Mac' }))).to.deep.include({ _idempotency_replay_warning: 'The password is not replayed' });
  });

  it('set_mailbox_client_auth_mode sends client_auth_mode as mode: one mailbox to its route, a selection to the bulk route', async () => {
    api().post('/api/v1/mailboxes/7:client-auth-mode', { mode: 'app_password_only' }).matchHeader('idempotency-key', UUID).reply(200, { data: { mailbox_id: 7, client_auth_mode: 'app_password_only', changed: true } });
    expect(data(await open.call('set_mailbox_client_auth_mode', { mailbox_id: 7, client_auth_mode: 'app_password_only' })).data.changed).to.equal(true);
    for (const selector of [{ mailbox_ids: [7, 8] }, { domain_id: 5 }, { all: true }]) {
      api().post('/api/v1/mailboxes:client-auth-mode', { mode: 'password_or_app_password', ...selector }).reply(200, { data: { matched: 2, updated: 1, skipped: 1 } });
      expect(data(await open.call('set_mailbox_client_auth_mode', { client_auth_mode: 'password_or_app_password', ...selector })).data.matched).to.equal(2);
    }
  });

  it('set_mailbox_client_auth_mode takes exactly one of mailbox_id and the three selectors, and a known mode', async () => {
    for (const bad of [{}, { mailbox_id: 7, mailbox_ids: [8] }, { mailbox_id: 7, all: true }, { domain_id: 5, all: true }]) {
      expect(errorText(await open.call('set_mailbox_client_auth_mode', { client_auth_mode: 'app_password_only', ...bad }))).to.contain('Invalid arguments for set_mailbox_client_auth_mode:\n- mailbox_id: give');
    }
    expect(errorText(await open.call('set_mailbox_client_auth_mode', { client_auth_mode: 'app_password', mailbox_id: 7 }))).to.match(/client_auth_mode: must be one of/);
    expect(errorText(await open.call('set_mailbox_client_auth_mode', { mode: 'app_password_only', mailbox_id: 7 }))).to.contain('mode: is not a parameter');
    expect(errorText(await h.call('set_mailbox_client_auth_mode', { client_auth_mode: 'app_password_only', all: true }))).to.contain('TREKMAIL_ALLOW_DESTRUCTIVE=true');
  });
});
