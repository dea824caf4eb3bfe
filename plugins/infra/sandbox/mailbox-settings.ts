import { revokeMailboxCredentials } from '../../../sandbox/account.js';
import { notFound, paginate, reply, SbError, type SandboxEngine, type SbRequest } from '../../../sandbox/engine.js';
import type { Accepts } from '../../../sandbox/fields.js';
import { DAY, emailOf, finders, PLAN_LIMITS, planOf, taken, type InfraState, type Mailbox } from './state.js';

/**
 * What these endpoints accept (official client@d81716a and tools mailboxes.ts@d81716a, mail-client-setup.ts@8f38323,
 * delete-intents.ts@18a5602, account.ts@d81716a). Bulk selections: exactly one selector, checked by the handler.
 */
const ID = 'int(1..)';
const LANG = 'en|es|fr|de|pt|it|nl|ru|zh|ja|ko|ar|he?';
const DRIVE = 'full|attachments_only|disabled';
export const AUTH_MODE = 'app_password_only|password_or_app_password';
export const SELECTION = { mailbox_ids: `${ID}[1..1000]?`, domain_id: `${ID}?`, all: 'true?' };
const ACCEPTS = {
  none: {},
  noBody: { body: false },
  lang: { query: { lang: LANG } },
  update: { body: { display_name: 'string(..255)|null?', conversation_view: 'bool?', drive_access: `${DRIVE}?` } },
  driveAccess: { body: { drive_access: DRIVE, ...SELECTION } },
  suspend: { body: { reason: 'string(..255)?' } },
  loginAccess: { body: { login_suspended: 'bool', reason: 'string(..255)?', ...SELECTION } },
  account: { body: { new_mailbox_client_auth_mode: AUTH_MODE } },
} satisfies Record<string, Accepts>;

export type AuthMode = 'app_password_only' | 'password_or_app_password';
/** What the mailbox side adds to a mailbox of the shared account (absent: the defaults of a regular mailbox). */
export interface Prefs {
  kind: 'regular' | 'shared';
  conversationView: boolean;
  driveAccess: 'full' | 'attachments_only' | 'disabled';
  clientAuthMode: AuthMode;
  login: { reason: string | null; at: number } | null;
  storageShared: boolean;
}
export interface Membership { id: number; sharedId: number; memberId: number; canSend: boolean; label: string | null; created: number }
export interface AppPassword {
  id: number; mailboxId: number; name: string; created: number; via: 'api' | 'webmail'; lastUsed: number | null; lastUsedIp: string | null;
  protocol: string | null; revokedAt: number | null; revokedReason: string | null;
}
/** A deleted mailbox waits here until its retention ends; restore_mailbox puts it back. */
export interface Trashed { mailbox: Mailbox; at: number; purgeAt: number }
export interface MailboxSide {
  prefs: Map<number, Prefs>;
  members: Map<number, Membership>;
  appPasswords: Map<number, AppPassword>;
  trash: Map<number, Trashed>;
  newMailboxAuthMode: AuthMode;
  next: { member: number; appPassword: number };
}

export const RETENTION_MS = 7 * DAY;
export const APP_PASSWORD_LIMIT = 25;

/** The mailbox side's own store: shared mailboxes, memberships, app passwords, sign-in, the trash. */
export const mailboxSide = (engine: SandboxEngine): MailboxSide =>
  engine.store('infra-mailbox-side', () => {
    const t0 = engine.now();
    const side: MailboxSide = { prefs: new Map(), members: new Map(), appPasswords: new Map(), trash: new Map(), newMailboxAuthMode: 'password_or_app_password', next: { member: 1, appPassword: 2 } };
    side.appPasswords.set(1, { id: 1, mailboxId: 1, name: 'Thunderbird on the desk', created: t0 - 30 * DAY, via: 'webmail', lastUsed: t0 - DAY, lastUsedIp: '203.0.113.10', protocol: 'imap', revokedAt: null, revokedReason: null });
    return side;
  });

export function prefsOf(side: MailboxSide, id: number): Prefs {
  let p = side.prefs.get(id);
  if (!p) side.prefs.set(id, (p = { kind: 'regular', conversationView: true, driveAccess: 'full', clientAuthMode: 'password_or_app_password', login: null, storageShared: true }));
  return p;
}

/** Revokes every active app password of a mailbox; answers how many. */
export function revokeAppPasswords(engine: SandboxEngine, side: MailboxSide, mailboxId: number, reason: string): number {
  let n = 0;
  for (const a of side.appPasswords.values()) {
    if (a.mailboxId !== mailboxId || a.revokedAt !== null) continue;
    a.revokedAt = engine.now();
    a.revokedReason = reason;
    n++;
  }
  return n;
}

/** A mailbox as the API shows it, with the mailbox side's fields. */
export function mailboxView(engine: SandboxEngine, s: InfraState, m: Mailbox): Record<string, unknown> {
  const side = mailboxSide(engine);
  const p = prefsOf(side, m.id);
  const shared = p.kind === 'shared';
  return {
    id: m.id, email: emailOf(s, m.domainId, m.localPart), domain_id: m.domainId, local_part: m.localPart, display_name: m.displayName, type: p.kind, status: m.status,
    storage_allocation_mb: m.storageMb, storage_used_mb: m.usedMb, imap_enabled: m.imap, note: m.note,
    alias_count: [...s.aliases.values()].filter((a) => a.mailboxId === m.id).length,
    conversation_view: p.conversationView, drive_access: shared ? null : p.driveAccess, client_auth_mode: shared ? null : p.clientAuthMode,
    app_passwords_count: [...side.appPasswords.values()].filter((a) => a.mailboxId === m.id && a.revokedAt === null).length,
    login_suspended: !!p.login, login_suspended_reason: p.login?.reason ?? null, login_suspended_at: p.login ? engine.iso(p.login.at) : null,
    ...(shared ? { member_count: [...side.members.values()].filter((x) => x.sharedId === m.id).length, storage_shared: p.storageShared } : {}),
    created_at: engine.iso(m.created),
  };
}

/** The mailboxes of a bulk selection (exactly one selector), or the API's 422. */
export function selection(s: InfraState, body: Record<string, unknown>): Mailbox[] {
  const given = ['mailbox_ids', 'domain_id', 'all'].filter((k) => body[k] !== undefined);
  if (given.length !== 1) throw new SbError(422, 'invalid_selection', 'Choose exactly one of mailbox_ids, domain_id or all.', { given });
  if (body.mailbox_ids) return [...new Set(body.mailbox_ids as number[])].map((id) => s.mailboxes.get(id)).filter((m): m is Mailbox => !!m);
  if (body.domain_id !== undefined) {
    finders(s).domain(body.domain_id as number);
    return [...s.mailboxes.values()].filter((m) => m.domainId === body.domain_id);
  }
  return [...s.mailboxes.values()];
}

export const sharedRefused = (what: string) => new SbError(422, 'shared_mailbox', `${what} is a shared mailbox`, {}, 'Use one of its member mailboxes (list_shared_mailbox_members).');

/** Moves a mailbox to the trash: it leaves the account's list, its message tokens stop, its memberships end. */
export function trashMailbox(engine: SandboxEngine, s: InfraState, m: Mailbox): Trashed {
  const side = mailboxSide(engine);
  s.mailboxes.delete(m.id);
  for (const [id, t] of s.tokens) {
    if (t.mailboxId !== m.id) continue;
    if (t.secret) engine.tokens.delete(t.secret);
    s.tokens.delete(id);
  }
  for (const [id, x] of side.members) if (x.memberId === m.id) side.members.delete(id);
  const t: Trashed = { mailbox: m, at: engine.now(), purgeAt: engine.now() + RETENTION_MS };
  side.trash.set(m.id, t);
  return t;
}

/** Purges what outlived its retention, with everything attached to it. */
export function sweepTrash(engine: SandboxEngine, s: InfraState): void {
  const side = mailboxSide(engine);
  for (const [id, t] of side.trash) {
    if (t.purgeAt > engine.now()) continue;
    side.trash.delete(id);
    for (const [k, a] of s.aliases) if (a.mailboxId === id) s.aliases.delete(k);
    for (const [k, r] of s.rules) if (r.mailboxId === id) s.rules.delete(k);
    for (const [k, a] of side.appPasswords) if (a.mailboxId === id) side.appPasswords.delete(k);
    for (const [k, x] of side.members) if (x.sharedId === id) side.members.delete(k);
    s.forwarding.delete(id);
    s.autoReply.delete(id);
    s.sieve.delete(id);
    side.prefs.delete(id);
  }
}

const GUIDE_TITLE: Record<string, string> = {
  en: 'Add the account', es: 'Añade la cuenta', fr: 'Ajoutez le compte', de: 'Konto hinzufügen', pt: 'Adicione a conta', it: "Aggiungi l'account", nl: 'Voeg het account toe',
  ru: 'Добавьте учётную запись', zh: '添加帐户', ja: 'アカウントを追加', ko: '계정 추가', ar: 'أضف الحساب', he: 'הוסיפו את החשבון',
};
const IMAP = { host: 'imap.trekmail.net', port: 993, security: 'ssl' };
const SMTP = { host: 'smtp.trekmail.net', port: 465, security: 'ssl', alternatives: [{ port: 587, security: 'starttls' }] };

/** Mailbox settings and client setup, bulk Drive access, sign-in, trash and restore, account settings, sending limits. */
export function registerMailboxSettings(engine: SandboxEngine, s: InfraState): void {
  const find = finders(s);
  const side = mailboxSide(engine);
  const regular = (req: SbRequest) => {
    const m = find.mailbox(req.params.mailbox_id);
    if (prefsOf(side, m.id).kind === 'shared') throw sharedRefused(emailOf(s, m.domainId, m.localPart));
    return m;
  };
  const ready = (m: Mailbox) => {
    const d = find.domain(m.domainId);
    if (d.status !== 'active' || d.mailHosting === 'external') throw new SbError(409, 'mail_not_ready', `Mail for ${d.name} is not ready yet (${d.status})`, {}, 'Finish the DNS setup (dns_recheck) first.');
  };

  engine.route('PATCH', '/mailboxes/{mailbox_id}', 'mailboxes:write', (req) => {
    const m = find.mailbox(req.params.mailbox_id);
    const p = prefsOf(side, m.id);
    if (req.body.drive_access !== undefined && p.kind === 'shared') throw sharedRefused(emailOf(s, m.domainId, m.localPart));
    if (req.body.display_name !== undefined) m.displayName = req.body.display_name;
    if (req.body.conversation_view !== undefined) p.conversationView = req.body.conversation_view;
    if (req.body.drive_access !== undefined) p.driveAccess = req.body.drive_access;
    return { mailbox: mailboxView(engine, s, m) };
  }, { accepts: ACCEPTS.update });

  engine.route('POST', '/mailboxes:drive-access', 'mailboxes:write', (req) => {
    const matched = selection(s, req.body);
    let updated = 0;
    let skipped = 0;
    for (const m of matched) {
      const p = prefsOf(side, m.id);
      if (p.kind === 'shared') skipped++;
      else if (p.driveAccess !== req.body.drive_access) {
        p.driveAccess = req.body.drive_access;
        updated++;
      }
    }
    return { data: { drive_access: req.body.drive_access, matched: matched.length, updated, skipped } };
  }, { accepts: ACCEPTS.driveAccess });

  engine.route('GET', '/mailboxes/{mailbox_id}/client-setup', 'mailboxes:read', (req) => {
    const m = regular(req);
    const email = emailOf(s, m.domainId, m.localPart);
    const lang = String(req.query.lang ?? 'en');
    const appOnly = prefsOf(side, m.id).clientAuthMode === 'app_password_only';
    const delegated = [...side.members.values()].filter((x) => x.memberId === m.id).map((x) => {
      const sm = s.mailboxes.get(x.sharedId);
      const address = sm ? emailOf(s, sm.domainId, sm.localPart) : 'unknown';
      const root = `Shared/${address}`;
      return {
        mailbox_id: x.sharedId, email: address, native_access_ready: true, send_as_ready: x.canSend, send_as_reason: x.canSend ? null : 'no_send_permission',
        folders: { inbox: `${root}/INBOX`, sent: `${root}/Sent`, archive: `${root}/Archive`, junk: `${root}/Junk` }, smtp_saves_sent_copy: true,
      };
    });
    return {
      data: {
        mailbox_id: m.id, email, username: email, lang, password_source: appOnly ? 'app_password' : 'mailbox_password',
        accepted_passwords: appOnly ? ['app_password'] : ['mailbox_password', 'app_password'], imap: IMAP, smtp: SMTP,
        guides: ['gmail', 'outlook', 'apple_mail', 'thunderbird', 'other'].map((app) => ({ app, title: GUIDE_TITLE[lang] ?? GUIDE_TITLE.en, steps: 3 })),
        shared_mailboxes: delegated,
      },
    };
  }, { accepts: ACCEPTS.lang });

  engine.route('GET', '/mailboxes/{mailbox_id}/apple-mail-profile', 'mailboxes:read', (req) => {
    const m = regular(req);
    ready(m);
    const email = emailOf(s, m.domainId, m.localPart);
    const plist = `<?xml version="1.0" encoding="UTF-8"?>\n<plist version="1.0"><dict><key>PayloadDisplayName</key><string>${email}</string>`
      + `<key>IncomingMailServerHostName</key><string>${IMAP.host}</string><key>OutgoingMailServerHostName</key><string>${SMTP.host}</string>`
      + `<key>EmailAddress</key><string>${email}</string><key>PayloadLanguage</key><string>${req.query.lang ?? 'en'}</string></dict></plist>\n`;
    return reply({ text: plist, contentType: 'application/x-apple-aspen-config', headers: { 'content-disposition': `attachment; filename="trekmail-apple-mail-${m.id}.mobileconfig"` } });
  }, { accepts: ACCEPTS.lang });

  // Sign-in suspension: delivery goes on; app passwords are revoked, not paused.
  engine.route('POST', '/mailboxes/{mailbox_id}:suspend-login', 'mailboxes:write', (req) => {
    const m = regular(req);
    const p = prefsOf(side, m.id);
    if (p.login) throw new SbError(409, 'login_already_suspended', `Sign-in of ${emailOf(s, m.domainId, m.localPart)} is already suspended`);
    p.login = { reason: req.body.reason ?? null, at: engine.now() };
    const revoked = revokeAppPasswords(engine, side, m.id, 'login_suspended');
    const devices = revokeMailboxCredentials(s.account, m.id, 'login_suspended');
    return { mailbox: mailboxView(engine, s, m), app_passwords_revoked: revoked, drive_devices_revoked: devices };
  }, { accepts: ACCEPTS.suspend });

  engine.route('POST', '/mailboxes/{mailbox_id}:resume-login', 'mailboxes:write', (req) => {
    const m = regular(req);
    const p = prefsOf(side, m.id);
    if (!p.login) throw new SbError(409, 'login_not_suspended', `Sign-in of ${emailOf(s, m.domainId, m.localPart)} is not suspended`);
    p.login = null;
    return { mailbox: mailboxView(engine, s, m) };
  }, { accepts: ACCEPTS.noBody });

  engine.route('POST', '/mailboxes:login-access', 'mailboxes:write', (req) => {
    const matched = selection(s, req.body);
    const suspend = req.body.login_suspended === true;
    let updated = 0;
    let skipped = 0;
    for (const m of matched) {
      const p = prefsOf(side, m.id);
      if (p.kind === 'shared' || m.status === 'paused') skipped++;
      else if (!!p.login !== suspend) {
        p.login = suspend ? { reason: req.body.reason ?? null, at: engine.now() } : null;
        if (suspend) {
          revokeAppPasswords(engine, side, m.id, 'login_suspended');
          revokeMailboxCredentials(s.account, m.id, 'login_suspended');
        }
        updated++;
      }
    }
    return { data: { login_suspended: suspend, matched: matched.length, updated, skipped } };
  }, { accepts: ACCEPTS.loginAccess });

  engine.route('POST', '/mailboxes/{mailbox_id}:restore', 'mailboxes:delete', (req) => {
    sweepTrash(engine, s);
    const t = side.trash.get(Number(req.params.mailbox_id));
    if (!t) throw s.mailboxes.has(Number(req.params.mailbox_id)) ? new SbError(409, 'not_trashed', 'This mailbox is not in the trash') : notFound('Trashed mailbox');
    const m = t.mailbox;
    const email = emailOf(s, m.domainId, m.localPart);
    if (!s.domains.has(m.domainId)) throw new SbError(409, 'domain_gone', `The domain of ${email} is no longer on the account`);
    // Its own aliases waited in the trash with it; anything else holding the address blocks the restore.
    const clash = [...s.mailboxes.values()].some((x) => emailOf(s, x.domainId, x.localPart) === email)
      || [...s.aliases.values()].some((a) => a.mailboxId !== m.id && emailOf(s, a.domainId, a.localPart) === email)
      || [...s.invites.values()].some((i) => i.expires > engine.now() && emailOf(s, i.domainId, i.localPart) === email);
    if (clash) throw taken(email);
    const limit = PLAN_LIMITS[planOf(req)].mailboxes;
    if (s.mailboxes.size >= limit) throw new SbError(422, 'plan_limit_reached', `The ${planOf(req)} plan allows ${limit} mailboxes`, { limit, current: s.mailboxes.size });
    side.trash.delete(m.id);
    s.mailboxes.set(m.id, m);
    return { restored: true, mailbox: mailboxView(engine, s, m) };
  }, { accepts: ACCEPTS.noBody });

  engine.route('PATCH', '/account', 'mailboxes:write', (req) => {
    side.newMailboxAuthMode = req.body.new_mailbox_client_auth_mode;
    return { account: { id: engine.account.id, new_mailbox_client_auth_mode: side.newMailboxAuthMode } };
  }, { accepts: ACCEPTS.account });

  engine.route('GET', '/sending-limits', 'account:read', (req) => {
    const plan = planOf(req);
    const daily = { nano: 0, starter: 500, pro: 5000, agency: 25000 }[plan];
    const now = engine.now();
    const tomorrow = new Date(new Date(now).toISOString().slice(0, 10) + 'T00:00:00Z').getTime() + DAY;
    // A domain in its first week warms up: its own allowance doubles every two days from 100.
    const warmup = [...s.domains.values()].filter((d) => now - d.created < 7 * DAY && d.status !== 'suspended').map((d) => ({
      domain_id: d.id, domain: d.name, daily_limit: Math.min(daily, 100 * 2 ** Math.floor((now - d.created) / (2 * DAY))), ends_at: engine.iso(d.created + 7 * DAY),
      steps: [2, 4, 6].map((n) => ({ from: engine.iso(d.created + n * DAY), daily_limit: Math.min(daily, 100 * 2 ** (n / 2)) })),
    }));
    return {
      data: {
        plan, counts: 'recipients', resets_at: engine.iso(tomorrow), account: { daily_limit: daily, used_today: 0, remaining_today: daily, forwarded_included: true },
        causes: [], warmup, after_payment: null,
      },
    };
  }, { accepts: ACCEPTS.none });
}

/** GET /mailboxes?status=trashed: the trash, newest first, 50 a page by default. */
export function trashedList(engine: SandboxEngine, s: InfraState, query: SbRequest['query']) {
  sweepTrash(engine, s);
  let list = [...mailboxSide(engine).trash.values()].sort((a, b) => b.at - a.at);
  if (query.domain_id) list = list.filter((t) => t.mailbox.domainId === Number(query.domain_id));
  const q = typeof query.search === 'string' ? query.search.toLowerCase() : undefined;
  if (q) list = list.filter((t) => emailOf(s, t.mailbox.domainId, t.mailbox.localPart).includes(q));
  const rows = list.map((t) => ({ ...mailboxView(engine, s, t.mailbox), status: 'trashed', trashed_at: engine.iso(t.at), purge_at: engine.iso(t.purgeAt) }));
  return paginate(rows, query, 50);
}
