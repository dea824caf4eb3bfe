import { expect } from 'chai';
import { packSpec } from '../../core/plugin-api.js';
import { startSandbox, type Sandbox } from '../../sandbox/server.js';
import { runtimeCalls, sandboxRuntime, type ToolRuntime } from '../../test/harness.js';
import { zipEntries } from './sandbox/mime.js';
import { webmailState } from './sandbox/state.js';
import { WebmailPack } from './webmail.plugin.js';

/** The webmail emulator behind the real tools (in process): what `--sandbox` demos rely on. */
describe('webmail sandbox', () => {
  let sb: Sandbox;
  let rt: ToolRuntime;
  const { call } = runtimeCalls(() => rt);
  const count = (path: string, mailbox = 1) => webmailState(sb.engine).mailboxes.get(mailbox)!.folders.get(path)!.messages.size;
  const runtimeFor = (token: string, env: Record<string, string> = {}) => sandboxRuntime(sb, [token], [WebmailPack], env);

  before(async () => {
    sb = await startSandbox({ packs: [packSpec(WebmailPack)!] });
    rt = await runtimeFor('message:pro', { TREKMAIL_ALLOW_SENDING: 'true', TREKMAIL_ALLOW_DESTRUCTIVE: 'true', TREKMAIL_CONFIRM: 'flag' });
  });
  after(() => sb.close());

  it('holds a few dozen demo messages in INBOX, Sent, Drafts, Junk, Trash and a nested folder', async () => {
    const { folders } = await call('list_folders');
    expect(folders.map((f: any) => f.path)).to.include.members(['INBOX', 'Sent', 'Drafts', 'Junk', 'Trash', 'Projects', 'Projects/2026']);
    expect(folders.reduce((n: number, f: any) => n + f.total, 0)).to.be.at.least(30);
    const nested = await call('list_messages', { folder: 'Projects/2026' });
    expect(nested.messages.map((m: any) => m.subject)).to.include('Budget 2026 approved');
  });

  it('a Starter message token gets the read tools only', async () => {
    const starter = await runtimeFor('message:starter');
    const names = starter.list().map((t) => t.name);
    expect(names).to.include.members(['list_messages', 'read_message', 'list_scheduled', 'export_contacts']);
    expect(names).not.to.include.members(['send_message', 'save_draft', 'delete_message', 'preview_tool_call']);
  });

  it('report_spam moves a message to Junk and report_ham moves it back to INBOX', async () => {
    const [inbox, junk] = [count('INBOX'), count('Junk')];
    const lunch = (await call('list_messages', { search: 'Lunch on Thursday' })).messages[0];
    const spam = await call('report_spam', { uid: lunch.uid });
    expect(spam).to.include({ moved_to: 'Junk' });
    expect([count('INBOX'), count('Junk')]).to.deep.equal([inbox - 1, junk + 1]);
    const ham = await call('report_ham', { uid: spam.new_uid });
    expect(ham).to.include({ moved_to: 'INBOX' });
    expect([count('INBOX'), count('Junk')]).to.deep.equal([inbox, junk]);
    expect((await call('read_message', { uid: ham.new_uid })).subject).to.equal('Lunch on Thursday?');
  });

  it('a recipient mailbox that blocks the sender files the message in its Junk', async () => {
    const sales = webmailState(sb.engine).mailboxes.get(2)!;
    sales.blocked.set(99, { id: 99, emailOrDomain: '@demo.trekmail.test', created: 0 });
    const junk = count('Junk', 2);
    const r = await call('send_message', { to: ['sales@demo.trekmail.test'], subject: 'Blocked?', body_text: 'x', confirm_send: true });
    expect(r.delivered_to_sandbox_mailboxes).to.deep.equal(['sales@demo.trekmail.test']);
    expect(count('Junk', 2)).to.equal(junk + 1);
    sales.blocked.delete(99);
  });

  it('an alias of a sandbox mailbox receives too; outside addresses are held, never sent', async () => {
    const inbox = count('INBOX', 3);
    const r = await call('send_message', { to: ['help@demo.trekmail.test'], cc: ['someone@elsewhere.example'], subject: 'Alias', body_text: 'x', confirm_send: true });
    expect(r).to.deep.include({ status: 'queued', delivered_to_sandbox_mailboxes: ['help@demo.trekmail.test'], held_by_sandbox: ['someone@elsewhere.example'] });
    expect(r.request_id).to.match(/^[0-9a-f-]{36}$/);
    expect(count('INBOX', 3)).to.equal(inbox + 1);
    expect(webmailState(sb.engine).outbox.pop()).to.deep.include({ held: ['someone@elsewhere.example'] });
  });

  it('a scheduled message leaves the queue when its time comes and lands in Sent', async () => {
    const sent = count('Sent');
    const s = await call('schedule_message', { to: ['anna@partner.example'], subject: 'Later', body_text: 'x', scheduled_for: new Date(sb.engine.now() + 60_000).toISOString(), confirm_send: true });
    expect((await call('list_scheduled')).data.map((x: any) => x.id)).to.include(s.scheduled.id);
    sb.engine.advance(120_000);
    expect((await call('list_scheduled')).data).to.deep.equal([]);
    expect(count('Sent')).to.equal(sent + 1);
    expect(webmailState(sb.engine).outbox.at(-1)).to.deep.include({ scheduledId: s.scheduled.id, subject: 'Later' });
  });

  it('folder paths travel as one segment: create, rename and delete a nested folder', async () => {
    expect((await call('create_folder', { name: 'Q1 & Q2', parent: 'Projects/2026' })).folder.path).to.equal('Projects/2026/Q1 & Q2');
    const renamed = await call('rename_folder', { path: 'Projects/2026/Q1 & Q2', name: 'H1 ?#%' });
    expect(renamed.folder.path).to.equal('Projects/2026/H1 ?#%');
    expect((await call('list_messages', { folder: 'Projects/2026/H1 ?#%' })).messages).to.deep.equal([]);
    expect(await call('delete_folder', { path: 'Projects/2026/H1 ?#%' })).to.include({ deleted: true, folders_deleted: 1 });
  });

  it('download_all_attachments answers a real ZIP; the size guard stops the 6 MB video', async () => {
    const contract = (await call('list_messages', { search: 'Contract draft v3' })).messages[0];
    const zip = await call('download_all_attachments', { uid: contract.uid });
    expect(zipEntries(Buffer.from(zip.content_base64, 'base64'))).to.deep.equal(['contract-v3.pdf', 'changes.txt']);
    const video = (await call('list_messages', { folder: 'Projects/2026', search: 'walkthrough' })).messages[0];
    const big = await rt.call('download_attachment', { uid: video.uid, index: 0, folder: 'Projects/2026' });
    expect(big.content[0].text).to.match(/^Error \(attachment_too_large\)/);
    const ok = await call('download_attachment', { uid: video.uid, index: 0, folder: 'Projects/2026', max_bytes: 10_000_000 });
    expect(ok.size).to.equal(6 * 1024 * 1024 + 321);
  });

  it('get_raw_message answers the RFC 822 source with its MIME parts (sent base64-encoded, decoded by the tool)', async () => {
    const invoice = (await call('list_messages', { search: 'INV-2026-0117' })).messages[0];
    const raw = await call('get_raw_message', { uid: invoice.uid });
    expect(raw).to.include({ uid: invoice.uid, folder: 'INBOX' });
    expect(raw.raw).to.contain('Subject: Invoice INV-2026-0117\r\n').and.contain('Content-Disposition: attachment; filename="INV-2026-0117.pdf"');
    expect(raw.size).to.equal(Buffer.byteLength(raw.raw));
  });

  it('reply-all leaves out the mailbox itself and keeps the other recipients', async () => {
    const q3 = (await call('list_messages', { search: 'Q4 planning', unread_only: true })).messages[0];
    const r = await call('get_reply_all_data', { uid: q3.uid });
    expect(r).to.deep.include({ to: ['anna@partner.example'], cc: ['ben@partner.example'], subject: 'Re: Q4 planning: agenda and dates' });
    expect(r.reply_to_message_id).to.equal((await call('read_message', { uid: q3.uid })).message_id);
  });

  it('calendar events page by cursor within a range', async () => {
    const start = new Date(sb.engine.now() - 30 * 86_400_000).toISOString();
    const end = new Date(sb.engine.now() + 30 * 86_400_000).toISOString();
    const first = await call('list_calendar_events', { start, end, per_page: 2 });
    expect(first.data).to.have.length(2);
    const rest = await call('list_calendar_events', { start, end, per_page: 2, cursor: first.next_cursor });
    expect(rest.data[0].id).to.not.equal(first.data[0].id);
    const created = await call('create_calendar_event', { title: 'Demo', start_at: '2026-12-24T18:00:00', end_at: '2026-12-24T20:00:00', timezone: 'Europe/Berlin', reminder_minutes: 30 });
    expect(created.event).to.include({ start_at: '2026-12-24T18:00:00', timezone: 'Europe/Berlin', reminder_minutes: 30 });
    // 17:30Z is 18:30 in Berlin: inside the event, so a range around it finds it.
    const around = await call('list_calendar_events', { start: '2026-12-24T17:20:00Z', end: '2026-12-24T17:40:00Z' });
    expect(around.data.map((e: any) => e.id)).to.deep.equal([created.event.id]);
    const bad = await rt.call('update_calendar_event', { event_id: created.event.id, end_at: '2026-12-24T17:00:00' });
    expect(bad.content[0].text).to.contain('HTTP 422').and.contain('must not be before start_at');
  });

  it('identities, templates and the block list answer their demo data; the default identity stays', async () => {
    const ids = (await call('list_identities')).data;
    expect(ids.find((i: any) => i.is_default).email).to.equal('demo@demo.trekmail.test');
    const refusedDelete = await rt.call('delete_identity', { identity_id: ids.find((i: any) => i.is_default).id });
    expect(refusedDelete.content[0].text).to.contain('default_identity');
    expect((await call('list_templates')).data.length).to.be.at.least(1);
    const blocked = await call('block_sender', { email_or_domain: '@spam.example' });
    expect((await call('list_blocked_senders')).data.map((b: any) => b.email_or_domain)).to.include.members(['@pharma.example', '@spam.example']);
    expect(await call('unblock_sender', { block_id: blocked.blocked.id })).to.include({ deleted: true });
  });

  it('drafts carry uidvalidity; update_draft with a stale one is refused with 409 and the draft stays', async () => {
    const d = await call('save_draft', { to: ['anna@partner.example'], subject: 'v1', body_text: 'one' });
    expect(d).to.include({ folder: 'Drafts' }).and.have.property('uidvalidity').that.is.a('number');
    expect((await call('read_message', { uid: d.uid, folder: 'Drafts' })).uidvalidity).to.equal(d.uidvalidity);
    const stale = await rt.call('update_draft', { uid: d.uid, uidvalidity: d.uidvalidity + 1, subject: 'v2' });
    expect(stale.content[0].text).to.contain('HTTP 409, uidvalidity_mismatch');
    const u = await call('update_draft', { uid: d.uid, uidvalidity: d.uidvalidity, subject: 'v2', body_html: '<p>two</p>' });
    expect(u).to.include({ replaced_uid: d.uid, uidvalidity: d.uidvalidity });
    const now = await call('read_message', { uid: u.uid, folder: 'Drafts', include_html: true });
    expect(now).to.include({ subject: 'v2', html: '<p>two</p>' });
  });

  it('a send threads from reply_to_message_id: In-Reply-To and References are set, the original is marked answered', async () => {
    const lead = (await call('list_messages', { search: 'Northwind wants' })).messages[0];
    const source = await call('read_message', { uid: lead.uid });
    const r = await call('send_message', { to: ['sales@demo.trekmail.test'], subject: 'Re: Lead', body_text: 'On it.', reply_to_message_id: source.message_id, confirm_send: true });
    const sent = await call('read_message', { uid: r.sent_uid, folder: 'Sent' });
    expect(sent).to.include({ in_reply_to: source.message_id });
    expect(sent.references).to.deep.equal([source.message_id]);
  });

  /** A raw request to the strict sandbox with the demo message token. */
  const raw = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${sb.url}/api/v1${path}`, {
      method, headers: { authorization: `Bearer ${sb.allTokens['message:pro']}`, 'content-type': 'application/json', 'idempotency-key': crypto.randomUUID() },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as any };
  };

  it('the strict sandbox refuses the old wire names with 422, field by field, before any handler runs', async () => {
    const sent = sb.engine.stats.executions['POST /messages/send'] ?? 0;
    const old = await raw('POST', '/messages/send', { to: ['a@x.example'], subject: 's', text: 'hi', in_reply_to: '<a@x>', references: ['<a@x>'] });
    expect(old.status).to.equal(422);
    expect(old.body.errors).to.deep.equal({ text: 'is not a field of this endpoint', in_reply_to: 'is not a field of this endpoint', references: 'is not a field of this endpoint', body: 'is required' });
    expect(sb.engine.stats.executions['POST /messages/send'] ?? 0).to.equal(sent);
    expect((await raw('POST', '/messages/scheduled', { to: ['a@x.example'], send_at: '2099-01-01T00:00:00Z' })).body.errors).to.deep.equal({ send_at: 'is not a field of this endpoint', scheduled_for: 'is required' });
    expect((await raw('POST', '/messages/contact-groups', { name: 'x' })).body.errors).to.deep.equal({ name: 'is not a field of this endpoint', group_name: 'is required' });
    expect((await raw('POST', '/messages/blocked-senders', { address: '@x.example' })).body.errors).to.deep.include({ address: 'is not a field of this endpoint' });
    expect((await raw('POST', '/messages/templates', { name: 'x', html: '<p>' })).body.errors).to.deep.include({ html: 'is not a field of this endpoint' });
    expect((await raw('POST', '/messages/calendar/events', { title: 'x', start: '2099-01-01T00:00:00Z', notes: 'n' })).body.errors).to.deep.equal({ start: 'is not a field of this endpoint', notes: 'is not a field of this endpoint', start_at: 'is required' });
    expect((await raw('GET', '/messages/contacts/export?format=vcf')).body.errors).to.deep.equal({ format: 'must be one of csv, vcard' });
    expect((await raw('GET', '/messages?limit=51')).body.errors).to.deep.equal({ limit: 'must be between 1 and 50' });
    expect((await raw('PUT', '/messages/drafts/1', { subject: 'x' })).body.errors).to.deep.equal({ uidvalidity: 'is required' });
  });

  it('the handlers keep the cross-field rules: one body part, 10 recipients together, attachment sizes, the block list cap', async () => {
    const none = await raw('POST', '/messages/send', { to: ['a@x.example'], subject: 's', body: { text: null, html: null } });
    expect(none.body.errors).to.deep.equal({ body: 'needs text or html' });
    const many = Array.from({ length: 6 }, (_, i) => `r${i}@x.example`);
    expect((await raw('POST', '/messages/drafts', { to: many, cc: many })).body.errors).to.deep.equal({ to: 'to, cc and bcc together take 10 recipients at most' });
    const big = Buffer.alloc(5 * 1024 * 1024 + 1).toString('base64');
    const file = (b64: string) => ({ filename: 'a.bin', content_type: 'application/octet-stream', content_base64: b64 });
    expect((await raw('POST', '/messages/send', { to: ['a@x.example'], subject: 's', body: { text: 't', html: null }, attachments: [file(big)] })).body.errors).to.deep.equal({ 'attachments.0': 'is larger than 5 MB' });
    expect((await raw('POST', '/messages/drafts', { attachments: [file(big)] })).status).to.equal(201);
    const mailbox = webmailState(sb.engine).mailboxes.get(1)!;
    for (let i = mailbox.blocked.size; i < 50; i++) expect((await raw('POST', '/messages/blocked-senders', { email_or_domain: `@cap${i}.example` })).status).to.equal(201);
    const over = await raw('POST', '/messages/blocked-senders', { email_or_domain: '@one-more.example' });
    expect([over.status, over.body.error.code, over.body.limit]).to.deep.equal([422, 'limit_exceeded', 50]);
  });
});
