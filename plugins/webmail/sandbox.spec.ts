import { expect } from 'chai';
import { startCore } from '../../core/app.js';
import { loadConfig } from '../../core/config.js';
import { packSpec } from '../../core/pack.js';
import type { ToolRuntime } from '../../core/runtime.js';
import { startSandbox, type Sandbox } from '../../sandbox/server.js';
import { memoryLogger } from '../../test/harness.js';
import { zipEntries } from './sandbox/mime.js';
import { webmailState } from './sandbox/state.js';
import { WebmailPack } from './webmail.plugin.js';

/** The webmail emulator behind the real tools (in process): what `--sandbox` demos rely on. */
describe('webmail sandbox', () => {
  let sb: Sandbox;
  let rt: ToolRuntime;
  const call = async (name: string, args: Record<string, unknown> = {}) => {
    const r = await rt.call(name, args);
    if (r.isError) throw new Error(`${name}: ${r.content[0].text}`);
    return r.structuredContent as any;
  };
  const count = (path: string, mailbox = 1) => webmailState(sb.engine).mailboxes.get(mailbox)!.folders.get(path)!.messages.size;
  const runtimeFor = async (token: string, env: Record<string, string> = {}) =>
    (await startCore(loadConfig({ TREKMAIL_BASE_URL: sb.url, TREKMAIL_MESSAGE_TOKEN: sb.allTokens[token], ...env }), { packs: [packSpec(WebmailPack)!], logger: memoryLogger([]) })).runtime;

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
    sales.blocked.set(99, { id: 99, address: '@demo.trekmail.test', created: 0 });
    const junk = count('Junk', 2);
    const r = await call('send_message', { to: ['sales@demo.trekmail.test'], subject: 'Blocked?', text: 'x', confirm_send: true });
    expect(r.delivered_to_sandbox_mailboxes).to.deep.equal(['sales@demo.trekmail.test']);
    expect(count('Junk', 2)).to.equal(junk + 1);
    sales.blocked.delete(99);
  });

  it('an alias of a sandbox mailbox receives too; outside addresses are held, never sent', async () => {
    const inbox = count('INBOX', 3);
    const r = await call('send_message', { to: ['help@demo.trekmail.test'], cc: ['someone@elsewhere.example'], subject: 'Alias', text: 'x', confirm_send: true });
    expect(r).to.deep.include({ delivered_to_sandbox_mailboxes: ['help@demo.trekmail.test'], held_by_sandbox: ['someone@elsewhere.example'] });
    expect(count('INBOX', 3)).to.equal(inbox + 1);
    expect(webmailState(sb.engine).outbox.pop()).to.deep.include({ held: ['someone@elsewhere.example'] });
  });

  it('a scheduled message leaves the queue when its time comes and lands in Sent', async () => {
    const sent = count('Sent');
    const s = await call('schedule_message', { to: ['anna@partner.example'], subject: 'Later', text: 'x', send_at: new Date(sb.engine.now() + 60_000).toISOString(), confirm_send: true });
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

  it('get_raw_message answers an RFC 822 source with its MIME parts', async () => {
    const invoice = (await call('list_messages', { search: 'INV-2026-0117' })).messages[0];
    const raw = await call('get_raw_message', { uid: invoice.uid });
    expect(raw.content_type).to.equal('message/rfc822');
    expect(raw.text).to.contain('Subject: Invoice INV-2026-0117\r\n').and.contain('Content-Disposition: attachment; filename="INV-2026-0117.pdf"');
  });

  it('reply-all leaves out the mailbox itself and keeps the other recipients', async () => {
    const q3 = (await call('list_messages', { search: 'draft budget is attached' })).messages[0];
    const r = await call('get_reply_all_data', { uid: q3.uid });
    expect(r).to.deep.include({ to: ['anna@partner.example'], cc: ['ben@partner.example'], subject: 'Re: Q4 planning: agenda and dates' });
    expect(r.references).to.have.length(3);
  });

  it('calendar events page by cursor within a range', async () => {
    const start = new Date(sb.engine.now() - 30 * 86_400_000).toISOString();
    const end = new Date(sb.engine.now() + 30 * 86_400_000).toISOString();
    const first = await call('list_calendar_events', { start, end, per_page: 2 });
    expect(first.data).to.have.length(2);
    const rest = await call('list_calendar_events', { start, end, per_page: 2, cursor: first.next_cursor });
    expect(rest.data[0].id).to.not.equal(first.data[0].id);
    const created = await call('create_calendar_event', { title: 'Demo', start: '2026-12-24T18:00:00Z', end: '2026-12-24T20:00:00Z' });
    const bad = await rt.call('update_calendar_event', { event_id: created.event.id, end: '2026-12-24T17:00:00Z' });
    expect(bad.content[0].text).to.contain('HTTP 422').and.contain('must not be before start');
  });

  it('identities, templates and the block list answer their demo data; the default identity stays', async () => {
    const ids = (await call('list_identities')).data;
    expect(ids.find((i: any) => i.is_default).email).to.equal('demo@demo.trekmail.test');
    const refusedDelete = await rt.call('delete_identity', { identity_id: ids.find((i: any) => i.is_default).id });
    expect(refusedDelete.content[0].text).to.contain('default_identity');
    expect((await call('list_templates')).data.length).to.be.at.least(1);
    const blocked = await call('block_sender', { address: '@spam.example' });
    expect((await call('list_blocked_senders')).data.map((b: any) => b.address)).to.include.members(['@pharma.example', '@spam.example']);
    expect(await call('unblock_sender', { block_id: blocked.blocked.id })).to.include({ deleted: true });
  });
});
