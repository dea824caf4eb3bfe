import { expect } from 'chai';
import { packSpec, toolClassesOf } from '../../core/pack.js';
import { toolMeta, type ToolMeta } from '../../core/tool.js';
import { InfraPack } from '../../plugins/infra/infra.plugin.js';
import type { Sandbox } from '../../sandbox/server.js';
import { connect, sandbox, until, type Session } from '../e2e.js';

/**
 * An admin agent over stdio against the sandbox: a domain from DNS to a configured mailbox, then the two-step delete.
 * Three servers share one sandbox: Pro with the destructive gate off (the default) and on, and Starter.
 * TREKMAIL_TOOLSETS=infra keeps the other packs out of the lists.
 */
describe('e2e: infra admin session (stdio, SDK client, sandbox)', function () {
  this.timeout(20_000);
  const only = { TREKMAIL_TOOLSETS: 'infra' };
  let sb: Sandbox;
  let off: Session;
  let on: Session;
  let starter: Session;
  let metas: ToolMeta[];
  let domainId: number;
  let mailboxId: number;

  const ok = async (s: Session, name: string, args: Record<string, unknown> = {}) => {
    const r = await s.call(name, args);
    expect(r.isError, `${name}: ${r.content[0]?.text}`).to.not.equal(true);
    return r.structuredContent;
  };
  const routeCount = (key: string) => sb.engine.stats.byRoute[key] ?? 0;

  before(async () => {
    const spec = packSpec(InfraPack)!;
    metas = toolClassesOf((await spec.tools()).default).map(({ cls }) => toolMeta(cls)!);
    sb = await sandbox({ packs: [spec] });
    [off, on, starter] = await Promise.all([
      connect(sb, ['ops:pro'], only),
      connect(sb, ['ops:pro'], { ...only, TREKMAIL_ALLOW_DESTRUCTIVE: 'true' }),
      connect(sb, ['ops:starter'], only),
    ]);
  });
  after(async () => {
    await Promise.all([off?.close(), on?.close(), starter?.close()]);
    await sb?.close();
  });

  it("a Pro token's list has all 110 infra tools (plus the preview tool), with the catalog's annotations", async () => {
    const { tools } = await off.client.listTools();
    expect(metas).to.have.length(110);
    expect(tools.map((t) => t.name)).to.deep.equal([...metas.map((m) => m.name), 'preview_tool_call'].sort());
    const confirm = tools.find((t) => t.name === 'confirm_delete_intent')!;
    expect(confirm.annotations).to.deep.equal({ destructiveHint: true });
    expect(confirm.inputSchema.required).to.include.members(['intent_id', 'confirm']);
    expect(tools.find((t) => t.name === 'list_domains')!.annotations).to.deep.equal({ readOnlyHint: true });
  });

  it("a Starter token's list has no write tool", async () => {
    const { tools } = await starter.client.listTools();
    const writes = new Set(metas.filter((m) => m.access !== 'read').map((m) => m.name));
    expect(tools.length).to.be.greaterThan(20);
    expect(tools.filter((t) => writes.has(t.name) || !t.annotations?.readOnlyHint).map((t) => t.name)).to.deep.equal([]);
    expect(tools.map((t) => t.name)).to.include.members(['whoami', 'list_domains', 'get_mailbox', 'get_dns_check']).and.not.include('preview_tool_call');
    expect((await ok(starter, 'whoami')).account.plan).to.equal('starter');
  });

  it('adds a domain and polls its DNS check until the domain is active', async () => {
    const created = (await ok(off, 'create_domain', { name: 'e2e-shop.example.com' })).domain;
    expect(created).to.include({ name: 'e2e-shop.example.com', status: 'pending_dns', dns_status: 'pending' });
    domainId = created.id;
    const mx = (await ok(off, 'get_dns_requirements', { domain_id: domainId })).records.find((r: any) => r.purpose === 'mx');
    expect(mx).to.include({ type: 'MX', status: 'unchecked' });
    const check = (await ok(off, 'dns_recheck', { domain_id: domainId })).check;
    expect(check.status).to.equal('running');
    const done = await until(async () => {
      const c = (await ok(off, 'get_dns_check', { check_id: check.id })).check;
      return c.status === 'completed' && c;
    });
    expect(done.all_valid).to.equal(true);
    expect((await ok(off, 'get_domain', { domain_id: domainId })).domain).to.include({ status: 'active', dns_status: 'verified' });
  });

  it('creates a mailbox on it; the generated password is shown once', async () => {
    const made = await ok(off, 'create_mailbox_generated_password', { domain_id: domainId, local_part: 'orders', display_name: 'Orders' });
    expect(made.mailbox.email).to.equal('orders@e2e-shop.example.com');
    expect(made.password).to.be.a('string').with.length.greaterThan(8);
    mailboxId = made.mailbox.id;
  });

  it('sets forwarding and an auto-reply, and uploads a Sieve script', async () => {
    await ok(off, 'set_forwarding', { mailbox_id: mailboxId, enabled: true, targets: ['orders-team@example.com'], keep_copy: true });
    expect((await ok(off, 'get_forwarding', { mailbox_id: mailboxId })).forwarding).to.include({ enabled: true, keep_copy: true }).and.nested.include({ 'targets[0]': 'orders-team@example.com' });

    await ok(off, 'set_auto_reply', { mailbox_id: mailboxId, enabled: true, subject: 'Thanks for your order', body: 'We reply within a day.' });
    expect((await ok(off, 'get_auto_reply', { mailbox_id: mailboxId })).auto_reply).to.include({ enabled: true, subject: 'Thanks for your order', active_now: true });

    const script = 'require ["fileinto"];\nif address :domain "from" "marketplace.example" {\n  fileinto "Marketplace";\n}\n';
    expect((await ok(off, 'upload_sieve_script', { mailbox_id: mailboxId, script })).sieve.valid).to.equal(true);
    expect((await ok(off, 'get_sieve_script', { mailbox_id: mailboxId })).sieve.script).to.equal(script);
    const bad = await off.call('upload_sieve_script', { mailbox_id: mailboxId, script: 'if true {\n' });
    expect(bad.isError).to.equal(true);
    expect(bad.content[0].text).to.contain('sieve_syntax_error');
  });

  it('files mail by rule with the gate off; a rule that discards mail waits for TREKMAIL_ALLOW_DESTRUCTIVE', async () => {
    const conditions = [{ field: 'from', operator: 'contains', value: 'marketplace.example' }];
    const filed = (await ok(off, 'create_mail_rule', { mailbox_id: mailboxId, name: 'Marketplace', conditions, actions: [{ type: 'fileinto', value: 'Marketplace' }] })).rule;
    expect(filed).to.include({ match_type: 'all', stop: false, enabled: true });
    const before = routeCount('POST /mailboxes/{mailbox_id}/rules');
    const drop = await off.call('create_mail_rule', { mailbox_id: mailboxId, name: 'Drop', conditions, actions: [{ type: 'discard' }] });
    expect(drop.isError).to.equal(true);
    expect(drop.content[0].text).to.contain('TREKMAIL_ALLOW_DESTRUCTIVE=true');
    expect(routeCount('POST /mailboxes/{mailbox_id}/rules')).to.equal(before);
    const dropped = (await ok(on, 'update_mail_rule', { mailbox_id: mailboxId, rule_id: filed.id, conditions, actions: [{ type: 'discard' }], stop: true })).rule;
    expect(dropped).to.include({ id: filed.id, name: 'Marketplace', stop: true });
    expect((await ok(off, 'list_mail_rules', { mailbox_id: mailboxId })).data.map((r: any) => r.actions[0].type)).to.deep.equal(['discard']);
  });

  it('refuses both delete steps while TREKMAIL_ALLOW_DESTRUCTIVE is off, and sends nothing', async () => {
    const before = routeCount('POST /mailboxes/{mailbox_id}:delete-intent') + routeCount('POST /delete-intents/{intent_id}:confirm');
    const one = await off.call('create_delete_intent', { mailbox_id: mailboxId });
    expect(one.isError).to.equal(true);
    expect(one.content[0].text).to.contain('TREKMAIL_ALLOW_DESTRUCTIVE=true').and.contain('No request was sent');
    const two = await off.call('confirm_delete_intent', { intent_id: 501, confirm: true });
    expect(two.isError).to.equal(true);
    expect(two.content[0].text).to.contain('TREKMAIL_ALLOW_DESTRUCTIVE=true');
    expect(routeCount('POST /mailboxes/{mailbox_id}:delete-intent') + routeCount('POST /delete-intents/{intent_id}:confirm')).to.equal(before);
    expect((await ok(off, 'get_mailbox', { mailbox_id: mailboxId })).mailbox.status).to.equal('active');
  });

  it('deletes the mailbox through the two-step flow once the gate is on', async () => {
    const intent = (await ok(on, 'create_delete_intent', { mailbox_id: mailboxId })).intent;
    expect(intent).to.include({ mailbox_id: mailboxId, status: 'pending' });
    expect(Date.parse(intent.expires_at)).to.be.greaterThan(Date.now());
    const unconfirmed = await on.call('confirm_delete_intent', { intent_id: intent.id });
    expect(unconfirmed.isError).to.equal(true);
    expect(unconfirmed.content[0].text).to.contain('confirm: true');
    const gone = await ok(on, 'confirm_delete_intent', { intent_id: intent.id, confirm: true });
    expect(gone).to.include({ deleted: true, mailbox_id: mailboxId, email: 'orders@e2e-shop.example.com' });
    const after = await on.call('get_mailbox', { mailbox_id: mailboxId });
    expect(after.isError).to.equal(true);
    expect(after.content[0].text).to.contain('HTTP 404');
    expect(sb.engine.stats.mutationsWithoutKey).to.equal(0);
    expect(sb.engine.stats.validationFailures, 'requests the strict sandbox refused').to.deep.equal([]);
  });
});
