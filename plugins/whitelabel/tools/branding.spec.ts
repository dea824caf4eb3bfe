import { expect } from 'chai';
import { api, data, errorText, harness, UUID, type Harness } from '../../../test/harness.js';
import { WhitelabelPack } from '../whitelabel.plugin.js';

const OPEN = { TREKMAIL_ALLOW_DESTRUCTIVE: 'true', TREKMAIL_CONFIRM: 'flag' };
/** A 1×1 PNG. */
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNk+A8AAQUBAScY42YAAAAASUVORK5CYII=';

describe('whitelabel tools: branding', () => {
  let h: Harness;
  let open: Harness;
  before(async () => {
    h = await harness(WhitelabelPack);
    open = await harness(WhitelabelPack, OPEN);
  });

  it('get_domain_branding GETs one domain\'s branding', async () => {
    api().get('/api/v1/domains/1/branding').query({}).reply(200, { data: { mode: 'custom', dns_records: [] } });
    expect(data(await h.call('get_domain_branding', { domain_id: 1 })).data.mode).to.equal('custom');
  });

  it('set_domain_branding PATCHes exactly the given fields, nulls included (they clear)', async () => {
    const body = {
      mode: 'custom', name: 'Acme Mail', primary_color: '#4f46e5', accent_color: '#abcd', dashboard_enabled: true, dashboard_label: 'portal',
      webmail_enabled: true, webmail_label: 'mail', mail_zone_enabled: false, support_email: 'help@acme.test', sender_email: null, support_url: 'https://help.acme.test/', scope: 'account_default',
    };
    api().patch('/api/v1/domains/1/branding', body).matchHeader('idempotency-key', UUID).reply(200, { data: { mode: 'custom' } });
    expect(data(await open.call('set_domain_branding', { domain_id: 1, ...body })).data.mode).to.equal('custom');
    api().patch('/api/v1/domains/1/branding', (b) => JSON.stringify(b) === '{"support_url":null}').reply(200, { data: { mode: 'custom' } });
    expect(data(await open.call('set_domain_branding', { domain_id: 1, support_url: null })).data.mode).to.equal('custom');
  });

  it('set_domain_branding refuses bad colours, labels, URLs and enums, and is gated', async () => {
    const bad: [Record<string, unknown>, RegExp][] = [
      [{ primary_color: '#12345' }, /primary_color: must be a hex colour/],
      [{ accent_color: 'red' }, /accent_color: must be a hex colour/],
      [{ primary_color: null }, /primary_color/],
      [{ name: null }, /name/],
      [{ dashboard_label: '-portal' }, /dashboard_label: must be a DNS label/],
      [{ webmail_label: 'mail.acme' }, /webmail_label: must be a DNS label/],
      [{ webmail_label: 'x'.repeat(64) }, /webmail_label/],
      [{ support_url: 'help.acme.test' }, /support_url/],
      [{ support_email: 'nope' }, /support_email/],
      [{ name: '' }, /name/],
      [{ name: 'x'.repeat(121) }, /name: .*120/],
      [{ mode: 'on' }, /mode: must be one of .*off, inherit, custom/],
      [{ scope: 'everything' }, /scope: must be one of .*domain, account_default, all/],
    ];
    for (const [change, re] of bad) expect(errorText(await open.call('set_domain_branding', { domain_id: 1, ...change })), JSON.stringify(change).slice(0, 50)).to.match(re);
    expect(errorText(await h.call('set_domain_branding', { domain_id: 1, name: 'Acme' }))).to.contain('TREKMAIL_ALLOW_DESTRUCTIVE=true');
  });

  it('set_domain_brand_logo PUTs the base64 to the slot\'s path; only base64 of at most 1402200 characters', async () => {
    api().put('/api/v1/domains/1/branding/logo/favicon', { content_base64: PNG }).matchHeader('idempotency-key', UUID).reply(200, { data: { slot: 'favicon', brand: { favicon_url: 'https://cdn/x.png' } } });
    expect(data(await open.call('set_domain_brand_logo', { domain_id: 1, slot: 'favicon', content_base64: PNG })).data.slot).to.equal('favicon');
    expect(errorText(await open.call('set_domain_brand_logo', { domain_id: 1, slot: 'light', content_base64: 'not base64!' }))).to.match(/content_base64/);
    expect(errorText(await open.call('set_domain_brand_logo', { domain_id: 1, slot: 'light', content_base64: 'A'.repeat(1_402_204) }))).to.match(/content_base64/);
    expect(errorText(await open.call('set_domain_brand_logo', { domain_id: 1, slot: 'banner', content_base64: PNG }))).to.match(/slot: must be one of .*light, dark, favicon/);
    expect(errorText(await h.call('set_domain_brand_logo', { domain_id: 1, slot: 'light', content_base64: PNG }))).to.contain('TREKMAIL_ALLOW_DESTRUCTIVE=true');
  });

  it('verify_domain_branding_dns and create_branding_preview POST with no body; the preview link is shown', async () => {
    const bodies: string[] = [];
    api().post('/api/v1/domains/1/branding/verify-dns').matchHeader('idempotency-key', UUID).reply(function (_u, b) {
      bodies.push(String(b));
      return [200, { data: { status: 'queued' } }];
    });
    api().post('/api/v1/domains/1/branding/preview').reply(function (_u, b) {
      bodies.push(String(b));
      return [200, { data: { url: 'https://ab12.preview.trekmail.test/auto-login?token=ab12', expires_in: 300 } }];
    });
    expect(data(await open.call('verify_domain_branding_dns', { domain_id: 1 })).data.status).to.equal('queued');
    expect(data(await open.call('create_branding_preview', { domain_id: 1 })).data).to.deep.equal({ url: 'https://ab12.preview.trekmail.test/auto-login?token=ab12', expires_in: 300 });
    expect(bodies).to.deep.equal(['', '']);
    for (const tool of ['verify_domain_branding_dns', 'create_branding_preview']) expect(errorText(await h.call(tool, { domain_id: 1 }))).to.contain('TREKMAIL_ALLOW_DESTRUCTIVE=true');
  });

  it('remove_domain_brand_logo DELETEs the slot; remove_domain_branding sends its scope in the query', async () => {
    api().delete('/api/v1/domains/1/branding/logo/dark').query({}).matchHeader('idempotency-key', UUID).reply(200, { data: { slot: 'dark', removed: true } });
    expect(data(await open.call('remove_domain_brand_logo', { domain_id: 1, slot: 'dark' })).data.removed).to.equal(true);
    api().delete('/api/v1/domains/1/branding').query({ scope: 'all' }).reply(200, { data: { scope: 'all', mode: 'off' } });
    expect(data(await open.call('remove_domain_branding', { domain_id: 1, scope: 'all' })).data.scope).to.equal('all');
    api().delete('/api/v1/domains/1/branding').query({}).reply(200, { data: { scope: 'domain', mode: 'off' } });
    expect(data(await open.call('remove_domain_branding', { domain_id: 1 })).data.scope).to.equal('domain');
    expect(errorText(await open.call('remove_domain_branding', { domain_id: 1, scope: 'account_default' }))).to.match(/scope: must be one of .*domain, all/);
    for (const [tool, args] of [['remove_domain_brand_logo', { slot: 'dark' }], ['remove_domain_branding', {}]] as const) {
      expect(errorText(await h.call(tool, { domain_id: 1, ...args }))).to.contain('TREKMAIL_ALLOW_DESTRUCTIVE=true');
    }
  });
});
