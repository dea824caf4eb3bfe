import { expect } from 'chai';
import { packSpec } from '../../../core/plugin-api.js';
import { startSandbox, type Sandbox } from '../../../sandbox/server.js';
import { rawApi } from '../../../test/e2e.js';
import { sandboxRuntime, type CallResult, type ToolRuntime } from '../../../test/harness.js';
import { InfraPack } from '../infra.plugin.js';
import { APP_PASSWORD_LIMIT, RETENTION_MS } from './mailbox-settings.js';

const spec = packSpec(InfraPack)!;
const PASSWORD = 'Side-Spec-Pass-2031';

/**
 * The mailbox side of the infra emulator (wave v1.10): its routes accept only the API's fields, and its handlers keep
 * the API's rules: one selector per bulk call, shared mailboxes without sign-in, app password limits, the trash.
 */
describe('infra sandbox: the mailbox side (shared mailboxes, sign-in, app passwords, trash, tokens)', function () {
  this.timeout(15_000);
  let sb: Sandbox;
  let rt: ToolRuntime;
  let send: ReturnType<typeof rawApi>;
  const ok = async (name: string, args: Record<string, unknown> = {}): Promise<any> => {
    const res: CallResult = await rt.call(name, args);
    expect(res.isError, `${name}: ${res.content[0]?.text}`).to.not.equal(true);
    return res.structuredContent;
  };
  const fails = async (name: string, args: Record<string, unknown>): Promise<string> => {
    const res = await rt.call(name, args);
    expect(res.isError, name).to.equal(true);
    return res.content[0].text;
  };
  // `repeat`: a deliberate repeat of an identical earlier call (else the derived idempotency key gets the API's replay).
  const mailbox = async (local: string, repeat = false): Promise<number> => (await ok('create_mailbox_generated_password', { domain_id: 1, local_part: local, ...(repeat ? { _repeat: true } : {}) })).mailbox.id;

  beforeEach(async () => {
    sb = await startSandbox({ packs: [spec] });
    rt = await sandboxRuntime(sb, ['ops:pro'], [InfraPack], { TREKMAIL_ALLOW_DESTRUCTIVE: 'true', TREKMAIL_CONFIRM: 'flag' });
    send = rawApi(sb);
  });
  afterEach(async () => {
    await sb?.close();
  });

  it('the routes refuse what the API does not take, field by field, before any effect', async () => {
    const drive = await send('POST', '/mailboxes:drive-access', { drive_access: 'some', all: false, extra: 1 });
    expect(drive.status).to.equal(422);
    expect((drive.body as any).errors).to.deep.equal({ drive_access: 'must be one of full, attachments_only, disabled', all: 'must be true when given', extra: 'is not a field of this endpoint' });
    expect(((await send('POST', '/mailboxes/1:client-auth-mode', { client_auth_mode: 'app_password_only' })).body as any).errors).to.deep.equal({ client_auth_mode: 'is not a field of this endpoint', mode: 'is required' });
    expect(((await send('POST', '/mailboxes/1/app-passwords/1:rotate', { name: 'x' })).body as any).errors).to.deep.equal({ name: 'is not a field of this endpoint' });
    expect(((await send('POST', '/shared-mailboxes', { domain_id: 1, local_part: 'team', member_mailbox_ids: [] })).body as any).errors).to.deep.equal({ display_name: 'is required', member_mailbox_ids: 'must have at least 1 item(s)' });
    expect(((await send('PATCH', '/message-tokens/1', { expires_in: 'never' })).body as any).errors).to.deep.equal({ expires_in: 'must be one of 1h, 2h, 4h, 8h, 7d, 30d, 90d' });
    expect(((await send('GET', '/mailboxes/1/client-setup?lang=xx')).body as any).errors).to.deep.equal({ lang: 'must be one of en, es, fr, de, pt, it, nl, ru, zh, ja, ko, ar, he' });
    expect(sb.engine.stats.executions['POST /mailboxes:drive-access'] ?? 0).to.equal(0);
  });

  it('a bulk selection takes exactly one selector; shared and paused mailboxes are skipped by sign-in changes', async () => {
    const two = await send('POST', '/mailboxes:login-access', { login_suspended: true, mailbox_ids: [1], all: true });
    expect(two.status).to.equal(422);
    expect((two.body as any).error.code).to.equal('invalid_selection');
    expect(((await send('POST', '/mailboxes:client-auth-mode', { mode: 'app_password_only' })).body as any).error.code).to.equal('invalid_selection');
    // Domain 3 holds the paused archive mailbox (4): skipped, not suspended.
    expect((await ok('set_mailboxes_login_access', { login_suspended: true, domain_id: 3 })).data).to.deep.equal({ login_suspended: true, matched: 1, updated: 0, skipped: 1 });
    const shared = (await ok('create_shared_mailbox', { domain_id: 1, local_part: 'team', display_name: 'Team', member_mailbox_ids: [2] })).mailbox.id;
    expect((await ok('set_mailboxes_drive_access', { drive_access: 'disabled', mailbox_ids: [2, shared] })).data).to.include({ matched: 2, updated: 1, skipped: 1 });
    expect(await fails('suspend_mailbox_login', { mailbox_id: shared })).to.contain('HTTP 422, shared_mailbox');
    expect(await fails('update_mailbox', { mailbox_id: shared, drive_access: 'full' })).to.contain('HTTP 422, shared_mailbox');
  });

  it('shared mailboxes: members are other regular mailboxes, once each, and the last one stays', async () => {
    const team = await ok('create_shared_mailbox', { domain_id: 1, local_part: 'team', display_name: 'Team', member_mailbox_ids: [2], storage_shared: false, storage_mb: 1024 });
    expect(team.mailbox).to.include({ type: 'shared', storage_allocation_mb: 1024, storage_shared: false, member_count: 1 });
    const id = team.mailbox.id;
    expect(await fails('add_shared_mailbox_member', { mailbox_id: id, member_mailbox_id: id })).to.contain('is the shared mailbox itself');
    expect(await fails('add_shared_mailbox_member', { mailbox_id: id, member_mailbox_id: 2 })).to.contain('HTTP 409, already_member');
    expect(await fails('add_shared_mailbox_member', { mailbox_id: 1, member_mailbox_id: 2 })).to.contain('HTTP 422, not_shared_mailbox');
    expect(await fails('remove_shared_mailbox_member', { mailbox_id: id, member_id: team.members[0].id })).to.contain('HTTP 422, last_member');
    expect(await fails('list_mailbox_app_passwords', { mailbox_id: id })).to.contain('HTTP 422, shared_mailbox');
    expect(await fails('change_mailbox_password', { mailbox_id: id, password: PASSWORD })).to.contain('HTTP 422, shared_mailbox');
    expect(await fails('convert_mailbox_to_shared', { mailbox_id: 3, member_mailbox_ids: [id] })).to.contain('must be a regular mailbox');
    expect(await fails('convert_shared_mailbox_to_regular', { mailbox_id: 3, password: PASSWORD })).to.contain('not_shared_mailbox');
  });

  it('app passwords: 25 active at most, none for a paused mailbox; a password reset or a conversion revokes them', async () => {
    const id = await mailbox('apps');
    for (let i = 0; i < APP_PASSWORD_LIMIT; i++) await ok('create_mailbox_app_password', { mailbox_id: id, name: `device ${i}` });
    expect(await fails('create_mailbox_app_password', { mailbox_id: id, name: 'one more' })).to.contain('HTTP 422, app_password_limit_reached');
    expect(await ok('change_mailbox_password', { mailbox_id: id, password: PASSWORD })).to.include({ app_passwords_revoked: APP_PASSWORD_LIMIT });
    const rows = (await ok('list_mailbox_app_passwords', { mailbox_id: id })).data;
    expect(rows.every((r: any) => r.revoked_reason === 'mailbox_password_reset' && !r.active && !('password' in r))).to.equal(true);
    expect(await fails('rotate_mailbox_app_password', { mailbox_id: id, app_password_id: rows[0].id })).to.contain('HTTP 409, conflict');
    await ok('pause_mailbox', { mailbox_id: id });
    expect(await fails('create_mailbox_app_password', { mailbox_id: id, name: 'paused' })).to.contain('HTTP 422, mailbox_not_eligible');
    await ok('resume_mailbox', { mailbox_id: id });
    await ok('create_mailbox_app_password', { mailbox_id: id, name: 'laptop' });
    expect(await ok('convert_mailbox_to_shared', { mailbox_id: id, member_mailbox_ids: [2] })).to.include({ app_passwords_revoked: 1 });
  });

  it('the trash: a deleted mailbox is listed with its purge date, restored while it waits, purged after the retention', async () => {
    const id = await mailbox('leaving');
    await ok('create_alias', { mailbox_id: id, local_part: 'leaving.alias', domain_id: 1 });
    const del = async (repeat = false) => {
      const again = repeat ? { _repeat: true } : {};
      return ok('confirm_delete_intent', { intent_id: (await ok('create_delete_intent', { mailbox_id: id, ...again })).intent.id, confirm: true, ...again });
    };
    expect(await del()).to.include({ trashed: true });
    const trashed = (await ok('list_trashed_mailboxes', { domain_id: 1 })).data;
    expect(trashed.map((m: any) => [m.id, m.status])).to.deep.equal([[id, 'trashed']]);
    expect(Date.parse(trashed[0].purge_at) - Date.parse(trashed[0].trashed_at)).to.equal(RETENTION_MS);
    expect((await ok('list_mailboxes', { domain_id: 1 })).data.map((m: any) => m.id)).not.to.include(id);
    expect((await ok('restore_mailbox', { mailbox_id: id })).mailbox.alias_count).to.equal(1);
    expect(await fails('restore_mailbox', { mailbox_id: id, _repeat: true })).to.contain('HTTP 409, not_trashed');
    expect(await del(true)).to.include({ trashed: true });
    expect((await ok('list_trashed_mailboxes', { domain_id: 1 })).data.map((m: any) => m.id)).to.deep.equal([id]);
    sb.engine.advance(RETENTION_MS + 1000);
    expect((await ok('list_trashed_mailboxes', {})).data).to.deep.equal([]);
    expect(await fails('restore_mailbox', { mailbox_id: id, _repeat: true })).to.contain('HTTP 404');
    // The purge took the alias with it: its address is free again.
    expect((await ok('create_mailbox_generated_password', { domain_id: 1, local_part: 'leaving.alias' })).mailbox.email).to.equal('leaving.alias@demo.trekmail.test');
  });

  it('a restore is refused when its address was taken meanwhile', async () => {
    const id = await mailbox('reused');
    await ok('confirm_delete_intent', { intent_id: (await ok('create_delete_intent', { mailbox_id: id })).intent.id, confirm: true });
    await mailbox('reused', true);
    expect(await fails('restore_mailbox', { mailbox_id: id })).to.contain('HTTP 409, address_taken');
  });

  it('message tokens only narrow, and the live token loses what it gave up', async () => {
    await ok('enable_imap', { mailbox_id: 1, password: 'Demo-Password-2030' });
    const made = await ok('create_message_token', { mailbox_id: 1, name: 'Bot', scopes: ['messages:read', 'messages:send'], expires_in: '7d' });
    const id = made.message_token.id;
    expect(await fails('update_message_token', { token_id: id, expires_in: '30d' })).to.contain('HTTP 422, expiry_extension');
    expect(await fails('update_message_token', { token_id: id, scopes: ['messages:write'] })).to.contain('HTTP 422, scope_widening');
    expect((await ok('update_message_token', { token_id: id, scopes: ['messages:read'], expires_in: '1h' })).message_token).to.include({ name: 'Bot' }).and.deep.include({ scopes: ['messages:read'] });
    expect([...sb.engine.tokens.get(made.token)!.scopes]).to.deep.equal(['messages:read']);
  });

  it('client setup and the Apple profile: settings without passwords; a profile only once mail is ready', async () => {
    const setup = (await ok('get_mail_client_setup', { mailbox_id: 2, lang: 'es' })).data;
    expect(setup).to.include({ email: 'sales@demo.trekmail.test', password_source: 'mailbox_password', lang: 'es' });
    expect(JSON.stringify(setup)).not.to.match(/"password"\s*:/);
    const res = await fetch(`${sb.url}/api/v1/mailboxes/2/apple-mail-profile?lang=es`, { headers: { authorization: `Bearer ${sb.allTokens['ops:pro']}`, accept: 'application/x-apple-aspen-config, application/json' } });
    expect(res.headers.get('content-type')).to.equal('application/x-apple-aspen-config');
    expect(res.headers.get('content-disposition')).to.equal('attachment; filename="trekmail-apple-mail-2.mobileconfig"');
    expect(await res.text()).to.contain('<string>sales@demo.trekmail.test</string>');
    const pending = (await ok('create_mailbox_generated_password', { domain_id: 2, local_part: 'early' })).mailbox.id;
    expect((await send('GET', `/mailboxes/${pending}/apple-mail-profile`)).status).to.equal(409);
  });

  it('sending limits follow the plan; a domain in its first week warms up', async () => {
    const starter = (await send('GET', '/sending-limits', undefined, 'ops:starter')).body as any;
    expect(starter.data.account).to.include({ daily_limit: 500, remaining_today: 500 });
    expect(starter.data.warmup.map((d: any) => d.domain)).to.deep.equal(['newsletter.trekmail.test']);
    expect((await ok('get_sending_limits')).data.account.daily_limit).to.equal(5000);
  });
});
