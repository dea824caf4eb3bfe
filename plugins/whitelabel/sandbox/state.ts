import { randomBytes } from 'node:crypto';
import { DAY, demoAccount } from '../../../sandbox/account.js';
import { SbError, type SandboxEngine, type SbRequest } from '../../../sandbox/engine.js';
import type { Fields } from '../../../sandbox/fields.js';

/** The API's White Label fields (its facts, from the official client and tool files; not our tool classes). */
export const ASSIGNABLE = 'client|webmail_only|domain_admin|mailbox_operator|read_only|custom';
export const ROLE_FILTER = 'owner|account_manager|domain_admin|client|webmail_only|mailbox_operator|support_agent|billing_manager|read_only|custom?';
export const ACCESS: Fields = { domain_ids: 'int(1..)[..500]?', permissions: 'string(1..100)[..200]?', note: 'string(..120)|null?' };
export const PAGE = 'int(1..)?';
export const PER_PAGE = 'int(1..100)?';
export const OPTS = { writePlan: 'nano' as const };

export type Status = 'pending' | 'active' | 'suspended' | 'revoked';
export interface Member {
  id: number;
  email: string;
  name: string | null;
  role: string;
  status: Status;
  allDomains: boolean;
  domainIds: number[];
  permissions: string[];
  note: string | null;
  invited: number;
  accepted: number | null;
  /** Keys (API and mailbox) the member created; suspend and remove revoke them for good. */
  keys: number;
  /** The current invitation's token (pending members); a resend replaces it. */
  inviteToken: string | null;
  removed: number | null;
  signIns: { at: number; city: string; country: string; browser: string; os: string; device: string }[];
}
export interface Activity {
  id: number;
  action: string;
  actor: { type: string; name: string };
  memberId: number | null;
  details: Record<string, unknown>;
  at: number;
}
export type Slot = 'light' | 'dark' | 'favicon';
export interface Brand {
  name: string | null;
  primary_color: string | null;
  accent_color: string | null;
  support_email: string | null;
  sender_email: string | null;
  support_url: string | null;
  logos: Partial<Record<Slot, string>>;
}
export interface Branding {
  mode: 'off' | 'inherit' | 'custom';
  brand: Brand;
  dashboard: { enabled: boolean; label: string };
  webmail: { enabled: boolean; label: string };
  mailZone: boolean;
  /** When the last DNS check was queued; hosts go live a moment later if the domain's DNS resolves. */
  verifyQueued: number | null;
  updated: number;
}
export interface WhiteLabelState {
  members: Map<number, Member>;
  nextMember: number;
  activity: Activity[];
  nextActivity: number;
  brandings: Map<number, Branding>;
  accountDefault: Brand | null;
}

/** Roles whose access is a list of domains unless all_domains is set. */
export const DOMAIN_SCOPED = new Set(['client', 'webmail_only', 'domain_admin', 'mailbox_operator', 'read_only', 'custom']);
/** What each assignable role may do (the access catalog); custom takes a list from PERMISSIONS. */
export const ROLE_PERMISSIONS: Record<string, string[]> = {
  client: ['domains.view', 'mailboxes.view', 'mailboxes.manage', 'webmail.access'],
  webmail_only: ['webmail.access'],
  domain_admin: ['domains.view', 'domains.manage', 'dns.view', 'mailboxes.view', 'mailboxes.manage', 'mailboxes.passwords', 'webmail.access'],
  mailbox_operator: ['mailboxes.view', 'mailboxes.manage', 'mailboxes.passwords'],
  read_only: ['domains.view', 'mailboxes.view', 'dns.view'],
};
export const PERMISSIONS = [...new Set([...Object.values(ROLE_PERMISSIONS).flat(), 'forwarding.manage', 'migrations.manage', 'drive.access'])];
export const HOST_WAIT_MS = 1_000;

export const token = () => randomBytes(16).toString('hex');
export const inviteUrl = (t: string) => `https://dashboard.trekmail.test/invitations/${t}`;
const emptyBrand = (): Brand => ({ name: null, primary_color: null, accent_color: null, support_email: null, sender_email: null, support_url: null, logos: {} });
export const newBranding = (engine: SandboxEngine): Branding => ({
  mode: 'off', brand: emptyBrand(), dashboard: { enabled: false, label: 'dashboard' }, webmail: { enabled: false, label: 'mail' }, mailZone: false, verifyQueued: null, updated: engine.now(),
});

/** The account's White Label team, its history and the per-domain brands. */
export const wlState = (engine: SandboxEngine): WhiteLabelState => engine.store('whitelabel', () => seed(engine));

function seed(engine: SandboxEngine): WhiteLabelState {
  const t0 = engine.now();
  const ago = (d: number) => t0 - d * DAY;
  const member = (m: Partial<Member> & Pick<Member, 'id' | 'email' | 'role' | 'status'>): Member => ({
    name: null, allDomains: false, domainIds: [], permissions: [], note: null, invited: ago(50), accepted: ago(49), keys: 0, inviteToken: null, removed: null, signIns: [], ...m,
  });
  const members = [
    member({ id: 1, email: engine.account.owner_email, name: 'Demo Owner', role: 'owner', status: 'active', allDomains: true, invited: ago(400), accepted: ago(400) }),
    member({
      id: 2, email: 'ops@client-one.test', name: 'Client One Ops', role: 'domain_admin', status: 'active', domainIds: [1], keys: 2, note: 'Client One IT',
      signIns: [{ at: ago(1), city: 'Lisbon', country: 'PT', browser: 'Firefox 128', os: 'Linux', device: 'desktop' }, { at: ago(3), city: 'Porto', country: 'PT', browser: 'Safari 18', os: 'iOS', device: 'mobile' }],
    }),
    member({ id: 3, email: 'viewer@client-two.test', role: 'read_only', status: 'suspended', domainIds: [1, 3] }),
  ];
  const s: WhiteLabelState = { members: new Map(members.map((m) => [m.id, m])), nextMember: 4, activity: [], nextActivity: 1, brandings: new Map(), accountDefault: null };
  const owner = { type: 'user', name: 'Demo Owner' };
  s.activity.push(
    { id: s.nextActivity++, action: 'member.invited', actor: owner, memberId: 2, details: { role: 'domain_admin' }, at: ago(50) },
    { id: s.nextActivity++, action: 'member.invited', actor: owner, memberId: 3, details: { role: 'read_only' }, at: ago(50) },
    { id: s.nextActivity++, action: 'member.suspended', actor: owner, memberId: 3, details: { keys_revoked: 0 }, at: ago(10) },
  );
  return s;
}

/** Every White Label route answers this while the add-on is off (the subscription is the account's, in account.ts). */
export function requireActive(engine: SandboxEngine): void {
  if (!demoAccount(engine).subscriptions.whiteLabel.active) {
    throw new SbError(403, 'white_label_inactive', 'White Label is not active on this account', {}, 'Subscribe to White Label in the dashboard.');
  }
}

/** An entry of the access history (listed newest first), made by the calling token. */
export function log(engine: SandboxEngine, req: SbRequest, action: string, memberId: number | null, details: Record<string, unknown> = {}): void {
  const s = wlState(engine);
  s.activity.push({ id: s.nextActivity++, action, actor: { type: 'api_token', name: `Sandbox ${req.token.label}` }, memberId, details, at: engine.now() });
}

/** A domain of the account by id, as the API names it in answers. */
export function domainRef(engine: SandboxEngine, id: number) {
  const d = demoAccount(engine).domains.get(id);
  return { id, name: d?.name ?? null };
}

/** Whether an address is on a domain of the account whose DKIM check passes (sender_email's rule). */
export function dkimVerified(engine: SandboxEngine, email: string): boolean {
  const host = email.toLowerCase().split('@')[1];
  return [...demoAccount(engine).domains.values()].some((d) => d.name === host && d.records.dkim === 'valid');
}
