import { demoAccount } from '../../../sandbox/account.js';
import type { SandboxEngine } from '../../../sandbox/engine.js';
import { brandView, hostView } from './branding.js';
import type { Route } from './index.js';
import { PERMISSIONS, ROLE_PERMISSIONS, wlState } from './state.js';

const ROLE_LABELS: Record<string, string> = {
  client: 'Client: manages their own domains and mailboxes', webmail_only: 'Webmail only', domain_admin: 'Domain admin: DNS, mailboxes, passwords',
  mailbox_operator: 'Mailbox operator', read_only: 'Read only', custom: 'Custom: the permissions you pick',
};

/** The add-on overview and the access catalog (what the calling key may grant). */
export function registerAccount(engine: SandboxEngine, route: Route): void {
  const s = wlState(engine);
  const account = demoAccount(engine);

  route('GET', '/white-label', 'branding:read', () => {
    const wl = account.subscriptions.whiteLabel;
    const branded = [...s.brandings].filter(([, b]) => b.mode !== 'off');
    const domains = branded.map(([id, b]) => {
      const name = account.domains.get(id)?.name ?? '';
      return { domain_id: id, domain: name, mode: b.mode, dashboard: hostView(engine, id, b, 'dashboard'), webmail: hostView(engine, id, b, 'webmail') };
    });
    const live = domains.flatMap((d) => [d.dashboard, d.webmail]).filter((h) => h?.status === 'active').length;
    const team = [...s.members.values()].filter((m) => m.role !== 'owner' && m.status !== 'revoked').length;
    return {
      entitlement: { state: 'active', period: wl.period, started_at: wl.started ? engine.iso(wl.started) : null, read_only: false },
      default_brand: s.accountDefault ? brandView(s.accountDefault) : null,
      setup: { default_brand_saved: !!s.accountDefault, branded_domains: domains.length, live_hosts: live, team_members: team },
      domains,
    };
  }, {});

  route('GET', '/white-label/access-catalog', 'members:read', () => ({
    roles: Object.entries(ROLE_LABELS).map(([role, label]) => ({ role, label, domain_scoped: true, permissions: ROLE_PERMISSIONS[role] ?? [] })),
    permissions: PERMISSIONS.map((key) => ({ key, group: key.split('.')[0] })),
    domains: [...account.domains.values()].map((d) => ({ id: d.id, name: d.name, status: d.status })),
    can_grant_all_domains: true,
  }), {});
}
