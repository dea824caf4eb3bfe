import { randomInt } from 'node:crypto';
import { notFound, reply, SbError, type SandboxEngine, type SbRequest } from '../../../sandbox/engine.js';
import type { Accepts } from '../../../sandbox/fields.js';
import {
  APP_PASSWORD_LIMIT, AUTH_MODE, mailboxSide, prefsOf, SELECTION, selection, sharedRefused, type AppPassword, type AuthMode,
} from './mailbox-settings.js';
import { emailOf, finders, type InfraState, type Mailbox } from './state.js';

/** What these endpoints accept (mailbox-app-passwords.ts@d81716a, client@d81716a): rotate takes no body. */
const ACCEPTS = {
  none: {},
  noBody: { body: false },
  create: { body: { name: 'string(1..64)' } },
  mode: { body: { mode: AUTH_MODE } },
  bulkMode: { body: { mode: AUTH_MODE, ...SELECTION } },
} satisfies Record<string, Accepts>;

const rowView = (engine: SandboxEngine, a: AppPassword) => ({
  id: a.id, name: a.name, created_at: engine.iso(a.created), created_via: a.via, last_used_at: a.lastUsed ? engine.iso(a.lastUsed) : null, last_used_ip: a.lastUsedIp,
  last_used_protocol: a.protocol, revoked_at: a.revokedAt ? engine.iso(a.revokedAt) : null, revoked_reason: a.revokedReason, active: a.revokedAt === null,
});

/** 16 lowercase letters, as the API makes them. */
const secret = () => Array.from({ length: 16 }, () => String.fromCharCode(97 + randomInt(26))).join('');

/** A new app password of a mailbox: the row, with its secret this once. */
export function mintAppPassword(engine: SandboxEngine, mailboxId: number, name: string): Record<string, unknown> {
  const side = mailboxSide(engine);
  const a: AppPassword = { id: side.next.appPassword++, mailboxId, name, created: engine.now(), via: 'api', lastUsed: null, lastUsedIp: null, protocol: null, revokedAt: null, revokedReason: null };
  side.appPasswords.set(a.id, a);
  return { ...rowView(engine, a), password: secret() };
}

/** App passwords (regular mailboxes that may sign in) and the mail-app sign-in mode, one mailbox or a selection. */
export function registerAppPasswords(engine: SandboxEngine, s: InfraState): void {
  const find = finders(s);
  const side = mailboxSide(engine);
  const address = (m: Mailbox) => emailOf(s, m.domainId, m.localPart);
  const regular = (req: SbRequest) => {
    const m = find.mailbox(req.params.mailbox_id);
    if (prefsOf(side, m.id).kind === 'shared') throw sharedRefused(address(m));
    return m;
  };
  /** Minting needs a mailbox that may sign in at all. */
  const eligible = (req: SbRequest) => {
    const m = regular(req);
    const why = m.status === 'paused' ? 'is paused' : prefsOf(side, m.id).login ? 'has its sign-in suspended' : undefined;
    if (why) throw new SbError(422, 'mailbox_not_eligible', `${address(m)} ${why}`, {}, 'Resume it first.');
    return m;
  };
  const row = (req: SbRequest, m: Mailbox) => {
    const a = side.appPasswords.get(Number(req.params.app_password_id));
    if (!a || a.mailboxId !== m.id) throw notFound('App password');
    if (a.revokedAt !== null) throw new SbError(409, 'conflict', `App password ${a.id} was already revoked`, {}, 'Create a new one with create_mailbox_app_password.');
    return a;
  };
  const active = (id: number) => [...side.appPasswords.values()].filter((a) => a.mailboxId === id && a.revokedAt === null);
  const shown = 'Give this password to the user now: it is not shown again.';

  engine.route('GET', '/mailboxes/{mailbox_id}/app-passwords', 'mailboxes:read', (req) => {
    const m = regular(req);
    const rows = [...side.appPasswords.values()].filter((a) => a.mailboxId === m.id);
    return { mailbox_id: m.id, client_auth_mode: prefsOf(side, m.id).clientAuthMode, limit: APP_PASSWORD_LIMIT, active_count: active(m.id).length, data: rows.map((a) => rowView(engine, a)) };
  }, { accepts: ACCEPTS.none });

  engine.route('POST', '/mailboxes/{mailbox_id}/app-passwords', 'mailboxes:write', (req) => {
    const m = eligible(req);
    if (active(m.id).length >= APP_PASSWORD_LIMIT) {
      throw new SbError(422, 'app_password_limit_reached', `${address(m)} has ${APP_PASSWORD_LIMIT} active app passwords`, { limit: APP_PASSWORD_LIMIT }, 'Revoke an unused one first.');
    }
    return reply({ status: 201, body: { data: mintAppPassword(engine, m.id, req.body.name), message: shown } });
  }, { accepts: ACCEPTS.create, replayWithout: ['data.password'] });

  engine.route('POST', '/mailboxes/{mailbox_id}/app-passwords/{app_password_id}:rotate', 'mailboxes:write', (req) => {
    const m = eligible(req);
    const old = row(req, m);
    old.revokedAt = engine.now();
    old.revokedReason = 'rotated';
    return { data: mintAppPassword(engine, m.id, old.name), replaced_id: old.id, message: shown };
  }, { accepts: ACCEPTS.noBody, replayWithout: ['data.password'] });

  engine.route('DELETE', '/mailboxes/{mailbox_id}/app-passwords/{app_password_id}', 'mailboxes:write', (req) => {
    const m = find.mailbox(req.params.mailbox_id);
    const a = row(req, m);
    a.revokedAt = engine.now();
    a.revokedReason = 'revoked_by_admin';
    return { data: rowView(engine, a) };
  }, { accepts: ACCEPTS.none });

  engine.route('POST', '/mailboxes/{mailbox_id}:client-auth-mode', 'mailboxes:write', (req) => {
    const m = regular(req);
    const p = prefsOf(side, m.id);
    const changed = p.clientAuthMode !== req.body.mode;
    p.clientAuthMode = req.body.mode as AuthMode;
    return { data: { mailbox_id: m.id, client_auth_mode: p.clientAuthMode, changed } };
  }, { accepts: ACCEPTS.mode });

  engine.route('POST', '/mailboxes:client-auth-mode', 'mailboxes:write', (req) => {
    const matched = selection(s, req.body);
    if (matched.length > 1000) throw new SbError(422, 'selection_too_large', `The selection matches ${matched.length} mailboxes; 1000 at most`);
    let updated = 0;
    let skipped = 0;
    for (const m of matched) {
      const p = prefsOf(side, m.id);
      if (p.kind === 'shared') skipped++;
      else if (p.clientAuthMode !== req.body.mode) {
        p.clientAuthMode = req.body.mode as AuthMode;
        updated++;
      }
    }
    return { data: { client_auth_mode: req.body.mode, matched: matched.length, updated, skipped } };
  }, { accepts: ACCEPTS.bulkMode });
}
