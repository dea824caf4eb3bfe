import { expect } from 'chai';
import { data, errorText, harness, UUID, type Harness } from '../../../test/harness.js';
import { WebmailPack } from '../webmail.plugin.js';
import { harnesses, mail, refused } from './helpers.spec.js';

describe('webmail: connected external accounts', () => {
  let h: Harness;
  let open: Harness;
  let migration: Harness;
  before(async () => {
    ({ closed: h, open } = await harnesses());
    migration = await harness(WebmailPack, { TREKMAIL_ALLOW_MIGRATION: 'true' });
  });
  const conn = {
    email: 'sam@gmail.com', provider: 'gmail', password: 'abcd efgh ijkl mnop', imap_host: 'imap.gmail.com', imap_port: 993, imap_encryption: 'ssl',
    smtp_host: 'smtp.gmail.com', smtp_port: 465, smtp_encryption: 'ssl',
  };

  it('list_external_accounts GETs the collection; detect_external_account POSTs the email (a read, no gate)', async () => {
    mail().get('/api/v1/messages/external-accounts').reply(200, { data: [{ id: 7, email: 'sam@gmail.com', provider: 'gmail' }] });
    expect(data(await h.call('list_external_accounts'))).to.deep.equal({ data: [{ id: 7, email: 'sam@gmail.com', provider: 'gmail' }] });
    mail().post('/api/v1/messages/external-accounts/detect', { email: 'sam@outlook.com' }).reply(200, { provider: 'outlook', imap_host: 'outlook.office365.com' });
    expect(data(await h.call('detect_external_account', { email: 'sam@outlook.com' }))).to.deep.include({ provider: 'outlook' });
    expect(await refused(h, 'detect_external_account', { email: 'not-an-address' })).to.contain('- email: ');
  });

  it('test_external_account POSTs the unsaved connection behind the migration gate (an outbound connection)', async () => {
    expect(await refused(open, 'test_external_account', conn)).to.match(/^Migration writes are disabled: test_external_account needs TREKMAIL_ALLOW_MIGRATION=true/);
    mail().post('/api/v1/messages/external-accounts/test', { ...conn, imap_username: 'sam', smtp_password: 'qrst uvwx yzab cdef' }).matchHeader('idempotency-key', UUID).reply(200, { ok: true });
    expect(data(await migration.call('test_external_account', { ...conn, imap_username: 'sam', smtp_password: 'qrst uvwx yzab cdef' }))).to.deep.equal({ ok: true });
  });

  it('refuses an unknown provider, ports outside the presets, a non-TLS mode, private hosts and long passwords, sending nothing', async () => {
    const text = await refused(migration, 'test_external_account', {
      ...conn, provider: 'hotmail', imap_port: 143.5, smtp_port: 25, imap_encryption: 'starttls', smtp_host: 'mail.internal', password: 'x'.repeat(1025),
    });
    for (const k of ['provider', 'imap_port', 'smtp_port', 'imap_encryption', 'smtp_host', 'password']) expect(text).to.contain(`- ${k}: `);
    expect(text).to.contain('must not be a private or internal host').and.not.contain('xxxxxxxx');
    expect(await refused(migration, 'test_external_account', { ...conn, imap_host: 'localhost' })).to.contain('- imap_host: ');
    const { smtp_host: _s, ...missing } = conn;
    expect(await refused(migration, 'test_external_account', missing)).to.contain('- smtp_host: ');
  });

  it('create_external_account POSTs the connection with label, color and include_in_unified behind the destructive gate', async () => {
    const body = { ...conn, label: 'Personal', color: '#0ea5e9', include_in_unified: false };
    expect(await refused(h, 'create_external_account', body)).to.match(/^Destructive operations are disabled: create_external_account needs TREKMAIL_ALLOW_DESTRUCTIVE=true/);
    mail().post('/api/v1/messages/external-accounts', body).matchHeader('idempotency-key', UUID).reply(201, { account: { id: 7, email: 'sam@gmail.com' } });
    expect(data(await open.call('create_external_account', body))).to.deep.equal({ account: { id: 7, email: 'sam@gmail.com' } });
    mail().post('/api/v1/messages/external-accounts').reply(422, { error: { code: 'connection_failed', message: 'The IMAP test failed' } });
    expect(errorText(await open.call('create_external_account', conn))).to.contain('HTTP 422, connection_failed');
    expect(await refused(open, 'create_external_account', { ...conn, color: 'x'.repeat(17) })).to.contain('- color: must be at most 16 characters');
  });

  it('the account address obeys TREKMAIL_SEND_ALLOW (a connected account sends mail as it)', async () => {
    const strict = await harness(WebmailPack, { TREKMAIL_ALLOW_DESTRUCTIVE: 'true', TREKMAIL_ALLOW_MIGRATION: 'true', TREKMAIL_SEND_ALLOW: 'example.com' });
    for (const tool of ['create_external_account', 'test_external_account']) expect(await refused(strict, tool, conn)).to.contain('Recipient not allowed by TREKMAIL_SEND_ALLOW: sam@gmail.com');
  });

  it('never echoes a password: not in a validation error, not in an API error that quotes it', async () => {
    const leak = 'Leak-Me-abcd-efgh';
    const text = await refused(migration, 'test_external_account', { ...conn, password: leak, imap_port: 1 });
    expect(text).to.contain('- imap_port: ').and.not.contain(leak);
    mail().post('/api/v1/messages/external-accounts/test').reply(422, { error: { code: 'bad', message: `login ${leak} refused` } });
    expect(JSON.stringify(await migration.call('test_external_account', { ...conn, password: leak }))).not.to.contain(leak);
  });

  it('update_external_account PATCHes only the given keys (label may be cleared with null) behind the destructive gate', async () => {
    expect(await refused(h, 'update_external_account', { account_id: 7, label: 'Work' })).to.contain('TREKMAIL_ALLOW_DESTRUCTIVE=true');
    mail().patch('/api/v1/messages/external-accounts/7', { label: null, sort_order: 2, password: 'new-pass', imap_port: 143, imap_encryption: 'tls' }).matchHeader('idempotency-key', UUID)
      .reply(200, { account: { id: 7 }, retested: true });
    expect(data(await open.call('update_external_account', { account_id: 7, label: null, sort_order: 2, password: 'new-pass', imap_port: 143, imap_encryption: 'tls' }))).to.deep.equal({ account: { id: 7 }, retested: true });
    const text = await refused(open, 'update_external_account', { account_id: 7, sort_order: 1001, smtp_port: 993, email: 'x@y.example', provider: 'custom' });
    for (const k of ['sort_order', 'smtp_port']) expect(text).to.contain(`- ${k}: `);
    for (const k of ['email', 'provider']) expect(text).to.contain(`- ${k}: is not a parameter of this tool`);
  });

  it('test_saved_external_account POSTs {} behind the migration gate; delete_external_account DELETEs behind the destructive gate', async () => {
    expect(await refused(open, 'test_saved_external_account', { account_id: 7 })).to.contain('TREKMAIL_ALLOW_MIGRATION=true');
    mail().post('/api/v1/messages/external-accounts/7/test', {}).matchHeader('idempotency-key', UUID).reply(200, { ok: true });
    expect(data(await migration.call('test_saved_external_account', { account_id: 7 }))).to.deep.equal({ ok: true });
    expect(await refused(migration, 'delete_external_account', { account_id: 7 })).to.contain('TREKMAIL_ALLOW_DESTRUCTIVE=true');
    mail().delete('/api/v1/messages/external-accounts/7').matchHeader('idempotency-key', UUID).reply(200, { deleted: true, id: 7 });
    expect(data(await open.call('delete_external_account', { account_id: 7 }))).to.deep.equal({ deleted: true, id: 7 });
    expect(await refused(open, 'delete_external_account', { account_id: 0 })).to.contain('- account_id: ');
  });
});
