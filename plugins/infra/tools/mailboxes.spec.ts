import { expect } from 'chai';
import { api, data, errorText, harness, UUID, type Harness } from '../../../test/harness.js';
import { InfraPack } from '../infra.plugin.js';

const SECRET = 'Correct-Horse-Battery-9';
const BULK1 = 'Pass-Word-One-1';
const BULK2 = 'Pass-Word-Two-2';

describe('infra tools: mailboxes', () => {
  let h: Harness;
  let open: Harness;
  before(async () => {
    h = await harness(InfraPack);
    open = await harness(InfraPack, { TREKMAIL_ALLOW_DESTRUCTIVE: 'true' });
  });

  it('list_mailboxes sends its filters in the query', async () => {
    const body = { data: [{ id: 2, email: 'sales@demo.trekmail.test' }], meta: { page: 1, per_page: 25, total: 1, last_page: 1 } };
    api().get('/api/v1/mailboxes').query({ domain_id: '1', status: 'active', search: 'sales' }).reply(200, body);
    expect(data(await h.call('list_mailboxes', { domain_id: 1, status: 'active', search: 'sales' }))).to.deep.equal(body);
    api().get('/api/v1/mailboxes').query({ page: '2', per_page: '100' }).reply(200, { data: [] });
    expect(data(await h.call('list_mailboxes', { page: 2, per_page: 100 })).data).to.deep.equal([]);
    expect(errorText(await h.call('list_mailboxes', { search: 's'.repeat(256) }))).to.match(/search: .*255/);
    expect(errorText(await h.call('list_mailboxes', { per_page: 101 }))).to.match(/per_page: /);
  });

  it('get_mailbox GETs the mailbox by id', async () => {
    api().get('/api/v1/mailboxes/1').reply(200, { mailbox: { id: 1, email: 'demo@demo.trekmail.test' } });
    expect(data(await h.call('get_mailbox', { mailbox_id: 1 })).mailbox.email).to.equal('demo@demo.trekmail.test');
  });

  it('create_mailbox_generated_password adds password_mode=generated_one_time and shows the generated password', async () => {
    api().post('/api/v1/mailboxes', { domain_id: 1, local_part: 'ann.lee', display_name: 'Ann Lee', storage_allocation_mb: 2048, password_mode: 'generated_one_time' })
      .matchHeader('idempotency-key', UUID)
      .reply(201, { mailbox: { id: 9, email: 'ann.lee@demo.trekmail.test' }, password: 'Gen-7xQ2-pLm9', password_mode: 'generated_one_time' });
    const res = await h.call('create_mailbox_generated_password', { domain_id: 1, local_part: 'ann.lee', display_name: 'Ann Lee', storage_allocation_mb: 2048 });
    expect(data(res).password).to.equal('Gen-7xQ2-pLm9');
    expect(res.content[0].text).to.contain('Gen-7xQ2-pLm9');
  });

  it('create_mailbox_generated_password also shows a one_time_password key, and cannot be given a password', async () => {
    api().post('/api/v1/mailboxes', { domain_id: 1, local_part: 'bob', password_mode: 'generated_one_time' }).reply(201, { mailbox: { id: 10 }, one_time_password: 'otp-123456' });
    expect(data(await h.call('create_mailbox_generated_password', { domain_id: 1, local_part: 'bob' })).one_time_password).to.equal('otp-123456');
    expect(errorText(await h.call('create_mailbox_generated_password', { domain_id: 1, local_part: 'bob', password: 'x12345678' }))).to.contain('password: is not a parameter');
    expect(errorText(await h.call('create_mailbox_generated_password', { domain_id: 1, local_part: 'bad local' }))).to.match(/local_part: /);
    expect(errorText(await h.call('create_mailbox_generated_password', { domain_id: 1, local_part: 'a'.repeat(65) }))).to.match(/local_part: .*64/);
    expect(errorText(await h.call('create_mailbox_generated_password', { domain_id: 1, local_part: 'Bob' }))).to.match(/local_part: must use only a-z/);
  });

  it('change_mailbox_password is gated; with the gate on it POSTs the password and never shows it back, even when echoed', async () => {
    expect(errorText(await h.call('change_mailbox_password', { mailbox_id: 1, password: SECRET }))).to.contain('TREKMAIL_ALLOW_DESTRUCTIVE=true');
    api().post('/api/v1/mailboxes/1/password', { password: SECRET }).matchHeader('idempotency-key', UUID)
      .reply(200, { mailbox_id: 1, sessions_revoked: true, password: SECRET, debug: `set to ${SECRET}` });
    const res = await open.call('change_mailbox_password', { mailbox_id: 1, password: SECRET });
    expect(data(res)).to.deep.equal({ mailbox_id: 1, sessions_revoked: true, password: '[redacted]', debug: 'set to [redacted]' });
    expect(JSON.stringify(res)).not.to.contain(SECRET);
  });

  it('change_mailbox_password: an API error echoing the password does not leak it; a short password is refused locally', async () => {
    api().post('/api/v1/mailboxes/1/password').reply(422, { error: { code: 'validation_failed', message: `"${SECRET}" was used before` }, errors: { password: `${SECRET} is reused` } });
    const res = await open.call('change_mailbox_password', { mailbox_id: 1, password: SECRET });
    expect(errorText(res)).to.contain('HTTP 422, validation_failed');
    expect(JSON.stringify(res)).not.to.contain(SECRET);
    const short = await open.call('change_mailbox_password', { mailbox_id: 1, password: 'Abc-1234' });
    expect(errorText(short)).to.match(/password: .*12/);
    expect(JSON.stringify(short)).not.to.contain('Abc-1234');
    const weak = await open.call('change_mailbox_password', { mailbox_id: 1, password: 'all-lowercase-words' });
    expect(errorText(weak)).to.contain('- password: must contain an uppercase letter, a lowercase letter and a digit');
    expect(JSON.stringify(weak)).not.to.contain('all-lowercase-words');
  });

  it('update_mailbox_note PATCHes a note (max 120 chars) or null', async () => {
    api().patch('/api/v1/mailboxes/3/note', { note: null }).matchHeader('idempotency-key', UUID).reply(200, { mailbox_id: 3, note: null });
    expect(data(await h.call('update_mailbox_note', { mailbox_id: 3, note: null }))).to.deep.equal({ mailbox_id: 3, note: null });
    api().patch('/api/v1/mailboxes/3/note', { note: 'Helpdesk' }).reply(200, { mailbox_id: 3, note: 'Helpdesk' });
    expect(data(await h.call('update_mailbox_note', { mailbox_id: 3, note: 'Helpdesk' })).note).to.equal('Helpdesk');
    expect(errorText(await h.call('update_mailbox_note', { mailbox_id: 3, note: 42 }))).to.match(/note: .*string/);
    expect(errorText(await h.call('update_mailbox_note', { mailbox_id: 3, note: 'x'.repeat(121) }))).to.match(/note: .*120/);
  });

  it('pause_mailbox is gated; resume_mailbox is not', async () => {
    expect((await h.call('pause_mailbox', { mailbox_id: 2 })).structuredContent?.error).to.deep.equal({ code: 'gate_disabled' });
    api().post('/api/v1/mailboxes/2:pause', {}).matchHeader('idempotency-key', UUID).reply(200, { mailbox: { id: 2, status: 'paused' } });
    expect(data(await open.call('pause_mailbox', { mailbox_id: 2 })).mailbox.status).to.equal('paused');
    api().post('/api/v1/mailboxes/2:resume', {}).matchHeader('idempotency-key', UUID).reply(200, { mailbox: { id: 2, status: 'active' } });
    expect(data(await h.call('resume_mailbox', { mailbox_id: 2 })).mailbox.status).to.equal('active');
  });

  it('enable_imap POSTs the password and never shows it back, in a result or an error', async () => {
    api().post('/api/v1/mailboxes/1/enable-imap', { password: SECRET }).matchHeader('idempotency-key', UUID)
      .reply(200, { mailbox_id: 1, imap_enabled: true, imap: { host: 'imap.trekmail.net', login: `demo:${SECRET}` } });
    const ok = await h.call('enable_imap', { mailbox_id: 1, password: SECRET });
    expect(data(ok).imap_enabled).to.equal(true);
    expect(JSON.stringify(ok)).not.to.contain(SECRET);
    api().post('/api/v1/mailboxes/1/enable-imap').reply(500, { error: { code: 'server_error', message: `could not set ${SECRET}` } });
    const bad = await h.call('enable_imap', { mailbox_id: 1, password: SECRET });
    expect(bad.isError).to.equal(true);
    expect(JSON.stringify(bad)).not.to.contain(SECRET);
  });

  it('create_invite POSTs the invite; TREKMAIL_SEND_ALLOW limits who may be invited', async () => {
    const body = { domain_id: 1, local_part: 'newhire', recipient_email: 'newhire@gmail.example', expires_in_hours: 48, storage_allocation_mb: 1024 };
    api().post('/api/v1/mailboxes/invites', body).matchHeader('idempotency-key', UUID).reply(201, { invite: { id: 1, status: 'pending' } });
    expect(data(await h.call('create_invite', body)).invite.status).to.equal('pending');
    expect(errorText(await h.call('create_invite', { ...body, expires_in_hours: 721 }))).to.match(/expires_in_hours: .*720/);
    expect(errorText(await h.call('create_invite', { ...body, recipient_email: 'nope' }))).to.match(/recipient_email: /);
    const strict = await harness(InfraPack, { TREKMAIL_SEND_ALLOW: 'trekmail.test' });
    expect(errorText(await strict.call('create_invite', body))).to.contain('Recipient not allowed by TREKMAIL_SEND_ALLOW: newhire@gmail.example');
  });

  it('create_invites_bulk POSTs nested items; each item is validated and 100 is the cap', async () => {
    const items = [{ local_part: 'a', recipient_email: 'a@x.example' }, { local_part: 'b', recipient_email: 'b@x.example', domain_id: 2, storage_allocation_mb: 512 }];
    const reply = { created: [{ index: 0 }, { index: 1 }], failed: [], summary: { requested: 2, created: 2, failed: 0 } };
    api().post('/api/v1/mailboxes/invites:bulk', { domain_id: 1, items, expires_in_hours: 24 }).matchHeader('idempotency-key', UUID).reply(200, reply);
    expect(data(await h.call('create_invites_bulk', { domain_id: 1, items, expires_in_hours: 24 }))).to.deep.equal(reply);
    const text = errorText(await h.call('create_invites_bulk', { domain_id: 1, items: [{ local_part: 'a' }, { local_part: 'b c', recipient_email: 'b@x.example', extra: 1 }] }));
    expect(text).to.contain('- items[0].recipient_email:').and.contain('- items[1].local_part:').and.contain('- items[1].extra: is not a parameter');
    const many = Array.from({ length: 101 }, (_, i) => ({ local_part: `u${i}`, recipient_email: `u${i}@x.example` }));
    expect(errorText(await h.call('create_invites_bulk', { domain_id: 1, items: many }))).to.match(/items: .*100/);
    expect(errorText(await h.call('create_invites_bulk', { domain_id: 1, items: [] }))).to.match(/items: .*at least 1/);
  });

  it('create_mailboxes_bulk with user passwords: sent to the API, never shown back even when echoed', async () => {
    const items = [{ domain_id: 1, local_part: 'x1', password: BULK1 }, { domain_id: 1, local_part: 'x2', password: BULK2, storage_allocation_mb: 100 }];
    api().post('/api/v1/mailboxes:bulk', { items, password_mode: 'user_supplied' }).matchHeader('idempotency-key', UUID)
      .reply(200, { created: [{ index: 0, mailbox: { id: 11 }, password: BULK1 }], failed: [{ index: 1, code: 'weak', message: `${BULK2} is weak` }] });
    const res = await h.call('create_mailboxes_bulk', { items, password_mode: 'user_supplied' });
    expect(data(res).created[0]).to.deep.equal({ index: 0, mailbox: { id: 11 }, password: '[redacted]' });
    expect(JSON.stringify(res)).not.to.contain(BULK1).and.not.to.contain(BULK2);
    api().post('/api/v1/mailboxes:bulk').reply(422, { error: { code: 'validation_failed', message: `${BULK1} rejected` } });
    const bad = await h.call('create_mailboxes_bulk', { items });
    expect(errorText(bad)).to.contain('validation_failed');
    expect(JSON.stringify(bad)).not.to.contain(BULK1);
  });

  it('create_mailboxes_bulk with generated passwords shows each one once', async () => {
    const items = [{ domain_id: 1, local_part: 'g1' }, { domain_id: 1, local_part: 'g2' }];
    const reply = { created: [{ index: 0, mailbox: { id: 12 }, password: 'gen-aaaa-1111' }, { index: 1, mailbox: { id: 13 }, password: 'gen-bbbb-2222' }], failed: [] };
    api().post('/api/v1/mailboxes:bulk', { items, password_mode: 'generated_one_time' }).reply(200, reply);
    expect(data(await h.call('create_mailboxes_bulk', { items, password_mode: 'generated_one_time' }))).to.deep.equal(reply);
  });

  it('create_mailboxes_bulk checks passwords against password_mode before any request', async () => {
    const missing = errorText(await h.call('create_mailboxes_bulk', { items: [{ domain_id: 1, local_part: 'a', password: 'Long-enough-1' }, { domain_id: 1, local_part: 'b' }] }));
    expect(missing).to.contain('- items[1].password: required unless password_mode is generated_one_time').and.not.to.contain('items[0]');
    const extra = await h.call('create_mailboxes_bulk', { items: [{ domain_id: 1, local_part: 'a', password: 'Long-enough-1' }], password_mode: 'generated_one_time' });
    expect(errorText(extra)).to.contain('- items[0].password: must be omitted');
    expect(JSON.stringify(extra)).not.to.contain('Long-enough-1');
    expect(errorText(await h.call('create_mailboxes_bulk', { items: [{ domain_id: 1, local_part: 'a', password: 'Short-1' }] }))).to.match(/items\[0\]\.password: .*12/);
    expect(errorText(await h.call('create_mailboxes_bulk', { items: [{ local_part: 'a' }], password_mode: 'random' }))).to.contain('- items[0].domain_id:').and.contain('- password_mode:');
  });

  it('create_mailboxes_bulk answers to the official name bulk_create_mailboxes, which tools/list does not show', async () => {
    const items = [{ domain_id: 1, local_part: 'g3' }];
    const reply = { created: [{ index: 0, mailbox: { id: 14 }, one_time_password: 'gen-cccc-3333' }], failed: [] };
    api().post('/api/v1/mailboxes:bulk', { items, password_mode: 'generated_one_time' }).matchHeader('idempotency-key', UUID).reply(200, reply);
    expect(data(await h.call('bulk_create_mailboxes', { items, password_mode: 'generated_one_time' }))).to.deep.equal(reply);
    expect(errorText(await h.call('bulk_create_mailboxes', { items: [{ domain_id: 1, local_part: 'x' }] }))).to.contain('items[0].password');
    const names = (await h.client.listTools()).tools.map((t) => t.name);
    expect(names).to.include('create_mailboxes_bulk').and.not.include('bulk_create_mailboxes');
  });

  it('create_mailbox_generated_password sends the adopted client_auth_mode and create_app_password; the app password is shown', async () => {
    const body = { domain_id: 1, local_part: 'kim', client_auth_mode: 'app_password_only', create_app_password: true, password_mode: 'generated_one_time' };
    api().post('/api/v1/mailboxes', body).reply(201, { mailbox: { id: 15 }, password: 'Gen-1', client_auth_mode: 'app_password_only', app_password: { id: 4, password: 'abcdefghijklmnop' } });
    const res = await h.call('create_mailbox_generated_password', { domain_id: 1, local_part: 'kim', client_auth_mode: 'app_password_only', create_app_password: true });
    expect(data(res).app_password.password).to.equal('abcdefghijklmnop');
    expect(errorText(await h.call('create_mailbox_generated_password', { domain_id: 1, local_part: 'kim', client_auth_mode: 'app_password' }))).to.match(/client_auth_mode: must be one of/);
  });

  it('create_mailboxes_bulk with create_app_password shows the new app passwords, still never the supplied ones', async () => {
    const items = [{ domain_id: 1, local_part: 'x3', password: BULK1 }];
    api().post('/api/v1/mailboxes:bulk', { items, create_app_password: true }).reply(200, { created: [{ index: 0, mailbox: { id: 16 }, password: BULK1, app_password: { id: 5, password: 'qrstuvwxyzabcdef' } }], failed: [] });
    const res = await h.call('create_mailboxes_bulk', { items, create_app_password: true });
    expect(data(res).created[0]).to.deep.include({ password: '[redacted]', app_password: { id: 5, password: 'qrstuvwxyzabcdef' } });
    expect(JSON.stringify(res)).not.to.contain(BULK1);
  });

  it('update_mailbox is gated and PATCHes only the given keys; null clears the display name', async () => {
    expect(errorText(await h.call('update_mailbox', { mailbox_id: 2, conversation_view: false }))).to.contain('TREKMAIL_ALLOW_DESTRUCTIVE=true');
    api().patch('/api/v1/mailboxes/2', { conversation_view: false }).matchHeader('idempotency-key', UUID).reply(200, { mailbox: { id: 2, conversation_view: false } });
    expect(data(await open.call('update_mailbox', { mailbox_id: 2, conversation_view: false })).mailbox.conversation_view).to.equal(false);
    api().patch('/api/v1/mailboxes/2', { display_name: null, drive_access: 'attachments_only' }).reply(200, { mailbox: { id: 2, display_name: null } });
    expect(data(await open.call('update_mailbox', { mailbox_id: 2, display_name: null, drive_access: 'attachments_only' })).mailbox.display_name).to.equal(null);
    expect(errorText(await open.call('update_mailbox', { mailbox_id: 2, drive_access: 'some' }))).to.match(/drive_access: must be one of/);
    expect(errorText(await open.call('update_mailbox', { mailbox_id: 2, display_name: 'x'.repeat(256) }))).to.match(/display_name: .*255/);
  });

  it('set_mailboxes_drive_access POSTs one selector; all is sent only as true; none or two are refused before any request', async () => {
    api().post('/api/v1/mailboxes:drive-access', { drive_access: 'disabled', domain_id: 3 }).matchHeader('idempotency-key', UUID).reply(200, { data: { matched: 1, updated: 1, skipped: 0 } });
    expect(data(await open.call('set_mailboxes_drive_access', { drive_access: 'disabled', domain_id: 3 })).data.updated).to.equal(1);
    api().post('/api/v1/mailboxes:drive-access', { drive_access: 'full', all: true }).reply(200, { data: { matched: 4 } });
    expect(data(await open.call('set_mailboxes_drive_access', { drive_access: 'full', all: true })).data.matched).to.equal(4);
    expect(errorText(await open.call('set_mailboxes_drive_access', { drive_access: 'full' }))).to.contain('- mailbox_ids: give one of mailbox_ids, domain_id, all');
    expect(errorText(await open.call('set_mailboxes_drive_access', { drive_access: 'full', mailbox_ids: [1], all: true }))).to.contain('give only one of');
    expect(errorText(await open.call('set_mailboxes_drive_access', { drive_access: 'full', all: false }))).to.match(/- all: /);
    expect(errorText(await open.call('set_mailboxes_drive_access', { drive_access: 'full', mailbox_ids: Array.from({ length: 1001 }, (_, i) => i + 1) }))).to.match(/mailbox_ids: .*1000/);
  });

  it('get_mail_client_setup GETs the setup with lang in the query (only when given)', async () => {
    api().get('/api/v1/mailboxes/1/client-setup').query({ lang: 'ru' }).reply(200, { data: { imap: { host: 'imap.trekmail.net' } } });
    expect(data(await h.call('get_mail_client_setup', { mailbox_id: 1, lang: 'ru' })).data.imap.host).to.equal('imap.trekmail.net');
    api().get('/api/v1/mailboxes/1/client-setup').query((q) => Object.keys(q).length === 0).reply(200, { data: {} });
    expect(data(await h.call('get_mail_client_setup', { mailbox_id: 1 }))).to.deep.equal({ data: {} });
    expect(errorText(await h.call('get_mail_client_setup', { mailbox_id: 1, lang: 'xx' }))).to.match(/lang: must be one of/);
  });

  it('get_apple_mail_profile asks for the profile type and returns the file as named base64', async () => {
    const plist = '<?xml version="1.0"?><plist version="1.0"><dict/></plist>';
    api().get('/api/v1/mailboxes/7/apple-mail-profile').query({ lang: 'de' }).matchHeader('accept', 'application/x-apple-aspen-config, application/json')
      .reply(200, plist, { 'content-type': 'text/plain; charset=utf-8', 'content-disposition': 'attachment; filename="profile-7.mobileconfig"' });
    expect(data(await h.call('get_apple_mail_profile', { mailbox_id: 7, lang: 'de' }))).to.deep.equal({
      file_name: 'profile-7.mobileconfig', media_type: 'text/plain', encoding: 'base64', content_base64: Buffer.from(plist).toString('base64'), password_included: false,
    });
    const file = { file_name: 'x.mobileconfig', media_type: 'application/x-apple-aspen-config', encoding: 'base64', content_base64: 'PHBsaXN0Lz4=' };
    api().get('/api/v1/mailboxes/7/apple-mail-profile').reply(200, file);
    expect(data(await h.call('get_apple_mail_profile', { mailbox_id: 7 }))).to.deep.equal(file);
  });

  it('get_apple_mail_profile: a profile sent without a file name gets one; an API error is a clear failure', async () => {
    api().get('/api/v1/mailboxes/7/apple-mail-profile').reply(200, '<plist/>', { 'content-type': 'application/x-apple-aspen-config' });
    expect(data(await h.call('get_apple_mail_profile', { mailbox_id: 7 }))).to.deep.equal({
      file_name: 'trekmail-apple-mail-7.mobileconfig', media_type: 'application/x-apple-aspen-config', encoding: 'base64', content_base64: Buffer.from('<plist/>').toString('base64'), password_included: false,
    });
    api().get('/api/v1/mailboxes/7/apple-mail-profile').reply(409, { error: { code: 'mail_not_ready', message: 'Mail for x is not ready yet' } });
    expect(errorText(await h.call('get_apple_mail_profile', { mailbox_id: 7 }))).to.contain('HTTP 409, mail_not_ready');
  });
});
