import { expect } from 'chai';
import { packSpec } from '../../core/plugin-api.js';
import { startSandbox, type Sandbox } from '../../sandbox/server.js';
import { runtimeCalls, sandboxRuntime, type ToolRuntime, structured } from '../../test/harness.js';
import { connectedState, DAILY_RECIPIENTS } from './sandbox/connected.js';
import { WebmailPack } from './webmail.plugin.js';

/** The emulator's connected accounts, shared mailboxes, deliveries, limits and reply policy, behind the real tools. */
describe('webmail sandbox: connected accounts, shared mailboxes, deliveries', () => {
  let sb: Sandbox;
  let rt: ToolRuntime;
  const { call, fails } = runtimeCalls(() => rt);
  const gmail = {
    email: 'sam.demo@gmail.com', provider: 'gmail', password: 'abcd efgh ijkl mnop', imap_host: 'imap.gmail.com', imap_port: 993, imap_encryption: 'ssl',
    smtp_host: 'smtp.gmail.com', smtp_port: 465, smtp_encryption: 'ssl',
  };
  const subjects = (r: any) => r.messages.map((m: any) => m.subject);

  before(async () => {
    sb = await startSandbox({ packs: [packSpec(WebmailPack)!] });
    rt = await sandboxRuntime(sb, ['message:pro'], [WebmailPack], {
      TREKMAIL_ALLOW_SENDING: 'true', TREKMAIL_ALLOW_DESTRUCTIVE: 'true', TREKMAIL_ALLOW_MIGRATION: 'true', TREKMAIL_CONFIRM: 'flag',
    });
  });
  after(() => sb.close());

  it('detects a preset, tests credentials (an app password is needed), connects, and never answers a password', async () => {
    expect(await call('detect_external_account', { email: gmail.email })).to.include({ provider: 'gmail', imap_host: 'imap.gmail.com', smtp_port: 465, app_password_required: true });
    expect(await call('detect_external_account', { email: 'me@own-server.example' })).to.include({ provider: 'custom', imap_host: 'imap.own-server.example', guessed: true });
    const bad = await call('test_external_account', { ...gmail, password: 'my-normal-password' });
    expect(bad).to.deep.include({ ok: false, saved: false });
    expect(bad.imap).to.include({ error: 'authentication_failed' });
    expect(await fails('create_external_account', { ...gmail, password: 'my-normal-password' })).to.contain('HTTP 422, connection_failed');
    expect((await call('test_external_account', { ...gmail, provider: 'custom', smtp_host: 'smtp.nowhere.invalid' })).smtp).to.include({ ok: false, error: 'host_not_found' });
    const { account } = await call('create_external_account', { ...gmail, label: 'Personal', color: '#0ea5e9' });
    expect(account).to.include({ email: gmail.email, label: 'Personal', status: 'connected', include_in_unified: true });
    const list = await call('list_external_accounts');
    expect(list.data.map((a: any) => a.id)).to.deep.equal([account.id]);
    expect(JSON.stringify(list)).not.to.contain('abcd').and.not.contain('password');
    expect(await fails('create_external_account', gmail)).to.contain('HTTP 409, external_account_exists');
  });

  it('a Starter token (messages:read only) may detect a preset, a read behind POST, but not connect', async () => {
    const starter = await sandboxRuntime(sb, ['message:starter'], [WebmailPack]);
    const names = starter.list().map((t) => t.name);
    expect(names).to.include.members(['detect_external_account', 'list_external_accounts', 'get_mailbox_sending_limits']).and.not.include('create_external_account');
    const r = await starter.call('detect_external_account', { email: 'kim@outlook.com' });
    expect(r.isError, r.content[0].text).to.not.equal(true);
    expect(structured(r)).to.include({ provider: 'outlook', smtp_host: 'smtp.office365.com' });
  });

  it('the message tools act on the connected account with external_account_id: folders, messages, a send through it, drafts', async () => {
    const id = (await call('list_external_accounts')).data[0].id;
    expect((await call('list_folders', { external_account_id: id })).folders.map((f: any) => f.path)).to.include('Receipts');
    const inbox = await call('list_messages', { external_account_id: id });
    expect(subjects(inbox)).to.include('Dinner on Saturday?').and.not.include('Invoice INV-2026-0117');
    const dinner = inbox.messages.find((m: any) => m.subject === 'Dinner on Saturday?');
    expect((await call('read_message', { uid: dinner.uid, external_account_id: id })).from).to.contain('sam@friends.example');
    const reply = await call('get_reply_data', { uid: dinner.uid, external_account_id: id });
    const sent = await call('send_message', { ...reply, body_text: `Yes, 8 works.${reply.body_text}`, confirm_send: true });
    expect(sent).to.include({ from: gmail.email });
    expect(subjects(await call('list_messages', { folder: 'Sent', external_account_id: id }))).to.include('Re: Dinner on Saturday?');
    expect(subjects(await call('list_messages', { folder: 'Sent' }))).not.to.include('Re: Dinner on Saturday?');
    const draft = await call('save_draft', { subject: 'From the Gmail side', external_account_id: id });
    expect(subjects(await call('list_messages', { folder: 'Drafts', external_account_id: id }))).to.include('From the Gmail side');
    expect(draft.uidvalidity).to.be.a('number');
    expect(await fails('bulk_action', { folder: 'INBOX', uids: [dinner.uid], action: 'spam', external_account_id: id })).to.contain('not_supported_for_external_account');
    expect(await fails('list_messages', { external_account_id: 999 })).to.contain('HTTP 404, external_account_not_found');
  });

  it('update re-tests a connection change (a failing one changes nothing); re-test and disconnect', async () => {
    const id = (await call('list_external_accounts')).data[0].id;
    expect(await call('update_external_account', { account_id: id, label: null, sort_order: 3 })).to.deep.include({ retested: false });
    expect(await fails('update_external_account', { account_id: id, password: 'wrong wrong wrong' })).to.contain('connection_failed');
    expect((await call('test_saved_external_account', { account_id: id })).ok).to.equal(true);
    const changed = await call('update_external_account', { account_id: id, password: 'qrst uvwx yzab cdef' });
    expect(changed).to.deep.include({ retested: true });
    expect(changed.account).to.include({ label: null, sort_order: 3, status: 'connected' });
    expect(await call('delete_external_account', { account_id: id })).to.include({ deleted: true });
    expect(await fails('list_messages', { external_account_id: id })).to.contain('HTTP 404');
  });

  it('Send As identities live on a connected account; identity routes need a saved SMTP profile the mailbox may use', async () => {
    const { account } = await call('create_external_account', { ...gmail, email: 'work.demo@gmail.com' });
    const sa = await call('create_identity', { kind: 'send_as', email: 'hello@demo.trekmail.test', external_account_id: account.id, signature_enabled: false });
    expect(sa.identity).to.include({ kind: 'send_as', external_account_id: account.id, signature_enabled: false });
    expect((await call('list_identities', { external_account_id: account.id })).data.map((i: any) => i.email)).to.include('hello@demo.trekmail.test');
    expect((await call('list_identities')).data.map((i: any) => i.id)).not.to.include(sa.identity.id);
    expect(await fails('create_identity', { kind: 'send_as', email: 'someone@else.example', external_account_id: account.id })).to.contain('sender_not_allowed');
    expect(await fails('update_identity', { identity_id: sa.identity.id, name: 'x' })).to.contain('HTTP 404');
    expect((await call('update_identity', { identity_id: sa.identity.id, external_account_id: account.id, name: 'Hello desk' })).identity.name).to.equal('Hello desk');
    expect(await call('delete_identity', { identity_id: sa.identity.id, external_account_id: account.id })).to.include({ deleted: true });
    const { smtp_profiles } = await call('list_identities');
    const routed = await call('create_identity', { email: 'relay@demo.trekmail.test', smtp_mode: 'profile', smtp_connection_id: smtp_profiles[0].id });
    expect(routed.identity).to.include({ smtp_mode: 'profile', smtp_connection_id: smtp_profiles[0].id });
    expect(await fails('create_identity', { email: 'relay2@demo.trekmail.test', smtp_mode: 'profile', smtp_connection_id: 99 })).to.contain('smtp_connection_id');
    expect((await call('update_identity', { identity_id: routed.identity.id, is_default: true })).identity.is_default).to.equal(true);
    expect((await call('list_identities')).data.filter((i: any) => i.is_default).map((i: any) => i.id)).to.deep.equal([routed.identity.id]);
    await call('update_identity', { identity_id: 1, is_default: true });
  });

  it('a member sends as the shared support mailbox (its Default BCC joins unless opted out) and works its queue', async () => {
    expect((await call('list_identities', { shared_mailbox_id: 3 })).data.map((i: any) => i.email)).to.deep.equal(['support@demo.trekmail.test']);
    const a = await call('send_message', { to: ['demo@demo.trekmail.test'], subject: 'From the team', body_text: 'Hi', shared_mailbox_id: 3, confirm_send: true });
    expect(a).to.deep.include({ from: 'support@demo.trekmail.test', held_by_sandbox: ['archive@records.example'], default_recipients: { cc: [], bcc: ['archive@records.example'] } });
    const b = await call('send_message', { to: ['demo@demo.trekmail.test'], subject: 'Team, no archive', body_text: 'Hi', shared_mailbox_id: 3, apply_default_recipients: false, confirm_send: true });
    expect(b).to.deep.include({ held_by_sandbox: [] }).and.not.have.property('default_recipients');
    expect(subjects(await call('list_messages', { search: 'From the team' }))).to.deep.equal(['From the team']);
    expect(await fails('send_message', { to: ['a@x.example'], subject: 's', body_text: 'x', shared_mailbox_id: 2, confirm_send: true })).to.contain('HTTP 403, not_a_member');
    const pending = await call('list_scheduled', { shared_mailbox_id: 3 });
    expect(pending.data.map((j: any) => j.subject)).to.deep.equal(['Follow-up: ticket #4471']);
    const held = await call('list_scheduled', { shared_mailbox_id: 3, status: 'limit_reached' });
    expect(held.data.map((j: any) => j.status)).to.deep.equal(['limit_reached']);
    expect((await call('list_scheduled', { shared_mailbox_id: 3, status: 'all' })).data).to.have.length(2);
    expect(await call('cancel_scheduled', { scheduled_id: held.data[0].id, shared_mailbox_id: 3 })).to.include({ cancelled: true });
    expect(await fails('cancel_scheduled', { scheduled_id: held.data[0].id })).to.contain('HTTP 404');
  });

  it('every accepted send has a delivery record; the day allowance counts recipients and refuses past it', async () => {
    const before = await call('get_mailbox_sending_limits');
    expect(before).to.include({ daily_limit: DAILY_RECIPIENTS, max_recipients_per_message: 10 });
    const r = await call('send_message', { to: ['anna@partner.example', 'ben@partner.example'], subject: 'Counted', body_text: 'x', confirm_send: true });
    expect(await call('get_message_delivery', { request_id: r.request_id })).to.include({ status: 'sent', recipients: 2, message_id: r.message_id, via: 'mailbox' });
    expect((await call('get_mailbox_sending_limits')).remaining_today).to.equal(before.remaining_today - 2);
    expect(await fails('get_message_delivery', { request_id: 'no-such-request' })).to.contain('HTTP 404, delivery_not_found');
    // Use up the allowance but for one recipient.
    const c = connectedState(sb.engine);
    const left = (await call('get_mailbox_sending_limits')).remaining_today;
    c.deliveries.set('filler', { requestId: 'filler', mailboxId: 1, messageId: '<f@x>', status: 'sent', recipients: Array.from({ length: left - 1 }, (_, i) => `f${i}@x.example`), delivered: [], held: [], queued: sb.engine.now(), sent: sb.engine.now(), via: 'mailbox', failure: null });
    const over = await fails('send_message', { to: ['a@x.example', 'b@x.example'], subject: 'Too many', body_text: 'x', confirm_send: true });
    expect(over).to.contain('HTTP 429, sending_limit_exceeded');
    const s = await call('schedule_message', { to: ['a@x.example', 'b@x.example'], subject: 'Held', body_text: 'x', scheduled_for: new Date(sb.engine.now() + 60_000).toISOString(), confirm_send: true });
    sb.engine.advance(120_000);
    expect((await call('list_scheduled', { status: 'limit_reached' })).data.map((j: any) => j.id)).to.deep.equal([s.scheduled.id]);
    c.deliveries.delete('filler');
    const moved = await call('reschedule_message', { scheduled_id: s.scheduled.id, scheduled_for: '2031-01-05T09:00:00', timezone: 'Europe/Lisbon', confirm_send: true });
    expect(moved.scheduled).to.include({ status: 'pending', scheduled_for: '2031-01-05T09:00:00.000Z', timezone: 'Europe/Lisbon' });
    expect(await fails('reschedule_message', { scheduled_id: 99_999, scheduled_for: '2031-01-05T09:00:00Z', confirm_send: true })).to.contain('HTTP 404');
    await call('cancel_scheduled', { scheduled_id: s.scheduled.id });
  });

  it('the reply From policy picks the identity written to, or always the default', async () => {
    await call('send_message', { to: ['hello@demo.trekmail.test'], subject: 'To the alias', body_text: 'x', confirm_send: true });
    const uid = (await call('list_messages', { search: 'To the alias' })).messages[0].uid;
    const ids = (await call('list_identities')).data;
    const hello = ids.find((i: any) => i.email === 'hello@demo.trekmail.test').id;
    expect((await call('list_identities')).reply_from_policy).to.equal('recipient');
    expect((await call('get_reply_data', { uid })).identity_id).to.equal(hello);
    expect(await call('set_reply_from_policy', { reply_from_policy: 'default' })).to.deep.equal({ reply_from_policy: 'default' });
    expect((await call('get_reply_data', { uid })).identity_id).to.equal(ids.find((i: any) => i.is_default).id);
    await call('set_reply_from_policy', { reply_from_policy: 'recipient' });
  });

  it('contacts keep job title, address and birthday; a group lists its members a page at a time', async () => {
    const { contact } = await call('create_contact', { email: 'zoe@northwind.example', name: 'Zoe Park', job_title: 'CTO', address: '1 Main St', birthday: '1990-04-12' });
    expect(contact).to.include({ job_title: 'CTO', address: '1 Main St', birthday: '1990-04-12' });
    expect((await call('update_contact', { contact_id: contact.id, job_title: 'CEO' })).contact).to.include({ job_title: 'CEO', birthday: '1990-04-12' });
    const group = (await call('list_contact_groups')).data[0];
    const page = await call('list_contact_group_members', { group_id: group.id, per_page: 1 });
    expect(page.data).to.have.length(1);
    expect(page.meta).to.include({ total: group.member_count, per_page: 1 });
    expect((await call('list_contact_group_members', { group_id: group.id, page: 2, per_page: 1 })).data[0].id).to.not.equal(page.data[0].id);
  });
});
