import type { Plan } from '../core/plugin-api.js';
import { notFound, SbError, type SandboxEngine, type SbRequest } from './engine.js';

/**
 * The demo account that several emulators share: its plan limits and prices, its domains and its mailboxes. Infra
 * manages them; Cloudflare connects the domains, migrations copy into the mailboxes, White Label brands the
 * domains, Drive and webmail read them. One store (`engine.store('account')`), seeded by whoever asks first.
 */

export const DAY = 86_400_000;

export type RecordKind = 'mx' | 'spf' | 'dkim' | 'dmarc';
export type RecordState = 'valid' | 'missing' | 'invalid' | 'unchecked';
export const RECORD_KINDS: RecordKind[] = ['mx', 'spf', 'dkim', 'dmarc'];

export interface Domain {
  id: number;
  name: string;
  /** The API's life-cycle status: pending_dns until a DNS check first passes, then active; suspended by TrekMail. */
  status: 'pending_dns' | 'active' | 'suspended';
  /** Outcome of the DNS checks so far. */
  dns: 'verified' | 'pending' | 'failing';
  created: number;
  verifiedAt?: number;
  checkedAt?: number;
  dkimSelector: string;
  /** Result of the last DNS check per record. */
  records: Record<RecordKind, RecordState>;
  /** What is really published in (emulated) DNS. */
  world: Record<RecordKind, Exclude<RecordState, 'unchecked'>>;
  catchAll: { enabled: boolean; destination: string | null };
  note: string | null;
  /** external: incoming mail stays with the customer's provider (no MX asked for, no mailboxes). Default trekmail. */
  mailHosting?: 'trekmail' | 'external';
}

export interface Mailbox {
  id: number;
  domainId: number;
  localPart: string;
  displayName: string | null;
  status: 'active' | 'paused';
  storageMb: number;
  usedMb: number;
  imap: boolean;
  note: string | null;
  created: number;
  passwordChangedAt: number;
  /** The emulator's memory of the password, to check enable_imap (null: unknown, any is accepted). Never returned. */
  password: string | null;
}

export const PLAN_LIMITS: Record<Plan, { domains: number; mailboxes: number; storage_gb: number }> = {
  nano: { domains: 0, mailboxes: 0, storage_gb: 0 },
  starter: { domains: 5, mailboxes: 10, storage_gb: 50 },
  pro: { domains: 25, mailboxes: 250, storage_gb: 1000 },
  agency: { domains: 250, mailboxes: 2500, storage_gb: 10000 },
};
export const PLAN_PRICE: Record<Plan, number> = { nano: 5, starter: 12, pro: 49, agency: 199 };


/** The plan of the calling token decides the limits (the sandbox has one account seen through tokens of each plan). */
export const planOf = (req: SbRequest): Plan => req.token.plan;

/** What DNS really holds for a domain added through the API: names with "fail" are half set up, "pending" not at all. */
export function worldFor(name: string): Domain['world'] {
  if (name.includes('fail')) return { mx: 'valid', spf: 'invalid', dkim: 'missing', dmarc: 'valid' };
  if (name.includes('pending')) return { mx: 'missing', spf: 'missing', dkim: 'missing', dmarc: 'missing' };
  return { mx: 'valid', spf: 'valid', dkim: 'valid', dmarc: 'valid' };
}

/** Known password of the demo mailbox (demo@demo.trekmail.test), for trying enable_imap. */
export const DEMO_PASSWORD = 'Demo-Password-2030';

/**
 * The Drive add-on's price ladder: size steps (GB) and monthly prices in minor units per currency; a year costs ten
 * months. Drive shows it (drive_addon_pricing) and sells it through the agent purchase routes.
 */
export const DRIVE_ADDON_STEPS = [250, 500, 1000, 2000, 5000, 10000, 25000, 50000, 100000];
const DRIVE_USD_MONTHLY = [500, 900, 1500, 2800, 6500, 12000, 28000, 52000, 99000];
export const DRIVE_ADDON_PRICES: Record<string, number[]> = {
  USD: DRIVE_USD_MONTHLY,
  EUR: DRIVE_USD_MONTHLY.map((p) => Math.round(p * 0.92)),
  GBP: DRIVE_USD_MONTHLY.map((p) => Math.round(p * 0.79)),
};

/**
 * What the account has bought, read by the emulators that sell or use it: verification credits (verifier), the
 * Drive storage add-on (drive), White Label (whitelabel), a mail plan bought by an agent (commerce).
 */
export interface Subscriptions {
  credits: number;
  driveAddon: { active: boolean; size_gb: number; started: number; period: 'monthly' | 'yearly' };
  whiteLabel: { active: boolean; started: number | null; period: 'monthly' | 'yearly' | null };
  mailPlan: { plan: Plan; period: 'monthly' | 'yearly'; started: number } | null;
}

export interface DemoAccount {
  next: { domain: number; mailbox: number };
  domains: Map<number, Domain>;
  mailboxes: Map<number, Mailbox>;
  subscriptions: Subscriptions;
  created: number;
  /**
   * Emulators that keep credentials bound to a mailbox (Drive device passwords) register here; infra calls
   * revokeMailboxCredentials when a mailbox's sign-in is suspended. Each answers how many it revoked.
   */
  credentialRevokers: ((mailboxId: number, reason: string) => number)[];
}

/** Revokes every credential other emulators hold for a mailbox (sign-in suspended); answers how many. */
export function revokeMailboxCredentials(a: DemoAccount, mailboxId: number, reason: string): number {
  return a.credentialRevokers.reduce((n, revoke) => n + revoke(mailboxId, reason), 0);
}

/** The shared account of this sandbox. */
export const demoAccount = (engine: SandboxEngine): DemoAccount => engine.store('account', () => seedAccount(engine));

/** The demo domains (active and verified, waiting for DNS, DNS broken, suspended) and mailboxes. */
function seedAccount(engine: SandboxEngine): DemoAccount {
  const t0 = engine.now();
  const ago = (days: number) => t0 - days * DAY;
  const all = (s: Exclude<RecordState, 'unchecked'>) => ({ mx: s, spf: s, dkim: s, dmarc: s });
  const a: DemoAccount = {
    next: { domain: 5, mailbox: 5 }, domains: new Map(), mailboxes: new Map(), created: ago(400), credentialRevokers: [],
    // The demo has bought 1000 verification credits, a 250 GB Drive add-on and White Label.
    subscriptions: {
      credits: 1000, driveAddon: { active: true, size_gb: 250, started: ago(40), period: 'monthly' },
      whiteLabel: { active: true, started: ago(60), period: 'monthly' }, mailPlan: null,
    },
  };
  const domains: Domain[] = [
    { id: 1, name: 'demo.trekmail.test', status: 'active', dns: 'verified', created: ago(400), verifiedAt: ago(399), checkedAt: ago(1), dkimSelector: 'tm1', records: all('valid'), world: all('valid'), catchAll: { enabled: false, destination: null }, note: 'Main company domain' },
    { id: 2, name: 'newsletter.trekmail.test', status: 'pending_dns', dns: 'pending', created: ago(2), dkimSelector: 'tm1', records: { mx: 'unchecked', spf: 'unchecked', dkim: 'unchecked', dmarc: 'unchecked' }, world: all('missing'), catchAll: { enabled: false, destination: null }, note: null },
    { id: 3, name: 'legacy.trekmail.test', status: 'active', dns: 'failing', created: ago(90), verifiedAt: ago(89), checkedAt: ago(1), dkimSelector: 'tm1', records: { mx: 'valid', spf: 'invalid', dkim: 'missing', dmarc: 'valid' }, world: { mx: 'valid', spf: 'invalid', dkim: 'missing', dmarc: 'valid' }, catchAll: { enabled: true, destination: 'demo@demo.trekmail.test' }, note: null },
    { id: 4, name: 'oldbrand.trekmail.test', status: 'suspended', dns: 'verified', created: ago(700), verifiedAt: ago(699), checkedAt: ago(30), dkimSelector: 'tm1', records: all('valid'), world: all('valid'), catchAll: { enabled: false, destination: null }, note: 'Suspended: brand retired' },
  ];
  for (const d of domains) a.domains.set(d.id, d);
  const mb = (id: number, domainId: number, localPart: string, displayName: string, extra: Partial<Mailbox> = {}): Mailbox => ({
    id, domainId, localPart, displayName, status: 'active', storageMb: 5120, usedMb: 0, imap: true, note: null, created: ago(300), passwordChangedAt: ago(200), password: null, ...extra,
  });
  for (const m of [
    mb(1, 1, 'demo', 'Demo User', { usedMb: 812, created: ago(399), password: DEMO_PASSWORD }),
    mb(2, 1, 'sales', 'Sales Team', { usedMb: 2310 }),
    mb(3, 1, 'support', 'Support Desk', { usedMb: 1544, note: 'Shared with the helpdesk' }),
    mb(4, 3, 'archive', 'Old Archive', { status: 'paused', storageMb: 10240, usedMb: 9870, imap: false }),
  ]) a.mailboxes.set(m.id, m);
  return a;
}

/** A domain newly added to the account (pending DNS), from infra's create_domain or Cloudflare's connect. */
export function addDomain(engine: SandboxEngine, a: DemoAccount, name: string, extra: Partial<Domain> = {}): Domain {
  const lower = name.toLowerCase();
  if ([...a.domains.values()].some((d) => d.name === lower)) throw new SbError(409, 'domain_exists', `${lower} is already on an account`);
  const d: Domain = {
    id: a.next.domain++, name: lower, status: 'pending_dns', dns: 'pending', created: engine.now(), dkimSelector: 'tm1',
    records: { mx: 'unchecked', spf: 'unchecked', dkim: 'unchecked', dmarc: 'unchecked' }, world: worldFor(lower), catchAll: { enabled: false, destination: null }, note: null,
    ...extra,
  };
  a.domains.set(d.id, d);
  return d;
}

/** A mailbox's address. */
export const emailOf = (a: Pick<DemoAccount, 'domains'>, domainId: number, localPart: string) => `${localPart}@${a.domains.get(domainId)?.name ?? 'unknown'}`.toLowerCase();

/** The mailbox of an address, if the account has one. */
export function mailboxByEmail(a: DemoAccount, email: string): Mailbox | undefined {
  const e = email.toLowerCase();
  for (const m of a.mailboxes.values()) if (emailOf(a, m.domainId, m.localPart) === e) return m;
  return undefined;
}

/** Lookups that answer the API's 404s. */
export function finders(a: Pick<DemoAccount, 'domains' | 'mailboxes'>) {
  return {
    domain(id: string | number): Domain {
      const d = a.domains.get(Number(id));
      if (!d) throw notFound('Domain');
      return d;
    },
    mailbox(id: string | number): Mailbox {
      const m = a.mailboxes.get(Number(id));
      if (!m) throw notFound('Mailbox');
      return m;
    },
  };
}
