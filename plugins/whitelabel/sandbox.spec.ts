import { expect } from 'chai';
import { packSpec } from '../../core/plugin-api.js';
import { demoAccount } from '../../sandbox/account.js';
import { startSandbox, type Sandbox } from '../../sandbox/server.js';
import { rawApi } from '../../test/e2e.js';
import { sandboxRuntime } from '../../test/harness.js';
import { HOST_WAIT_MS } from './sandbox/state.js';
import { ADDON_HINT } from './whitelabel.plugin.js';
import { WhitelabelPack } from './whitelabel.plugin.js';

const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNk+A8AAQUBAScY42YAAAAASUVORK5CYII=';
const b64 = (bytes: number[] | Buffer) => Buffer.from(bytes).toString('base64');

/** The White Label emulator as the API's witness: the member state machine, access rules, brands, logos, the add-on. */
describe('whitelabel sandbox', () => {
  let sb: Sandbox;
  const send = (method: string, path: string, body?: unknown, token?: string) => rawApi(sb)(method, path, body, token);
  before(async () => {
    sb = await startSandbox({ packs: [packSpec(WhitelabelPack)!] });
  });
  after(() => sb?.close());

  it('a member goes pending → suspended → pending → revoked → pending; the invitation URL is answered only by invite and resend', async () => {
    const invited = await send('POST', '/white-label/members', { email: 'Alex@Client.test', role: 'client', all_domains: false, domain_ids: [1], note: 'Client IT' });
    expect(invited.status).to.equal(201);
    const m = invited.body;
    expect(m).to.deep.include({ email: 'alex@client.test', status: 'pending', role: 'client', note: 'Client IT', allowed_actions: ['update', 'suspend', 'resend_invitation', 'remove'] });
    expect(m.invitation.url).to.match(/^https:\/\/dashboard\.trekmail\.test\/invitations\/[0-9a-f]{32}$/);
    expect(m.delivery).to.deep.equal({ status: 'sent', to: 'alex@client.test' });
    expect((await send('GET', `/white-label/members/${m.id}`)).body).not.to.have.property('invitation');
    expect((await send('POST', '/white-label/members', { email: 'alex@client.test', role: 'client', all_domains: true })).body.error.code).to.equal('member_exists');
    expect((await send('POST', `/white-label/members/${m.id}:suspend`)).body.status).to.equal('suspended');
    const again = await send('POST', `/white-label/members/${m.id}:suspend`);
    expect([again.status, again.body.error.code, again.body.allowed_actions]).to.deep.equal([409, 'membership_state_conflict', ['update', 'resume', 'remove']]);
    expect((await send('POST', `/white-label/members/${m.id}:resume`)).body.status).to.equal('pending');
    const resent = (await send('POST', `/white-label/members/${m.id}:resend-invitation`)).body;
    expect(resent.invitation.url).to.match(/invitations\/[0-9a-f]{32}$/).and.not.equal(m.invitation.url);
    expect((await send('DELETE', `/white-label/members/${m.id}`)).body).to.deep.include({ status: 'revoked', allowed_actions: ['restore'] });
    expect((await send('GET', '/white-label/members?search=alex')).body.data).to.deep.equal([]);
    expect((await send('GET', '/white-label/members?search=alex&include_removed=true')).body.data.map((x: { id: number }) => x.id)).to.deep.equal([m.id]);
    expect((await send('POST', `/white-label/members/${m.id}:resend-invitation`)).body.error.code).to.equal('membership_state_conflict');
    expect((await send('POST', `/white-label/members/${m.id}:restore`)).body.status).to.equal('pending');
    const history = (await send('GET', `/white-label/activity?member_id=${m.id}`)).body.data.map((a: { action: string }) => a.action);
    expect(history).to.deep.equal(['member.restored', 'member.removed', 'member.invitation_resent', 'member.resumed', 'member.suspended', 'member.invited']);
    expect((await send('GET', '/white-label/activity?member_id=999')).status).to.equal(404);
  });

  it('suspend and remove revoke the keys a member made, for good; the owner is shown but never changed', async () => {
    expect((await send('POST', '/white-label/members/2:suspend')).body).to.deep.include({ keys_revoked: 2, active_keys: 0 });
    expect((await send('POST', '/white-label/members/2:resume')).body).to.deep.include({ status: 'active', active_keys: 0 });
    const owner = await send('PATCH', '/white-label/members/1', { note: 'x' });
    expect([owner.status, owner.body.error.code]).to.deep.equal([403, 'owner_immutable']);
    expect((await send('GET', '/white-label/members/1')).body).to.deep.include({ role: 'owner', allowed_actions: [] });
    const a = (await send('GET', '/white-label/members/2/activity?limit=1')).body;
    expect(a.actions.map((x: { action: string }) => x.action)).to.deep.equal(['member.resumed']);
    expect(a.sign_ins).to.have.length(1);
    expect(a.sign_ins[0]).to.deep.include({ browser: 'Firefox 128', os: 'Linux', device_type: 'desktop' });
    expect(a.sign_ins[0].location).to.deep.include({ city: 'Lisbon', country: 'PT' });
  });

  it('refuses access the API refuses: domains for scoped roles, permissions for custom only, strict fields', async () => {
    const invite = (b: Record<string, unknown>) => send('POST', '/white-label/members', { email: 'new@client.test', role: 'client', all_domains: false, ...b });
    expect((await invite({})).body.errors).to.deep.equal({ domain_ids: 'role client needs at least one domain, or all_domains true' });
    expect((await invite({ domain_ids: [1, 42] })).body.errors).to.deep.equal({ 'domain_ids.1': 'is not a domain of this account' });
    expect((await invite({ role: 'custom', domain_ids: [1] })).body.errors).to.have.property('permissions');
    expect((await invite({ role: 'custom', domain_ids: [1], permissions: ['mailboxes.view', 'root'] })).body.errors).to.deep.equal({ 'permissions.1': 'is not in the access catalog' });
    expect((await invite({ domain_ids: [1], permissions: ['mailboxes.view'] })).body.errors).to.deep.equal({ permissions: 'are only for role custom' });
    const strict = await invite({ role: 'owner', phone: '1', note: 'x'.repeat(121), domain_ids: [1] });
    expect(strict.status).to.equal(422);
    expect(strict.body.errors).to.deep.equal({ phone: 'is not a field of this endpoint', role: 'must be one of client, webmail_only, domain_admin, mailbox_operator, read_only, custom', note: 'must be at most 120 characters' });
    expect((await send('PATCH', '/white-label/members/3', {})).body.error.code).to.equal('validation_failed');
    expect((await send('PATCH', '/white-label/members/3', { role: 'custom', permissions: ['webmail.access'] })).body).to.deep.include({ role: 'custom', permissions: ['webmail.access'] });
    expect((await send('POST', '/white-label/members/3:suspend', { reason: 'x' })).body.errors).to.deep.equal({ reason: 'is not a field of this endpoint' });
    const roles = (await send('GET', '/white-label/access-catalog')).body.roles.map((r: { role: string }) => r.role);
    expect(roles).to.deep.equal(['client', 'webmail_only', 'domain_admin', 'mailbox_operator', 'read_only', 'custom']);
  });

  it('a brand goes live host by host: pending DNS, then provisioning after the check, then active on the sandbox clock', async () => {
    const set = await send('PATCH', '/domains/1/branding', { mode: 'custom', name: 'Acme Mail', primary_color: '#4f46e5', dashboard_enabled: true, dashboard_label: 'portal', webmail_enabled: true, sender_email: 'noreply@demo.trekmail.test' });
    expect(set.body.data).to.deep.include({ mode: 'custom', dashboard: { enabled: true, label: 'portal', host: 'portal.demo.trekmail.test', status: 'pending_dns' } });
    expect(set.body.data.dns_records.map((r: { name: string }) => r.name)).to.deep.equal(['portal.demo.trekmail.test', 'mail.demo.trekmail.test']);
    expect((await send('POST', '/domains/1/branding/verify-dns')).body.data).to.deep.equal({ status: 'queued', hosts: ['portal.demo.trekmail.test', 'mail.demo.trekmail.test'], mail_zone: false });
    expect((await send('GET', '/domains/1/branding')).body.data.webmail.status).to.equal('provisioning');
    sb.engine.advance(HOST_WAIT_MS);
    const live = (await send('GET', '/domains/1/branding')).body.data;
    expect([live.dashboard.status, live.webmail.status, live.dns_records]).to.deep.equal(['active', 'active', []]);
    expect((await send('GET', '/white-label')).body.setup).to.deep.include({ branded_domains: 1, live_hosts: 2 });
    // A domain whose zone is not served yet keeps its hosts waiting for DNS.
    await send('PATCH', '/domains/2/branding', { mode: 'custom', name: 'News', webmail_enabled: true });
    await send('POST', '/domains/2/branding/verify-dns');
    sb.engine.advance(HOST_WAIT_MS);
    expect((await send('GET', '/domains/2/branding')).body.data.webmail.status).to.equal('pending_dns');
  });

  it('refuses brands the API refuses: colours, labels, sender domain, mail zone rule, suspended domains', async () => {
    const patch = (id: number, b: unknown) => send('PATCH', `/domains/${id}/branding`, b);
    expect((await patch(1, { primary_color: '#12345', dashboard_label: '-x', support_url: 'help' })).body.errors).to.have.keys('primary_color', 'dashboard_label', 'support_url');
    expect((await patch(1, { sender_email: 'noreply@legacy.trekmail.test' })).body.errors).to.deep.equal({ sender_email: 'must be on a domain of this account whose DKIM is verified' });
    expect((await patch(3, { mode: 'custom' })).body.errors).to.deep.equal({ name: 'is required for mode custom' });
    expect((await patch(3, { mode: 'inherit', mail_zone_enabled: true })).body.errors).to.have.property('mail_zone_enabled');
    expect((await patch(1, { webmail_label: 'portal' })).body.errors).to.deep.equal({ webmail_label: 'must differ from dashboard_label' });
    expect((await patch(4, { mode: 'custom', name: 'Old' })).body.error.code).to.equal('domain_suspended');
    expect((await patch(1, { mode: 'custom', logo: 'x', scope: 'some' })).body.errors).to.deep.equal({ logo: 'is not a field of this endpoint', scope: 'must be one of domain, account_default, all' });
  });

  it('logos: PNG, JPG (favicon also ICO) of 1 MB at most; never SVG; the brand must exist first', async () => {
    const put = (id: number, slot: string, content_base64: string) => send('PUT', `/domains/${id}/branding/logo/${slot}`, { content_base64 });
    expect((await put(3, 'light', PNG)).body.error.code).to.equal('branding_not_configured');
    const ok = (await put(1, 'light', PNG)).body.data;
    expect(ok.brand.logo_url).to.match(/^https:\/\/cdn\.trekmail\.test\/brand\/1\/light-[0-9a-f]{12}\.png$/);
    expect((await put(1, 'dark', b64([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]))).body.data.brand.logo_dark_url).to.match(/\.jpg$/);
    const ico = b64([0, 0, 1, 0, 1, 0]);
    expect((await put(1, 'favicon', ico)).body.data.brand.favicon_url).to.match(/\.ico$/);
    expect((await put(1, 'light', ico)).body.error.code).to.equal('unsupported_image_type');
    const svg = await put(1, 'light', b64(Buffer.from('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"></svg>')));
    expect([svg.status, svg.body.error.code, svg.body.error.message]).to.deep.equal([422, 'unsupported_image_type', 'SVG is not supported: upload PNG or JPG']);
    expect((await put(1, 'light', b64(Buffer.from('GIF89a')))).body.error.code).to.equal('unsupported_image_type');
    expect((await put(1, 'light', 'not-base64')).body.error.code).to.equal('invalid_base64');
    const big = Buffer.concat([Buffer.from(PNG, 'base64'), Buffer.alloc(1024 * 1024)]);
    expect((await put(1, 'light', big.toString('base64'))).body.error.code).to.equal('file_too_large');
    expect((await put(1, 'banner', PNG)).body.errors).to.deep.equal({ slot: 'must be one of light, dark, favicon' });
    expect((await send('DELETE', '/domains/1/branding/logo/dark')).body.data).to.deep.include({ slot: 'dark', removed: true });
    expect((await send('DELETE', '/domains/1/branding/logo/dark')).status).to.equal(404);
  });

  it('inherit shows the account default; removing keeps the saved brand as a draft; previews need a brand', async () => {
    await send('PATCH', '/domains/1/branding', { name: 'Acme Group', scope: 'account_default' });
    await send('PATCH', '/domains/2/branding', { mode: 'inherit' });
    expect((await send('GET', '/domains/2/branding')).body.data.brand.name).to.equal('Acme Group');
    const preview = (await send('POST', '/domains/1/branding/preview')).body.data;
    expect(preview.url).to.match(/^https:\/\/[0-9a-f]{8}\.preview\.trekmail\.test\/auto-login\?token=[0-9a-f]{24}$/);
    expect(preview.expires_in).to.equal(300);
    expect((await send('DELETE', '/domains/1/branding?scope=domain')).body.data).to.deep.equal({ scope: 'domain', mode: 'off', domain_ids: [1] });
    const off = (await send('GET', '/domains/1/branding')).body.data;
    expect([off.mode, off.saved_brand.name, off.dashboard.status]).to.deep.equal(['off', 'Acme Group', 'draft']);
    expect((await send('POST', '/domains/3/branding/preview')).body.error.code).to.equal('branding_not_configured');
    expect((await send('DELETE', '/domains/1/branding?scope=account_default')).body.errors).to.deep.equal({ scope: 'must be one of domain, all' });
  });

  it('scopes: starter tokens read only; a Nano key without them reaches nothing', async () => {
    expect((await send('GET', '/white-label', undefined, 'ops:starter')).status).to.equal(200);
    expect((await send('POST', '/domains/1/branding/verify-dns', undefined, 'ops:starter')).body.error.code).to.equal('insufficient_scope');
    expect((await send('GET', '/white-label', undefined, 'ops:nano')).body.error.code).to.equal('insufficient_scope');
    expect((await send('GET', '/white-label/members/2/activity', undefined, 'ops:nano')).body.required_scope).to.equal('activity:read&members:read');
  });

  it('without the add-on every route answers white_label_inactive, and the tools say what that means', async () => {
    const wl = demoAccount(sb.engine).subscriptions.whiteLabel;
    wl.active = false;
    try {
      for (const [method, path, body] of [['GET', '/white-label'], ['GET', '/white-label/members'], ['PATCH', '/domains/1/branding', { name: 'X' }], ['POST', '/white-label/members/2:suspend']] as const) {
        const r = await send(method, path, body);
        expect([r.status, r.body.error.code], `${method} ${path}`).to.deep.equal([403, 'white_label_inactive']);
      }
      const runtime = await sandboxRuntime(sb, ['ops:pro'], [WhitelabelPack]);
      const res = await runtime.call('get_white_label', {});
      expect(res.isError).to.equal(true);
      expect((res.structuredContent?.error as { hint: string }).hint).to.equal(`${ADDON_HINT} Subscribe to White Label in the dashboard.`);
    } finally {
      wl.active = true;
    }
    expect((await send('GET', '/white-label')).body.entitlement.state).to.equal('active');
  });
});
