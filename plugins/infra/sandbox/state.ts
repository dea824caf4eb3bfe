import { demoAccount, type DemoAccount, type Domain, type Mailbox } from '../../../sandbox/account.js';
import { invalid, SbError, type SandboxEngine } from '../../../sandbox/engine.js';

// The account's domains and mailboxes (and its plans) are shared by several emulators: they live in sandbox/.
export {
  addDomain, DAY, DEMO_PASSWORD, emailOf, finders, PLAN_LIMITS, PLAN_PRICE, planOf, RECORD_KINDS, worldFor,
  type Domain, type Mailbox, type RecordKind, type RecordState,
} from '../../../sandbox/account.js';
import { DAY, emailOf, type RecordKind, type RecordState } from '../../../sandbox/account.js';

export interface DnsCheck {
  id: number;
  domainId: number;
  started: number;
  doneAt: number;
  results: Record<RecordKind, Exclude<RecordState, 'unchecked'>>;
  applied: boolean;
}

export interface Alias { id: number; mailboxId: number; domainId: number; localPart: string; canReceive: boolean; canSend: boolean; isActive: boolean; created: number }
export interface Forwarding { enabled: boolean; targets: string[]; keepCopy: boolean; updated?: number }
export interface Rule {
  id: number;
  mailboxId: number;
  name: string;
  matchType: 'all' | 'any';
  conditions: { field: string; operator: string; value?: string; header_name?: string }[];
  actions: { type: string; value?: string }[];
  enabled: boolean;
  /** Later rules are skipped when this one matches. */
  stop: boolean;
  updated: number;
}
export interface AutoReply { enabled: boolean; subject: string | null; body: string | null; startDate: string | null; endDate: string | null; skipLists: boolean; updated?: number }
export interface Invite { id: number; domainId: number; localPart: string; recipient: string; expires: number; storageMb: number; created: number }
export interface DeleteIntent { id: number; mailboxId: number; email: string; created: number; expires: number; confirmedAt?: number }
export interface TicketMessage { id: number; author: 'customer' | 'support'; authorName: string; body: string; created: number }
export interface Ticket { id: number; subject: string; category: string; priority: 'normal' | 'high' | 'urgent'; status: 'open' | 'waiting_customer' | 'closed'; created: number; updated: number; messages: TicketMessage[] }
export interface SmtpConnection { id: number; host: string; port: number; encryption: 'none' | 'ssl' | 'tls'; username: string | null; created: number; lastTest?: { at: number; ok: boolean } }
export interface SmtpTest { id: string; host: string; port: number; encryption: string; started: number; outcome: 'ok' | 'connect' | 'auth' }
export interface MessageToken { id: number; mailboxId: number; name: string; scopes: string[]; lastFour: string; created: number; expires: number | null; lastUsed: number | null; secret?: string }

export interface InfraState {
  /** The shared demo account: its domains and mailboxes maps are the ones below, and it counts their ids. */
  account: DemoAccount;
  next: Record<'check' | 'alias' | 'rule' | 'invite' | 'intent' | 'ticket' | 'ticketMessage' | 'smtp' | 'smtpTest' | 'token', number>;
  domains: Map<number, Domain>;
  checks: Map<number, DnsCheck>;
  mailboxes: Map<number, Mailbox>;
  aliases: Map<number, Alias>;
  forwarding: Map<number, Forwarding>;
  rules: Map<number, Rule>;
  autoReply: Map<number, AutoReply>;
  sieve: Map<number, { script: string; updated: number }>;
  invites: Map<number, Invite>;
  intents: Map<number, DeleteIntent>;
  tickets: Map<number, Ticket>;
  smtp: { mode: 'platform' | 'custom'; activeId: number | null; connections: Map<number, SmtpConnection> };
  smtpTests: Map<string, SmtpTest>;
  tokens: Map<number, MessageToken>;
}

/** How long a DNS check and an SMTP test take in the emulator. */
export const DNS_CHECK_MS = 400;
export const SMTP_TEST_MS = 400;
export const INTENT_TTL_MS = 5 * 60_000;

const LOCAL_PART = /^[a-z0-9_-]+(\.[a-z0-9_-]+)*$/;
const HOSTNAME = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export const isLocalPart = (v: unknown): v is string => typeof v === 'string' && v.length <= 64 && LOCAL_PART.test(v);
export const isHostname = (v: unknown): v is string => typeof v === 'string' && HOSTNAME.test(v);
export const isEmail = (v: unknown): v is string => typeof v === 'string' && v.length <= 254 && EMAIL.test(v);
export const isId = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 1;
/** Hosts the API refuses to connect to (it also resolves names and checks the address ranges). */
export const isPrivateHost = (h: string): boolean => /^(localhost|localhost\.localdomain|instance-data|metadata)$|\.localhost$|^metadata\.|\.internal$/i.test(h);
/** The API's rule for a new mailbox password: 12+ characters with an uppercase letter, a lowercase letter and a digit. */
export const isStrongPassword = (v: unknown): v is string => typeof v === 'string' && v.length >= 12 && v.length <= 255 && /[a-z]/.test(v) && /[A-Z]/.test(v) && /\d/.test(v);
export const WEAK_PASSWORD = 'must be 12 to 255 characters with an uppercase letter, a lowercase letter and a digit';
/** Collects field errors and throws one 422 at the end, as the API does. */
export class Checks {
  private readonly errors: Record<string, string> = {};
  need(ok: boolean, field: string, message: string): this {
    if (!ok && !this.errors[field]) this.errors[field] = message;
    return this;
  }
  done(): void {
    if (Object.keys(this.errors).length) throw invalid(this.errors);
  }
}

/** The demo data: an active verified domain with mailboxes, one waiting for DNS, one whose DNS broke, one suspended. */
export function seed(engine: SandboxEngine): InfraState {
  const account = demoAccount(engine);
  const t0 = engine.now();
  const ago = (days: number) => t0 - days * DAY;
  const all = (v: 'valid') => ({ mx: v, spf: v, dkim: v, dmarc: v });
  const s: InfraState = {
    account,
    next: { check: 3, alias: 3, rule: 3, invite: 1, intent: 501, ticket: 3, ticketMessage: 5, smtp: 2, smtpTest: 1, token: 2 },
    domains: account.domains,
    checks: new Map(),
    mailboxes: account.mailboxes,
    aliases: new Map(),
    forwarding: new Map(),
    rules: new Map(),
    autoReply: new Map(),
    sieve: new Map(),
    invites: new Map(),
    intents: new Map(),
    tickets: new Map(),
    smtp: { mode: 'platform', activeId: null, connections: new Map() },
    smtpTests: new Map(),
    tokens: new Map(),
  };
  s.checks.set(1, { id: 1, domainId: 1, started: ago(1), doneAt: ago(1) + DNS_CHECK_MS, results: all('valid'), applied: true });
  s.checks.set(2, { id: 2, domainId: 3, started: ago(1), doneAt: ago(1) + DNS_CHECK_MS, results: { ...account.domains.get(3)!.world }, applied: true });
  s.aliases.set(1, { id: 1, mailboxId: 1, domainId: 1, localPart: 'hello', canReceive: true, canSend: true, isActive: true, created: ago(350) });
  s.aliases.set(2, { id: 2, mailboxId: 3, domainId: 1, localPart: 'help', canReceive: true, canSend: false, isActive: true, created: ago(100) });
  s.forwarding.set(2, { enabled: true, targets: ['sales-team@example.com'], keepCopy: true, updated: ago(30) });
  s.rules.set(1, { id: 1, mailboxId: 1, name: 'Newsletters', matchType: 'any', conditions: [{ field: 'header', header_name: 'List-Id', operator: 'exists' }, { field: 'from', operator: 'contains', value: 'newsletter' }], actions: [{ type: 'fileinto', value: 'Newsletters' }], enabled: true, stop: false, updated: ago(60) });
  s.rules.set(2, { id: 2, mailboxId: 1, name: 'Invoices', matchType: 'all', conditions: [{ field: 'subject', operator: 'contains', value: 'invoice' }], actions: [{ type: 'addflag', value: '\\Flagged' }], enabled: true, stop: true, updated: ago(20) });
  s.sieve.set(1, { script: 'require ["fileinto"];\nif header :contains "subject" "[SPAM]" {\n  fileinto "Junk";\n  stop;\n}\n', updated: ago(45) });
  s.tickets.set(1, {
    id: 1, subject: 'DKIM not validating for legacy.trekmail.test', category: 'deliverability', priority: 'normal', status: 'waiting_customer', created: ago(3), updated: ago(2),
    messages: [
      { id: 1, author: 'customer', authorName: 'Demo User', body: 'Our DKIM check for legacy.trekmail.test keeps failing since we moved DNS providers.', created: ago(3) },
      { id: 2, author: 'support', authorName: 'TrekMail Support', body: 'The DKIM TXT record tm1._domainkey is missing at your new provider. Please publish it (see get_dns_requirements) and run a recheck.', created: ago(2) },
    ],
  });
  s.tickets.set(2, {
    id: 2, subject: 'Invoice address change', category: 'billing', priority: 'normal', status: 'closed', created: ago(40), updated: ago(38),
    messages: [
      { id: 3, author: 'customer', authorName: 'Demo User', body: 'Please change the billing address to 1 Demo Street.', created: ago(40) },
      { id: 4, author: 'support', authorName: 'TrekMail Support', body: 'Done: the next invoice shows the new address.', created: ago(38) },
    ],
  });
  s.smtp.connections.set(1, { id: 1, host: 'smtp.relay.example.com', port: 587, encryption: 'tls', username: 'relay-user', created: ago(120), lastTest: { at: ago(120), ok: true } });
  s.tokens.set(1, { id: 1, mailboxId: 1, name: 'Helpdesk integration', scopes: ['messages:read'], lastFour: '9f3a', created: ago(60), expires: null, lastUsed: ago(1) });
  return s;
}

/** Addresses held by emulator parts with their own store (forwarding addresses), per state: addressTaken asks them. */
export const heldAddresses = new WeakMap<InfraState, () => Iterable<string>>();

/** Whether an address is already used by a mailbox, an alias, a pending invite or a forwarding address. */
export function addressTaken(s: InfraState, email: string, now: number): boolean {
  const e = email.toLowerCase();
  for (const h of heldAddresses.get(s)?.() ?? []) if (h === e) return true;
  for (const m of s.mailboxes.values()) if (emailOf(s, m.domainId, m.localPart) === e) return true;
  for (const a of s.aliases.values()) if (emailOf(s, a.domainId, a.localPart) === e) return true;
  for (const i of s.invites.values()) if (i.expires > now && emailOf(s, i.domainId, i.localPart) === e) return true;
  return false;
}

export const taken = (email: string) => new SbError(409, 'address_taken', `${email} is already used by a mailbox, alias, forwarding address or pending invite`);
