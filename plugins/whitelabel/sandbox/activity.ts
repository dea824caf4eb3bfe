import { paginate, type SandboxEngine } from '../../../sandbox/engine.js';
import type { Route } from './index.js';
import { findMember } from './members.js';
import { PAGE, PER_PAGE, wlState, type Activity } from './state.js';

/** The access history of the account, and one member's actions and sign-ins. */
export function registerActivity(engine: SandboxEngine, route: Route): void {
  const s = wlState(engine);
  const view = (a: Activity) => {
    const m = a.memberId ? s.members.get(a.memberId) : undefined;
    return { id: a.id, action: a.action, actor: a.actor, member: m ? { id: m.id, email: m.email } : null, details: a.details, created_at: engine.iso(a.at) };
  };
  const newest = () => [...s.activity].reverse();

  route('GET', '/white-label/activity', 'activity:read', (req) => {
    const { action, member_id } = req.query as Record<string, string | undefined>;
    // A member filter names a member of this account (404 otherwise, as the live API answers).
    if (member_id !== undefined) findMember(engine, member_id);
    const rows = newest().filter((a) => (!action || a.action === action) && (member_id === undefined || a.memberId === Number(member_id)));
    return paginate(rows.map(view), req.query, 25);
  }, { query: { action: 'string(..64)?', member_id: 'int(1..)?', page: PAGE, per_page: PER_PAGE } });

  route('GET', '/white-label/members/{member_id}/activity', 'activity:read&members:read', (req) => {
    const m = findMember(engine, req.params.member_id);
    const limit = Number(req.query.limit ?? 20);
    const actions = newest().filter((a) => a.memberId === m.id).slice(0, limit).map(view);
    const sign_ins = [...m.signIns].sort((a, b) => b.at - a.at).slice(0, limit)
      .map((x) => ({ at: engine.iso(x.at), location: { city: x.city, country: x.country, approximate: true }, browser: x.browser, os: x.os, device_type: x.device }));
    return { member: { id: m.id, email: m.email, name: m.name, status: m.status }, limit, actions, sign_ins };
  }, { query: { limit: 'int(1..100)?' } });
}
