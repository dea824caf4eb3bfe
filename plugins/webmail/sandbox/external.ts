import { reply, SbError, type SandboxEngine } from '../../../sandbox/engine.js';
import { CREATE_ACCOUNT, DETECT_ACCOUNT, NOTHING, TEST_ACCOUNT, TEST_SAVED_ACCOUNT, UPDATE_ACCOUNT } from './api.js';
import { iso, READ, WRITE } from './common.js';
import { accountBox, accountOf, detect, tryConnection, type Endpoint, type ExternalAccount, type Provider, type WebmailCtx } from './connected.js';

/**
 * Connected external accounts of the webmail emulator: detect a provider's preset, test credentials (emulated: no
 * connection ever leaves the sandbox), connect, change, re-test and disconnect. A connected account's mail is a
 * mailbox of its own that the message routes reach with external_account_id. Credentials are never answered.
 */

/** Accounts one mailbox may connect. */
const MAX_ACCOUNTS = 10;

interface ConnectionBody {
  email: string; provider: Provider; password: string;
  imap_host: string; imap_port: number; imap_encryption: 'ssl' | 'tls'; imap_username?: string;
  smtp_host: string; smtp_port: number; smtp_encryption: 'ssl' | 'tls'; smtp_username?: string; smtp_password?: string;
}
type UpdateBody = Partial<Omit<ConnectionBody, 'email' | 'provider'>> & { label?: string | null; color?: string; include_in_unified?: boolean; sort_order?: number };

const endpoint = (host: string, port: number, encryption: 'ssl' | 'tls', username?: string | null): Endpoint => ({ host: host.toLowerCase(), port, encryption, username: username ?? null });
const side = (e: Endpoint) => ({ host: e.host, port: e.port, encryption: e.encryption, username: e.username });

export const accountView = (a: ExternalAccount) => ({
  id: a.id, email: a.email, provider: a.provider, label: a.label, color: a.color, include_in_unified: a.includeInUnified, sort_order: a.sortOrder,
  status: a.status, last_error: a.lastError, last_tested_at: iso(a.lastTested), imap: side(a.imap), smtp: side(a.smtp),
  folders: a.box.folders.size, created_at: iso(a.created), updated_at: iso(a.updated),
});

/** A failed test as the API refuses a save: broken credentials never persist. */
const failed = (result: ReturnType<typeof tryConnection>) =>
  new SbError(422, 'connection_failed', `The ${result.imap.ok ? 'SMTP' : 'IMAP'} test failed: ${(result.imap.ok ? result.smtp : result.imap).message}`, { imap: result.imap, smtp: result.smtp }, 'Check the host, port and password (an app password where the provider demands one), or test with test_external_account.');

export function registerExternal(engine: SandboxEngine, ctx: WebmailCtx): void {
  const r = engine.route.bind(engine);
  const { s, c } = ctx;
  const connection = (b: ConnectionBody) => ({
    email: b.email, provider: b.provider, password: b.password, smtpPassword: b.smtp_password ?? null,
    imap: endpoint(b.imap_host, b.imap_port, b.imap_encryption, b.imap_username), smtp: endpoint(b.smtp_host, b.smtp_port, b.smtp_encryption, b.smtp_username),
  });
  const mine = (ownerId: number) => [...c.accounts.values()].filter((a) => a.ownerId === ownerId);

  r('GET', '/messages/external-accounts', READ, (req) => {
    const list = mine(ctx.home(req).id).sort((a, b) => a.sortOrder - b.sortOrder || a.id - b.id);
    return { data: list.map(accountView) };
  }, { accepts: NOTHING });

  // A read behind POST: it looks the address up and stores nothing (a Starter token may call it).
  r('POST', '/messages/external-accounts/detect', READ, (req) => detect((req.body as { email: string }).email), { accepts: DETECT_ACCOUNT, writePlan: 'starter' });

  r('POST', '/messages/external-accounts/test', WRITE, (req) => {
    const result = tryConnection(connection(req.body as ConnectionBody));
    return { ...result, tested_at: iso(engine.now()), saved: false };
  }, { accepts: TEST_ACCOUNT });

  r('POST', '/messages/external-accounts', WRITE, (req) => {
    const home = ctx.home(req);
    const b = req.body as ConnectionBody & { label?: string; color?: string; include_in_unified?: boolean };
    if (mine(home.id).some((a) => a.email.toLowerCase() === b.email.toLowerCase())) throw new SbError(409, 'external_account_exists', `${b.email} is already connected`);
    if (mine(home.id).length >= MAX_ACCOUNTS) throw new SbError(422, 'limit_exceeded', `A mailbox connects ${MAX_ACCOUNTS} accounts at most`, { limit: MAX_ACCOUNTS });
    const conn = connection(b);
    const result = tryConnection(conn);
    if (!result.ok) throw failed(result);
    const now = engine.now();
    const id = c.next.account++;
    const a: ExternalAccount = {
      id, ownerId: home.id, ...conn, email: b.email.toLowerCase(), label: b.label ?? null, color: b.color ?? null, includeInUnified: b.include_in_unified ?? true,
      sortOrder: mine(home.id).length, status: 'connected', lastError: null, lastTested: now, created: now, updated: now,
      box: accountBox({ id, ownerId: home.id, email: b.email.toLowerCase(), provider: b.provider }, now, () => s.next.identity++),
    };
    c.accounts.set(id, a);
    return reply({ status: 201, body: { account: accountView(a) } });
  }, { accepts: CREATE_ACCOUNT });

  r('PATCH', '/messages/external-accounts/{account_id}', WRITE, (req) => {
    const a = accountOf(c, ctx.home(req).id, req.params.account_id);
    const b = req.body as UpdateBody;
    const conn = {
      email: a.email, provider: a.provider, password: b.password ?? a.password, smtpPassword: b.smtp_password ?? a.smtpPassword,
      imap: endpoint(b.imap_host ?? a.imap.host, b.imap_port ?? a.imap.port, b.imap_encryption ?? a.imap.encryption, b.imap_username ?? a.imap.username),
      smtp: endpoint(b.smtp_host ?? a.smtp.host, b.smtp_port ?? a.smtp.port, b.smtp_encryption ?? a.smtp.encryption, b.smtp_username ?? a.smtp.username),
    };
    const now = engine.now();
    // A connection change is re-tested first; a failing one changes nothing.
    const changed = ['password', 'smtp_password', 'imap_host', 'imap_port', 'imap_encryption', 'imap_username', 'smtp_host', 'smtp_port', 'smtp_encryption', 'smtp_username'].some((k) => k in b);
    if (changed) {
      const result = tryConnection(conn);
      if (!result.ok) throw failed(result);
      Object.assign(a, conn, { status: 'connected', lastError: null, lastTested: now });
    }
    if (b.label !== undefined) a.label = b.label;
    if (b.color !== undefined) a.color = b.color;
    if (b.include_in_unified !== undefined) a.includeInUnified = b.include_in_unified;
    if (b.sort_order !== undefined) a.sortOrder = b.sort_order;
    a.updated = now;
    return { account: accountView(a), retested: changed };
  }, { accepts: UPDATE_ACCOUNT });

  r('POST', '/messages/external-accounts/{account_id}/test', WRITE, (req) => {
    const a = accountOf(c, ctx.home(req).id, req.params.account_id);
    const result = tryConnection(a);
    const failure = result.ok ? null : (result.imap.ok ? result.smtp : result.imap).message ?? null;
    Object.assign(a, { status: result.ok ? 'connected' : 'error', lastError: failure, lastTested: engine.now() });
    return { ...result, account: accountView(a) };
  }, { accepts: TEST_SAVED_ACCOUNT });

  // Disconnecting forgets the credentials and the account's mailbox here; the provider keeps every message.
  r('DELETE', '/messages/external-accounts/{account_id}', WRITE, (req) => {
    const a = accountOf(c, ctx.home(req).id, req.params.account_id);
    c.accounts.delete(a.id);
    return { deleted: true, id: a.id, email: a.email };
  }, { accepts: NOTHING });
}
