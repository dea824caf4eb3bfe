import { expect } from 'chai';
import { structured } from '../../harness.js';
import { poll, type Ctx, type Result, type Scenario } from './steps.js';

/**
 * Every infra tool of wave v1.10 on the domain side, called through the protocol against the strict sandbox. The
 * steps read the demo account (domains 1 and 2, mailbox 1, its forwarding address and bounces) and change only what
 * they create: three domains of their own (one hosted here, one to follow it, one send-only) and an SMTP profile.
 */
const sc = (r: Result) => structured(r);
const ids = (list: { id: number }[]) => list.map((x) => x.id);
const HOSTED = 'every-domains.example.com';
const SECRET = 'Orders-Relay-Secret-31';
const dd = (c: Ctx) => ({ domain_id: c.saved.ddHosted });
const alias = (c: Ctx) => ({ domain_id: c.saved.ddAlias });
const route = (r: Result) => sc(r).data;
const settle = (c: Ctx, job: string) => poll(c, 'get_domain_smtp_test_status', { domain_id: c.saved.ddHosted, job_id: job }, (x) => sc(x).data.status === 'completed');
const activate = async (c: Ctx, id: number) => {
  const check = sc(await c.call('dns_recheck', { domain_id: id })).check.id;
  await poll(c, 'get_dns_check', { check_id: check }, (x) => sc(x).check.status === 'completed');
};

export const SCENARIOS: Scenario[] = [
  {
    name: 'domains of its own: forwarding addresses, signature, mail hosting (send-only too) and a domain alias',
    steps: [
      {
        tool: 'create_domain', args: { name: HOSTED },
        check: async (r, c) => {
          c.saved.ddHosted = sc(r).domain.id;
          await activate(c, c.saved.ddHosted);
        },
        verify: { tool: 'get_domain', args: dd, check: (r) => expect(sc(r).domain).to.include({ status: 'active', mail_hosting: 'trekmail' }) },
      },
      { tool: 'create_domain', args: { name: 'every-brand.example.com' }, check: (r, c) => void (c.saved.ddAlias = sc(r).domain.id) },
      {
        tool: 'create_domain', args: { name: 'every-sendonly.example.com', mail_hosting: 'external' },
        check: (r, c) => void (c.saved.ddSend = sc(r).domain.id),
        verify: { tool: 'get_dns_requirements', args: (c) => ({ domain_id: c.saved.ddSend }), check: (r) => expect(sc(r).records.map((x: { purpose: string }) => x.purpose)).not.to.include('mx') },
      },
      {
        tool: 'list_forwarding_addresses', args: { domain_id: 1 },
        check: (r, c) => {
          expect(sc(r)).to.include({ delivering: true }).and.nested.include({ 'limit.max': 50 });
          c.saved.ddBilling = sc(r).data.find((a: { email: string }) => a.email === 'billing@demo.trekmail.test').id;
        },
      },
      {
        tool: 'get_forwarding_address_log', args: (c) => ({ domain_id: 1, address_id: c.saved.ddBilling, limit: 3 }),
        check: (r) => {
          expect(sc(r)).to.include({ retention_days: 7 });
          expect(sc(r).data.map((e: { outcome: string }) => e.outcome)).to.deep.equal(['delivered', 'delivered', 'blocked_spam']);
        },
      },
      {
        tool: 'create_forwarding_address', args: (c) => ({ ...dd(c), local_part: 'orders', recipients: ['Orders-Desk@Example.com', 'backup@example.org'] }),
        check: (r, c) => void (c.saved.ddForward = sc(r).forwarding_address.id),
        verify: {
          tool: 'list_forwarding_addresses', args: dd,
          check: (r) => expect(sc(r).data[0]).to.deep.include({ email: `orders@${HOSTED}`, recipients: ['orders-desk@example.com', 'backup@example.org'], is_active: true }),
        },
      },
      { tool: 'create_forwarding_address', args: (c) => ({ domain_id: c.saved.ddSend, local_part: 'info', recipients: ['info@example.com'] }), error: /HTTP 409, domain_mail_external/ },
      {
        tool: 'update_forwarding_address', args: (c) => ({ ...dd(c), address_id: c.saved.ddForward, recipients: ['orders-team@example.com'] }),
        verify: { tool: 'list_forwarding_addresses', args: dd, check: (r) => expect(sc(r).data[0].recipients).to.deep.equal(['orders-team@example.com']) },
      },
      {
        tool: 'update_forwarding_address', args: (c) => ({ ...dd(c), address_id: c.saved.ddForward, is_active: false }),
        verify: { tool: 'list_forwarding_addresses', args: dd, check: (r) => expect(sc(r).data[0]).to.include({ is_active: false }) },
      },
      { tool: 'get_forwarding_address_log', args: (c) => ({ ...dd(c), address_id: c.saved.ddForward }), check: (r) => expect(sc(r).data).to.deep.equal([]) },
      {
        tool: 'delete_forwarding_address', args: (c) => ({ ...dd(c), address_id: c.saved.ddForward }),
        verify: { tool: 'list_forwarding_addresses', args: dd, check: (r) => expect(sc(r).data).to.deep.equal([]) },
      },
      { tool: 'get_domain_signature', args: dd, check: (r) => expect(sc(r).data).to.include({ signature_mode: 'off', signature_html: null }) },
      {
        tool: 'update_domain_signature', args: (c) => ({ ...dd(c), signature_mode: 'default', signature_position: 'after_reply', signature_html: '<p onclick="x()">Best, <b>Orders</b></p><script>steal()</script>' }),
        check: (r) => expect(sc(r).data).to.include({ sanitized: true }),
        verify: { tool: 'get_domain_signature', args: dd, check: (r) => expect(sc(r).data).to.include({ signature_mode: 'default', signature_position: 'after_reply', signature_html: '<p>Best, <b>Orders</b></p>' }) },
      },
      {
        tool: 'update_domain_signature', args: (c) => ({ ...dd(c), signature_mode: 'enforced' }),
        verify: { tool: 'get_domain_signature', args: dd, check: (r) => expect(sc(r).data).to.include({ signature_mode: 'enforced', signature_html: '<p>Best, <b>Orders</b></p>' }) },
      },
      {
        tool: 'update_domain_signature', args: (c) => ({ ...dd(c), signature_mode: 'off', signature_html: '' }),
        verify: { tool: 'get_domain_signature', args: dd, check: (r) => expect(sc(r).data).to.include({ signature_mode: 'off', signature_html: null }) },
      },
      { tool: 'create_mailbox_generated_password', args: (c) => ({ ...dd(c), local_part: 'orders.lead' }), check: (r, c) => void (c.saved.ddMailbox = sc(r).mailbox.id) },
      // A domain with a mailbox goes external only with the API's own confirmation field.
      { tool: 'set_domain_mail_hosting', args: (c) => ({ ...dd(c), mail_hosting: 'external' }), error: /HTTP 409, confirmation_required/ },
      {
        tool: 'set_domain_mail_hosting', args: (c) => ({ ...dd(c), mail_hosting: 'external', confirm_mailboxes_stop_receiving: true }),
        check: (r) => expect(sc(r).data).to.include({ mailbox_count: 1, mailboxes_receiving: false }),
        verify: { tool: 'get_domain', args: dd, check: (r) => expect(sc(r).domain.mail_hosting).to.equal('external') },
      },
      {
        tool: 'set_domain_mail_hosting', args: (c) => ({ ...dd(c), mail_hosting: 'trekmail' }),
        verify: { tool: 'get_domain', args: dd, check: (r) => expect(sc(r).domain.mail_hosting).to.equal('trekmail') },
      },
      { tool: 'get_domain_alias', args: alias, check: (r) => expect(sc(r).data).to.include({ connected: false, primary_domain: null }) },
      // Saved is not delivering: the alias domain delivers once its own DNS checks out.
      {
        tool: 'set_domain_alias', args: (c) => ({ ...alias(c), primary_domain_id: c.saved.ddHosted }),
        verify: { tool: 'get_domain_alias', args: alias, check: (r, c) => expect(sc(r).data).to.deep.include({ connected: true, delivering: false, primary_domain: { id: c.saved.ddHosted, name: HOSTED } }) },
      },
      {
        tool: 'get_domain_alias', args: alias,
        check: async (r, c) => {
          expect(sc(r).data.not_delivering_reason).to.equal('domain_pending_dns');
          await activate(c, c.saved.ddAlias);
          expect(sc(await c.call('get_domain_alias', alias(c))).data).to.include({ delivering: true, not_delivering_reason: null });
        },
      },
      { tool: 'set_domain_alias', args: (c) => ({ ...dd(c), primary_domain_id: c.saved.ddAlias }), error: /HTTP 422.*primary_domain_id/s },
      {
        tool: 'remove_domain_alias', args: (c) => ({ ...alias(c), confirm_remove: true }),
        check: (r, c) => expect(sc(r).data.previous_primary_domain).to.deep.equal({ id: c.saved.ddHosted, name: HOSTED }),
        verify: { tool: 'get_domain_alias', args: alias, check: (r) => expect(sc(r).data).to.include({ connected: false }) },
      },
    ],
  },
  {
    name: 'the demo domains: Domain Connect, outbound deliverability and bounces',
    steps: [
      {
        tool: 'get_domain_connect_setup', args: { domain_id: 2 },
        check: (r) => {
          expect(sc(r).domain_setup).to.include({ domain_connect_available: true }).and.to.have.property('blockers').that.deep.equals([]);
          expect(sc(r).domain_setup.domain_connect_url).to.contain('domain=newsletter.trekmail.test');
        },
      },
      { tool: 'get_domain_connect_setup', args: { domain_id: 1 }, check: (r) => expect(sc(r).domain_setup).to.deep.include({ domain_connect_available: false, blockers: ['dns_already_configured'] }) },
      {
        tool: 'get_domain_deliverability', args: { domain_id: 1, days: 90 },
        check: (r, c) => {
          const d = sc(r).data;
          expect(d.sent).to.be.greaterThan(0);
          expect(d.delivered).to.equal(d.sent - d.soft_bounces - d.hard_bounces);
          c.saved.ddBounces = d.soft_bounces + d.hard_bounces;
        },
        verify: { tool: 'list_domain_bounces', args: { domain_id: 1, days: 90, limit: 100 }, check: (r, c) => expect(sc(r).meta.total).to.equal(c.saved.ddBounces) },
      },
      {
        tool: 'list_domain_bounces', args: { domain_id: 1, days: 90, type: 'hard', limit: 2, offset: 1 },
        check: (r) => {
          expect(sc(r).data).to.have.length(2);
          expect(sc(r).data.every((b: { type: string }) => b.type === 'hard')).to.equal(true);
          expect(sc(r).meta).to.include({ limit: 2, offset: 1, type: 'hard' });
        },
      },
      { tool: 'list_domain_bounces', args: { domain_id: 1, days: 90, recipient: 'EXAMPLE.ORG' }, check: (r) => expect(sc(r).data.map((b: { recipient: string }) => b.recipient)).to.satisfy((a: string[]) => a.length > 0 && a.every((x) => x.endsWith('@example.org'))) },
      { tool: 'list_mailbox_bounces', args: { mailbox_id: 1, days: 90 }, check: (r) => expect(sc(r).data.map((b: { sender: string }) => b.sender)).to.satisfy((a: string[]) => a.length > 0 && a.every((x) => x === 'demo@demo.trekmail.test')) },
    ],
  },
  {
    name: 'SMTP per domain: the account default, a profile created, used, tested, changed and deleted',
    steps: [
      { tool: 'get_account_smtp_default', check: (r) => expect(route(r)).to.include({ default_smtp_mode: null, effective_default_smtp_mode: 'platform' }) },
      { tool: 'get_domain_smtp', args: dd, check: (r) => expect(route(r)).to.include({ smtp_mode: 'inherit', effective_smtp_mode: 'platform' }) },
      {
        tool: 'create_domain_smtp_profile', args: (c) => ({ ...dd(c), name: 'Orders relay', host: 'smtp.mailer.example.com', port: 587, encryption: 'tls', username: `orders@${HOSTED}`, password: SECRET }),
        check: (r, c) => {
          expect(JSON.stringify(sc(r))).not.to.contain(SECRET);
          c.saved.ddProfile = route(r).profile.id;
        },
        verify: { tool: 'get_domain_smtp', args: dd, check: (r, c) => expect(route(r)).to.include({ smtp_mode: 'profile', smtp_connection_id: c.saved.ddProfile }) },
      },
      { tool: 'list_domain_smtp_profiles', args: dd, check: (r, c) => expect(route(r).find((p: { id: number }) => p.id === c.saved.ddProfile)).to.include({ name: 'Orders relay', domain_count: 1, password_set: true }) },
      {
        tool: 'update_domain_smtp_profile', args: (c) => ({ ...dd(c), profile_id: c.saved.ddProfile, name: 'Orders relay (SSL)', host: 'smtp.mailer.example.com', port: 465, encryption: 'ssl', username: `orders@${HOSTED}` }),
        verify: { tool: 'list_domain_smtp_profiles', args: dd, check: (r, c) => expect(route(r).find((p: { id: number }) => p.id === c.saved.ddProfile)).to.include({ name: 'Orders relay (SSL)', port: 465, encryption: 'ssl' }) },
      },
      {
        tool: 'set_domain_smtp', args: (c) => ({ ...alias(c), smtp_mode: 'profile', smtp_connection_id: c.saved.ddProfile }),
        verify: { tool: 'get_domain_smtp_profile_usage', args: (c) => ({ ...dd(c), profile_id: c.saved.ddProfile }), check: (r, c) => expect(ids(route(r).domains)).to.have.members([c.saved.ddHosted, c.saved.ddAlias]) },
      },
      { tool: 'set_domain_smtp', args: (c) => ({ ...alias(c), smtp_mode: 'not_configured' }), verify: { tool: 'get_domain_smtp', args: alias, check: (r) => expect(route(r)).to.include({ smtp_mode: 'not_configured', effective_smtp_mode: 'not_configured' }) } },
      // The send-only domain inherits the account default: it follows the profile once the default is the profile.
      {
        tool: 'set_account_smtp_default', args: (c) => ({ smtp_mode: 'profile', smtp_connection_id: c.saved.ddProfile, apply_to_all: false }),
        verify: { tool: 'get_domain_smtp', args: (c) => ({ domain_id: c.saved.ddSend }), check: (r, c) => expect(route(r)).to.include({ smtp_mode: 'inherit', effective_smtp_mode: 'profile', effective_smtp_connection_id: c.saved.ddProfile }) },
      },
      { tool: 'get_account_smtp_default', check: (r, c) => expect(route(r)).to.include({ default_smtp_mode: 'profile', default_smtp_connection_id: c.saved.ddProfile }) },
      {
        tool: 'test_domain_smtp', args: (c) => ({ ...dd(c), smtp_connection_id: c.saved.ddProfile }),
        check: async (r, c) => expect(route(await settle(c, route(r).job_id)).result).to.include({ success: true, stage: 'done' }),
      },
      {
        tool: 'test_domain_smtp', args: (c) => ({ ...dd(c), host: 'smtp.unreachable.example.com', port: 587, encryption: 'tls', username: 'probe', password: SECRET }),
        check: async (r, c) => {
          expect(JSON.stringify(sc(r))).not.to.contain(SECRET);
          expect(route(await settle(c, route(r).job_id)).result).to.include({ success: false, stage: 'connect' });
        },
      },
      { tool: 'test_domain_smtp', args: (c) => ({ ...dd(c), mode: 'platform' }), check: (r, c) => void (c.saved.ddPlatformJob = route(r).job_id) },
      { tool: 'get_domain_smtp_test_status', args: (c) => ({ ...dd(c), job_id: c.saved.ddPlatformJob }), check: async (r, c) => expect(route(await settle(c, c.saved.ddPlatformJob))).to.include({ mode: 'platform', host: 'smtp.trekmail.net' }) },
      {
        tool: 'delete_domain_smtp_profile', args: (c) => ({ ...dd(c), profile_id: c.saved.ddProfile }),
        check: (r, c) => expect(route(r).reassigned_domain_ids).to.deep.equal([c.saved.ddHosted]),
        verify: { tool: 'get_domain_smtp', args: dd, check: (r) => expect(route(r)).to.include({ smtp_mode: 'platform', profile: null }) },
      },
      { tool: 'set_account_smtp_default', args: { smtp_mode: 'platform' }, verify: { tool: 'get_account_smtp_default', check: (r) => expect(route(r)).to.include({ default_smtp_mode: 'platform', profile: null }) } },
    ],
  },
];
