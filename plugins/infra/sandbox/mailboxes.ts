import { randomBytes } from 'node:crypto';
import { notFound, paginate, reply, SbError, type SandboxEngine, type SbRequest } from '../../../sandbox/engine.js';
import type { Accepts } from '../../../sandbox/fields.js';
import { ACCEPTS } from './accepts.js';
import { mintAppPassword } from './app-passwords.js';
import { mailboxSide, mailboxView, prefsOf, revokeAppPasswords, sharedRefused, trashedList, trashMailbox, type AuthMode } from './mailbox-settings.js';
import {
  addressTaken, Checks, DAY, emailOf, finders, INTENT_TTL_MS, isLocalPart, isStrongPassword, PLAN_LIMITS, planOf, taken, WEAK_PASSWORD,
  type DeleteIntent, type InfraState, type Invite, type Mailbox, type MessageToken,
} from './state.js';

/** Token narrowing (message-tokens.ts@0c26ca4, client@d81716a): at least one field, checked by the handler. */
const NARROW: Accepts = { body: { scopes: 'messages:read|messages:write|messages:send[1..3]?', expires_in: '1h|2h|4h|8h|7d|30d|90d?', name: 'string(1..255)?' } };
const NARROW_TTL: Record<string, number> = { '1h': 3_600_000, '2h': 7_200_000, '4h': 14_400_000, '8h': 28_800_000, '7d': 7 * DAY, '30d': 30 * DAY, '90d': 90 * DAY };

const EXPIRES_IN: Record<string, number | null> = { '7d': 7 * DAY, '30d': 30 * DAY, '90d': 90 * DAY, never: null };
const DEFAULT_STORAGE_MB = 5120;

const suspended = (name: string) => new SbError(409, 'domain_suspended', `${name} is suspended`, {}, 'Use an active domain (list_domains status=active).');

/**
 * One new mailbox, or an SbError saying why not: single, bulk and shared creation share the API's checks. `shared`
 * mailboxes have no password of their own.
 */
export function createMailbox(engine: SandboxEngine, s: InfraState, req: SbRequest, item: Record<string, unknown>, mode: unknown, shared = false): { mailbox: Mailbox; generated?: string } {
  const generated = mode === 'generated_one_time';
  new Checks()
    .need(isLocalPart(item.local_part), 'local_part', 'must use only a-z, 0-9, dot, hyphen and underscore')
    .need(shared || (generated ? item.password === undefined : isStrongPassword(item.password)), 'password', generated ? 'must be omitted with generated_one_time' : WEAK_PASSWORD)
    .done();
  const d = finders(s).domain(item.domain_id as number);
  if (d.status === 'suspended') throw suspended(d.name);
  if (d.mailHosting === 'external') throw new SbError(409, 'domain_mail_external', `${d.name} keeps its mail at another provider: it hosts no mailboxes`);
  const email = emailOf(s, d.id, item.local_part as string);
  if (addressTaken(s, email, engine.now())) throw taken(email);
  const limit = PLAN_LIMITS[planOf(req)].mailboxes;
  if (s.mailboxes.size >= limit) throw new SbError(422, 'plan_limit_reached', `The ${planOf(req)} plan allows ${limit} mailboxes`, { limit, current: s.mailboxes.size });
  const now = engine.now();
  // Generated passwords meet the same rule as supplied ones (the prefix guarantees upper, lower and digit).
  const pw = shared || generated ? `Tm7-${randomBytes(12).toString('base64url')}` : (item.password as string);
  const storage = item.storage_allocation_mb as number | undefined;
  const m: Mailbox = {
    id: s.account.next.mailbox++, domainId: d.id, localPart: String(item.local_part), displayName: (item.display_name as string | undefined) ?? null, status: 'active',
    storageMb: storage ?? DEFAULT_STORAGE_MB, usedMb: 0, imap: false, note: null, created: now, passwordChangedAt: now, password: shared ? null : pw,
  };
  s.mailboxes.set(m.id, m);
  const side = mailboxSide(engine);
  const p = prefsOf(side, m.id);
  p.clientAuthMode = (item.client_auth_mode as AuthMode | undefined) ?? side.newMailboxAuthMode;
  if (shared) Object.assign(p, { kind: 'shared', storageShared: item.storage_shared !== false });
  return { mailbox: m, generated: generated && !shared ? pw : undefined };
}

/** Mailboxes and their life cycle: create (one, bulk, invites), password, IMAP, pause, two-step delete, message tokens. */
export function registerMailboxes(engine: SandboxEngine, s: InfraState): void {
  const find = finders(s);
  const side = mailboxSide(engine);
  const view = (m: Mailbox) => mailboxView(engine, s, m);
  const inviteView = (i: Invite) => ({
    id: i.id, email: emailOf(s, i.domainId, i.localPart), domain_id: i.domainId, local_part: i.localPart, recipient_email: i.recipient,
    status: i.expires > engine.now() ? 'pending' : 'expired', storage_allocation_mb: i.storageMb, expires_at: engine.iso(i.expires), created_at: engine.iso(i.created),
  });

  const create = (req: SbRequest, item: Record<string, unknown>, mode: unknown) => createMailbox(engine, s, req, item, mode);
  /** create_app_password: the new mailbox's first app password, shown once with it. */
  const withAppPassword = (m: Mailbox, asked: unknown) => (asked === true ? { app_password: mintAppPassword(engine, m.id, 'Created with the mailbox') } : {});
  const invite = (item: Record<string, unknown>, domainId: unknown, hours: unknown): Invite => {
    new Checks().need(isLocalPart(item.local_part), 'local_part', 'must use only a-z, 0-9, dot, hyphen and underscore').done();
    const d = find.domain(domainId as number);
    if (d.status === 'suspended') throw suspended(d.name);
    const email = emailOf(s, d.id, item.local_part as string);
    if (addressTaken(s, email, engine.now())) throw taken(email);
    const now = engine.now();
    const i: Invite = {
      id: s.next.invite++, domainId: d.id, localPart: String(item.local_part), recipient: item.recipient_email as string,
      expires: now + ((hours as number | undefined) ?? 72) * 3_600_000, storageMb: (item.storage_allocation_mb as number | undefined) ?? DEFAULT_STORAGE_MB, created: now,
    };
    s.invites.set(i.id, i);
    return i;
  };
  const failure = (err: unknown) => {
    if (!(err instanceof SbError)) throw err;
    return { code: err.code, message: err.message, ...(err.extra.errors ? { errors: err.extra.errors } : {}) };
  };
  engine.route('GET', '/mailboxes', 'mailboxes:read', (req) => {
    if (req.query.status === 'trashed') return trashedList(engine, s, req.query);
    let list = [...s.mailboxes.values()];
    if (req.query.domain_id) list = list.filter((m) => m.domainId === Number(req.query.domain_id));
    if (req.query.status) list = list.filter((m) => m.status === req.query.status);
    const q = typeof req.query.search === 'string' ? req.query.search.toLowerCase() : undefined;
    if (q) list = list.filter((m) => emailOf(s, m.domainId, m.localPart).includes(q) || (m.displayName ?? '').toLowerCase().includes(q));
    return paginate(list.map(view), req.query);
  }, { accepts: ACCEPTS.mailboxes });

  engine.route('GET', '/mailboxes/{mailbox_id}', 'mailboxes:read', (req) => ({ mailbox: view(find.mailbox(req.params.mailbox_id)) }), { accepts: ACCEPTS.none });

  engine.route('POST', '/mailboxes', 'mailboxes:create', (req) => {
    const { mailbox, generated } = create(req, req.body, req.body.password_mode);
    const body: Record<string, unknown> = { mailbox: view(mailbox), password_mode: req.body.password_mode ?? 'user_supplied', client_auth_mode: prefsOf(side, mailbox.id).clientAuthMode };
    if (generated) Object.assign(body, { password: generated, notice: 'This password is shown once; give it to the mailbox owner now.' });
    Object.assign(body, withAppPassword(mailbox, req.body.create_app_password));
    return reply({ status: 201, body });
  }, { accepts: ACCEPTS.createMailbox });

  engine.route('POST', '/mailboxes:bulk', 'mailboxes:create', (req) => {
    const items = req.body.items as Record<string, unknown>[];
    const created: unknown[] = [];
    const failed: unknown[] = [];
    items.forEach((item, index) => {
      try {
        const { mailbox, generated } = create(req, item, req.body.password_mode);
        created.push({ index, mailbox: view(mailbox), ...(generated ? { one_time_password: generated } : {}), ...withAppPassword(mailbox, req.body.create_app_password) });
      } catch (err) {
        failed.push({ index, local_part: item.local_part, ...failure(err) });
      }
    });
    const summary = { requested: items.length, created: created.length, failed: failed.length };
    // The API's statuses: 200 all created, 207 some, 422 none.
    if (!created.length) throw new SbError(422, 'validation_failed', 'No mailbox was created', { created, failed, summary });
    return reply({ status: failed.length ? 207 : 200, body: { created, failed, summary } });
  }, { accepts: ACCEPTS.bulkMailboxes });

  engine.route('POST', '/mailboxes/{mailbox_id}/password', 'mailboxes:write', (req) => {
    const m = find.mailbox(req.params.mailbox_id);
    if (prefsOf(side, m.id).kind === 'shared') throw sharedRefused(emailOf(s, m.domainId, m.localPart));
    new Checks().need(isStrongPassword(req.body.password), 'password', WEAK_PASSWORD).done();
    m.password = req.body.password;
    m.passwordChangedAt = engine.now();
    // A reset revokes every app password of the mailbox.
    const revoked = revokeAppPasswords(engine, side, m.id, 'mailbox_password_reset');
    return { mailbox_id: m.id, password_changed_at: engine.iso(m.passwordChangedAt), sessions_revoked: true, app_passwords_revoked: revoked };
  }, { accepts: ACCEPTS.password });

  engine.route('PATCH', '/mailboxes/{mailbox_id}/note', 'mailboxes:write', (req) => {
    const m = find.mailbox(req.params.mailbox_id);
    m.note = req.body.note;
    return { mailbox_id: m.id, note: m.note };
  }, { accepts: ACCEPTS.note });

  engine.route('POST', '/mailboxes/{mailbox_id}:pause', 'mailboxes:write', (req) => {
    const m = find.mailbox(req.params.mailbox_id);
    if (m.status === 'paused') throw new SbError(409, 'already_paused', `${emailOf(s, m.domainId, m.localPart)} is already paused`);
    m.status = 'paused';
    return { mailbox: view(m) };
  }, { accepts: ACCEPTS.noBody });

  engine.route('POST', '/mailboxes/{mailbox_id}:resume', 'mailboxes:write', (req) => {
    const m = find.mailbox(req.params.mailbox_id);
    if (m.status === 'active') throw new SbError(409, 'not_paused', `${emailOf(s, m.domainId, m.localPart)} is not paused`);
    m.status = 'active';
    return { mailbox: view(m) };
  }, { accepts: ACCEPTS.noBody });

  engine.route('POST', '/mailboxes/{mailbox_id}/enable-imap', 'mailboxes:write', (req) => {
    const m = find.mailbox(req.params.mailbox_id);
    // The API checks the current password; the emulator can only where it knows it (the demo mailbox, API-made ones).
    if (m.password !== null && req.body.password !== m.password) {
      throw new SbError(422, 'invalid_password', 'The password is not the current password of this mailbox', {}, 'Give the mailbox\'s current password, or set one with change_mailbox_password.');
    }
    m.imap = true;
    return { mailbox_id: m.id, imap_enabled: true, imap: { host: 'imap.trekmail.net', port: 993, security: 'ssl', username: emailOf(s, m.domainId, m.localPart) } };
  }, { accepts: ACCEPTS.enableImap });

  engine.route('POST', '/mailboxes/invites', 'mailboxes:invites:create', (req) => {
    const i = invite(req.body, req.body.domain_id, req.body.expires_in_hours);
    return reply({ status: 201, body: { invite: inviteView(i) } });
  }, { accepts: ACCEPTS.invite });

  engine.route('POST', '/mailboxes/invites:bulk', 'mailboxes:invites:create', (req) => {
    const items = req.body.items as Record<string, unknown>[];
    const created: unknown[] = [];
    const failed: unknown[] = [];
    items.forEach((item, index) => {
      try {
        created.push({ index, invite: inviteView(invite(item, item.domain_id ?? req.body.domain_id, req.body.expires_in_hours)) });
      } catch (err) {
        failed.push({ index, local_part: item.local_part, ...failure(err) });
      }
    });
    return { created, failed, summary: { requested: items.length, created: created.length, failed: failed.length } };
  }, { accepts: ACCEPTS.invites });

  // Two-step delete: an intent that expires, then a confirmation that must carry X-Confirm-Delete: true.
  const intentView = (i: DeleteIntent) => ({
    id: i.id, mailbox_id: i.mailboxId, email: i.email, status: i.confirmedAt ? 'confirmed' : engine.now() >= i.expires ? 'expired' : 'pending',
    created_at: engine.iso(i.created), expires_at: engine.iso(i.expires),
  });

  engine.route('POST', '/mailboxes/{mailbox_id}:delete-intent', 'mailboxes:delete', (req) => {
    const m = find.mailbox(req.params.mailbox_id);
    const now = engine.now();
    const i: DeleteIntent = { id: s.next.intent++, mailboxId: m.id, email: emailOf(s, m.domainId, m.localPart), created: now, expires: now + INTENT_TTL_MS };
    s.intents.set(i.id, i);
    return reply({
      status: 201,
      body: { intent: intentView(i), warning: `Confirming moves ${i.email} and its mail to the trash; it is purged after 7 days.`, next_steps: `POST /delete-intents/${i.id}:confirm with header X-Confirm-Delete: true before ${engine.iso(i.expires)}.` },
    });
  }, { accepts: ACCEPTS.noBody });

  engine.route('POST', '/delete-intents/{intent_id}:confirm', 'mailboxes:delete', (req) => {
    const i = s.intents.get(Number(req.params.intent_id));
    if (!i) throw notFound('Delete intent');
    if (String(req.headers['x-confirm-delete'] ?? '').toLowerCase() !== 'true') {
      throw new SbError(428, 'confirmation_required', 'Deleting a mailbox needs the header X-Confirm-Delete: true', {}, 'Send the confirmation with X-Confirm-Delete: true.');
    }
    if (i.confirmedAt) throw new SbError(409, 'intent_already_used', `Delete intent ${i.id} was already confirmed`);
    if (engine.now() >= i.expires) throw new SbError(410, 'intent_expired', `Delete intent ${i.id} expired at ${engine.iso(i.expires)}`, {}, 'Create a new delete intent.');
    const m = s.mailboxes.get(i.mailboxId);
    if (!m) throw notFound('Mailbox');
    i.confirmedAt = engine.now();
    const t = trashMailbox(engine, s, m);
    return { deleted: true, trashed: true, mailbox_id: m.id, email: i.email, deleted_at: engine.iso(i.confirmedAt), purge_at: engine.iso(t.purgeAt), intent: intentView(i) };
  }, { accepts: ACCEPTS.noBody });

  // Message tokens: a created token really works against this emulator until it is revoked.
  const tokenView = (t: MessageToken) => ({
    id: t.id, mailbox_id: t.mailboxId, name: t.name, scopes: [...t.scopes], last_four: t.lastFour, created_at: engine.iso(t.created),
    expires_at: t.expires ? engine.iso(t.expires) : null, last_used_at: t.lastUsed ? engine.iso(t.lastUsed) : null,
  });
  const revoke = (id: number, t: MessageToken) => {
    if (t.secret) engine.tokens.delete(t.secret);
    s.tokens.delete(id);
  };

  engine.route('GET', '/mailboxes/{mailbox_id}/message-tokens', 'mailboxes:message-tokens:manage', (req) => {
    const m = find.mailbox(req.params.mailbox_id);
    return paginate([...s.tokens.values()].filter((t) => t.mailboxId === m.id).map(tokenView), req.query, 20, 20);
  }, { accepts: ACCEPTS.tokens });

  engine.route('POST', '/mailboxes/{mailbox_id}/message-tokens', 'mailboxes:message-tokens:manage', (req) => {
    const m = find.mailbox(req.params.mailbox_id);
    const { name, scopes, expires_in } = req.body;
    if (!m.imap) throw new SbError(409, 'imap_not_enabled', `IMAP is off for ${emailOf(s, m.domainId, m.localPart)}`, {}, 'Turn it on with enable_imap first.');
    const ttl = expires_in === undefined ? null : EXPIRES_IN[expires_in as string];
    const now = engine.now();
    const secret = `tm_msg_${randomBytes(20).toString('hex')}`;
    const t: MessageToken = {
      id: s.next.token++, mailboxId: m.id, name, scopes: [...new Set(scopes as string[])], lastFour: secret.slice(-4), created: now,
      expires: ttl === null ? null : now + ttl, lastUsed: null, secret,
    };
    s.tokens.set(t.id, t);
    engine.addToken({ token: secret, kind: 'message', plan: req.token.plan, scopes: new Set(t.scopes), mailboxId: m.id, label: `message-token:${t.id}` });
    return reply({ status: 201, body: { message_token: tokenView(t), token: secret, notice: 'Store this token now; it is not shown again.' } });
  }, { accepts: ACCEPTS.createToken });

  engine.route('DELETE', '/message-tokens/{token_id}', 'mailboxes:message-tokens:manage', (req) => {
    const t = s.tokens.get(Number(req.params.token_id));
    if (!t) throw notFound('Message token');
    revoke(t.id, t);
    return { revoked: true, id: t.id, name: t.name };
  }, { accepts: ACCEPTS.none });

  // Narrowing only: a subset of the scopes, an expiry sooner than the current one, a new name.
  engine.route('PATCH', '/message-tokens/{token_id}', 'mailboxes:message-tokens:manage', (req) => {
    const t = s.tokens.get(Number(req.params.token_id));
    if (!t) throw notFound('Message token');
    const { scopes, expires_in, name } = req.body;
    if (scopes === undefined && expires_in === undefined && name === undefined) throw new SbError(422, 'nothing_to_update', 'Give scopes, expires_in or name');
    const wider = ((scopes ?? []) as string[]).filter((x) => !t.scopes.includes(x));
    if (wider.length) throw new SbError(422, 'scope_widening', `A token can only lose scopes; it does not hold ${wider.join(', ')}`, { current_scopes: t.scopes }, 'Create a new token for more scopes.');
    const expires = expires_in === undefined ? t.expires : engine.now() + NARROW_TTL[expires_in as string];
    if (t.expires !== null && expires !== null && expires > t.expires) throw new SbError(422, 'expiry_extension', 'A token can only expire sooner', { expires_at: engine.iso(t.expires) });
    if (scopes) {
      t.scopes = [...new Set(scopes as string[])];
      if (t.secret) {
        const live = engine.tokens.get(t.secret);
        if (live) live.scopes = new Set(t.scopes);
      }
    }
    t.expires = expires;
    if (name !== undefined) t.name = name;
    return { message_token: tokenView(t) };
  }, { accepts: NARROW });
}
