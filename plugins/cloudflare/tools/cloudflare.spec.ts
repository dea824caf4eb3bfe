import { expect } from 'chai';
import { api, data, errorText, harness, OPS_TOKEN, UUID, type Harness } from '../../../test/harness.js';
import { CloudflarePack } from '../cloudflare.plugin.js';

const CF = 'cf-Test-Token_0123456789abcdefABCDEF0123';
const ZONE = '0123456789abcdef0123456789abcdef';

describe('cloudflare tools', () => {
  let h: Harness;
  before(async () => {
    h = await harness(CloudflarePack);
  });

  it('validate_cloudflare_token POSTs the token in the body; the answer never shows it', async () => {
    api().post('/api/v1/cloudflare/validate-token', { api_token: CF })
      .matchHeader('authorization', `Bearer ${OPS_TOKEN}`).matchHeader('idempotency-key', UUID).matchHeader('content-type', 'application/json')
      .reply(200, { valid: true, status: 'active', permissions: { zone_read: true, dns_edit: true }, echo: `checked ${CF}`, api_token: CF });
    const res = await h.call('validate_cloudflare_token', { api_token: CF });
    expect(data(res)).to.deep.equal({ valid: true, status: 'active', permissions: { zone_read: true, dns_edit: true }, echo: 'checked [redacted]', api_token: '[redacted]' });
    expect(JSON.stringify(res) + h.logs.join('\n')).not.to.contain(CF);
  });

  it('validate_cloudflare_token refuses an empty or spaced token without a request, and never echoes it', async () => {
    expect(errorText(await h.call('validate_cloudflare_token', { api_token: '' }))).to.contain('api_token:');
    const text = errorText(await h.call('validate_cloudflare_token', { api_token: 'abc def-secret-part' }));
    expect(text).to.contain('api_token: must be a token without spaces').and.not.contain('def-secret-part');
  });

  it('list_cloudflare_zones POSTs the token; an API error that echoes it is masked', async () => {
    api().post('/api/v1/cloudflare/zones', { api_token: CF }).reply(200, { zones: [{ zone_id: ZONE, zone_name: 'demo.trekmail.test', trekmail_domain_id: 1, connected: true }], matched: 1 });
    expect(data(await h.call('list_cloudflare_zones', { api_token: CF }))).to.deep.equal({ zones: [{ zone_id: ZONE, zone_name: 'demo.trekmail.test', trekmail_domain_id: 1, connected: true }], matched: 1 });
    api().post('/api/v1/cloudflare/zones').reply(422, { error: { code: 'cloudflare_token_invalid', message: `Cloudflare rejected ${CF}`, hint: 'Create a new token' } });
    const res = await h.call('list_cloudflare_zones', { api_token: CF });
    expect(errorText(res)).to.contain('HTTP 422, cloudflare_token_invalid').and.contain('Cloudflare rejected [redacted]').and.contain('Create a new token');
    expect(JSON.stringify(res)).not.to.contain(CF);
  });

  it('connect_cloudflare_domains POSTs the token and the selected zones (null creates the domain)', async () => {
    const selected = [{ zone_id: ZONE, zone_name: 'legacy.trekmail.test', trekmail_domain_id: 3 }, { zone_id: 'fedcba9876543210fedcba9876543210', zone_name: 'shop-demo.example', trekmail_domain_id: null }];
    api().post('/api/v1/cloudflare/connect', { api_token: CF, selected }).matchHeader('idempotency-key', UUID)
      .reply(200, { token_id: 2, connected: [{ zone_name: 'legacy.trekmail.test', trekmail_domain_id: 3 }, { zone_name: 'shop-demo.example', trekmail_domain_id: 900, domain_created: true }] });
    const res = await h.call('connect_cloudflare_domains', { api_token: CF, selected });
    expect(data(res)).to.deep.equal({ token_id: 2, connected: [{ zone_name: 'legacy.trekmail.test', trekmail_domain_id: 3 }, { zone_name: 'shop-demo.example', trekmail_domain_id: 900, domain_created: true }] });
  });

  it('connect_cloudflare_domains names each bad zone field and needs trekmail_domain_id (null allowed)', async () => {
    const text = errorText(await h.call('connect_cloudflare_domains', { api_token: CF, selected: [{ zone_id: 'xyz', zone_name: 'not a host', trekmail_domain_id: 0 }, { zone_id: ZONE, zone_name: 'a.example' }] }));
    expect(text).to.contain('selected[0].zone_id: must be a 32-character Cloudflare zone id').and.contain('selected[0].zone_name:').and.contain('selected[0].trekmail_domain_id:').and.contain('selected[1].trekmail_domain_id:');
    expect(errorText(await h.call('connect_cloudflare_domains', { api_token: CF, selected: [] }))).to.contain('selected:');
    expect(errorText(await h.call('connect_cloudflare_domains', { api_token: CF, selected: 'all' }))).to.contain('selected:');
  });

  it('preview_cloudflare_dns POSTs domain ids and the per-domain allowlist', async () => {
    const preview = {
      domains: { 3: { domain: 'legacy.trekmail.test', records: [{ id: 'spf_record', action: 'conflict', existing: [{ type: 'TXT', content: 'v=spf1 include:_spf.oldhost.example -all' }] }], conflicts: ['spf_record'] } },
      has_conflicts: true,
    };
    api().post('/api/v1/cloudflare/preview', { domain_ids: [3], included_records: { 3: ['spf_record', 'dkim_record'] } }).matchHeader('idempotency-key', UUID).reply(200, preview);
    const res = await h.call('preview_cloudflare_dns', { domain_ids: [3], included_records: { 3: ['spf_record', 'dkim_record'] } });
    expect(data(res)).to.deep.equal(preview);
    api().post('/api/v1/cloudflare/preview', { domain_ids: [1, 2] }).reply(200, { domains: {}, has_conflicts: false });
    expect(data(await h.call('preview_cloudflare_dns', { domain_ids: [1, 2] })).has_conflicts).to.equal(false);
  });

  it('preview/apply refuse malformed record maps and ids outside domain_ids, with no request', async () => {
    expect(errorText(await h.call('preview_cloudflare_dns', { domain_ids: [] }))).to.contain('domain_ids:');
    expect(errorText(await h.call('preview_cloudflare_dns', { domain_ids: [3], included_records: { 3: 'spf_record' } }))).to.contain('included_records: must map domain ids to lists of record ids');
    expect(errorText(await h.call('preview_cloudflare_dns', { domain_ids: [3], included_records: ['spf_record'] }))).to.contain('included_records:');
    expect(errorText(await h.call('apply_cloudflare_dns', { domain_ids: [3], confirmed_conflicts: { 4: ['spf_record'] } }))).to.contain('confirmed_conflicts: has a domain id that is not in domain_ids');
    expect(errorText(await h.call('apply_cloudflare_dns', { domain_ids: [3], confirmed_conflicts: { abc: ['spf_record'] } }))).to.contain('confirmed_conflicts:');
  });

  it('at most 50 domains or zones per call, as the API takes; list_cloudflare_tokens takes no parameters', async () => {
    const ids = Array.from({ length: 51 }, (_, i) => i + 1);
    expect(errorText(await h.call('preview_cloudflare_dns', { domain_ids: ids }))).to.contain('domain_ids:');
    expect(errorText(await h.call('apply_cloudflare_dns', { domain_ids: ids }))).to.contain('domain_ids:');
    expect(errorText(await h.call('apply_cloudflare_dns', { domain_ids: [0] }))).to.contain('domain_ids:');
    const zone = { zone_id: ZONE, zone_name: 'a.example', trekmail_domain_id: null };
    expect(errorText(await h.call('connect_cloudflare_domains', { api_token: CF, selected: Array.from({ length: 51 }, () => zone) }))).to.contain('selected:');
    expect(errorText(await h.call('list_cloudflare_tokens', { page: 2 }))).to.contain('page');
    api().post('/api/v1/cloudflare/preview', { domain_ids: ids.slice(0, 50) }).reply(200, { domains: {} });
    expect(data(await h.call('preview_cloudflare_dns', { domain_ids: ids.slice(0, 50) }))).to.deep.equal({ domains: {} });
  });

  it('apply_cloudflare_dns POSTs the confirmed conflicts explicitly, with an idempotency key', async () => {
    const body = { domain_ids: [2, 3], confirmed_conflicts: { 3: ['spf_record'] }, included_records: { 2: ['mx_primary', 'mx_secondary'] } };
    const result = { domains: { 2: { created: ['mx_primary', 'mx_secondary'] }, 3: { replaced: ['spf_record'], created: ['dkim_record'] } }, summary: { created: 3, replaced: 1 } };
    api().post('/api/v1/cloudflare/apply', body).matchHeader('idempotency-key', UUID).matchHeader('authorization', `Bearer ${OPS_TOKEN}`).reply(200, result);
    expect(data(await h.call('apply_cloudflare_dns', body))).to.deep.equal(result);
  });

  it('apply_cloudflare_dns without confirmed_conflicts sends only domain_ids', async () => {
    api().post('/api/v1/cloudflare/apply', { domain_ids: [3] }).reply(200, { domains: { 3: { skipped: [{ id: 'spf_record', reason: 'conflict_not_confirmed' }] } } });
    expect(data(await h.call('apply_cloudflare_dns', { domain_ids: [3] })).domains[3].skipped[0].reason).to.equal('conflict_not_confirmed');
  });

  it('list_cloudflare_tokens GETs the saved tokens', async () => {
    api().get('/api/v1/cloudflare/tokens').query((q) => Object.keys(q).length === 0).matchHeader('authorization', `Bearer ${OPS_TOKEN}`).reply(200, { data: [{ id: 1, name: 'Demo', token_hint: '…cdef', domains_count: 1 }] });
    expect(data(await h.call('list_cloudflare_tokens'))).to.deep.equal({ data: [{ id: 1, name: 'Demo', token_hint: '…cdef', domains_count: 1 }] });
  });

  it('delete_cloudflare_token is refused while the destructive gate is off, with no request', async () => {
    expect(errorText(await h.call('delete_cloudflare_token', { token_id: 1 }))).to.contain('TREKMAIL_ALLOW_DESTRUCTIVE=true').and.contain('No request was sent');
  });

  it('delete_cloudflare_token sends DELETE once the gate is on', async () => {
    const open = await harness(CloudflarePack, { TREKMAIL_ALLOW_DESTRUCTIVE: 'true' });
    api().delete('/api/v1/cloudflare/tokens/1').matchHeader('idempotency-key', UUID).reply(200, { deleted: true, id: 1, disconnected_domains: ['demo.trekmail.test'] });
    expect(data(await open.call('delete_cloudflare_token', { token_id: 1 }))).to.deep.equal({ deleted: true, id: 1, disconnected_domains: ['demo.trekmail.test'] });
    expect(errorText(await open.call('delete_cloudflare_token', { token_id: -1 }))).to.contain('token_id:');
  });
});
