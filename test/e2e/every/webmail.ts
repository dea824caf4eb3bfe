import { expect } from 'chai';
import { structured } from '../../harness.js';
import type { Ctx, Result, Scenario } from './steps.js';

/** Every webmail tool (and the official names it accepts), called through the protocol against the strict sandbox. */

const sc = (r: Result) => structured(r);
/** The UID of the message with this subject in a list_messages answer. */
const uidOf = (r: Result, subject: string): number => {
  const m = sc(r).messages.find((x: { subject: string }) => x.subject === subject);
  expect(m, `no message "${subject}"`).to.not.equal(undefined);
  return m.uid;
};
const subjects = (r: Result): string[] => sc(r).messages.map((m: { subject: string }) => m.subject);
const paths = (r: Result): string[] => sc(r).folders.map((f: { path: string }) => f.path);
const ids = (r: Result, key = 'data'): number[] => sc(r)[key].map((x: { id: number }) => x.id);
const hourFromNow = (c: Ctx) => new Date(c.sb.engine.now() + 3_600_000).toISOString();

const conversation: Scenario = {
  name: 'read, download, reply (threaded), forward into a draft and update it',
  steps: [
    {
      tool: 'list_messages', args: { folder: 'INBOX', limit: 50 },
      check: (r, c) => {
        expect(sc(r).uidvalidity).to.be.a('number');
        c.saved.invoice = uidOf(r, 'Invoice INV-2026-0117');
        c.saved.contract = uidOf(r, 'Contract draft v3');
        c.saved.q3 = sc(r).messages.find((m: { subject: string; seen: boolean }) => m.subject === 'Re: Q4 planning: agenda and dates' && !m.seen).uid;
      },
    },
    {
      tool: 'read_message', args: (c) => ({ uid: c.saved.invoice }),
      check: (r, c) => {
        expect(sc(r).attachments.map((a: { filename: string }) => a.filename)).to.deep.equal(['INV-2026-0117.pdf']);
        c.saved.invoiceId = sc(r).message_id;
      },
      verify: { tool: 'list_messages', args: { unread_only: true, search: 'Invoice' }, check: (r) => expect(subjects(r)).to.not.include('Invoice INV-2026-0117') },
    },
    {
      tool: 'download_attachment', args: (c) => ({ uid: c.saved.invoice, index: 0 }),
      check: (r, c) => {
        expect(Buffer.from(sc(r).content_base64, 'base64').subarray(0, 5).toString()).to.equal('%PDF-');
        c.saved.pdf = { filename: sc(r).filename, content_type: sc(r).content_type, content_base64: sc(r).content_base64 };
      },
    },
    { tool: 'download_all_attachments', args: (c) => ({ uid: c.saved.contract }), check: (r) => expect(sc(r)).to.include({ content_type: 'application/zip', count: 2 }) },
    { tool: 'get_raw_message', args: (c) => ({ uid: c.saved.invoice }), check: (r) => expect(sc(r).raw).to.contain('Subject: Invoice INV-2026-0117\r\n') },
    {
      tool: 'get_reply_data', args: (c) => ({ uid: c.saved.invoice }),
      check: (r, c) => {
        expect(sc(r)).to.include({ subject: 'Re: Invoice INV-2026-0117', reply_to_message_id: c.saved.invoiceId });
        c.saved.reply = sc(r);
      },
    },
    { tool: 'prepare_reply', args: (c) => ({ uid: c.saved.invoice }), check: (r, c) => expect(sc(r)).to.deep.equal(c.saved.reply) },
    {
      tool: 'send_message', args: (c) => ({ ...c.saved.reply, body_text: `Paid today.${c.saved.reply.body_text}`, confirm_send: true }),
      check: (r, c) => {
        expect(sc(r)).to.include({ status: 'queued', folder: 'Sent' });
        c.saved.sentUid = sc(r).sent_uid;
      },
      verify: {
        tool: 'read_message', args: (c) => ({ uid: c.saved.sentUid, folder: 'Sent' }),
        check: (r, c) => expect(sc(r)).to.include({ subject: 'Re: Invoice INV-2026-0117', in_reply_to: c.saved.invoiceId }),
      },
    },
    { tool: 'get_reply_all_data', args: (c) => ({ uid: c.saved.q3 }), check: (r) => expect(sc(r)).to.deep.include({ to: ['anna@partner.example'], cc: ['ben@partner.example'] }) },
    { tool: 'prepare_reply_all', args: (c) => ({ uid: c.saved.q3 }), check: (r) => expect(sc(r).cc).to.deep.equal(['ben@partner.example']) },
    {
      tool: 'get_forward_data', args: (c) => ({ uid: c.saved.contract }),
      check: (r, c) => {
        expect(sc(r).original_attachments.map((a: { filename: string; content_type: string }) => `${a.filename} ${a.content_type}`)).to.deep.equal(['contract-v3.pdf application/pdf', 'changes.txt text/plain']);
        const { original_attachments: files, ...compose } = sc(r);
        c.saved.forward = compose;
        expect(files.every((f: { size?: number }) => typeof f.size === 'number')).to.equal(true);
      },
    },
    { tool: 'prepare_forward', args: (c) => ({ uid: c.saved.contract }), check: (r) => expect(sc(r).subject).to.equal('Fwd: Contract draft v3') },
    {
      // The forward's own files come by download_attachment (get_forward_data lists them only): here, one of them.
      tool: 'save_draft', args: (c) => ({ ...c.saved.forward, to: ['ben@partner.example'], attachments: [c.saved.pdf] }),
      check: (r, c) => {
        c.saved.draft = sc(r);
        expect(c.saved.draft.uidvalidity).to.be.a('number');
      },
      verify: {
        tool: 'read_message', args: (c) => ({ uid: c.saved.draft.uid, folder: 'Drafts' }),
        check: (r, c) => {
          expect(sc(r)).to.include({ subject: 'Fwd: Contract draft v3', uidvalidity: c.saved.draft.uidvalidity });
          expect(sc(r).attachments).to.have.length(1);
        },
      },
    },
    {
      tool: 'update_draft', args: (c) => ({ uid: c.saved.draft.uid, uidvalidity: c.saved.draft.uidvalidity, to: ['ben@partner.example'], subject: 'Fwd: Contract draft v3 (notes)', body_html: '<p>See page 2.</p>' }),
      check: (r, c) => {
        expect(sc(r).replaced_uid).to.equal(c.saved.draft.uid);
        c.saved.newDraft = sc(r).uid;
      },
      verify: {
        tool: 'read_message', args: (c) => ({ uid: c.saved.newDraft, folder: 'Drafts', include_html: true }),
        check: (r) => expect(sc(r)).to.include({ subject: 'Fwd: Contract draft v3 (notes)', html: '<p>See page 2.</p>' }),
      },
    },
    { tool: 'read_message', args: (c) => ({ uid: c.saved.draft.uid, folder: 'Drafts' }), error: /HTTP 404, message_not_found/ },
  ],
};

const organise: Scenario = {
  name: 'organise: folders, flags, moves, spam and ham, bulk actions, deletes',
  steps: [
    { tool: 'create_folder', args: { name: 'Receipts', parent: 'Projects' }, verify: { tool: 'list_folders', check: (r) => expect(paths(r)).to.include('Projects/Receipts') } },
    {
      tool: 'rename_folder', args: { path: 'Projects/Receipts', name: 'Invoices' },
      verify: { tool: 'list_folders', check: (r) => expect(paths(r)).to.include('Projects/Invoices').and.not.include('Projects/Receipts') },
    },
    {
      tool: 'list_messages', args: { search: 'Expense report' },
      check: (r, c) => void (c.saved.expense = uidOf(r, 'Expense report October')),
    },
    {
      tool: 'update_message_flags', args: (c) => ({ uid: c.saved.expense, flags: { seen: false, flagged: true } }),
      verify: { tool: 'list_messages', args: { search: 'Expense report' }, check: (r) => expect(sc(r).messages[0]).to.include({ seen: false, flagged: true }) },
    },
    {
      tool: 'move_message', args: (c) => ({ uid: c.saved.expense, folder: 'INBOX', destination: 'Projects/Invoices' }),
      verify: { tool: 'list_messages', args: { folder: 'Projects/Invoices' }, check: (r) => expect(subjects(r)).to.deep.equal(['Expense report October']) },
    },
    { tool: 'list_messages', args: { search: 'Lunch on Thursday' }, check: (r, c) => void (c.saved.lunch = uidOf(r, 'Lunch on Thursday?')) },
    {
      tool: 'report_spam', args: (c) => ({ uid: c.saved.lunch }),
      check: (r, c) => void (c.saved.junkUid = sc(r).new_uid),
      verify: { tool: 'list_messages', args: { folder: 'Junk' }, check: (r) => expect(subjects(r)).to.include('Lunch on Thursday?') },
    },
    {
      tool: 'report_ham', args: (c) => ({ uid: c.saved.junkUid }),
      verify: { tool: 'list_messages', args: { search: 'Lunch on Thursday' }, check: (r) => expect(subjects(r)).to.deep.equal(['Lunch on Thursday?']) },
    },
    {
      tool: 'list_messages', args: { limit: 50 },
      check: (r, c) => void (c.saved.pair = [uidOf(r, 'Weekly sales numbers'), uidOf(r, 'Welcome to TrekMail')]),
    },
    {
      tool: 'bulk_action', args: (c) => ({ folder: 'INBOX', uids: c.saved.pair, action: 'star' }),
      verify: { tool: 'list_messages', args: { search: 'Weekly sales' }, check: (r) => expect(sc(r).messages[0].flagged).to.equal(true) },
    },
    {
      tool: 'bulk_action', args: (c) => ({ folder: 'INBOX', uids: c.saved.pair, action: 'move', destination: 'Projects/Invoices' }),
      verify: { tool: 'list_messages', args: { folder: 'Projects/Invoices' }, check: (r) => expect(subjects(r)).to.have.members(['Expense report October', 'Weekly sales numbers', 'Welcome to TrekMail']) },
    },
    {
      tool: 'list_messages', args: { folder: 'Projects/Invoices' },
      check: (r, c) => void (c.saved.invoices = sc(r).messages.map((m: { uid: number }) => m.uid)),
    },
    {
      tool: 'bulk_action', args: (c) => ({ folder: 'Projects/Invoices', uids: c.saved.invoices, action: 'delete' }),
      check: (r) => expect(sc(r)).to.include({ processed: 3, failed: 0 }),
      verify: { tool: 'list_messages', args: { folder: 'Trash', search: 'Weekly sales' }, check: (r, c) => void (c.saved.trashed = uidOf(r, 'Weekly sales numbers')) },
    },
    {
      tool: 'delete_message', args: (c) => ({ uid: c.saved.trashed, folder: 'Trash' }),
      check: (r) => expect(sc(r)).to.include({ deleted: true, permanently: true }),
      verify: { tool: 'list_messages', args: { folder: 'Trash', search: 'Weekly sales' }, check: (r) => expect(sc(r).messages).to.deep.equal([]) },
    },
    { tool: 'empty_folder', args: { folder: 'Junk' }, verify: { tool: 'list_messages', args: { folder: 'Junk' }, check: (r) => expect(sc(r).count).to.equal(0) } },
    { tool: 'delete_folder', args: { path: 'Projects/Invoices' }, verify: { tool: 'list_folders', check: (r) => expect(paths(r)).to.include('Projects').and.not.include('Projects/Invoices') } },
  ],
};

const scheduled: Scenario = {
  name: 'scheduled send: an offset time and a wall-clock time with its zone, paging, cancelling',
  steps: [
    {
      tool: 'schedule_message', args: (c) => ({ to: ['anna@partner.example'], subject: 'Reminder: Q4 review', body_text: 'See you Wednesday.', scheduled_for: hourFromNow(c), confirm_send: true }),
      check: (r, c) => void (c.saved.soon = sc(r).scheduled.id),
      verify: { tool: 'list_scheduled', check: (r, c) => expect(ids(r)).to.include(c.saved.soon) },
    },
    {
      tool: 'schedule_message',
      args: { to: ['ben@partner.example'], cc: ['anna@partner.example'], subject: 'Summer plan', body_html: '<p>Plan attached later.</p>', scheduled_for: '2030-06-03T09:00:00', timezone: 'Europe/Berlin', confirm_send: true },
      check: (r, c) => {
        // 09:00 in Berlin (summer time) is 07:00 UTC.
        expect(sc(r).scheduled).to.include({ scheduled_for: '2030-06-03T07:00:00.000Z', timezone: 'Europe/Berlin' });
        c.saved.summer = sc(r).scheduled.id;
      },
    },
    {
      tool: 'list_scheduled', args: { per_page: 1 },
      check: (r, c) => {
        expect(ids(r)).to.deep.equal([c.saved.soon]);
        c.saved.cursor = sc(r).next_cursor;
      },
      verify: { tool: 'list_scheduled', args: (c) => ({ cursor: c.saved.cursor, per_page: 1 }), check: (r, c) => expect(ids(r)).to.deep.equal([c.saved.summer]) },
    },
    {
      tool: 'reschedule_message', args: (c) => ({ scheduled_id: c.saved.summer, scheduled_for: '2030-06-04T09:00:00', timezone: 'Europe/Berlin', confirm_send: true }),
      verify: { tool: 'list_scheduled', args: { status: 'all' }, check: (r, c) => expect(sc(r).data.find((j: { id: number }) => j.id === c.saved.summer).scheduled_for).to.equal('2030-06-04T07:00:00.000Z') },
    },
    { tool: 'cancel_scheduled', args: (c) => ({ scheduled_id: c.saved.soon }), verify: { tool: 'list_scheduled', check: (r, c) => expect(ids(r)).to.deep.equal([c.saved.summer]) } },
    // The support team mailbox (shared; the demo mailbox is a member): its queue, worked by a member.
    { tool: 'list_scheduled', args: { shared_mailbox_id: 3, status: 'limit_reached' }, check: (r, c) => void (c.saved.teamHeld = ids(r)[0]) },
    { tool: 'cancel_scheduled', args: (c) => ({ scheduled_id: c.saved.teamHeld, shared_mailbox_id: 3 }), verify: { tool: 'list_scheduled', args: { shared_mailbox_id: 3, status: 'all' }, check: (r, c) => expect(ids(r)).not.to.include(c.saved.teamHeld) } },
    { tool: 'cancel_scheduled', args: (c) => ({ scheduled_id: c.saved.summer }), verify: { tool: 'list_scheduled', check: (r) => expect(sc(r).data).to.deep.equal([]) } },
  ],
};

const addressBook: Scenario = {
  name: 'address book: contacts, export and import, groups (with their official names)',
  steps: [
    { tool: 'list_contacts', args: { per_page: 100 }, check: (r, c) => void (c.saved.count = sc(r).data.length) },
    {
      tool: 'create_contact', args: { email: 'zoe@northwind.example', name: 'Zoe Park', phone: '+1 555 0100', company: 'Northwind Traders', notes: 'Wants 40 seats' },
      check: (r, c) => void (c.saved.zoe = sc(r).contact.id),
      verify: { tool: 'list_contacts', args: { q: 'northwind' }, check: (r) => expect(sc(r).data.map((x: { email: string }) => x.email)).to.deep.equal(['zoe@northwind.example']) },
    },
    {
      tool: 'update_contact', args: (c) => ({ contact_id: c.saved.zoe, phone: '+1 555 0199' }),
      verify: { tool: 'list_contacts', args: { q: 'zoe' }, check: (r) => expect(sc(r).data[0]).to.include({ phone: '+1 555 0199', company: 'Northwind Traders' }) },
    },
    {
      tool: 'export_contacts', args: { format: 'vcard' },
      check: (r, c) => {
        expect(sc(r).text.match(/BEGIN:VCARD/g)).to.have.length(c.saved.count + 1);
        c.saved.vcard = sc(r).content_base64;
      },
    },
    { tool: 'delete_contact', args: (c) => ({ contact_id: c.saved.zoe }), verify: { tool: 'list_contacts', args: { q: 'zoe' }, check: (r) => expect(sc(r).data).to.deep.equal([]) } },
    {
      tool: 'import_contacts', args: (c) => ({ format: 'vcf', content_base64: c.saved.vcard }),
      check: (r, c) => expect(sc(r)).to.include({ imported: 1, updated: c.saved.count, skipped: 0 }),
      verify: { tool: 'list_contacts', args: { q: 'zoe' }, check: (r) => expect(sc(r).data[0]).to.include({ name: 'Zoe Park', phone: '+1 555 0199' }) },
    },
    { tool: 'export_contacts', check: (r) => expect(sc(r).text.split('\n')[0]).to.match(/email/) },
    {
      tool: 'create_contact_group', args: { group_name: 'Northwind deal' },
      check: (r, c) => void (c.saved.group = sc(r).group.id),
      verify: { tool: 'list_contact_groups', check: (r, c) => expect(ids(r)).to.include(c.saved.group) },
    },
    { tool: 'list_contacts', args: { q: 'partner.example' }, check: (r, c) => void (c.saved.partners = ids(r)) },
    {
      tool: 'add_group_members', args: (c) => ({ group_id: c.saved.group, contact_ids: c.saved.partners }),
      verify: { tool: 'list_contact_groups', check: (r, c) => expect(sc(r).data.find((g: { id: number }) => g.id === c.saved.group).member_count).to.equal(c.saved.partners.length) },
    },
    {
      tool: 'list_contact_group_members', args: (c) => ({ group_id: c.saved.group, per_page: 100 }),
      check: (r, c) => expect(ids(r)).to.have.members(c.saved.partners),
    },
    {
      tool: 'remove_group_members', args: (c) => ({ group_id: c.saved.group, contact_ids: [c.saved.partners[0]] }),
      verify: { tool: 'list_contact_groups', check: (r, c) => expect(sc(r).data.find((g: { id: number }) => g.id === c.saved.group).member_count).to.equal(c.saved.partners.length - 1) },
    },
    { tool: 'list_contacts', args: { q: 'zoe' }, check: (r, c) => void (c.saved.zoe = sc(r).data[0].id) },
    {
      tool: 'add_contact_group_members', args: (c) => ({ group_id: c.saved.group, contact_ids: [c.saved.zoe] }),
      verify: { tool: 'list_contact_groups', check: (r, c) => expect(sc(r).data.find((g: { id: number }) => g.id === c.saved.group).members.map((m: { id: number }) => m.id)).to.include(c.saved.zoe) },
    },
    {
      tool: 'remove_contact_group_members', args: (c) => ({ group_id: c.saved.group, contact_ids: [c.saved.zoe] }),
      verify: { tool: 'list_contact_groups', check: (r, c) => expect(sc(r).data.find((g: { id: number }) => g.id === c.saved.group).members.map((m: { id: number }) => m.id)).not.to.include(c.saved.zoe) },
    },
    {
      tool: 'rename_contact_group', args: (c) => ({ group_id: c.saved.group, group_name: 'Northwind (won)' }),
      verify: { tool: 'list_contact_groups', check: (r, c) => expect(sc(r).data.find((g: { id: number }) => g.id === c.saved.group).name).to.equal('Northwind (won)') },
    },
    {
      tool: 'update_contact_group', args: (c) => ({ group_id: c.saved.group, group_name: 'Northwind customers' }),
      verify: { tool: 'list_contact_groups', check: (r, c) => expect(sc(r).data.find((g: { id: number }) => g.id === c.saved.group).name).to.equal('Northwind customers') },
    },
    { tool: 'delete_contact_group', args: (c) => ({ group_id: c.saved.group }), verify: { tool: 'list_contact_groups', check: (r, c) => expect(ids(r)).not.to.include(c.saved.group) } },
  ],
};

const calendar: Scenario = {
  name: 'calendar: an event in its own zone, found by range, changed and deleted',
  steps: [
    { tool: 'list_calendar_events', args: { start: '2030-06-03T00:00:00Z', end: '2030-06-04T00:00:00Z' }, check: (r) => expect(sc(r).data).to.deep.equal([]) },
    {
      tool: 'create_calendar_event',
      args: { title: 'Northwind kick-off', start_at: '2030-06-03T15:00:00', end_at: '2030-06-03T16:00:00', timezone: 'America/New_York', location: 'Video call', description: '40 seats, Pro plan', color: '#6366f1', reminder_minutes: 30 },
      check: (r, c) => void (c.saved.event = sc(r).event.id),
      // 15:00 in New York (summer time) is 19:00 UTC.
      verify: { tool: 'list_calendar_events', args: { start: '2030-06-03T18:30:00Z', end: '2030-06-03T19:30:00Z', per_page: 10 }, check: (r, c) => expect(ids(r)).to.deep.equal([c.saved.event]) },
    },
    {
      tool: 'update_calendar_event', args: (c) => ({ event_id: c.saved.event, end_at: '2030-06-03T17:00:00', reminder_minutes: 60, all_day: false }),
      verify: { tool: 'list_calendar_events', args: { start: '2030-06-03T20:30:00Z', end: '2030-06-03T20:45:00Z' }, check: (r) => expect(sc(r).data[0]).to.include({ end_at: '2030-06-03T17:00:00', reminder_minutes: 60 }) },
    },
    { tool: 'delete_calendar_event', args: (c) => ({ event_id: c.saved.event }), verify: { tool: 'list_calendar_events', args: { start: '2030-06-03T00:00:00Z', end: '2030-06-04T00:00:00Z' }, check: (r) => expect(sc(r).data).to.deep.equal([]) } },
  ],
};

const settings: Scenario = {
  name: 'identities, templates and the block list',
  steps: [
    { tool: 'list_identities', check: (r) => expect(sc(r).data.find((i: { is_default: boolean }) => i.is_default).email).to.equal('demo@demo.trekmail.test') },
    {
      tool: 'create_identity', args: { email: 'deals@demo.trekmail.test', name: 'Demo Deals', reply_to: 'demo@demo.trekmail.test', signature_html: '<p>Demo Deals</p>' },
      check: (r, c) => void (c.saved.identity = sc(r).identity.id),
      verify: { tool: 'list_identities', check: (r, c) => expect(ids(r)).to.include(c.saved.identity) },
    },
    {
      tool: 'update_identity', args: (c) => ({ identity_id: c.saved.identity, signature_html: '<p>The Demo Deals desk</p>' }),
      verify: { tool: 'list_identities', check: (r, c) => expect(sc(r).data.find((i: { id: number }) => i.id === c.saved.identity).signature_html).to.equal('<p>The Demo Deals desk</p>') },
    },
    { tool: 'delete_identity', args: (c) => ({ identity_id: c.saved.identity }), verify: { tool: 'list_identities', check: (r, c) => expect(ids(r)).not.to.include(c.saved.identity) } },
    { tool: 'set_reply_from_policy', args: { reply_from_policy: 'default' }, verify: { tool: 'list_identities', check: (r) => expect(sc(r).reply_from_policy).to.equal('default') } },
    { tool: 'set_reply_from_policy', args: { reply_from_policy: 'recipient' }, verify: { tool: 'list_identities', check: (r) => expect(sc(r).reply_from_policy).to.equal('recipient') } },
    { tool: 'list_templates', check: (r) => expect(sc(r).data.map((t: { name: string }) => t.name)).to.include('Meeting follow-up') },
    {
      tool: 'create_template', args: { name: 'Quote follow-up', subject: 'Your quote for {{seats}} seats', body_html: '<p>Hi {{name}}, here is your quote.</p>' },
      check: (r, c) => void (c.saved.template = sc(r).template.id),
      verify: { tool: 'list_templates', check: (r, c) => expect(sc(r).data.find((t: { id: number }) => t.id === c.saved.template)).to.include({ body_html: '<p>Hi {{name}}, here is your quote.</p>' }) },
    },
    {
      tool: 'update_template', args: (c) => ({ template_id: c.saved.template, body_html: '<p>Hi {{name}}, your quote is attached.</p>' }),
      verify: { tool: 'list_templates', check: (r, c) => expect(sc(r).data.find((t: { id: number }) => t.id === c.saved.template).body_html).to.equal('<p>Hi {{name}}, your quote is attached.</p>') },
    },
    { tool: 'delete_template', args: (c) => ({ template_id: c.saved.template }), verify: { tool: 'list_templates', check: (r, c) => expect(ids(r)).not.to.include(c.saved.template) } },
    { tool: 'list_blocked_senders', check: (r) => expect(sc(r).data.map((b: { email_or_domain: string }) => b.email_or_domain)).to.include('@pharma.example') },
    {
      tool: 'block_sender', args: { email_or_domain: '@spam-offers.example' },
      check: (r, c) => void (c.saved.block = sc(r).blocked.id),
      verify: { tool: 'list_blocked_senders', check: (r) => expect(sc(r).data.map((b: { email_or_domain: string }) => b.email_or_domain)).to.include('@spam-offers.example') },
    },
    { tool: 'unblock_sender', args: (c) => ({ block_id: c.saved.block }), verify: { tool: 'list_blocked_senders', check: (r, c) => expect(ids(r)).not.to.include(c.saved.block) } },
  ],
};

const ext = (c: Ctx) => ({ external_account_id: c.saved.account });
const connected: Scenario = {
  name: 'a connected Gmail account: detect, test, connect, read and answer through it, Send As, deliveries, re-test, disconnect',
  steps: [
    {
      tool: 'detect_external_account', args: { email: 'sam.demo@gmail.com' },
      check: (r, c) => {
        const { guessed: _g, app_password_required: _a, ...preset } = sc(r);
        expect(preset).to.include({ provider: 'gmail', imap_host: 'imap.gmail.com' });
        c.saved.preset = { ...preset, password: 'abcd efgh ijkl mnop' };
      },
    },
    { tool: 'test_external_account', args: (c) => c.saved.preset, check: (r) => expect(sc(r)).to.include({ ok: true, saved: false }) },
    {
      tool: 'create_external_account', args: (c) => ({ ...c.saved.preset, label: 'Personal Gmail', color: '#ea4335' }),
      check: (r, c) => void (c.saved.account = sc(r).account.id),
      verify: { tool: 'list_external_accounts', check: (r, c) => expect(ids(r)).to.include(c.saved.account) },
    },
    { tool: 'list_folders', args: ext, check: (r) => expect(paths(r)).to.include('Receipts') },
    { tool: 'list_messages', args: ext, check: (r, c) => void (c.saved.dinner = uidOf(r, 'Dinner on Saturday?')) },
    { tool: 'get_reply_data', args: (c) => ({ uid: c.saved.dinner, ...ext(c) }), check: (r, c) => void (c.saved.dinnerReply = sc(r)) },
    {
      tool: 'send_message', args: (c) => ({ ...c.saved.dinnerReply, body_text: `Saturday at 8 works.${c.saved.dinnerReply.body_text}`, headers: { 'X-Sent-By': 'trekmail-mcp' }, confirm_send: true }),
      check: (r, c) => void (c.saved.request = sc(r).request_id),
      verify: { tool: 'list_messages', args: (c) => ({ folder: 'Sent', ...ext(c) }), check: (r) => expect(subjects(r)).to.include('Re: Dinner on Saturday?') },
    },
    { tool: 'get_message_delivery', args: (c) => ({ request_id: c.saved.request }), check: (r, c) => expect(sc(r)).to.include({ status: 'sent', via: `external_account:${c.saved.account}` }) },
    { tool: 'get_mailbox_sending_limits', check: (r) => expect(sc(r).remaining_today).to.be.below(sc(r).daily_limit) },
    {
      tool: 'create_identity', args: (c) => ({ kind: 'send_as', email: 'hello@demo.trekmail.test', name: 'Demo Co', ...ext(c) }),
      check: (r, c) => void (c.saved.sendAs = sc(r).identity.id),
      verify: { tool: 'list_identities', args: ext, check: (r, c) => expect(ids(r)).to.include(c.saved.sendAs) },
    },
    { tool: 'delete_identity', args: (c) => ({ identity_id: c.saved.sendAs, ...ext(c) }), verify: { tool: 'list_identities', args: ext, check: (r, c) => expect(ids(r)).not.to.include(c.saved.sendAs) } },
    {
      tool: 'update_external_account', args: (c) => ({ account_id: c.saved.account, label: 'Gmail (personal)', password: 'qrst uvwx yzab cdef' }),
      verify: { tool: 'list_external_accounts', check: (r, c) => expect(sc(r).data.find((a: { id: number }) => a.id === c.saved.account)).to.include({ label: 'Gmail (personal)', status: 'connected' }) },
    },
    { tool: 'test_saved_external_account', args: (c) => ({ account_id: c.saved.account }), check: (r) => expect(sc(r).ok).to.equal(true) },
    { tool: 'delete_external_account', args: (c) => ({ account_id: c.saved.account }), verify: { tool: 'list_external_accounts', check: (r, c) => expect(ids(r)).not.to.include(c.saved.account) } },
    // As the shared support mailbox: it signs the mail, its Default BCC (the records archive) is left out this once.
    {
      tool: 'send_message', args: { to: ['demo@demo.trekmail.test'], subject: 'Ticket #4471 follow-up', body_text: 'Sent as the team.', shared_mailbox_id: 3, apply_default_recipients: false, confirm_send: true },
      check: (r) => expect(sc(r)).to.include({ from: 'support@demo.trekmail.test' }).and.not.have.property('default_recipients'),
      verify: { tool: 'list_messages', args: { search: 'Ticket #4471 follow-up' }, check: (r) => expect(subjects(r)).to.deep.equal(['Ticket #4471 follow-up']) },
    },
  ],
};

export const SCENARIOS: Scenario[] = [conversation, organise, scheduled, addressBook, calendar, settings, connected];
