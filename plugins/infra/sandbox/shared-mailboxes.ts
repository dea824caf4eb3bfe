import { randomBytes } from 'node:crypto';
import { notFound, reply, SbError, type SandboxEngine, type SbRequest } from '../../../sandbox/engine.js';
import type { Accepts } from '../../../sandbox/fields.js';
import { mailboxSide, mailboxView, prefsOf, revokeAppPasswords, type Membership } from './mailbox-settings.js';
import { createMailbox } from './mailboxes.js';
import { Checks, emailOf, finders, isStrongPassword, WEAK_PASSWORD, type InfraState, type Mailbox } from './state.js';

/** What these endpoints accept (shared-mailbox-members.ts@6b6c851, shared-mailbox-lifecycle.ts@868d817, client@d81716a). */
const IDS = 'int(1..)[1..]';
const ACCEPTS = {
  none: {},
  add: { body: { member_mailbox_id: 'int(1..)', can_send: 'bool?' } },
  update: { body: { can_send: 'bool', custom_label: 'string(..120)?' } },
  create: {
    body: {
      domain_id: 'int(1..)', local_part: 'string(1..64)', display_name: 'string(1..255)', member_mailbox_ids: IDS, storage_shared: 'bool?', storage_mb: 'int(1..)?',
    },
  },
  toShared: { body: { member_mailbox_ids: IDS } },
  toRegular: { body: { password: 'string(1..255)' } },
} satisfies Record<string, Accepts>;

/** Shared (team) mailboxes: created or converted, their members, and back to regular. */
export function registerSharedMailboxes(engine: SandboxEngine, s: InfraState): void {
  const find = finders(s);
  const side = mailboxSide(engine);
  const address = (m: Mailbox) => emailOf(s, m.domainId, m.localPart);
  const memberView = (x: Membership) => {
    const m = s.mailboxes.get(x.memberId);
    return {
      id: x.id, shared_mailbox_id: x.sharedId, member_mailbox_id: x.memberId, email: m ? address(m) : null, display_name: m?.displayName ?? null,
      can_read: true, can_send: x.canSend, custom_label: x.label, created_at: engine.iso(x.created),
    };
  };
  const membersOf = (id: number) => [...side.members.values()].filter((x) => x.sharedId === id);
  const shared = (req: SbRequest) => {
    const m = find.mailbox(req.params.mailbox_id);
    if (prefsOf(side, m.id).kind !== 'shared') throw new SbError(422, 'not_shared_mailbox', `${address(m)} is a regular mailbox`, {}, 'Convert it with convert_mailbox_to_shared first.');
    return m;
  };
  /** Members are other regular mailboxes of the account. */
  const memberOk = (sharedId: number, id: number, field: string) => {
    const m = s.mailboxes.get(id);
    if (!m) throw new SbError(422, 'validation_failed', `Mailbox ${id} is not on this account`, { errors: { [field]: `mailbox ${id} not found` } });
    if (id === sharedId) throw new SbError(422, 'validation_failed', 'A shared mailbox cannot be its own member', { errors: { [field]: 'is the shared mailbox itself' } });
    if (prefsOf(side, id).kind === 'shared') throw new SbError(422, 'validation_failed', `${address(m)} is itself shared`, { errors: { [field]: 'must be a regular mailbox' } });
    return m;
  };
  const join = (sharedId: number, memberId: number, canSend = true): Membership => {
    const x: Membership = { id: side.next.member++, sharedId, memberId, canSend, label: null, created: engine.now() };
    side.members.set(x.id, x);
    return x;
  };
  const membership = (req: SbRequest, m: Mailbox) => {
    const x = side.members.get(Number(req.params.member_id));
    if (!x || x.sharedId !== m.id) throw notFound('Member');
    return x;
  };

  engine.route('GET', '/mailboxes/{mailbox_id}/members', 'mailboxes:read', (req) => ({ data: membersOf(shared(req).id).map(memberView) }), { accepts: ACCEPTS.none });

  engine.route('POST', '/mailboxes/{mailbox_id}/members', 'mailboxes:write', (req) => {
    const m = shared(req);
    const member = memberOk(m.id, req.body.member_mailbox_id, 'member_mailbox_id');
    if (membersOf(m.id).some((x) => x.memberId === member.id)) throw new SbError(409, 'already_member', `${address(member)} is already a member of ${address(m)}`);
    return reply({ status: 201, body: { data: memberView(join(m.id, member.id, req.body.can_send ?? true)) } });
  }, { accepts: ACCEPTS.add });

  engine.route('PATCH', '/mailboxes/{mailbox_id}/members/{member_id}', 'mailboxes:write', (req) => {
    const x = membership(req, shared(req));
    x.canSend = req.body.can_send;
    if (req.body.custom_label !== undefined) x.label = req.body.custom_label === '' ? null : req.body.custom_label;
    return { data: memberView(x) };
  }, { accepts: ACCEPTS.update });

  engine.route('DELETE', '/mailboxes/{mailbox_id}/members/{member_id}', 'mailboxes:write', (req) => {
    const m = shared(req);
    const x = membership(req, m);
    if (membersOf(m.id).length === 1) throw new SbError(422, 'last_member', `${address(m)} needs at least one member`, {}, 'Add another member first, or convert it back with convert_shared_mailbox_to_regular.');
    side.members.delete(x.id);
    return reply({ status: 204 });
  }, { accepts: ACCEPTS.none });

  engine.route('POST', '/shared-mailboxes', 'mailboxes:create', (req) => {
    const { storage_shared: pooled, storage_mb: mb } = req.body;
    new Checks().need(pooled !== false || mb !== undefined, 'storage_mb', 'is required when storage_shared is false').done();
    const ids = [...new Set(req.body.member_mailbox_ids as number[])];
    ids.forEach((id, i) => memberOk(0, id, `member_mailbox_ids.${i}`));
    const { domain_id, local_part, display_name } = req.body;
    const { mailbox } = createMailbox(engine, s, req, { domain_id, local_part, display_name, storage_shared: pooled, storage_allocation_mb: pooled === false ? mb : undefined }, 'generated_one_time', true);
    for (const id of ids) join(mailbox.id, id);
    return reply({ status: 201, body: { mailbox: mailboxView(engine, s, mailbox), members: membersOf(mailbox.id).map(memberView) } });
  }, { accepts: ACCEPTS.create });

  engine.route('POST', '/mailboxes/{mailbox_id}/convert-to-shared', 'mailboxes:write', (req) => {
    const m = find.mailbox(req.params.mailbox_id);
    const p = prefsOf(side, m.id);
    if (p.kind === 'shared') throw new SbError(409, 'already_shared', `${address(m)} is already shared`);
    const ids = [...new Set(req.body.member_mailbox_ids as number[])];
    ids.forEach((id, i) => memberOk(m.id, id, `member_mailbox_ids.${i}`));
    // Direct login ends: the password is rotated to one nobody knows, app passwords and memberships of it go.
    m.password = `Tm7-${randomBytes(12).toString('base64url')}`;
    m.passwordChangedAt = engine.now();
    const revoked = revokeAppPasswords(engine, side, m.id, 'converted_to_shared');
    for (const [k, x] of side.members) if (x.memberId === m.id) side.members.delete(k);
    Object.assign(p, { kind: 'shared', login: null, storageShared: true });
    for (const id of ids) join(m.id, id);
    return { mailbox: mailboxView(engine, s, m), members: membersOf(m.id).map(memberView), password_rotated: true, app_passwords_revoked: revoked };
  }, { accepts: ACCEPTS.toShared });

  engine.route('POST', '/mailboxes/{mailbox_id}/convert-to-regular', 'mailboxes:write', (req) => {
    const m = shared(req);
    new Checks().need(isStrongPassword(req.body.password), 'password', WEAK_PASSWORD).done();
    const gone = membersOf(m.id);
    for (const x of gone) side.members.delete(x.id);
    prefsOf(side, m.id).kind = 'regular';
    m.password = req.body.password;
    m.passwordChangedAt = engine.now();
    return { mailbox: mailboxView(engine, s, m), memberships_revoked: gone.length };
  }, { accepts: ACCEPTS.toRegular });
}
