import { SbError, type SandboxEngine, type SbRequest } from '../../../sandbox/engine.js';
import { file, newFolder, newMailbox, type Mailbox, type Message, type WebmailState } from './state.js';

/**
 * What a mailbox reaches beyond itself: connected external accounts (Gmail, Outlook, IMAP; each emulated as a
 * mailbox of its own), the shared mailboxes it is a member of, its Default CC/BCC, reply From policy, the saved SMTP
 * profiles it may use, and the delivery record of every send. A store of its own beside the webmail state.
 */

export type Provider = 'gmail' | 'yahoo' | 'aol' | 'icloud' | 'outlook' | 'zoho' | 'gmx' | 'yandex' | 'fastmail' | 'custom';
export interface Endpoint { host: string; port: number; encryption: 'ssl' | 'tls'; username: string | null }

export interface ExternalAccount {
  id: number;
  /** The TrekMail mailbox that connected it. */
  ownerId: number;
  email: string;
  provider: Provider;
  label: string | null;
  color: string | null;
  includeInUnified: boolean;
  sortOrder: number;
  imap: Endpoint;
  smtp: Endpoint;
  /** Kept to re-test the connection; never answered. */
  password: string;
  smtpPassword: string | null;
  status: 'connected' | 'error';
  lastError: string | null;
  lastTested: number;
  created: number;
  updated: number;
  /** The account's own mail, as the emulated provider holds it. */
  box: Mailbox;
}

/** What happened to one accepted send (get_message_delivery). */
export interface Delivery {
  requestId: string;
  mailboxId: number;
  messageId: string;
  status: 'pending' | 'sent' | 'failed';
  recipients: string[];
  delivered: string[];
  held: string[];
  queued: number;
  sent: number | null;
  via: string;
  failure: { code: string; message: string } | null;
}

export interface SmtpProfile { id: number; name: string; host: string; port: number }

export interface ConnectedState {
  next: { account: number };
  accounts: Map<number, ExternalAccount>;
  deliveries: Map<string, Delivery>;
  /** member mailbox id → shared mailbox id → may it send as that mailbox. */
  memberships: Map<number, Map<number, { canSend: boolean }>>;
  /** Default CC/BCC of a mailbox, added to what it sends unless the call opts out. */
  defaults: Map<number, { cc: string[]; bcc: string[] }>;
  replyPolicy: Map<number, 'recipient' | 'default'>;
  /** Saved SMTP profiles a mailbox's identities may route through (smtp_mode profile). */
  profiles: Map<number, SmtpProfile[]>;
}

/** Recipients a mailbox may send to per UTC day (its own allowance; the domain's and account's are higher here). */
export const DAILY_RECIPIENTS = 500;

export const connectedState = (engine: SandboxEngine): ConnectedState =>
  engine.store('webmail-connected', () => ({
    next: { account: 1 },
    accounts: new Map(),
    deliveries: new Map(),
    // The demo mailbox is a member of the support team mailbox (id 3) and may send as it.
    memberships: new Map([[1, new Map([[3, { canSend: true }]])]]),
    // The support mailbox keeps a copy of what it sends in the records archive.
    defaults: new Map([[3, { cc: [], bcc: ['archive@records.example'] }]]),
    replyPolicy: new Map([[1, 'recipient']]),
    profiles: new Map([[1, [{ id: 1, name: 'Postmark relay', host: 'smtp.postmarkapp.com', port: 587 }]]]),
  }));

/** Provider presets (what detect answers, what the test expects); custom servers are guessed from the domain. */
const PRESETS: Record<Exclude<Provider, 'custom'>, { domains: string[]; imap: string; smtp: string; smtpPort: number; appPassword: boolean }> = {
  gmail: { domains: ['gmail.com', 'googlemail.com'], imap: 'imap.gmail.com', smtp: 'smtp.gmail.com', smtpPort: 465, appPassword: true },
  yahoo: { domains: ['yahoo.com', 'ymail.com'], imap: 'imap.mail.yahoo.com', smtp: 'smtp.mail.yahoo.com', smtpPort: 465, appPassword: true },
  aol: { domains: ['aol.com'], imap: 'imap.aol.com', smtp: 'smtp.aol.com', smtpPort: 465, appPassword: true },
  icloud: { domains: ['icloud.com', 'me.com', 'mac.com'], imap: 'imap.mail.me.com', smtp: 'smtp.mail.me.com', smtpPort: 587, appPassword: true },
  outlook: { domains: ['outlook.com', 'hotmail.com', 'live.com'], imap: 'outlook.office365.com', smtp: 'smtp.office365.com', smtpPort: 587, appPassword: false },
  zoho: { domains: ['zoho.com', 'zohomail.com'], imap: 'imap.zoho.com', smtp: 'smtp.zoho.com', smtpPort: 465, appPassword: false },
  gmx: { domains: ['gmx.com', 'gmx.net', 'gmx.de'], imap: 'imap.gmx.com', smtp: 'mail.gmx.com', smtpPort: 587, appPassword: false },
  yandex: { domains: ['yandex.com', 'yandex.ru'], imap: 'imap.yandex.com', smtp: 'smtp.yandex.com', smtpPort: 465, appPassword: true },
  fastmail: { domains: ['fastmail.com', 'fastmail.fm'], imap: 'imap.fastmail.com', smtp: 'smtp.fastmail.com', smtpPort: 465, appPassword: true },
};

export function detect(email: string) {
  const domain = email.split('@').pop()!.toLowerCase();
  const hit = (Object.entries(PRESETS) as [Exclude<Provider, 'custom'>, (typeof PRESETS)['gmail']][]).find(([, p]) => p.domains.includes(domain));
  const [provider, p] = hit ?? ['custom' as const, { imap: `imap.${domain}`, smtp: `smtp.${domain}`, smtpPort: 587, appPassword: false }];
  const smtpEncryption = p.smtpPort === 465 ? 'ssl' : 'tls';
  return {
    email, provider, app_password_required: p.appPassword, guessed: !hit,
    imap_host: p.imap, imap_port: 993, imap_encryption: 'ssl', smtp_host: p.smtp, smtp_port: p.smtpPort, smtp_encryption: smtpEncryption,
  };
}

/**
 * The emulated connection test (nothing leaves the sandbox): a preset provider answers on its own hosts only, with
 * an app password where it demands one (16 letters; spaces are stripped); `.invalid` hosts do not resolve; a
 * password containing "wrong" is refused by the server. Answers each side's result.
 */
export function tryConnection(c: { email: string; provider: Provider; imap: Endpoint; smtp: Endpoint; password: string; smtpPassword: string | null }) {
  const preset = c.provider === 'custom' ? undefined : PRESETS[c.provider];
  type Side = { ok: boolean; host: string; port: number; encryption?: string; login?: string; error?: string; message?: string };
  const side = (kind: 'imap' | 'smtp', e: Endpoint, password: string): Side => {
    const expected = preset && (kind === 'imap' ? preset.imap : preset.smtp);
    if (e.host.endsWith('.invalid')) return { ok: false, host: e.host, port: e.port, error: 'host_not_found', message: `${e.host} does not resolve` };
    if (expected && e.host.toLowerCase() !== expected) return { ok: false, host: e.host, port: e.port, error: 'connection_refused', message: `${c.provider} serves ${kind.toUpperCase()} on ${expected}` };
    const secret = password.replace(/\s+/g, '');
    if (/wrong/i.test(password) || (preset?.appPassword && !/^[a-z]{16}$/i.test(secret))) {
      return { ok: false, host: e.host, port: e.port, error: 'authentication_failed', message: preset?.appPassword ? `${c.provider} needs an app password (16 letters)` : 'The server refused the login' };
    }
    return { ok: true, host: e.host, port: e.port, encryption: e.encryption, login: e.username ?? c.email };
  };
  const imap = side('imap', c.imap, c.password);
  const smtp = side('smtp', c.smtp, c.smtpPassword ?? c.password);
  return { ok: imap.ok && smtp.ok, imap, smtp };
}

/** A freshly connected account's mailbox, with the few messages the provider already holds. */
export function accountBox(a: { id: number; ownerId: number; email: string; provider: Provider }, now: number, nextIdentity: () => number): Mailbox {
  const box = newMailbox(100_000 + a.id, a.email, a.email.split('@')[0]);
  box.ownerId = a.ownerId;
  box.externalAccountId = a.id;
  box.folders.set('Receipts', newFolder('Receipts'));
  const me = { email: a.email };
  const msg = (subject: string, from: { name?: string; email: string }, hoursAgo: number, text: string, seen = false): Omit<Message, 'uid'> => ({
    messageId: `<ext${a.id}.${hoursAgo}@${a.provider}.example>`, subject, from, to: [me], cc: [], bcc: [], replyTo: [], date: now - hoursAgo * 3_600_000,
    text, attachments: [], seen, flagged: false, answered: false, references: [], threadId: `x${a.id}.${hoursAgo}`,
  });
  for (const m of [
    msg('Your order has shipped', { name: 'Bookshop', email: 'orders@bookshop.example' }, 30, 'Your order #5521 is on its way.', true),
    msg('Dinner on Saturday?', { name: 'Sam Lee', email: 'sam@friends.example' }, 6, 'Are you free for dinner on Saturday at 8?'),
  ]) file(box.folders.get('INBOX')!, m);
  file(box.folders.get('Receipts')!, msg('Receipt for your order #5521', { name: 'Bookshop', email: 'orders@bookshop.example' }, 31, 'Total: EUR 42.00', true));
  const id = nextIdentity();
  box.identities.set(id, { id, email: a.email, name: null, replyTo: null, signatureHtml: null, isDefault: true, created: now, kind: 'managed' });
  return box;
}

/** The connected account a request names, owned by the token's mailbox (another mailbox's is not found). */
export function accountOf(c: ConnectedState, ownerId: number, id: unknown): ExternalAccount {
  const a = c.accounts.get(Number(id));
  if (!a || a.ownerId !== ownerId) throw new SbError(404, 'external_account_not_found', `Connected account ${String(id)} not found`, {}, 'list_external_accounts shows the connected accounts.');
  return a;
}

/** external_account_id of a request, from its query or its JSON body. */
export function externalIdOf(req: SbRequest): unknown {
  const q = req.query.external_account_id;
  return q !== undefined ? q : (req.body as Record<string, unknown> | undefined)?.external_account_id;
}

/** The shared mailbox a member acts as; sending as it needs can_send on the membership. */
export function sharedOf(c: ConnectedState, memberId: number, id: unknown, send: boolean): number {
  const m = c.memberships.get(memberId)?.get(Number(id));
  if (!m) throw new SbError(403, 'not_a_member', `This mailbox is not a member of shared mailbox ${String(id)}`);
  if (send && !m.canSend) throw new SbError(403, 'shared_send_not_allowed', `The membership of shared mailbox ${String(id)} does not allow sending`);
  return Number(id);
}

/** What the route files share: both stores and the mailbox lookups. */
export interface WebmailCtx {
  s: WebmailState;
  c: ConnectedState;
  /** The token's own mailbox. */
  home: (req: SbRequest) => Mailbox;
  /** The mailbox a call acts on (a connected account's when the call names one). */
  box: (req: SbRequest) => Mailbox;
  /** A sandbox mailbox by id (scheduled messages due are sent first). */
  mailbox: (id: number) => Mailbox;
}
