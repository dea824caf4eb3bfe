import { expect } from 'chai';
import { structured } from '../../harness.js';
import { poll, type Ctx, type Result, type Scenario } from './steps.js';

/**
 * Every infra-mailboxes tool of wave v1.10, called through the protocol against the strict sandbox. The steps work on
 * a domain of their own and the mailboxes they create on it; the account-wide default they change is put back.
 */
const sc = (r: Result) => structured(r);
const DOMAIN = 'every-mailboxes.example.com';
const BACK_PASSWORD = 'Every-Regular-2032';
const mbx = (c: Ctx, key: string) => ({ mailbox_id: c.saved[key] });
const get = (key: string) => ({ tool: 'get_mailbox', args: (c: Ctx) => mbx(c, key) });
const apps = (key: string) => ({ tool: 'list_mailbox_app_passwords', args: (c: Ctx) => mbx(c, key) });
const members = { tool: 'list_shared_mailbox_members', args: (c: Ctx) => mbx(c, 'mbxTeam') };
const memberOf = (r: Result, c: Ctx, key: string) => sc(r).data.find((x: { member_mailbox_id: number }) => x.member_mailbox_id === c.saved[key]);

export const SCENARIOS: Scenario[] = [
  {
    name: 'mailboxes of a domain of its own: new-mailbox default, adopted create options, settings, Drive access, client setup, sign-in',
    steps: [
      {
        tool: 'create_domain', args: { name: DOMAIN },
        check: async (r, c) => {
          c.saved.mbxDomain = sc(r).domain.id;
          const check = sc(await c.call('dns_recheck', { domain_id: c.saved.mbxDomain })).check.id;
          await poll(c, 'get_dns_check', { check_id: check }, (x) => sc(x).check.status === 'completed');
        },
        verify: { tool: 'get_domain', args: (c) => ({ domain_id: c.saved.mbxDomain }), check: (r) => expect(sc(r).domain.status).to.equal('active') },
      },
      {
        tool: 'update_account', args: { new_mailbox_client_auth_mode: 'app_password_only' },
        check: (r) => expect(sc(r).account.new_mailbox_client_auth_mode).to.equal('app_password_only'),
      },
      // The new default applies to the next mailbox, which also gets its first app password with it.
      {
        tool: 'create_mailbox_generated_password', args: (c) => ({ domain_id: c.saved.mbxDomain, local_part: 'lead', create_app_password: true }),
        check: (r, c) => {
          expect(sc(r)).to.include({ client_auth_mode: 'app_password_only' });
          expect(sc(r).app_password.password).to.match(/^[a-z]{16}$/);
          c.saved.mbxLead = sc(r).mailbox.id;
          c.saved.mbxLeadPassword = sc(r).password;
        },
        verify: { ...apps('mbxLead'), check: (r) => expect(sc(r)).to.include({ client_auth_mode: 'app_password_only', active_count: 1 }) },
      },
      {
        tool: 'update_account', args: { new_mailbox_client_auth_mode: 'password_or_app_password' },
        verify: {
          tool: 'create_mailbox_generated_password', args: (c) => ({ domain_id: c.saved.mbxDomain, local_part: 'crew' }),
          check: (r, c) => {
            expect(sc(r)).to.include({ client_auth_mode: 'password_or_app_password' });
            c.saved.mbxCrew = sc(r).mailbox.id;
          },
        },
      },
      {
        tool: 'create_mailboxes_bulk', args: (c) => ({ items: [{ domain_id: c.saved.mbxDomain, local_part: 'desk' }], password_mode: 'generated_one_time', create_app_password: true }),
        check: (r, c) => {
          expect(sc(r).created[0].app_password.password).to.match(/^[a-z]{16}$/);
          c.saved.mbxDesk = sc(r).created[0].mailbox.id;
        },
        verify: { ...apps('mbxDesk'), check: (r) => expect(sc(r).active_count).to.equal(1) },
      },
      {
        tool: 'update_mailbox', args: (c) => ({ ...mbx(c, 'mbxLead'), display_name: 'Team Lead', conversation_view: false, drive_access: 'attachments_only' }),
        verify: { ...get('mbxLead'), check: (r) => expect(sc(r).mailbox).to.include({ display_name: 'Team Lead', conversation_view: false, drive_access: 'attachments_only' }) },
      },
      {
        tool: 'set_mailboxes_drive_access', args: (c) => ({ drive_access: 'disabled', domain_id: c.saved.mbxDomain }),
        check: (r) => expect(sc(r).data).to.include({ drive_access: 'disabled', matched: 3, updated: 3, skipped: 0 }),
        verify: { ...get('mbxCrew'), check: (r) => expect(sc(r).mailbox.drive_access).to.equal('disabled') },
      },
      {
        tool: 'get_mail_client_setup', args: (c) => ({ ...mbx(c, 'mbxLead'), lang: 'de' }),
        check: (r) => {
          expect(sc(r).data).to.include({ email: `lead@${DOMAIN}`, lang: 'de', password_source: 'app_password' });
          expect(sc(r).data.imap).to.include({ host: 'imap.trekmail.net', port: 993 });
        },
      },
      {
        tool: 'suspend_mailbox_login', args: (c) => ({ ...mbx(c, 'mbxLead'), reason: 'unpaid invoice 42' }),
        check: (r) => expect(sc(r).app_passwords_revoked).to.equal(1),
        verify: { ...get('mbxLead'), check: (r) => expect(sc(r).mailbox).to.include({ login_suspended: true, login_suspended_reason: 'unpaid invoice 42', app_passwords_count: 0 }) },
      },
      { tool: 'resume_mailbox_login', args: (c) => mbx(c, 'mbxLead'), verify: { ...get('mbxLead'), check: (r) => expect(sc(r).mailbox.login_suspended).to.equal(false) } },
      {
        tool: 'set_mailboxes_login_access', args: (c) => ({ login_suspended: true, reason: 'seasonal staff', mailbox_ids: [c.saved.mbxCrew] }),
        check: (r) => expect(sc(r).data).to.include({ login_suspended: true, matched: 1, updated: 1 }),
        verify: { ...get('mbxCrew'), check: (r) => expect(sc(r).mailbox).to.include({ login_suspended: true, login_suspended_reason: 'seasonal staff' }) },
      },
      {
        tool: 'set_mailboxes_login_access', args: (c) => ({ login_suspended: false, domain_id: c.saved.mbxDomain }),
        check: (r) => expect(sc(r).data).to.include({ matched: 3, updated: 1 }),
        verify: { ...get('mbxCrew'), check: (r) => expect(sc(r).mailbox.login_suspended).to.equal(false) },
      },
    ],
  },
  {
    name: 'app passwords of a mailbox: created, rotated, revoked; the mail-app sign-in mode for one mailbox and a domain',
    steps: [
      { tool: 'list_mailbox_app_passwords', args: (c) => mbx(c, 'mbxCrew'), check: (r) => expect(sc(r)).to.deep.include({ client_auth_mode: 'password_or_app_password', limit: 25, data: [] }) },
      {
        tool: 'create_mailbox_app_password', args: (c) => ({ ...mbx(c, 'mbxCrew'), name: 'iPhone' }),
        check: (r, c) => {
          expect(sc(r).data.password).to.match(/^[a-z]{16}$/);
          c.saved.mbxApp = sc(r).data.id;
        },
        verify: { ...apps('mbxCrew'), check: (r) => expect(sc(r).data.map((a: { name: string; active: boolean }) => [a.name, a.active])).to.deep.equal([['iPhone', true]]) },
      },
      {
        tool: 'rotate_mailbox_app_password', args: (c) => ({ ...mbx(c, 'mbxCrew'), app_password_id: c.saved.mbxApp }),
        check: (r, c) => {
          expect(sc(r)).to.include({ replaced_id: c.saved.mbxApp });
          expect(sc(r).data.password).to.match(/^[a-z]{16}$/);
          c.saved.mbxApp2 = sc(r).data.id;
        },
        verify: { ...apps('mbxCrew'), check: (r) => expect(sc(r).data.map((a: { revoked_reason: string | null }) => a.revoked_reason)).to.deep.equal(['rotated', null]) },
      },
      {
        tool: 'revoke_mailbox_app_password', args: (c) => ({ ...mbx(c, 'mbxCrew'), app_password_id: c.saved.mbxApp2 }),
        verify: { ...apps('mbxCrew'), check: (r) => expect(sc(r).active_count).to.equal(0) },
      },
      { tool: 'revoke_mailbox_app_password', args: (c) => ({ ...mbx(c, 'mbxCrew'), app_password_id: c.saved.mbxApp2, _repeat: true }), error: /HTTP 409, conflict/ },
      {
        tool: 'set_mailbox_client_auth_mode', args: (c) => ({ ...mbx(c, 'mbxCrew'), client_auth_mode: 'app_password_only' }),
        check: (r) => expect(sc(r).data).to.include({ client_auth_mode: 'app_password_only', changed: true }),
        verify: { ...apps('mbxCrew'), check: (r) => expect(sc(r).client_auth_mode).to.equal('app_password_only') },
      },
      {
        tool: 'set_mailbox_client_auth_mode', args: (c) => ({ domain_id: c.saved.mbxDomain, client_auth_mode: 'password_or_app_password' }),
        check: (r) => expect(sc(r).data).to.include({ matched: 3, updated: 2, skipped: 0 }),
        verify: { ...get('mbxLead'), check: (r) => expect(sc(r).mailbox.client_auth_mode).to.equal('password_or_app_password') },
      },
    ],
  },
  {
    name: 'shared mailboxes: one created with members, members changed, one converted to shared and back',
    steps: [
      {
        tool: 'create_shared_mailbox', args: (c) => ({ domain_id: c.saved.mbxDomain, local_part: 'team', display_name: 'Team Inbox', member_mailbox_ids: [c.saved.mbxLead] }),
        check: (r, c) => {
          expect(sc(r).mailbox).to.include({ type: 'shared', email: `team@${DOMAIN}` });
          c.saved.mbxTeam = sc(r).mailbox.id;
          c.saved.mbxLeadMember = sc(r).members[0].id;
        },
        verify: { ...members, check: (r, c) => expect(memberOf(r, c, 'mbxLead')).to.include({ can_read: true, can_send: true }) },
      },
      {
        tool: 'add_shared_mailbox_member', args: (c) => ({ ...mbx(c, 'mbxTeam'), member_mailbox_id: c.saved.mbxCrew, can_send: false }),
        check: (r, c) => void (c.saved.mbxCrewMember = sc(r).data.id),
        verify: { ...members, check: (r, c) => expect(memberOf(r, c, 'mbxCrew')).to.include({ email: `crew@${DOMAIN}`, can_send: false }) },
      },
      {
        tool: 'update_shared_mailbox_member', args: (c) => ({ ...mbx(c, 'mbxTeam'), member_id: c.saved.mbxCrewMember, can_send: true, custom_label: 'Support queue' }),
        verify: {
          tool: 'get_mail_client_setup', args: (c) => mbx(c, 'mbxCrew'),
          check: (r) => expect(sc(r).data.shared_mailboxes[0]).to.deep.include({ email: `team@${DOMAIN}`, send_as_ready: true, native_access_ready: true }),
        },
      },
      {
        tool: 'remove_shared_mailbox_member', args: (c) => ({ ...mbx(c, 'mbxTeam'), member_id: c.saved.mbxLeadMember }),
        verify: { ...members, check: (r, c) => expect(sc(r).data.map((x: { member_mailbox_id: number }) => x.member_mailbox_id)).to.deep.equal([c.saved.mbxCrew]) },
      },
      { tool: 'remove_shared_mailbox_member', args: (c) => ({ ...mbx(c, 'mbxTeam'), member_id: c.saved.mbxCrewMember }), error: /HTTP 422, last_member/ },
      {
        tool: 'convert_mailbox_to_shared', args: (c) => ({ ...mbx(c, 'mbxDesk'), member_mailbox_ids: [c.saved.mbxLead, c.saved.mbxCrew] }),
        check: (r) => expect(sc(r)).to.include({ password_rotated: true, app_passwords_revoked: 1 }),
        verify: { ...get('mbxDesk'), check: (r) => expect(sc(r).mailbox).to.include({ type: 'shared', member_count: 2 }) },
      },
      {
        tool: 'convert_shared_mailbox_to_regular', args: (c) => ({ ...mbx(c, 'mbxDesk'), password: BACK_PASSWORD }),
        check: (r) => {
          expect(sc(r).memberships_revoked).to.equal(2);
          expect(JSON.stringify(sc(r))).not.to.contain(BACK_PASSWORD);
        },
        verify: { ...get('mbxDesk'), check: (r) => expect(sc(r).mailbox).to.include({ type: 'regular', client_auth_mode: 'password_or_app_password' }) },
      },
    ],
  },
  {
    name: 'trash and restore: a deleted mailbox waits in the trash until it is restored',
    steps: [
      { tool: 'create_delete_intent', args: (c) => mbx(c, 'mbxDesk'), check: (r, c) => void (c.saved.mbxIntent = sc(r).intent.id) },
      {
        tool: 'confirm_delete_intent', args: (c) => ({ intent_id: c.saved.mbxIntent, confirm: true }),
        check: (r) => expect(sc(r)).to.include({ deleted: true, trashed: true }),
        verify: {
          tool: 'list_trashed_mailboxes', args: (c) => ({ domain_id: c.saved.mbxDomain, per_page: 10 }),
          check: (r, c) => expect(sc(r).data.map((m: { id: number; status: string }) => [m.id, m.status])).to.deep.equal([[c.saved.mbxDesk, 'trashed']]),
        },
      },
      {
        tool: 'restore_mailbox', args: (c) => mbx(c, 'mbxDesk'),
        check: (r) => expect(sc(r).restored).to.equal(true),
        verify: { ...get('mbxDesk'), check: (r) => expect(sc(r).mailbox).to.include({ email: `desk@${DOMAIN}`, status: 'active' }) },
      },
      { tool: 'list_trashed_mailboxes', args: (c) => ({ domain_id: c.saved.mbxDomain }), check: (r) => expect(sc(r).data).to.deep.equal([]) },
    ],
  },
  {
    name: "the account's sending limits; a message token narrowed, and refused a wider scope",
    steps: [
      {
        tool: 'get_sending_limits',
        check: (r) => {
          expect(sc(r).data.account).to.include({ daily_limit: 5000 });
          expect(sc(r).data.warmup.map((d: { domain: string }) => d.domain)).to.include(DOMAIN);
        },
      },
      { tool: 'enable_imap', args: (c) => ({ ...mbx(c, 'mbxLead'), password: c.saved.mbxLeadPassword }), verify: { ...get('mbxLead'), check: (r) => expect(sc(r).mailbox.imap_enabled).to.equal(true) } },
      {
        tool: 'create_message_token', args: (c) => ({ ...mbx(c, 'mbxLead'), name: 'Ticket bot', scopes: ['messages:read', 'messages:send'], expires_in: '30d' }),
        check: (r, c) => void (c.saved.mbxToken = sc(r).message_token.id),
      },
      {
        tool: 'update_message_token', args: (c) => ({ token_id: c.saved.mbxToken, scopes: ['messages:read'], expires_in: '7d', name: 'Ticket reader' }),
        verify: {
          tool: 'list_message_tokens', args: (c) => mbx(c, 'mbxLead'),
          check: (r) => expect(sc(r).data[0]).to.deep.include({ name: 'Ticket reader', scopes: ['messages:read'] }),
        },
      },
      { tool: 'update_message_token', args: (c) => ({ token_id: c.saved.mbxToken, scopes: ['messages:send'] }), error: /HTTP 422, scope_widening/ },
    ],
  },
  {
    name: 'the Apple Mail profile of a mailbox, as named base64',
    steps: [
      {
        tool: 'get_apple_mail_profile', args: (c) => ({ ...mbx(c, 'mbxLead'), lang: 'fr' }),
        check: (r, c) => {
          expect(sc(r)).to.include({ file_name: `trekmail-apple-mail-${c.saved.mbxLead}.mobileconfig`, media_type: 'application/x-apple-aspen-config', encoding: 'base64' });
          expect(Buffer.from(sc(r).content_base64, 'base64').toString('utf8')).to.contain(`lead@${DOMAIN}`);
        },
      },
    ],
  },
];
