import { expect } from 'chai';
import { structured } from '../../harness.js';
import { poll, type Ctx, type Result, type Scenario } from './steps.js';

/**
 * Every infra tool, called through the protocol against the strict sandbox. The steps work on the demo account's
 * read-only facts (domain 1, ticket 1, its invoices) and on what they create themselves: a domain of their own with
 * its mailboxes, so other packs' scenarios in the same sandbox see the demo data unchanged.
 */
const sc = (r: Result) => structured(r);
const ids = (list: { id: number }[]) => list.map((x) => x.id);
const DOMAIN = 'every-infra.example.com';
const PASSWORD = 'Every-Tool-Pass-2031';
const RELAY_SECRET = 'Relay-Every-Secret-77';
const mailbox = (c: Ctx) => ({ mailbox_id: c.saved.infraMailbox });
const conditions = [{ field: 'subject', operator: 'contains', value: '[alert]' }, { field: 'header', header_name: 'X-Monitor', operator: 'exists' }];

export const SCENARIOS: Scenario[] = [
  {
    name: 'account, billing and invoices of the demo account',
    steps: [
      { tool: 'whoami', check: (r) => expect(sc(r).account.plan).to.equal('pro') },
      { tool: 'get_account', check: (r) => expect(sc(r).account).to.include({ plan: 'pro' }).and.nested.include({ 'limits.domains': 25 }) },
      { tool: 'get_billing_status', check: (r) => expect(sc(r).billing).to.include({ plan: 'pro', status: 'active' }) },
      {
        tool: 'list_invoices', args: { page: 2, per_page: 5 },
        check: (r) => {
          expect(sc(r).data).to.have.length(5);
          expect(sc(r).meta).to.include({ page: 2, total: 12 });
        },
      },
    ],
  },
  {
    name: 'a domain of its own: added, DNS checked until active, catch-all and note set; bulk add, DKIM retry, delete',
    steps: [
      {
        tool: 'create_domain', args: { name: DOMAIN },
        check: (r, c) => void (c.saved.infraDomain = sc(r).domain.id),
        verify: { tool: 'list_domains', args: { status: 'pending_dns', search: 'every-infra', per_page: 100 }, check: (r, c) => expect(ids(sc(r).data)).to.include(c.saved.infraDomain) },
      },
      {
        tool: 'get_dns_requirements', args: (c) => ({ domain_id: c.saved.infraDomain }),
        check: (r) => expect(sc(r).records.map((x: { purpose: string }) => x.purpose)).to.include.members(['mx', 'spf', 'dkim', 'dmarc']),
      },
      {
        tool: 'dns_recheck', args: (c) => ({ domain_id: c.saved.infraDomain }),
        check: async (r, c) => {
          c.saved.infraCheck = sc(r).check.id;
          await poll(c, 'get_dns_check', { check_id: c.saved.infraCheck }, (x) => sc(x).check.status === 'completed');
        },
        verify: { tool: 'get_domain', args: (c) => ({ domain_id: c.saved.infraDomain }), check: (r) => expect(sc(r).domain).to.include({ status: 'active', dns_status: 'verified' }) },
      },
      { tool: 'get_dns_check', args: (c) => ({ check_id: c.saved.infraCheck }), check: (r) => expect(sc(r).check).to.include({ status: 'completed', all_valid: true }) },
      {
        tool: 'update_domain_catch_all', args: (c) => ({ domain_id: c.saved.infraDomain, enabled: true, destination: 'catchall-desk@example.com' }),
        verify: { tool: 'get_domain', args: (c) => ({ domain_id: c.saved.infraDomain }), check: (r) => expect(sc(r).domain.catch_all).to.deep.equal({ enabled: true, destination: 'catchall-desk@example.com' }) },
      },
      {
        tool: 'update_domain_note', args: (c) => ({ domain_id: c.saved.infraDomain, note: 'Added by the every-tool suite' }),
        verify: { tool: 'get_domain', args: (c) => ({ domain_id: c.saved.infraDomain }), check: (r) => expect(sc(r).domain.note).to.equal('Added by the every-tool suite') },
      },
      {
        tool: 'bulk_add_domains', args: { domains: ['every-fail.example.com', 'every-spare.example.com', 'demo.trekmail.test'] },
        check: (r, c) => {
          expect(sc(r).summary).to.deep.equal({ requested: 3, created: 2, failed: 1 });
          expect(sc(r).failed[0]).to.include({ name: 'demo.trekmail.test', code: 'domain_exists' });
          [c.saved.infraFail, c.saved.infraSpare] = ids(sc(r).created);
        },
        verify: { tool: 'list_domains', args: { search: 'every-', per_page: 100 }, check: (r, c) => expect(ids(sc(r).data)).to.include.members([c.saved.infraFail, c.saved.infraSpare]) },
      },
      {
        tool: 'retry_domain_dkim', args: (c) => ({ domain_id: c.saved.infraFail }),
        check: (r) => expect(sc(r).dkim).to.include({ selector: 'tm2', status: 'pending' }),
        verify: {
          tool: 'get_dns_requirements', args: (c) => ({ domain_id: c.saved.infraFail }),
          check: (r) => expect(sc(r).records.find((x: { purpose: string }) => x.purpose === 'dkim').host).to.equal('tm2._domainkey'),
        },
      },
      {
        tool: 'delete_domain', args: (c) => ({ domain_id: c.saved.infraSpare }),
        verify: { tool: 'list_domains', args: { search: 'every-', per_page: 100 }, check: (r, c) => expect(ids(sc(r).data)).not.to.include(c.saved.infraSpare) },
      },
      { tool: 'get_spam_metrics', args: { domain_id: 1, days: 7 }, check: (r) => expect(sc(r).data).to.have.length(7) },
      // Without days the tool still sends the default, 30.
      { tool: 'get_spam_summary', args: { domain_id: 1 }, check: (r) => expect(sc(r)).to.include({ days: 30 }).and.to.have.nested.property('totals.received') },
    ],
  },
  {
    name: 'mailboxes on that domain: created, password, IMAP, note, pause and resume, invites, bulk (also by the official name)',
    steps: [
      {
        tool: 'create_mailbox_generated_password', args: (c) => ({ domain_id: c.saved.infraDomain, local_part: 'ops.lead', display_name: 'Ops Lead', storage_allocation_mb: 2048 }),
        check: (r, c) => {
          expect(sc(r).password).to.be.a('string').and.not.equal('[redacted]');
          c.saved.infraMailbox = sc(r).mailbox.id;
        },
        verify: { tool: 'get_mailbox', args: mailbox, check: (r) => expect(sc(r).mailbox).to.include({ email: `ops.lead@${DOMAIN}`, storage_allocation_mb: 2048, imap_enabled: false }) },
      },
      {
        tool: 'change_mailbox_password', args: (c) => ({ ...mailbox(c), password: PASSWORD }),
        check: (r) => expect(JSON.stringify(sc(r))).not.to.contain(PASSWORD),
      },
      // The new password is the one enable_imap must be given: that shows the change took.
      {
        tool: 'enable_imap', args: (c) => ({ ...mailbox(c), password: PASSWORD }),
        verify: { tool: 'get_mailbox', args: mailbox, check: (r) => expect(sc(r).mailbox.imap_enabled).to.equal(true) },
      },
      {
        tool: 'update_mailbox_note', args: (c) => ({ ...mailbox(c), note: 'On call this week' }),
        verify: { tool: 'get_mailbox', args: mailbox, check: (r) => expect(sc(r).mailbox.note).to.equal('On call this week') },
      },
      { tool: 'pause_mailbox', args: mailbox, verify: { tool: 'get_mailbox', args: mailbox, check: (r) => expect(sc(r).mailbox.status).to.equal('paused') } },
      { tool: 'resume_mailbox', args: mailbox, verify: { tool: 'get_mailbox', args: mailbox, check: (r) => expect(sc(r).mailbox.status).to.equal('active') } },
      {
        tool: 'create_invite', args: (c) => ({ domain_id: c.saved.infraDomain, local_part: 'new.hire', recipient_email: 'new.hire@example.com', expires_in_hours: 48 }),
        check: (r) => expect(sc(r).invite).to.include({ email: `new.hire@${DOMAIN}`, status: 'pending' }),
      },
      {
        tool: 'create_invites_bulk',
        args: (c) => ({ domain_id: c.saved.infraDomain, items: [{ local_part: 'intern.one', recipient_email: 'intern.one@example.com' }, { local_part: 'new.hire', recipient_email: 'other@example.com' }], expires_in_hours: 24 }),
        check: (r) => {
          expect(sc(r).summary).to.deep.equal({ requested: 2, created: 1, failed: 1 });
          expect(sc(r).failed[0]).to.include({ index: 1, code: 'address_taken' });
        },
      },
      {
        tool: 'create_mailboxes_bulk',
        args: (c) => ({ items: [{ domain_id: c.saved.infraDomain, local_part: 'bulk.one', password: 'Bulk-Every-0001' }, { domain_id: c.saved.infraDomain, local_part: 'bulk.two', password: 'Bulk-Every-0002', storage_allocation_mb: 1024 }], password_mode: 'user_supplied' }),
        check: (r, c) => {
          expect(JSON.stringify(sc(r))).not.to.contain('Bulk-Every-000');
          c.saved.infraBulk = sc(r).created.map((x: { mailbox: { id: number } }) => x.mailbox.id);
        },
        verify: { tool: 'list_mailboxes', args: (c) => ({ domain_id: c.saved.infraDomain, search: 'bulk.' }), check: (r, c) => expect(ids(sc(r).data)).to.have.members(c.saved.infraBulk) },
      },
      {
        tool: 'bulk_create_mailboxes', args: (c) => ({ items: [{ domain_id: c.saved.infraDomain, local_part: 'bulk.gen' }], password_mode: 'generated_one_time' }),
        check: (r) => expect(sc(r).created[0].one_time_password).to.be.a('string').and.not.equal('[redacted]'),
        verify: { tool: 'list_mailboxes', args: (c) => ({ domain_id: c.saved.infraDomain, search: 'bulk.gen', page: 1, per_page: 10 }), check: (r) => expect(sc(r).data).to.have.length(1) },
      },
      {
        tool: 'create_delete_intent', args: (c) => ({ mailbox_id: c.saved.infraBulk[1] }),
        check: (r, c) => {
          expect(sc(r).intent).to.include({ status: 'pending', email: `bulk.two@${DOMAIN}` });
          c.saved.infraIntent = sc(r).intent.id;
        },
      },
      {
        tool: 'confirm_delete_intent', args: (c) => ({ intent_id: c.saved.infraIntent, confirm: true }),
        verify: { tool: 'list_mailboxes', args: (c) => ({ domain_id: c.saved.infraDomain, search: 'bulk.' }), check: (r, c) => expect(ids(sc(r).data)).not.to.include(c.saved.infraBulk[1]) },
      },
    ],
  },
  {
    name: "a mailbox's settings: aliases, forwarding, rules (a discarding one too), auto-reply, Sieve, message tokens",
    steps: [
      { tool: 'list_aliases', args: mailbox, check: (r) => expect(sc(r)).to.include({ primary_address: `ops.lead@${DOMAIN}` }).and.nested.include({ 'limits.used': 0 }) },
      {
        tool: 'create_alias', args: (c) => ({ ...mailbox(c), local_part: 'oncall', domain_id: c.saved.infraDomain, can_send: true }),
        check: (r, c) => void (c.saved.infraAlias = sc(r).alias.id),
        verify: { tool: 'list_aliases', args: mailbox, check: (r) => expect(sc(r).data[0]).to.include({ email: `oncall@${DOMAIN}`, can_receive: true, can_send: true, is_active: true }) },
      },
      {
        tool: 'update_alias', args: (c) => ({ ...mailbox(c), alias_id: c.saved.infraAlias, can_send: false, is_active: false }),
        verify: { tool: 'list_aliases', args: mailbox, check: (r) => expect(sc(r).data[0]).to.include({ can_send: false, is_active: false }) },
      },
      { tool: 'delete_alias', args: (c) => ({ ...mailbox(c), alias_id: c.saved.infraAlias }), verify: { tool: 'list_aliases', args: mailbox, check: (r) => expect(sc(r).data).to.deep.equal([]) } },
      { tool: 'get_forwarding', args: mailbox, check: (r) => expect(sc(r).forwarding).to.include({ enabled: false }) },
      {
        tool: 'set_forwarding', args: (c) => ({ ...mailbox(c), enabled: true, targets: ['Ops-Team@Example.com'] }),
        verify: { tool: 'get_forwarding', args: mailbox, check: (r) => expect(sc(r).forwarding).to.deep.include({ enabled: true, targets: ['ops-team@example.com'], keep_copy: true }) },
      },
      { tool: 'list_mail_rules', args: mailbox, check: (r) => expect(sc(r).data).to.deep.equal([]) },
      {
        tool: 'create_mail_rule', args: (c) => ({ ...mailbox(c), name: 'Alerts', conditions, actions: [{ type: 'fileinto', value: 'Alerts' }, { type: 'redirect_copy', value: 'pager@example.com' }] }),
        check: (r, c) => void (c.saved.infraRule = sc(r).rule.id),
        verify: { tool: 'get_mail_rule', args: (c) => ({ ...mailbox(c), rule_id: c.saved.infraRule }), check: (r) => expect(sc(r).rule).to.include({ name: 'Alerts', match_type: 'all', stop: false, enabled: true }) },
      },
      {
        tool: 'create_mail_rule', args: (c) => ({ ...mailbox(c), name: 'Drop test pings', match_type: 'any', conditions: [{ field: 'subject', operator: 'is', value: 'ping' }], actions: [{ type: 'discard' }], stop: true }),
        check: (r, c) => void (c.saved.infraDrop = sc(r).rule.id),
        verify: { tool: 'list_mail_rules', args: mailbox, check: (r, c) => expect(ids(sc(r).data)).to.deep.equal([c.saved.infraRule, c.saved.infraDrop]) },
      },
      {
        tool: 'update_mail_rule', args: (c) => ({ ...mailbox(c), rule_id: c.saved.infraRule, match_type: 'any', conditions, actions: [{ type: 'fileinto', value: 'Alerts' }, { type: 'addflag', value: '\\Flagged' }], stop: true }),
        verify: {
          tool: 'get_mail_rule', args: (c) => ({ ...mailbox(c), rule_id: c.saved.infraRule }),
          check: (r) => {
            expect(sc(r).rule).to.include({ name: 'Alerts', match_type: 'any', stop: true, enabled: true });
            expect(sc(r).rule.actions[1]).to.deep.equal({ type: 'addflag', value: '\\Flagged' });
          },
        },
      },
      {
        tool: 'reorder_mail_rules', args: (c) => ({ ...mailbox(c), order: [c.saved.infraDrop, c.saved.infraRule] }),
        verify: { tool: 'list_mail_rules', args: mailbox, check: (r, c) => expect(ids(sc(r).data)).to.deep.equal([c.saved.infraDrop, c.saved.infraRule]) },
      },
      {
        tool: 'delete_mail_rule', args: (c) => ({ ...mailbox(c), rule_id: c.saved.infraDrop }),
        verify: { tool: 'list_mail_rules', args: mailbox, check: (r, c) => expect(ids(sc(r).data)).to.deep.equal([c.saved.infraRule]) },
      },
      { tool: 'get_auto_reply', args: mailbox, check: (r) => expect(sc(r).auto_reply).to.include({ enabled: false }) },
      {
        tool: 'set_auto_reply', args: (c) => ({ ...mailbox(c), enabled: true, subject: 'Out of office', body: 'Back on Monday; urgent alerts go to the pager.', start_date: '2020-01-01', end_date: '2099-12-31' }),
        verify: {
          tool: 'get_auto_reply', args: mailbox,
          check: (r) => expect(sc(r).auto_reply).to.include({ enabled: true, subject: 'Out of office', body: 'Back on Monday; urgent alerts go to the pager.', skip_lists: true, active_now: true }),
        },
      },
      { tool: 'get_sieve_script', args: mailbox, check: (r) => expect(sc(r).sieve.script).to.equal('') },
      {
        tool: 'upload_sieve_script', args: (c) => ({ ...mailbox(c), script: 'require ["fileinto"];\nif header :contains "subject" "[alert]" {\n  fileinto "Alerts";\n}\n' }),
        verify: { tool: 'get_sieve_script', args: mailbox, check: (r) => expect(sc(r).sieve.script).to.contain('fileinto "Alerts"') },
      },
      {
        tool: 'create_message_token', args: (c) => ({ ...mailbox(c), name: 'Status page', scopes: ['messages:read'], expires_in: '30d' }),
        check: (r, c) => {
          expect(sc(r).token).to.match(/^tm_msg_/);
          c.saved.infraToken = sc(r).message_token.id;
        },
        verify: { tool: 'list_message_tokens', args: (c) => ({ ...mailbox(c), page: 1, per_page: 20 }), check: (r, c) => expect(ids(sc(r).data)).to.deep.equal([c.saved.infraToken]) },
      },
      {
        tool: 'revoke_message_token', args: (c) => ({ token_id: c.saved.infraToken }),
        verify: { tool: 'list_message_tokens', args: mailbox, check: (r) => expect(sc(r).data).to.deep.equal([]) },
      },
    ],
  },
  {
    name: 'support tickets: the demo thread read, a new ticket opened, answered and closed',
    steps: [
      { tool: 'list_tickets', args: { status: 'waiting_customer', category: 'deliverability', page: 1, per_page: 10 }, check: (r) => expect(ids(sc(r).data)).to.include(1) },
      { tool: 'get_ticket', args: { ticket_id: 1 }, check: (r) => expect(sc(r).ticket).to.include({ id: 1, status: 'waiting_customer' }) },
      { tool: 'get_ticket_messages', args: { ticket_id: 1 }, check: (r) => expect(sc(r).data.map((m: { author: string }) => m.author)).to.deep.equal(['customer', 'support']) },
      {
        tool: 'create_ticket', args: { subject: 'Bounces from one provider', category: 'deliverability', message: 'Mail to one large provider bounces since this morning.', priority: 'high' },
        check: (r, c) => void (c.saved.infraTicket = sc(r).ticket.id),
        verify: { tool: 'get_ticket', args: (c) => ({ ticket_id: c.saved.infraTicket }), check: (r) => expect(sc(r).ticket).to.include({ status: 'open', priority: 'high', message_count: 1 }) },
      },
      {
        tool: 'reply_to_ticket', args: (c) => ({ ticket_id: c.saved.infraTicket, message: 'The bounces quote a DNS error for our domain.' }),
        verify: { tool: 'get_ticket_messages', args: (c) => ({ ticket_id: c.saved.infraTicket }), check: (r) => expect(sc(r).data).to.have.length(2) },
      },
      {
        tool: 'close_ticket', args: (c) => ({ ticket_id: c.saved.infraTicket }),
        verify: { tool: 'list_tickets', args: { status: 'closed', per_page: 100 }, check: (r, c) => expect(ids(sc(r).data)).to.include(c.saved.infraTicket) },
      },
    ],
  },
  {
    name: 'SMTP relay: a connection test polled to its end, custom relay on, back to the platform, connection deleted',
    steps: [
      { tool: 'get_smtp_config', check: (r) => expect(sc(r).smtp.mode).to.equal('platform') },
      {
        tool: 'test_smtp', args: { host: 'smtp.relay.example.com', port: 587, encryption: 'tls', username: 'relay-user', password: RELAY_SECRET },
        check: async (r, c) => {
          expect(JSON.stringify(sc(r))).not.to.contain(RELAY_SECRET);
          c.saved.infraSmtpJob = sc(r).job_id;
          await poll(c, 'get_smtp_test_status', { job_id: c.saved.infraSmtpJob }, (x) => sc(x).status === 'completed');
        },
      },
      { tool: 'get_smtp_test_status', args: (c) => ({ job_id: c.saved.infraSmtpJob }), check: (r) => expect(sc(r).result).to.include({ success: true, stage: 'done' }) },
      {
        tool: 'update_smtp_config', args: { mode: 'custom', host: 'mail.example.net', port: 465, encryption: 'ssl', username: 'relay@example.net', password: RELAY_SECRET },
        check: (r, c) => void (c.saved.infraSmtp = sc(r).smtp.active_connection_id),
        verify: {
          tool: 'get_smtp_config',
          check: (r, c) => {
            expect(sc(r).smtp).to.include({ mode: 'custom', active_connection_id: c.saved.infraSmtp });
            expect(sc(r).smtp.connections.find((x: { id: number }) => x.id === c.saved.infraSmtp)).to.include({ host: 'mail.example.net', encryption: 'ssl' });
          },
        },
      },
      { tool: 'update_smtp_config', args: { mode: 'platform' }, verify: { tool: 'get_smtp_config', check: (r) => expect(sc(r).smtp).to.include({ mode: 'platform', active_connection_id: null }) } },
      {
        tool: 'delete_smtp_connection', args: (c) => ({ connection_id: c.saved.infraSmtp }),
        verify: { tool: 'get_smtp_config', check: (r, c) => expect(ids(sc(r).smtp.connections)).not.to.include(c.saved.infraSmtp) },
      },
    ],
  },
];
