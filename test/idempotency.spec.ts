import { expect } from 'chai';
import { CloudflarePack } from '../plugins/cloudflare/cloudflare.plugin.js';
import { InfraPack } from '../plugins/infra/infra.plugin.js';
import type { Sandbox } from '../sandbox/server.js';
import { discoverPacks } from '../core/discovery.js';
import { toolClassesOf } from '../core/pack.js';
import { toolMeta } from '../core/tool.js';
import { sandbox } from './e2e.js';
import { runtimeCalls, sandboxRuntime, type ToolRuntime } from './harness.js';

/** Derived idempotency keys against the strict sandbox: a re-call is replayed, a one-time secret is never lost. */
describe('re-calls and the API replay (derived idempotency keys)', () => {
  let sb: Sandbox;
  let rt: ToolRuntime;
  const { call } = runtimeCalls(() => rt);
  before(async () => {
    sb = await sandbox();
    rt = await sandboxRuntime(sb, ['ops:pro'], [InfraPack], { TREKMAIL_ALLOW_DESTRUCTIVE: 'true' });
  });
  after(() => sb?.close());

  it('a re-call of create_ticket with the same arguments opens one ticket, and says so', async () => {
    const args = { subject: 'Re-call check', category: 'technical', message: 'Opened once, asked twice.' };
    const before = sb.engine.stats.executions['POST /tickets'] ?? 0;
    const first = await rt.call('create_ticket', args);
    const again = await rt.call('create_ticket', { message: args.message, category: args.category, subject: args.subject });
    expect(first.isError).to.equal(undefined);
    expect(again.structuredContent).to.deep.equal(first.structuredContent);
    expect(again._meta).to.deep.include({ 'trekmail/replayed': true });
    expect(sb.engine.stats.executions['POST /tickets']).to.equal(before + 1);
    const list = await call('list_tickets', {});
    expect(JSON.stringify(list).split('Re-call check').length - 1).to.equal(1);
  });

  it('a deliberate repeat (_repeat: true) does it again; the flag itself never reaches the API', async () => {
    const args = { subject: 'Asked twice on purpose', category: 'technical', message: 'Two tickets.' };
    const before = sb.engine.stats.executions['POST /tickets'] ?? 0;
    const failures = sb.engine.stats.validationFailures.length;
    const first = await rt.call('create_ticket', args);
    const again = await rt.call('create_ticket', { ...args, _repeat: true });
    expect(first.isError).to.equal(undefined);
    expect(again.isError).to.equal(undefined);
    expect((again._meta as Record<string, unknown> | undefined)?.['trekmail/replayed']).to.equal(undefined);
    expect((again.structuredContent as any).ticket.id).not.to.equal((first.structuredContent as any).ticket.id);
    expect(sb.engine.stats.executions['POST /tickets']).to.equal(before + 2);
    // The strict sandbox refuses any field it does not declare: `_repeat` was not sent.
    expect(sb.engine.stats.validationFailures.length).to.equal(failures);
  });

  it('a read that POSTs (Cloudflare zones) is never answered by a replay: a re-read sees what changed', async () => {
    const cf = await sandboxRuntime(sb, ['ops:pro'], [CloudflarePack]);
    const api_token = 'cf_idempotency_spec_token_5e4d3c2b1a';
    const zone = async () => ((await cf.call('list_cloudflare_zones', { api_token })).structuredContent as any).zones.find((z: any) => z.zone_name === 'legacy.trekmail.test');
    const before = await zone();
    expect(before).to.include({ connected: false });
    const connected = await cf.call('connect_cloudflare_domains', { api_token, selected: [{ zone_id: before.zone_id, zone_name: before.zone_name, trekmail_domain_id: before.trekmail_domain_id }] });
    expect(connected.isError, connected.content[0]?.text).to.equal(undefined);
    expect(await zone()).to.include({ connected: true });
  });

  it('an app password (shown once) is never replayed without its secret: a re-call makes a new one', async () => {
    const a = await call('create_mailbox_app_password', { mailbox_id: 1, name: 'Phone' });
    const b = await call('create_mailbox_app_password', { mailbox_id: 1, name: 'Phone' });
    expect(a.data.password).to.be.a('string');
    expect(b.data.password).to.be.a('string').and.not.equal(a.data.password);
  });

  it('every sandbox route that replays without a one-time secret belongs to a tool that takes a fresh key', async () => {
    const routes = new Set(sb.engine.routeList().filter((r) => r.replayWithout?.length).map((r) => `${r.method} ${r.pattern.replace(/\{\w+\}/g, '{}')}`));
    const fresh = new Set<string>();
    for (const pack of await discoverPacks()) {
      for (const { cls } of toolClassesOf((await pack.tools()).default)) {
        const m = toolMeta(cls)!;
        if (m.freshKey) fresh.add(`${m.method} ${m.path.replace(/\{\w+\}/g, '{}')}`);
      }
    }
    expect([...fresh].sort()).to.deep.equal([...routes].sort());
  });
});
