import { expect } from 'chai';
import { structured } from '../../harness.js';
import type { Ctx, Result, Scenario } from './steps.js';

/** A 1×1 PNG, and an SVG the API must refuse. */
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNk+A8AAQUBAScY42YAAAAASUVORK5CYII=';
const SVG = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>').toString('base64');
const INVITEE = 'e2e.client@client-e2e.test';
/** The demo account's main domain (active, DKIM verified). */
const DOMAIN = 1;

const sc = (r: Result) => structured(r);
const member = (c: Ctx) => ({ member_id: c.saved.wlMember });
const getMember = (check: (m: any, c: Ctx) => unknown) => ({ tool: 'get_white_label_member', args: member, check: (r: Result, c: Ctx) => check(sc(r), c) });
const branding = (check: (b: any) => unknown) => ({ tool: 'get_domain_branding', args: { domain_id: DOMAIN }, check: (r: Result) => check(sc(r).data) });

/** Every whitelabel tool of wave v1.10, called through the protocol against the strict sandbox. */
export const SCENARIOS: Scenario[] = [
  {
    name: 'the add-on, the access catalog, and a member from invitation to removal and back',
    steps: [
      { tool: 'get_white_label', check: (r) => expect(sc(r).entitlement.state).to.equal('active') },
      {
        tool: 'get_white_label_access_catalog',
        check: (r, c) => {
          expect(sc(r).roles.map((x: { role: string }) => x.role)).to.include('custom');
          c.saved.wlPermissions = sc(r).roles.find((x: { role: string }) => x.role === 'client').permissions.slice(0, 2);
        },
      },
      {
        tool: 'invite_white_label_member', args: { email: INVITEE, role: 'client', all_domains: false, domain_ids: [DOMAIN], note: 'E2E client' },
        check: (r, c) => {
          expect(sc(r)).to.deep.include({ email: INVITEE, status: 'pending', note: 'E2E client' });
          expect(sc(r).invitation.url).to.match(/^https:\/\/.+\/invitations\//);
          c.saved.wlMember = sc(r).id;
          c.saved.wlUrl = sc(r).invitation.url;
        },
        // The one-time URL is not shown again by a read.
        verify: getMember((m) => expect(m).to.deep.include({ status: 'pending' }).and.not.have.property('invitation')),
      },
      {
        tool: 'list_white_label_members', args: { search: 'e2e.client', role: 'client', status: 'pending', include_removed: false, page: 1, per_page: 10 },
        check: (r, c) => expect(sc(r).data.map((m: { id: number }) => m.id)).to.deep.equal([c.saved.wlMember]),
      },
      {
        tool: 'update_white_label_member', args: (c) => ({ ...member(c), role: 'custom', permissions: c.saved.wlPermissions, note: null }),
        verify: getMember((m, c) => expect(m).to.deep.include({ role: 'custom', permissions: c.saved.wlPermissions, note: null })),
      },
      { tool: 'suspend_white_label_member', args: member, verify: getMember((m) => expect(m.status).to.equal('suspended')) },
      { tool: 'suspend_white_label_member', args: (c) => ({ ...member(c), _repeat: true }), error: /HTTP 409, membership_state_conflict/ },
      { tool: 'resume_white_label_member', args: member, verify: getMember((m) => expect(m.status).to.equal('pending')) },
      {
        tool: 'resend_white_label_invitation', args: member,
        check: (r, c) => expect(sc(r).invitation.url).to.match(/invitations\//).and.not.equal(c.saved.wlUrl),
        verify: {
          tool: 'list_white_label_activity', args: (c) => ({ ...member(c), action: 'member.invitation_resent' }),
          check: (r) => expect(sc(r).data).to.have.length(1),
        },
      },
      {
        tool: 'remove_white_label_member', args: (c) => ({ ...member(c), confirm_remove: true }),
        verify: {
          tool: 'list_white_label_members', args: { search: 'e2e.client', include_removed: true },
          check: (r) => expect(sc(r).data.map((m: { status: string }) => m.status)).to.deep.equal(['revoked']),
        },
      },
      { tool: 'restore_white_label_member', args: member, verify: getMember((m) => expect(m.status).to.equal('pending')) },
      {
        tool: 'list_white_label_activity', args: (c) => ({ ...member(c), page: 1, per_page: 50 }),
        check: (r) => expect(sc(r).data.map((a: { action: string }) => a.action)).to.deep.equal([
          'member.restored', 'member.removed', 'member.invitation_resent', 'member.resumed', 'member.suspended', 'member.updated', 'member.invited',
        ]),
      },
      {
        tool: 'get_white_label_member_activity', args: (c) => ({ ...member(c), limit: 2 }),
        check: (r) => {
          expect(sc(r).actions.map((a: { action: string }) => a.action)).to.deep.equal(['member.restored', 'member.removed']);
          expect(sc(r).sign_ins).to.deep.equal([]);
        },
      },
    ],
  },
  {
    name: 'a domain brand: fields, logos, DNS check to live hosts, preview, then off with the brand kept as a draft',
    steps: [
      branding((b) => expect(b).to.deep.include({ domain_id: DOMAIN, white_label_active: true })),
      {
        tool: 'set_domain_branding',
        args: {
          domain_id: DOMAIN, mode: 'custom', name: 'E2E Brand', primary_color: '#0f766e', accent_color: '#f59e0b', dashboard_enabled: true, dashboard_label: 'portal',
          webmail_enabled: true, webmail_label: 'webmail', mail_zone_enabled: true, support_email: 'help@demo.trekmail.test', sender_email: 'noreply@demo.trekmail.test',
          support_url: 'https://help.demo.trekmail.test/', scope: 'domain',
        },
        verify: branding((b) => {
          expect(b.brand).to.deep.include({ name: 'E2E Brand', primary_color: '#0f766e', sender_email: 'noreply@demo.trekmail.test' });
          expect(b.dashboard).to.deep.include({ host: 'portal.demo.trekmail.test', status: 'pending_dns' });
          expect(b.dns_records.map((x: { name: string }) => x.name)).to.include.members(['portal.demo.trekmail.test', 'webmail.demo.trekmail.test', 'dav.demo.trekmail.test']);
        }),
      },
      {
        tool: 'set_domain_brand_logo', args: { domain_id: DOMAIN, slot: 'light', content_base64: PNG },
        verify: branding((b) => expect(b.brand.logo_url).to.match(/^https:\/\/.+\.png$/)),
      },
      { tool: 'set_domain_brand_logo', args: { domain_id: DOMAIN, slot: 'dark', content_base64: PNG }, verify: branding((b) => expect(b.brand.logo_dark_url).to.be.a('string')) },
      { tool: 'set_domain_brand_logo', args: { domain_id: DOMAIN, slot: 'favicon', content_base64: SVG }, error: /HTTP 422, unsupported_image_type/ },
      {
        tool: 'verify_domain_branding_dns', args: { domain_id: DOMAIN },
        check: (r, c) => {
          expect(sc(r).data.status).to.equal('queued');
          // DNS and certificates take a moment on the sandbox clock.
          c.sb.engine.advance(1_000);
        },
        verify: branding((b) => {
          expect([b.dashboard.status, b.webmail.status, b.mail_zone.dav_ready, b.dns_records]).to.deep.equal(['active', 'active', true, []]);
        }),
      },
      {
        tool: 'create_branding_preview', args: { domain_id: DOMAIN },
        check: (r) => {
          expect(sc(r).data.url).to.match(/^https:\/\/.+\.preview\./);
          expect(sc(r).data.expires_in).to.be.greaterThan(0);
        },
        verify: { tool: 'list_white_label_activity', args: { action: 'branding.preview_created' }, check: (r) => expect(sc(r).data.length).to.be.greaterThan(0) },
      },
      {
        tool: 'remove_domain_brand_logo', args: { domain_id: DOMAIN, slot: 'dark' },
        verify: branding((b) => expect([b.brand.logo_url, b.brand.logo_dark_url]).to.satisfy(([l, d]: [unknown, unknown]) => typeof l === 'string' && d === null)),
      },
      {
        tool: 'remove_domain_branding', args: { domain_id: DOMAIN, scope: 'domain' },
        verify: branding((b) => expect([b.mode, b.saved_brand.name, b.dashboard.status]).to.deep.equal(['off', 'E2E Brand', 'draft'])),
      },
      { tool: 'get_white_label', check: (r) => expect(sc(r).domains.map((d: { domain_id: number }) => d.domain_id)).not.to.include(DOMAIN) },
    ],
  },
];
