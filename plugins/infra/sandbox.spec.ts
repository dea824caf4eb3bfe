import { expect } from 'chai';
import { rawApi } from '../../test/e2e.js';
import { packSpec, toolClassesOf } from '../../core/plugin-api.js';
import { toolMeta } from '../../core/plugin-api.js';
import { startSandbox, type Sandbox } from '../../sandbox/server.js';
import { sandboxRuntime, type CallResult, type ToolRuntime } from '../../test/harness.js';
import { InfraPack } from './infra.plugin.js';
import { DEMO_PASSWORD, INTENT_TTL_MS } from './sandbox/state.js';

const spec = packSpec(InfraPack)!;

/** A core over the infra pack only, pointed at the sandbox with one of its demo tokens (scope-aware, as in production). */
const runtimeFor = (sb: Sandbox, token: string, env: Record<string, string> = {}): Promise<ToolRuntime> => sandboxRuntime(sb, [token], [InfraPack], env);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Every infra tool against the sandbox, in-process: each call must succeed and do something observable. The e2e spec
 * (test/e2e/infra.e2e.spec.ts) covers the stdio path; this one covers breadth.
 */
describe('infra sandbox: every tool does something real (Pro token, destructive gate on)', function () {
  this.timeout(20_000);
  let sb: Sandbox;
  let rt: ToolRuntime;
  const called = new Set<string>();

  const ok = async (name: string, args: Record<string, unknown> = {}): Promise<any> => {
    const res: CallResult = await rt.call(name, args);
    expect(res.isError, `${name}: ${res.content[0]?.text}`).to.not.equal(true);
    called.add(name);
    return res.structuredContent;
  };
  const fails = async (name: string, args: Record<string, unknown>): Promise<string> => {
    const res = await rt.call(name, args);
    expect(res.isError, name).to.equal(true);
    return res.content[0].text;
  };
  const until = async <T>(fn: () => Promise<T | undefined>): Promise<T> => {
    for (let i = 0; i < 40; i++) {
      const v = await fn();
      if (v !== undefined) return v;
      await sleep(50);
    }
    throw new Error('not reached in time');
  };

  before(async () => {
    sb = await startSandbox({ packs: [spec] });
    rt = await runtimeFor(sb, 'ops:pro', { TREKMAIL_ALLOW_DESTRUCTIVE: 'true' });
  });
  after(async () => {
    await sb?.close();
  });

  it('account and billing', async () => {
    expect((await ok('whoami')).account.plan).to.equal('pro');
    const acc = (await ok('get_account')).account;
    expect(acc).to.include({ plan: 'pro' });
    expect(acc.limits.domains).to.equal(25);
    expect((await ok('get_billing_status')).billing).to.include({ plan: 'pro', status: 'active' });
    const inv = await ok('list_invoices', { per_page: 5 });
    expect(inv.data).to.have.length(5);
    expect(inv.meta.total).to.equal(12);
  });

  it('domains in different states; add one, check its DNS until it is active', async () => {
    const all = await ok('list_domains');
    expect(all.data.map((d: any) => [d.status, d.dns_status])).to.deep.equal([['active', 'verified'], ['pending_dns', 'pending'], ['active', 'failing'], ['suspended', 'verified']]);
    expect((await ok('list_domains', { status: 'pending_dns' })).data[0].name).to.equal('newsletter.trekmail.test');
    expect((await ok('get_domain', { domain_id: 1 })).domain.mailbox_count).to.equal(3);

    const created = (await ok('create_domain', { name: 'shop.example.com' })).domain;
    expect(created).to.include({ status: 'pending_dns', dns_status: 'pending' });
    const reqs = await ok('get_dns_requirements', { domain_id: created.id });
    expect(reqs.records.map((r: any) => r.purpose)).to.include.members(['mx', 'spf', 'dkim', 'dmarc']);
    const check = (await ok('dns_recheck', { domain_id: created.id })).check;
    expect(check.status).to.equal('running');
    const done = await until(async () => {
      const c = (await ok('get_dns_check', { check_id: check.id })).check;
      return c.status === 'completed' ? c : undefined;
    });
    expect(done.all_valid).to.equal(true);
    expect((await ok('get_domain', { domain_id: created.id })).domain).to.include({ status: 'active', dns_status: 'verified' });

    const bulk = await ok('bulk_add_domains', { domains: ['one.example.com', 'pending-two.example.com', 'demo.trekmail.test'] });
    expect(bulk.summary).to.deep.equal({ requested: 3, created: 2, failed: 1 });
    expect(bulk.failed[0].code).to.equal('domain_exists');

    expect((await ok('update_domain_catch_all', { domain_id: created.id, enabled: true, destination: 'demo@demo.trekmail.test' })).catch_all.enabled).to.equal(true);
    expect((await ok('update_domain_note', { domain_id: created.id, note: 'Shop' })).note).to.equal('Shop');
    expect((await ok('update_domain_note', { domain_id: created.id, note: null })).note).to.equal(null);
    expect((await ok('retry_domain_dkim', { domain_id: 3 })).dkim.selector).to.equal('tm2');
    expect(await fails('retry_domain_dkim', { domain_id: 1 })).to.contain('dkim_already_valid');

    const one = bulk.created[0].id;
    expect(await ok('delete_domain', { domain_id: one })).to.include({ deleted: true, name: 'one.example.com' });
    expect(await fails('delete_domain', { domain_id: 1 })).to.contain('domain_not_empty');
  });

  it('a domain whose DNS broke stays flagged after a recheck, record by record', async () => {
    const check = (await ok('dns_recheck', { domain_id: 3 })).check;
    const done = await until(async () => {
      const c = (await ok('get_dns_check', { check_id: check.id })).check;
      return c.status === 'completed' ? c : undefined;
    });
    expect(done.results.find((r: any) => r.record === 'spf').status).to.equal('invalid');
    expect((await ok('get_domain', { domain_id: 3 })).domain).to.include({ status: 'active', dns_status: 'failing' });
    const pending = (await ok('bulk_add_domains', { domains: ['half-fail.example.com'] })).created[0];
    const c2 = (await ok('dns_recheck', { domain_id: pending.id })).check;
    await until(async () => ((await ok('get_dns_check', { check_id: c2.id })).check.status === 'completed' ? true : undefined));
    expect((await ok('get_domain', { domain_id: pending.id })).domain).to.include({ status: 'pending_dns', dns_status: 'failing' });
  });

  it('mailboxes: create (generated password shown once), password, note, pause/resume, IMAP, invites, bulk', async () => {
    expect((await ok('list_mailboxes', { domain_id: 1 })).data).to.have.length(3);
    expect((await ok('get_mailbox', { mailbox_id: 1 })).mailbox.email).to.equal('demo@demo.trekmail.test');
    const made = await ok('create_mailbox_generated_password', { domain_id: 1, local_part: 'ann.lee', display_name: 'Ann Lee' });
    expect(made.password).to.be.a('string').and.have.length.greaterThan(8);
    const id = made.mailbox.id;
    const pw = 'Fresh-Password-2030';
    const changed = await ok('change_mailbox_password', { mailbox_id: id, password: pw });
    expect(changed.sessions_revoked).to.equal(true);
    expect(JSON.stringify(changed)).not.to.contain(pw);
    expect((await ok('update_mailbox_note', { mailbox_id: id, note: 'New hire' })).note).to.equal('New hire');
    expect((await ok('pause_mailbox', { mailbox_id: id })).mailbox.status).to.equal('paused');
    expect((await ok('resume_mailbox', { mailbox_id: id })).mailbox.status).to.equal('active');
    expect(await fails('enable_imap', { mailbox_id: id, password: 'Not-The-Password-1' })).to.contain('invalid_password');
    expect(await fails('create_message_token', { mailbox_id: id, name: 'Too early', scopes: ['messages:read'] })).to.contain('imap_not_enabled');
    const imap = await ok('enable_imap', { mailbox_id: id, password: pw });
    expect(imap.imap_enabled).to.equal(true);
    expect(JSON.stringify(imap)).not.to.contain(pw);
    expect((await ok('enable_imap', { mailbox_id: 1, password: DEMO_PASSWORD })).imap_enabled).to.equal(true);
    expect(await fails('create_mailbox_generated_password', { domain_id: 4, local_part: 'late' })).to.contain('domain_suspended');

    expect((await ok('create_invite', { domain_id: 1, local_part: 'newhire', recipient_email: 'newhire@example.com', expires_in_hours: 48 })).invite.status).to.equal('pending');
    const inv = await ok('create_invites_bulk', { domain_id: 1, items: [{ local_part: 'inv1', recipient_email: 'a@example.com' }, { local_part: 'newhire', recipient_email: 'b@example.com' }] });
    expect(inv.summary).to.deep.equal({ requested: 2, created: 1, failed: 1 });
    expect(inv.failed[0].code).to.equal('address_taken');

    const bulk = await ok('create_mailboxes_bulk', { items: [{ domain_id: 1, local_part: 'b1', password: 'Bulk-Pass-0001' }, { domain_id: 1, local_part: 'b2', password: 'Bulk-Pass-0002' }] });
    expect(JSON.stringify(bulk)).not.to.contain('Bulk-Pass-000');
    expect(bulk.summary.created).to.equal(2);
    const gen = await ok('create_mailboxes_bulk', { items: [{ domain_id: 1, local_part: 'g1' }], password_mode: 'generated_one_time' });
    expect(gen.created[0].one_time_password).to.be.a('string').and.not.equal('[redacted]');
  });

  it('forwarding, aliases, rules, auto-reply and Sieve of a mailbox', async () => {
    expect((await ok('get_forwarding', { mailbox_id: 2 })).forwarding.targets).to.deep.equal(['sales-team@example.com']);
    expect((await ok('set_forwarding', { mailbox_id: 1, enabled: true, targets: ['Boss@Example.com'], keep_copy: true })).forwarding.targets).to.deep.equal(['boss@example.com']);
    expect(await fails('set_forwarding', { mailbox_id: 1, enabled: true, targets: ['demo@demo.trekmail.test'] })).to.contain('forwarding loop');

    expect((await ok('list_aliases', { mailbox_id: 1 })).data[0].email).to.equal('hello@demo.trekmail.test');
    const alias = (await ok('create_alias', { mailbox_id: 1, local_part: 'team', domain_id: 1, can_send: true })).alias;
    expect(alias.email).to.equal('team@demo.trekmail.test');
    expect((await ok('update_alias', { mailbox_id: 1, alias_id: alias.id, is_active: false })).alias.is_active).to.equal(false);
    expect((await ok('delete_alias', { mailbox_id: 1, alias_id: alias.id })).deleted).to.equal(true);

    expect((await ok('list_mail_rules', { mailbox_id: 1 })).data.map((r: any) => r.id)).to.deep.equal([1, 2]);
    expect((await ok('get_mail_rule', { mailbox_id: 1, rule_id: 2 })).rule.name).to.equal('Invoices');
    const rule = { name: 'Receipts', conditions: [{ field: 'subject', operator: 'contains', value: 'receipt' }], actions: [{ type: 'fileinto', value: 'Receipts' }] };
    const r = (await ok('create_mail_rule', { mailbox_id: 1, ...rule })).rule;
    expect(r.position).to.equal(3);
    expect(r).to.include({ match_type: 'all', stop: false, enabled: true });
    expect((await ok('update_mail_rule', { mailbox_id: 1, rule_id: r.id, ...rule, name: 'Receipts 2', match_type: 'any', stop: true })).rule).to.include({ name: 'Receipts 2', match_type: 'any', stop: true, enabled: true });
    expect((await ok('reorder_mail_rules', { mailbox_id: 1, order: [r.id, 2, 1] })).data.map((x: any) => x.id)).to.deep.equal([r.id, 2, 1]);
    expect(await fails('reorder_mail_rules', { mailbox_id: 1, order: [1] })).to.contain('exactly once');
    expect((await ok('delete_mail_rule', { mailbox_id: 1, rule_id: r.id })).deleted).to.equal(true);

    expect((await ok('get_auto_reply', { mailbox_id: 1 })).auto_reply.enabled).to.equal(false);
    const ar = (await ok('set_auto_reply', { mailbox_id: 1, enabled: true, subject: 'Away', body: 'Back soon.', start_date: '2020-01-01', end_date: '2099-12-31', skip_lists: false })).auto_reply;
    expect(ar).to.include({ enabled: true, body: 'Back soon.', skip_lists: false, active_now: true });
    expect(await fails('set_auto_reply', { mailbox_id: 2, enabled: true })).to.contain('body');

    expect((await ok('get_sieve_script', { mailbox_id: 1 })).sieve.script).to.contain('fileinto "Junk"');
    expect((await ok('upload_sieve_script', { mailbox_id: 2, script: 'require "fileinto";\nfileinto "Archive";\n' })).sieve.valid).to.equal(true);
    expect(await fails('upload_sieve_script', { mailbox_id: 2, script: 'fileinto "Archive";\n' })).to.contain('sieve_syntax_error');
  });

  it('two-step delete: an intent, then its confirmation; an intent expires', async () => {
    const target = (await ok('list_mailboxes', { search: 'b2@' })).data[0];
    const intent = (await ok('create_delete_intent', { mailbox_id: target.id })).intent;
    expect(intent.status).to.equal('pending');
    expect(await fails('confirm_delete_intent', { intent_id: intent.id })).to.contain('confirm: true');
    expect((await ok('confirm_delete_intent', { intent_id: intent.id, confirm: true })).deleted).to.equal(true);
    expect(await fails('get_mailbox', { mailbox_id: target.id })).to.contain('HTTP 404');
    // A re-call is answered by the API's replay (derived idempotency key) and says so; a deliberate repeat reaches
    // the API, which refuses the used intent.
    const recall = await rt.call('confirm_delete_intent', { intent_id: intent.id, confirm: true });
    expect(recall.structuredContent).to.deep.include({ deleted: true });
    expect(recall._meta).to.deep.include({ 'trekmail/replayed': true });
    expect(await fails('confirm_delete_intent', { intent_id: intent.id, confirm: true, _repeat: true })).to.contain('intent_already_used');

    const late = (await ok('create_delete_intent', { mailbox_id: 3 })).intent;
    sb.engine.advance(INTENT_TTL_MS + 1000);
    expect(await fails('confirm_delete_intent', { intent_id: late.id, confirm: true })).to.contain('HTTP 410, intent_expired');
    expect((await ok('get_mailbox', { mailbox_id: 3 })).mailbox.status).to.equal('active');
  });

  it('support tickets: the seeded thread, then open, reply and close', async () => {
    const list = await ok('list_tickets', { status: 'waiting_customer' });
    expect(list.data).to.have.length(1);
    expect((await ok('get_ticket', { ticket_id: 1 })).ticket.message_count).to.equal(2);
    const thread = await ok('get_ticket_messages', { ticket_id: 1 });
    expect(thread.data.map((m: any) => m.author)).to.deep.equal(['customer', 'support']);
    const t = (await ok('create_ticket', { subject: 'Bounces', category: 'deliverability', message: 'Mail to x bounces.', priority: 'high' })).ticket;
    expect(t).to.include({ status: 'open', priority: 'high' });
    expect((await ok('reply_to_ticket', { ticket_id: t.id, message: 'More detail.' })).ticket.message_count).to.equal(2);
    expect((await ok('close_ticket', { ticket_id: t.id })).ticket.status).to.equal('closed');
    expect(await fails('reply_to_ticket', { ticket_id: t.id, message: 'Again' })).to.contain('ticket_closed');
  });

  it('SMTP: a test that finishes after a moment, custom relay on, connection deleted', async () => {
    expect((await ok('get_smtp_config')).smtp.mode).to.equal('platform');
    const secret = 'Relay-Secret-77';
    const started = await ok('test_smtp', { host: 'smtp.relay.example.com', port: 587, encryption: 'tls', username: 'relay-user', password: secret });
    expect(started.status).to.equal('queued');
    expect(JSON.stringify(started)).not.to.contain(secret);
    const done = await until(async () => {
      const s = await ok('get_smtp_test_status', { job_id: started.job_id });
      return s.status === 'completed' ? s : undefined;
    });
    expect(done.result.success).to.equal(true);
    const bad = await ok('test_smtp', { host: 'smtp.relay.example.com', port: 587, encryption: 'tls', username: 'relay-user', password: 'wrong-one' });
    await sleep(450);
    expect((await ok('get_smtp_test_status', { job_id: bad.job_id })).result.stage).to.equal('auth');

    const cfg = (await ok('update_smtp_config', { mode: 'custom', host: 'mail.example.net', port: 465, encryption: 'ssl', username: 'me', password: secret })).smtp;
    expect(cfg.mode).to.equal('custom');
    expect(JSON.stringify(cfg)).not.to.contain(secret);
    const del = await ok('delete_smtp_connection', { connection_id: cfg.active_connection_id });
    expect(del).to.include({ deleted: true, fell_back_to_platform: true, mode: 'platform' });
  });

  it('spam metrics and summary over a chosen number of days', async () => {
    const m = await ok('get_spam_metrics', { domain_id: 1, days: 7 });
    expect(m.data).to.have.length(7);
    expect((await ok('get_spam_metrics', { domain_id: 1 })).data).to.have.length(30);
    const s = await ok('get_spam_summary', { domain_id: 1, days: 7 });
    expect(s.totals.received).to.equal(m.data.reduce((a: number, d: any) => a + d.received, 0));
    expect(s.top_reasons.length).to.be.greaterThan(0);
    expect(await fails('get_spam_summary', { domain_id: 1, days: 91 })).to.match(/^Invalid arguments/);
  });

  it('message tokens: a created token works against the API until it is revoked', async () => {
    const made = await ok('create_message_token', { mailbox_id: 1, name: 'Bot', scopes: ['messages:read'], expires_in: '30d' });
    expect(made.token).to.match(/^tm_msg_[0-9a-f]{40}$/);
    expect(sb.engine.tokens.has(made.token)).to.equal(true);
    expect((await ok('list_message_tokens', { mailbox_id: 1 })).data.map((t: any) => t.name)).to.deep.equal(['Helpdesk integration', 'Bot']);
    expect((await ok('revoke_message_token', { token_id: made.message_token.id })).revoked).to.equal(true);
    expect(sb.engine.tokens.has(made.token)).to.equal(false);
  });

  // The 60 seed tools are called here; the wave v1.10 tools in the every-tool suite (test/e2e/every/infra-*.ts).
  it('the 60 seed infra tools were called successfully, and the strict sandbox refused none of their requests', async () => {
    const names = new Set(toolClassesOf((await spec.tools()).default).map(({ cls }) => toolMeta(cls)!.name));
    expect([...called].filter((n) => names.has(n))).to.have.length(60);
    expect(sb.engine.stats.validationFailures).to.deep.equal([]);
  });
});

describe('infra sandbox: the routes accept only the API\'s fields', function () {
  this.timeout(10_000);
  let sb: Sandbox;
  before(async () => {
    sb = await startSandbox({ packs: [spec] });
  });
  after(async () => {
    await sb?.close();
  });
  const send = (method: string, path: string, body?: unknown, token?: string) => rawApi(sb)(method, path, body, token);

  it('the old names of rule, auto-reply and ticket fields are refused field by field, before any effect', async () => {
    const rule = await send('POST', '/mailboxes/1/rules', { name: 'Old', match: 'all', conditions: [{ field: 'subject', operator: 'contains', value: 'x' }], actions: [{ type: 'discard' }], is_active: true, stop_processing: false });
    expect(rule.status).to.equal(422);
    expect(rule.body.errors).to.deep.equal({ match: 'is not a field of this endpoint', is_active: 'is not a field of this endpoint', stop_processing: 'is not a field of this endpoint' });
    const auto = await send('PUT', '/mailboxes/1/auto-reply', { enabled: true, subject: 'Away', message: 'Back soon.', skip_mailing_lists: true });
    expect(auto.body.errors).to.deep.equal({ message: 'is not a field of this endpoint', skip_mailing_lists: 'is not a field of this endpoint' });
    const ticket = await send('POST', '/tickets', { subject: 'Old priority', category: 'api', message: 'Low is gone.', priority: 'low' });
    expect(ticket.body.errors).to.deep.equal({ priority: 'must be one of normal, high, urgent' });
    expect(sb.engine.stats.executions['POST /mailboxes/{mailbox_id}/rules'] ?? 0).to.equal(0);
    expect(sb.engine.stats.executions['POST /tickets'] ?? 0).to.equal(0);
  });

  it('enums, limits and nesting are the API\'s: SMTP encryption, Sieve length, rule items, spam days, list filters', async () => {
    const smtp = await send('POST', '/smtp:test', { host: 'smtp.example.com', port: 587, encryption: 'starttls', username: 'u', password: 'p' });
    expect(smtp.body.errors).to.deep.equal({ encryption: 'must be one of none, ssl, tls' });
    expect((await send('PUT', '/mailboxes/1/sieve', { script: '#'.repeat(10_001) })).body.errors).to.deep.equal({ script: 'must be at most 10000 characters' });
    const items = await send('POST', '/mailboxes/1/rules', { conditions: [{ field: 'cc', operator: 'is', value: 'x' }], actions: Array.from({ length: 6 }, () => ({ type: 'discard' })) });
    expect(items.body.errors).to.deep.equal({ 'conditions.0.field': 'must be one of from, to, subject, body, header, size', actions: 'must have at most 5 items' });
    expect((await send('GET', '/domains/1/spam-metrics?days=91')).body.errors).to.deep.equal({ days: 'must be between 1 and 90' });
    expect((await send('GET', '/tickets?status=awaiting_customer')).body.errors).to.deep.equal({ status: 'must be one of open, waiting_customer, closed' });
    expect((await send('POST', '/mailboxes/1:pause', { reason: 'x' })).body.errors).to.deep.equal({ reason: 'is not a field of this endpoint' });
  });

  it('cross-field rules stay with the handlers: custom SMTP needs its settings, private hosts are refused', async () => {
    const custom = await send('PUT', '/smtp', { mode: 'custom', host: 'smtp.example.com', port: 587 });
    expect(custom.status).to.equal(422);
    expect(custom.body.errors).to.include({ encryption: 'is required for custom', username: 'is required for custom' });
    expect((await send('POST', '/smtp:test', { host: 'relay.localhost', port: 25, encryption: 'none', username: 'u', password: 'p' })).body.errors).to.deep.equal({ host: 'must not be a private or internal host' });
    const bulk = await send('POST', '/mailboxes:bulk', { items: [{ domain_id: 1, local_part: 'demo', password: 'Bulk-Pass-0001' }] });
    expect(bulk.status).to.equal(422);
    expect(bulk.body.failed[0].code).to.equal('address_taken');
    const partial = await send('POST', '/mailboxes:bulk', { items: [{ domain_id: 1, local_part: 'demo' }, { domain_id: 1, local_part: 'partial.one' }], password_mode: 'generated_one_time' });
    expect(partial.status).to.equal(207);
    expect(partial.body.summary).to.deep.equal({ requested: 2, created: 1, failed: 1 });
    const many = Array.from({ length: 16 }, (_, i) => `t${i}@example.com`);
    const fwd = await send('PUT', '/mailboxes/1/forwarding', { enabled: true, targets: many });
    expect(fwd.status).to.equal(422);
    expect(fwd.body).to.deep.include({ limit: 15 }).and.nested.include({ 'error.code': 'limit_exceeded' });
  });

  it('a sending-only domain (mail_hosting external) asks for no MX and hosts no mailboxes', async () => {
    const made = await send('POST', '/domains', { name: 'send-only.example.com', mail_hosting: 'external' });
    expect(made.body.domain).to.include({ mail_hosting: 'external' });
    const reqs = (await send('GET', `/domains/${made.body.domain.id}/dns-requirements`)).body;
    expect(reqs.records.map((r: any) => r.purpose)).not.to.include('mx');
    expect(reqs.checks.map((r: any) => r.purpose)).to.deep.equal(['mx', 'mx']);
    const mb = await send('POST', '/mailboxes', { domain_id: made.body.domain.id, local_part: 'x', password_mode: 'generated_one_time' });
    expect(mb.body.error.code).to.equal('domain_mail_external');
  });

  it('domain side of wave v1.10: strict fields first, then the rules the handlers keep', async () => {
    const errors = async (m: string, p: string, b?: unknown) => (await send(m, p, b)).body.errors;
    expect(await errors('POST', '/domains/1/forwarding-addresses', { local_part: 'x', recipients: [], active: true })).to.deep.equal({ recipients: 'must have at least 1 item(s)', active: 'is not a field of this endpoint' });
    expect(await errors('PATCH', '/domains/1/mail-hosting', { mail_hosting: 'external', confirm_mailboxes_stop_receiving: false })).to.deep.equal({ confirm_mailboxes_stop_receiving: 'must be true when given' });
    expect(await errors('POST', '/domains/1/smtp/profiles', { name: 'x', host: 'smtp.example.com', port: 2526, encryption: 'tls', username: 'u', password: 'p' })).to.deep.equal({ port: 'must be one of 25, 465, 587, 2525' });
    expect(await errors('GET', '/domains/1/bounces?limit=101&type=blocked')).to.deep.equal({ limit: 'must be between 1 and 100', type: 'must be one of hard, soft, all' });
    expect(sb.engine.stats.executions['POST /domains/{domain_id}/smtp/profiles'] ?? 0).to.equal(0);
    expect(await errors('PUT', '/domains/1/smtp', { smtp_mode: 'profile' })).to.deep.equal({ smtp_connection_id: 'is required when smtp_mode is profile' });
    expect(await errors('PATCH', '/domains/1/signature', { signature_mode: 'enforced', signature_html: '<script>x()</script>' })).to.deep.equal({ signature_html: 'is required (after sanitising) for mode enforced' });
    expect(await errors('PUT', '/domains/2/matching-addresses', { primary_domain_id: 2 })).to.deep.equal({ primary_domain_id: 'must be another domain' });
    const hosting = (await send('PATCH', '/domains/1/mail-hosting', { mail_hosting: 'external' })).body;
    expect(hosting).to.nested.include({ 'error.code': 'confirmation_required', mailbox_count: (await send('GET', '/domains/1')).body.domain.mailbox_count });
    expect((await send('POST', '/domains/1/forwarding-addresses', { local_part: 'demo', recipients: ['x@example.com'] })).body.error.code).to.equal('address_taken');
    expect((await send('POST', '/mailboxes', { domain_id: 1, local_part: 'billing', password_mode: 'generated_one_time' })).body.error.code).to.equal('address_taken');
    // A profile is a saved SMTP connection: the old delete of a connection reassigns the domains that used it.
    const made = (await send('POST', '/domains/3/smtp/profiles', { name: 'Old relay', host: 'smtp.old.example.com', port: 25, encryption: 'none', username: 'u', password: 'p' })).body.data;
    expect((await send('DELETE', `/smtp/${made.profile.id}`)).body.reassigned_domain_ids).to.deep.equal([3]);
    expect((await send('GET', '/domains/3/smtp')).body.data).to.include({ smtp_mode: 'platform', profile: null });
  });
});

describe('infra sandbox: plans', function () {
  this.timeout(10_000);
  let sb: Sandbox;
  before(async () => {
    sb = await startSandbox({ packs: [spec] });
  });
  after(async () => {
    await sb?.close();
  });

  it('a Starter token gets read tools only, and the API itself refuses its writes', async () => {
    const rt = await runtimeFor(sb, 'ops:starter');
    const listed = rt.list();
    expect(listed.every((t) => t.annotations.readOnlyHint)).to.equal(true);
    expect(listed.map((t) => t.name)).to.include.members(['whoami', 'list_domains', 'get_dns_check', 'get_ticket_messages', 'get_smtp_test_status']);
    expect(listed.map((t) => t.name)).not.to.include('preview_tool_call');
    expect((await rt.call('get_account', {})).structuredContent).to.nested.include({ 'account.plan': 'starter', 'account.limits.mailboxes': 10 });
    const res = await fetch(`${sb.url}/api/v1/domains`, { method: 'POST', headers: { authorization: `Bearer ${sb.allTokens['ops:starter']}`, 'content-type': 'application/json' }, body: '{"name":"x.example.com"}' });
    expect(res.status).to.equal(403);
    expect(((await res.json()) as any).error.code).to.equal('plan_api_disabled');
  });

  it('Pro and Agency tokens get every infra tool', async () => {
    const all = toolClassesOf((await spec.tools()).default).length;
    for (const token of ['ops:pro', 'ops:agency']) {
      const names = (await runtimeFor(sb, token)).list().map((t) => t.name).filter((n) => n !== 'preview_tool_call');
      expect(names, token).to.have.length(all);
    }
  });

  it('a Nano token gets no infra tool', async () => {
    expect((await runtimeFor(sb, 'ops:nano')).list()).to.deep.equal([]);
  });
});
