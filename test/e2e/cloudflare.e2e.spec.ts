import { expect } from 'chai';
import type { Sandbox } from '../../sandbox/server.js';
import { connect, sandbox, type Session } from '../e2e.js';

const CF_TOKEN = 'cf_e2e_token_9f8e7d6c5b4a39281706';
const CF_TOOLS = ['apply_cloudflare_dns', 'connect_cloudflare_domains', 'delete_cloudflare_token', 'list_cloudflare_tokens', 'list_cloudflare_zones', 'preview_cloudflare_dns', 'validate_cloudflare_token'];

describe('e2e: Cloudflare DNS on a Pro account (stdio, SDK client, sandbox)', function () {
  this.timeout(20_000);
  let sb: Sandbox;
  let s: Session;
  const seen: string[] = [];
  const call = async (name: string, args: Record<string, unknown> = {}) => {
    const r = await s.call(name, args);
    seen.push(JSON.stringify(r));
    expect(r.isError, `${name}: ${r.content[0].text}`).to.not.equal(true);
    return r.structuredContent;
  };

  before(async () => {
    sb = await sandbox();
    s = await connect(sb, ['ops:pro'], { TREKMAIL_ALLOW_MIGRATION: 'true' });
  });
  after(async () => {
    await s?.close();
    await sb?.close();
  });

  it('lists the 7 Cloudflare tools; deleting a token is destructive', async () => {
    const { tools } = await s.client.listTools();
    const mine = tools.filter((t) => CF_TOOLS.includes(t.name));
    expect(mine.map((t) => t.name)).to.deep.equal(CF_TOOLS);
    expect(mine.find((t) => t.name === 'delete_cloudflare_token')!.annotations).to.include({ destructiveHint: true });
    expect(mine.find((t) => t.name === 'preview_cloudflare_dns')!.annotations).to.include({ readOnlyHint: true });
  });

  it('validates the token and matches its zones to TrekMail domains', async () => {
    expect(await call('validate_cloudflare_token', { api_token: CF_TOKEN })).to.deep.include({ valid: true, permissions: { zone_read: true, dns_edit: true } });
    expect(await call('validate_cloudflare_token', { api_token: 'cf_invalid_token_000000000' })).to.deep.include({ valid: false, status: 'invalid' });
    const { zones } = await call('list_cloudflare_zones', { api_token: CF_TOKEN });
    const byName = Object.fromEntries(zones.map((z: { zone_name: string }) => [z.zone_name, z]));
    expect(byName['demo.trekmail.test']).to.deep.include({ trekmail_domain_id: 1, connected: true });
    expect(byName['legacy.trekmail.test']).to.deep.include({ trekmail_domain_id: 3, connected: false });
    expect(byName['shop-demo.example']).to.deep.include({ trekmail_domain_id: null });
  });

  it('connects two zones, previews a conflict, applies without it, then replaces it once confirmed', async () => {
    const { zones } = await call('list_cloudflare_zones', { api_token: CF_TOKEN });
    const pick = (name: string) => zones.find((z: { zone_name: string }) => z.zone_name === name);
    const selected = ['newsletter.trekmail.test', 'legacy.trekmail.test'].map((n) => ({ zone_id: pick(n).zone_id, zone_name: n, trekmail_domain_id: pick(n).trekmail_domain_id }));
    const connected = await call('connect_cloudflare_domains', { api_token: CF_TOKEN, selected });
    expect(connected.connected.map((c: { trekmail_domain_id: number }) => c.trekmail_domain_id)).to.deep.equal([2, 3]);

    const preview = await call('preview_cloudflare_dns', { domain_ids: [2, 3] });
    expect(preview.has_conflicts).to.equal(true);
    expect(preview.domains[2].records.map((r: { action: string }) => r.action)).to.deep.equal(['create', 'create', 'create', 'create', 'create']);
    expect(preview.domains[3].conflicts).to.deep.equal(['spf_record']);
    const spf = preview.domains[3].records.find((r: { id: string }) => r.id === 'spf_record');
    expect(spf).to.deep.include({ action: 'conflict', content: 'v=spf1 include:_spf.trekmail.net ~all' });
    expect(spf.existing).to.deep.equal([{ type: 'TXT', name: 'legacy.trekmail.test', content: 'v=spf1 include:_spf.oldhost.example -all' }]);

    const first = await call('apply_cloudflare_dns', { domain_ids: [2, 3] });
    expect(first.domains[2].created).to.have.length(5);
    expect(first.domains[3]).to.deep.include({ created: ['dkim_record'], replaced: [], skipped: [{ id: 'spf_record', reason: 'conflict_not_confirmed' }] });
    expect((await call('preview_cloudflare_dns', { domain_ids: [3] })).domains[3].conflicts).to.deep.equal(['spf_record']);

    const second = await call('apply_cloudflare_dns', { domain_ids: [3], confirmed_conflicts: { 3: ['spf_record'] } });
    expect(second.domains[3]).to.deep.include({ replaced: ['spf_record'], skipped: [] });
    const after = await call('preview_cloudflare_dns', { domain_ids: [2, 3] });
    expect(after.has_conflicts).to.equal(false);
    expect(after.summary).to.deep.include({ unchanged: 10, create: 0, conflict: 0 });
  });

  it('lists the saved tokens by hint only; deleting one needs TREKMAIL_ALLOW_DESTRUCTIVE', async () => {
    const { data } = await call('list_cloudflare_tokens');
    const mine = data.find((t: { token_hint: string }) => t.token_hint === `…${CF_TOKEN.slice(-4)}`);
    expect(mine).to.deep.include({ domains_count: 2, domains: ['newsletter.trekmail.test', 'legacy.trekmail.test'] });
    const r = await s.call('delete_cloudflare_token', { token_id: mine.id });
    expect(r.isError).to.equal(true);
    expect(r.content[0].text).to.contain('TREKMAIL_ALLOW_DESTRUCTIVE=true');
  });

  it('connects a zone that is not yet a TrekMail domain, and (gate on) deletes a saved token', async () => {
    const { zones } = await call('list_cloudflare_zones', { api_token: CF_TOKEN });
    const shop = zones.find((z: { zone_name: string }) => z.zone_name === 'shop-demo.example');
    const res = await call('connect_cloudflare_domains', { api_token: CF_TOKEN, selected: [{ zone_id: shop.zone_id, zone_name: shop.zone_name, trekmail_domain_id: null }] });
    const created = res.connected[0];
    expect(created).to.deep.include({ zone_name: 'shop-demo.example', domain_created: true });
    const preview = await call('preview_cloudflare_dns', { domain_ids: [created.trekmail_domain_id], included_records: { [created.trekmail_domain_id]: ['mx_primary', 'spf_record'] } });
    expect(preview.summary).to.deep.equal({ create: 2, unchanged: 0, conflict: 0, skip: 3 });

    const open = await connect(sb, ['ops:pro'], { TREKMAIL_ALLOW_DESTRUCTIVE: 'true' });
    try {
      const del = await open.call('delete_cloudflare_token', { token_id: res.token_id });
      seen.push(JSON.stringify(del));
      expect(del.structuredContent).to.deep.equal({ deleted: true, id: res.token_id, disconnected_domains: ['newsletter.trekmail.test', 'legacy.trekmail.test', 'shop-demo.example'] });
      const again = await open.call('preview_cloudflare_dns', { domain_ids: [3] });
      expect(again.isError).to.equal(true);
      expect(again.content[0].text).to.contain('not connected to Cloudflare');
    } finally {
      await open.close();
    }
  });

  it('never returned or logged the Cloudflare token; the strict sandbox refused no request', () => {
    expect(seen.join('\n') + s.stderr()).not.to.contain(CF_TOKEN);
    expect(sb.engine.stats.validationFailures).to.deep.equal([]);
  });
});
