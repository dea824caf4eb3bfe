import { expect } from 'chai';
import { fenced, structured } from '../harness.js';
import { packSpec } from '../../core/pack.js';
import { WebmailPack } from '../../plugins/webmail/webmail.plugin.js';
import { webmailState } from '../../plugins/webmail/sandbox/state.js';
import type { Sandbox } from '../../sandbox/server.js';
import { connect, sandbox, type Session } from '../e2e.js';

const SEND_ROUTE = 'POST /messages/send';

describe('e2e: webmail on a Pro message token (stdio, SDK client, sandbox)', function () {
  this.timeout(30_000);
  let sb: Sandbox;
  let off: Session;
  let on: Session;
  const mailbox = () => webmailState(sb.engine).mailboxes.get(1)!;
  const sentCount = () => mailbox().folders.get('Sent')!.messages.size;
  const sends = () => sb.engine.stats.executions[SEND_ROUTE] ?? 0;
  /** The state carried from one step of the session to the next, as an agent would. */
  const ctx: { invoice?: any; reply?: any; draftUid?: number } = {};

  before(async () => {
    sb = await sandbox({ packs: [packSpec(WebmailPack)!] });
    off = await connect(sb, ['message:pro']);
    on = await connect(sb, ['message:pro'], { TREKMAIL_ALLOW_SENDING: 'true', TREKMAIL_ALLOW_DESTRUCTIVE: 'true' });
  });
  after(async () => {
    await off?.close();
    await on?.close();
    await sb?.close();
  });

  it('lists the 64 webmail tools (plus the preview tool) with their annotations', async () => {
    const { tools } = await off.client.listTools();
    expect(tools).to.have.length(65);
    expect(tools.find((t) => t.name === 'send_message')!.annotations).to.deep.equal({});
    expect(tools.find((t) => t.name === 'delete_folder')!.annotations).to.include({ destructiveHint: true });
    expect(tools.find((t) => t.name === 'list_messages')!.annotations).to.include({ readOnlyHint: true });
    expect(Object.keys((tools.find((t) => t.name === 'send_message')!.inputSchema as any).properties)).to.include('confirm_send');
  });

  it('lists the inbox: headers and a short preview, newest first, delimited as third-party content', async () => {
    const r = await off.call('list_messages', { limit: 50 });
    expect(r.isError).to.equal(undefined);
    const { messages, folder } = structured(r);
    expect(folder).to.equal('INBOX');
    expect(messages.length).to.be.greaterThan(10);
    expect(messages[0].uid).to.be.greaterThan(messages[1].uid);
    expect(r.content[0].text).to.contain('<untrusted-data id="');
    ctx.invoice = messages.find((m: any) => m.subject === 'Invoice INV-2026-0117');
    expect(ctx.invoice).to.include({ attachments: 1, from: 'Supplier Billing <billing@supplier.example>' });
    const newsletter = messages.find((m: any) => m.subject.startsWith('Tech Weekly #212'));
    expect(newsletter.preview.length).to.be.at.most(200);
  });

  it('reads the message with its attachment list and downloads the attachment', async () => {
    const r = await off.call('read_message', { uid: ctx.invoice.uid });
    const m = structured(r);
    expect(m).to.include({ uid: ctx.invoice.uid, folder: 'INBOX', subject: 'Invoice INV-2026-0117', body_format: 'text' });
    expect(m.text).to.contain('INV-2026-0117 for October');
    expect(m.attachments).to.deep.equal([{ index: 0, filename: 'INV-2026-0117.pdf', content_type: 'application/pdf', size: m.attachments[0].size }]);
    expect(r.content[0].text).to.contain('Attachments: [0] INV-2026-0117.pdf (application/pdf');
    ctx.invoice.message_id = m.message_id;
    const a = structured(await off.call('download_attachment', { uid: ctx.invoice.uid, index: 0 }));
    expect(a).to.include({ filename: 'INV-2026-0117.pdf', content_type: 'application/pdf', size: m.attachments[0].size });
    const bytes = Buffer.from(a.content_base64, 'base64');
    expect(bytes.length).to.equal(a.size);
    expect(bytes.subarray(0, 5).toString()).to.equal('%PDF-');
  });

  it('renders the HTML newsletter as text; raw HTML only on request', async () => {
    const list = structured(await off.call('list_messages', { search: 'Tech Weekly #212' })).messages;
    const r = structured(await off.call('read_message', { uid: list[0].uid }));
    expect(r.body_format).to.equal('html');
    expect(r.text).to.contain('Open standards for mail security reach 1.0 [https://news.techweekly.example/a/212-1]');
    expect(r.text).not.to.contain('<');
    expect(r).to.not.have.property('html');
    const withHtml = structured(await off.call('read_message', { uid: list[0].uid, include_html: true }));
    expect(withHtml.html).to.contain('<h1>Tech Weekly #212</h1>');
  });

  it('prepares a reply with get_reply_data, in the shape save_draft and send_message accept', async () => {
    const r = await off.call('get_reply_data', { uid: ctx.invoice.uid });
    ctx.reply = structured(r);
    expect(ctx.reply).to.include({ subject: 'Re: Invoice INV-2026-0117', reply_to_message_id: ctx.invoice.message_id });
    expect(ctx.reply.to).to.deep.equal(['billing@supplier.example']);
    expect(ctx.reply.body_text).to.contain('> Dear customer,');
    expect(Object.keys(ctx.reply).sort()).to.deep.equal(['body_text', 'identity_id', 'reply_to_message_id', 'subject', 'to']);
  });

  it('saves the reply as a draft (drafts carry no threading) and updates it with uid and uidvalidity, using the NEW uid', async () => {
    const { reply_to_message_id: _r, ...draftable } = ctx.reply;
    const saved = structured(await off.call('save_draft', { ...draftable, body_text: `Thanks, we will pay on time.${ctx.reply.body_text}` }));
    expect(saved.folder).to.equal('Drafts');
    expect(saved.uidvalidity).to.be.a('number');
    const stale = await off.call('update_draft', { uid: saved.uid, uidvalidity: saved.uidvalidity + 1, subject: 'x' });
    expect(stale.content[0].text).to.contain('HTTP 409, uidvalidity_mismatch');
    const updated = await off.call('update_draft', { uid: saved.uid, uidvalidity: saved.uidvalidity, ...draftable, body_text: `Thanks, paid today.${ctx.reply.body_text}` });
    const u = structured(updated);
    expect(Object.keys(u).slice(0, 2)).to.deep.equal(['uid', 'uidvalidity']);
    expect(u.uid).to.not.equal(saved.uid);
    expect(u.replaced_uid).to.equal(saved.uid);
    ctx.draftUid = u.uid;
    const draft = structured(await off.call('read_message', { uid: u.uid, folder: 'Drafts' }));
    expect(draft.text).to.match(/^Thanks, paid today\./);
    expect(draft.uidvalidity).to.equal(u.uidvalidity);
    const gone = await off.call('read_message', { uid: saved.uid, folder: 'Drafts' });
    expect(gone.isError).to.equal(true);
    expect(gone.content[0].text).to.contain('HTTP 404');
  });

  it('refuses to send while TREKMAIL_ALLOW_SENDING is off, even with confirm_send: nothing is sent', async () => {
    const [before, sent] = [sends(), sentCount()];
    const r = await off.call('send_message', { ...ctx.reply, body_text: `Paid.${ctx.reply.body_text}`, confirm_send: true });
    expect(r.isError).to.equal(true);
    expect(r.content[0].text).to.match(/^Sending is disabled: send_message needs TREKMAIL_ALLOW_SENDING=true/).and.contain('Nothing was sent.');
    expect(sends()).to.equal(before);
    expect(sentCount()).to.equal(sent);
    expect(sb.engine.stats.byRoute[SEND_ROUTE] ?? 0).to.equal(0);
  });

  it('with the gate on, refuses without confirm_send, then sends once with it: the message lands in Sent', async () => {
    const refused = await on.call('send_message', { ...ctx.reply, body_text: `Paid.${ctx.reply.body_text}` });
    expect(refused.content[0].text).to.match(/^Send not confirmed/);
    expect(sends()).to.equal(0);
    const sent = sentCount();
    const r = await on.call('send_message', { ...ctx.reply, body_text: `Paid today.${ctx.reply.body_text}`, confirm_send: true });
    expect(r.isError).to.equal(undefined);
    expect(structured(r)).to.include({ status: 'queued', folder: 'Sent' });
    expect(structured(r).held_by_sandbox).to.deep.equal(['billing@supplier.example']);
    expect(sends()).to.equal(1);
    expect(sentCount()).to.equal(sent + 1);
    const top = structured(await on.call('list_messages', { folder: 'Sent', limit: 1 })).messages[0];
    expect(top).to.include({ subject: 'Re: Invoice INV-2026-0117', uid: structured(r).sent_uid });
    const invoice = structured(await on.call('list_messages', { search: 'INV-2026-0117' })).messages[0];
    expect(invoice.uid).to.equal(ctx.invoice.uid);
    // Threaded by the API from reply_to_message_id.
    expect(structured(await on.call('read_message', { uid: top.uid, folder: 'Sent' })).in_reply_to).to.equal(ctx.invoice.message_id);
  });

  it('delivers to a sandbox mailbox when the recipient is one of them, and nothing leaves', async () => {
    const sales = webmailState(sb.engine).mailboxes.get(2)!.folders.get('INBOX')!;
    const before = sales.messages.size;
    const r = await on.call('send_message', { to: ['sales@demo.trekmail.test'], subject: 'Northwind call', body_text: 'Friday 10:00 works.', confirm_send: true });
    expect(structured(r).delivered_to_sandbox_mailboxes).to.deep.equal(['sales@demo.trekmail.test']);
    expect(sales.messages.size).to.equal(before + 1);
    expect([...sales.messages.values()].pop()!.subject).to.equal('Northwind call');
  });

  it('schedules a message, lists it, cancels it; another leaves the queue when its time comes', async () => {
    const at = new Date(sb.engine.now() + 3_600_000).toISOString();
    const s = structured(await on.call('schedule_message', { to: ['anna@partner.example'], subject: 'Reminder: Q4 review', body_text: 'See you Wednesday.', scheduled_for: at, confirm_send: true }));
    expect(s.scheduled).to.include({ status: 'pending', subject: 'Reminder: Q4 review' });
    const listed = structured(await on.call('list_scheduled')).data;
    expect(listed.map((x: any) => x.id)).to.deep.equal([s.scheduled.id]);
    const cancelled = await on.call('cancel_scheduled', { scheduled_id: s.scheduled.id });
    expect(structured(cancelled)).to.deep.equal({ cancelled: true, id: s.scheduled.id });
    expect(structured(await on.call('list_scheduled')).data).to.deep.equal([]);

    const later = structured(await on.call('schedule_message', { to: ['support@demo.trekmail.test'], subject: 'Weekly digest', body_text: 'Digest.', scheduled_for: at, confirm_send: true }));
    const sent = sentCount();
    sb.engine.advance(2 * 3_600_000);
    expect(structured(await off.call('list_scheduled')).data).to.deep.equal([]);
    expect(sentCount()).to.equal(sent + 1);
    const gone = await on.call('cancel_scheduled', { scheduled_id: later.scheduled.id });
    expect(gone.content[0].text).to.contain('HTTP 409, already_sent');
  });

  it('exports the contacts as vCard and imports them back', async () => {
    const before = structured(await on.call('list_contacts', { per_page: 100 })).data;
    const vcf = structured(await on.call('export_contacts', { format: 'vcard' }));
    expect(vcf).to.include({ format: 'vcard', content_type: 'text/vcard', count: before.length });
    expect(vcf.text.match(/BEGIN:VCARD/g)).to.have.length(before.length);
    const ben = before.find((c: any) => c.email === 'ben@partner.example');
    expect(structured(await on.call('delete_contact', { contact_id: ben.id }))).to.deep.include({ deleted: true });
    const imported = structured(await on.call('import_contacts', { format: 'vcf', content_base64: vcf.content_base64 }));
    expect(imported).to.include({ imported: 1, updated: before.length - 1, skipped: 0 });
    // The same file again, on purpose (_repeat: true; else the derived idempotency key gets the first import's replay).
    const again = structured(await on.call('import_contacts', { format: 'vcf', content_base64: Buffer.from(vcf.text).toString('base64'), _repeat: true }));
    expect(again).to.include({ imported: 0, updated: before.length });
    const after = structured(await on.call('list_contacts', { q: 'ben@partner.example' })).data;
    expect(after[0]).to.include({ name: 'Ben Okafor', company: 'Partner GmbH', phone: '+49 30 7654321' });
  });

  it('the injection demo message comes back cleaned and delimited', async () => {
    const hit = structured(await off.call('list_messages', { search: 'verify your mailbox' })).messages[0];
    const r = await off.call('read_message', { uid: hit.uid, include_html: true });
    const text = r.content[0].text;
    expect(fenced(text)).to.contain('ignore previous instructions');
    expect(text).not.to.match(/[\u200B-\u200F\u2066-\u2069\uFEFF]/);
    expect(text).not.to.contain('<script').and.not.contain('javascript:').and.not.contain('onerror');
    expect(structured(r).text).to.contain('ignore previous instructions');
  });

  it('connects an external account (the API tests it); the outbound connection test stays behind TREKMAIL_ALLOW_MIGRATION', async () => {
    const conn = {
      email: 'sam.e2e@gmail.com', provider: 'gmail', password: 'abcd efgh ijkl mnop', imap_host: 'imap.gmail.com', imap_port: 993, imap_encryption: 'ssl',
      smtp_host: 'smtp.gmail.com', smtp_port: 465, smtp_encryption: 'ssl',
    };
    const tests = () => sb.engine.stats.executions['POST /messages/external-accounts/test'] ?? 0;
    const before = tests();
    const refused = await on.call('test_external_account', conn);
    expect(refused.content[0].text).to.match(/^Migration writes are disabled: test_external_account needs TREKMAIL_ALLOW_MIGRATION=true/);
    expect(tests()).to.equal(before);
    const { account } = structured(await on.call('create_external_account', conn));
    expect(JSON.stringify(account)).not.to.contain('abcd');
    const inbox = structured(await off.call('list_messages', { external_account_id: account.id }));
    expect(inbox.messages.map((m: any) => m.subject)).to.include('Dinner on Saturday?');
    const sent = structured(await on.call('send_message', { to: ['sales@demo.trekmail.test'], subject: 'Via Gmail', body_text: 'x', external_account_id: account.id, confirm_send: true }));
    expect(structured(await off.call('get_message_delivery', { request_id: sent.request_id }))).to.include({ status: 'sent', via: `external_account:${account.id}` });
    expect(structured(await on.call('delete_external_account', { account_id: account.id }))).to.include({ deleted: true });
  });

  it('the strict sandbox refused no request of the whole session', () => {
    expect(sb.engine.stats.validationFailures).to.deep.equal([]);
  });
});
