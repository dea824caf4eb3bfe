import { DAY, demoAccount } from '../../../sandbox/account.js';
import { invalid, notFound, paginate, reply, SbError, type SandboxEngine, type SbRequest } from '../../../sandbox/engine.js';
import type { Route } from './index.js';
import {
  ACCESS, ASSIGNABLE, DOMAIN_SCOPED, domainRef, inviteUrl, log, PAGE, PER_PAGE, PERMISSIONS, ROLE_FILTER, ROLE_PERMISSIONS, token, wlState, type Member, type Status,
} from './state.js';

/** What may be done with a member in each state (the API lists it as allowed_actions). */
const NEXT: Record<Status, string[]> = {
  pending: ['update', 'suspend', 'resend_invitation', 'remove'],
  active: ['update', 'suspend', 'remove'],
  suspended: ['update', 'resume', 'remove'],
  revoked: ['restore'],
};
const INVITE_DAYS = 7;

export function memberView(engine: SandboxEngine, m: Member) {
  const owner = m.role === 'owner';
  const domains = m.allDomains ? [...demoAccount(engine).domains.keys()] : m.domainIds;
  return {
    id: m.id, email: m.email, name: m.name, role: m.role, status: m.status, all_domains: m.allDomains,
    domain_ids: m.domainIds, domains: domains.map((id) => domainRef(engine, id)),
    permissions: owner ? ['*'] : m.role === 'custom' ? m.permissions : ROLE_PERMISSIONS[m.role] ?? [],
    note: m.note, invited_at: engine.iso(m.invited), accepted_at: m.accepted ? engine.iso(m.accepted) : null,
    removed_at: m.removed ? engine.iso(m.removed) : null, active_keys: m.keys,
    // The owner's row is shown but not changed through the API.
    allowed_actions: owner ? [] : NEXT[m.status],
  };
}

/** A member of this account, or the API's 404. */
export function findMember(engine: SandboxEngine, id: string | number): Member {
  const m = wlState(engine).members.get(Number(id));
  if (!m) throw notFound('Member');
  return m;
}

/** The member, if the action is allowed in its state; the API's 403 for the owner and 409 otherwise. */
function acting(engine: SandboxEngine, id: string, action: string): Member {
  const m = findMember(engine, id);
  if (m.role === 'owner') throw new SbError(403, 'owner_immutable', "The owner's membership cannot be changed through the API");
  if (!NEXT[m.status].includes(action)) {
    throw new SbError(409, 'membership_state_conflict', `Cannot ${action.replace('_', ' ')} a ${m.status} member`, { status: m.status, allowed_actions: NEXT[m.status] }, 'get_white_label_member lists the actions allowed now.');
  }
  return m;
}

interface Access {
  role: string;
  all_domains: boolean;
  domain_ids?: number[];
  permissions?: string[];
  note?: string | null;
}

/** The cross-field rules of a member's access: domains for domain-scoped roles, permissions for custom only. */
function checkAccess(engine: SandboxEngine, a: Access, given: Partial<Access>): void {
  const errors: Record<string, string> = {};
  const domains = demoAccount(engine).domains;
  (given.domain_ids ?? []).forEach((id, i) => {
    if (!domains.has(id)) errors[`domain_ids.${i}`] = 'is not a domain of this account';
  });
  if (a.all_domains && given.domain_ids?.length) errors.domain_ids = 'must be left out when all_domains is true';
  if (!a.all_domains && DOMAIN_SCOPED.has(a.role) && !(a.domain_ids ?? []).length) errors.domain_ids = `role ${a.role} needs at least one domain, or all_domains true`;
  if (a.role === 'custom') {
    if (!(a.permissions ?? []).length) errors.permissions = 'role custom needs at least one permission from the access catalog';
    (given.permissions ?? []).forEach((p, i) => {
      if (!PERMISSIONS.includes(p)) errors[`permissions.${i}`] = 'is not in the access catalog';
    });
  } else if (given.permissions?.length) errors.permissions = 'are only for role custom';
  if (Object.keys(errors).length) throw invalid(errors);
}

const invitation = (engine: SandboxEngine, m: Member) => {
  m.inviteToken = token();
  m.invited = engine.now();
  return { invitation: { url: inviteUrl(m.inviteToken), expires_at: engine.iso(engine.now() + INVITE_DAYS * DAY) }, delivery: { status: 'sent', to: m.email } };
};

/** Members routes: invitations, access changes and the state machine pending → active ⇄ suspended → revoked. */
export function registerMembers(engine: SandboxEngine, route: Route): void {
  const s = wlState(engine);

  route('GET', '/white-label/members', 'members:read', (req) => {
    const q = req.query as Record<string, string | undefined>;
    const search = q.search?.toLowerCase();
    const rows = [...s.members.values()].filter((m) =>
      (q.include_removed === 'true' || q.include_removed === '1' || q.status === 'revoked' || m.status !== 'revoked') &&
      (!q.role || m.role === q.role) && (!q.status || m.status === q.status) &&
      (!search || m.email.includes(search) || (m.name ?? '').toLowerCase().includes(search)));
    return paginate(rows.map((m) => memberView(engine, m)), req.query, 25);
  }, { query: { search: 'string(..255)?', role: ROLE_FILTER, status: 'pending|active|suspended|revoked?', include_removed: 'bool?', page: PAGE, per_page: PER_PAGE } });

  route('GET', '/white-label/members/{member_id}', 'members:read', (req) => memberView(engine, findMember(engine, req.params.member_id)), {});

  route('POST', '/white-label/members', 'members:write', (req) => {
    const b = req.body as Access & { email: string };
    const email = b.email.toLowerCase();
    const same = [...s.members.values()].find((m) => m.email === email);
    if (same) {
      const hint = same.status === 'revoked' ? `Member ${same.id} was removed: restore_white_label_member brings them back.` : undefined;
      throw new SbError(409, 'member_exists', `${email} is already a member of this account`, { member_id: same.id }, hint);
    }
    checkAccess(engine, b, b);
    const m: Member = {
      id: s.nextMember++, email, name: null, role: b.role, status: 'pending', allDomains: b.all_domains, domainIds: b.all_domains ? [] : [...new Set(b.domain_ids ?? [])],
      permissions: b.role === 'custom' ? [...new Set(b.permissions ?? [])] : [], note: b.note ?? null, invited: engine.now(), accepted: null, keys: 0, inviteToken: null, removed: null, signIns: [],
    };
    s.members.set(m.id, m);
    const sent = invitation(engine, m);
    log(engine, req, 'member.invited', m.id, { role: m.role });
    return reply({ status: 201, body: { ...memberView(engine, m), ...sent } });
  }, { body: { email: 'email(..255)', role: ASSIGNABLE, all_domains: 'bool', ...ACCESS } });

  route('PATCH', '/white-label/members/{member_id}', 'members:write', (req) => {
    const b = req.body as Partial<Access>;
    if (!Object.keys(b).length) throw invalid({ '(body)': 'give at least one of role, all_domains, domain_ids, permissions, note' });
    const m = acting(engine, req.params.member_id, 'update');
    const role = b.role ?? m.role;
    const all = b.all_domains ?? m.allDomains;
    const next: Access = {
      role, all_domains: all, domain_ids: all ? [] : b.domain_ids ?? m.domainIds,
      permissions: role !== 'custom' ? [] : b.permissions ?? m.permissions,
    };
    checkAccess(engine, next, b);
    Object.assign(m, { role, allDomains: all, domainIds: [...new Set(next.domain_ids)], permissions: [...new Set(next.permissions)] });
    if (b.note !== undefined) m.note = b.note;
    log(engine, req, 'member.updated', m.id, { changed: Object.keys(b) });
    return memberView(engine, m);
  }, { body: { role: `${ASSIGNABLE}?`, all_domains: 'bool?', ...ACCESS } });

  /** A state change: keys the member created are revoked by suspend and remove, and never come back. */
  const transition = (verb: string, action: string, to: (m: Member) => Status, revokes: boolean) => (req: SbRequest) => {
    const m = acting(engine, req.params.member_id, action);
    const revoked = revokes ? m.keys : 0;
    if (revokes) m.keys = 0;
    m.status = to(m);
    m.removed = m.status === 'revoked' ? engine.now() : null;
    log(engine, req, `member.${verb}`, m.id, revokes ? { keys_revoked: revoked } : {});
    return { ...memberView(engine, m), ...(revokes ? { keys_revoked: revoked } : {}) };
  };
  const back = (m: Member): Status => (m.accepted ? 'active' : 'pending');
  route('POST', '/white-label/members/{member_id}:suspend', 'members:write', transition('suspended', 'suspend', () => 'suspended', true), { body: false });
  route('POST', '/white-label/members/{member_id}:resume', 'members:write', transition('resumed', 'resume', back, false), { body: false });
  route('DELETE', '/white-label/members/{member_id}', 'members:write', transition('removed', 'remove', () => 'revoked', true), {});
  route('POST', '/white-label/members/{member_id}:restore', 'members:write', transition('restored', 'restore', back, false), { body: false });

  route('POST', '/white-label/members/{member_id}:resend-invitation', 'members:write', (req) => {
    const m = acting(engine, req.params.member_id, 'resend_invitation');
    // The old link stops working: only the new one is sent.
    const sent = invitation(engine, m);
    log(engine, req, 'member.invitation_resent', m.id);
    return { ...memberView(engine, m), ...sent };
  }, { body: false });
}
