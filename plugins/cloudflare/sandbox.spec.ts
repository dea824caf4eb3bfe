import { expect } from 'chai';
import { rawApi } from '../../test/e2e.js';
import { packSpec } from '../../core/plugin-api.js';
import { startSandbox, type Sandbox } from '../../sandbox/server.js';
import { CloudflarePack } from './cloudflare.plugin.js';
import { DEMO_CF_TOKEN, zoneId } from './sandbox/index.js';

/** The Cloudflare emulator as the API's independent witness: what it refuses before any handler runs, and after. */
describe('cloudflare sandbox: strict fields', () => {
  let sb: Sandbox;
  const send = (method: string, path: string, body?: unknown, token?: string) => rawApi(sb)(method, path, body, token);
  before(async () => {
    sb = await startSandbox({ packs: [packSpec(CloudflarePack)!] });
  });
  after(() => sb?.close());

  it('connect: each zone needs zone_id, zone_name and trekmail_domain_id (null allowed), 1 to 50 zones', async () => {
    const zone = { zone_id: zoneId('shop-demo.example'), zone_name: 'shop-demo.example' };
    const r = await send('POST', '/cloudflare/connect', { api_token: DEMO_CF_TOKEN, selected: [zone, { ...zone, trekmail_domain_id: 'new', extra: 1 }] });
    expect(r.status).to.equal(422);
    expect(r.body.errors).to.deep.equal({ 'selected.0.trekmail_domain_id': 'is required', 'selected.1.trekmail_domain_id': 'must be an integer', 'selected.1.extra': 'is not a field of this endpoint' });
    expect((await send('POST', '/cloudflare/connect', { api_token: DEMO_CF_TOKEN, selected: [] })).body.errors).to.deep.equal({ selected: 'must have at least 1 item(s)' });
    expect(sb.engine.stats.executions['POST /cloudflare/connect'] ?? 0).to.equal(0);
    const ok = await send('POST', '/cloudflare/connect', { api_token: DEMO_CF_TOKEN, selected: [{ ...zone, trekmail_domain_id: null }] });
    expect(ok.body.connected[0]).to.include({ zone_name: 'shop-demo.example', domain_created: true });
  });

  it('preview/apply: 1 to 50 domain ids; record maps are objects whose keys are among domain_ids', async () => {
    expect((await send('POST', '/cloudflare/preview', { domain_ids: [] })).body.errors).to.deep.equal({ domain_ids: 'must have at least 1 item(s)' });
    expect((await send('POST', '/cloudflare/preview', { domain_ids: [1], included_records: ['spf_record'] })).body.errors).to.deep.equal({ included_records: 'must be an object' });
    expect((await send('POST', '/cloudflare/apply', { domain_ids: [1], confirmed_conflicts: { 2: ['spf_record'] } })).body.errors).to.deep.equal({ 'confirmed_conflicts.2': 'domain is not in domain_ids' });
    expect((await send('POST', '/cloudflare/apply', { domain_ids: [1], dry_run: true })).body.errors).to.deep.equal({ dry_run: 'is not a field of this endpoint' });
    expect((await send('POST', '/cloudflare/preview', { domain_ids: [1], included_records: { 1: ['spf_record'] } })).body.summary).to.deep.equal({ create: 0, unchanged: 1, conflict: 0, skip: 4 });
  });

  it('token routes: an empty token is refused; the list and the delete take no fields', async () => {
    expect((await send('POST', '/cloudflare/validate-token', { api_token: '' })).body.errors).to.deep.equal({ api_token: 'must not be empty' });
    expect((await send('POST', '/cloudflare/zones', {})).body.errors).to.deep.equal({ api_token: 'is required' });
    expect((await send('GET', '/cloudflare/tokens?page=2')).body.errors).to.deep.equal({ page: 'is not a field of this endpoint' });
    expect((await send('DELETE', '/cloudflare/tokens/1?force=true')).body.errors).to.deep.equal({ force: 'is not a field of this endpoint' });
    // The connect above saved shop-demo.example under the demo token.
    expect((await send('GET', '/cloudflare/tokens')).body.data[0]).to.deep.include({ id: 1, domains_count: 2, domains: ['demo.trekmail.test', 'shop-demo.example'] });
    expect((await send('DELETE', '/cloudflare/tokens/1')).body).to.deep.equal({ deleted: true, id: 1, disconnected_domains: ['demo.trekmail.test', 'shop-demo.example'] });
  });
});
