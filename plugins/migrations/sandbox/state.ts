import type { SandboxEngine } from '../../../sandbox/engine.js';
import { demoAccount, emailOf } from '../../../sandbox/account.js';

/**
 * The migration emulator's model. A job's status is a function of the time it has run (engine.now()): pending,
 * then validating (connect + login), planning (folder list), one folder after another, then completed. Cancel and pause freeze the
 * clock; resume and retry restart it. Source passwords are never stored: only whether the login would succeed.
 *
 * Magic inputs: a password containing "wrong" fails the login; a host containing "unreachable" fails to connect
 * (transient: a retry succeeds); a host containing "busy" answers 503 migration capacity on start.
 */
export const QUEUE_MS = 200;
export const CONNECT_MS = 400;
export const PLAN_MS = 200;
export const FOLDER_MS = 500;
export const DAY = 86_400_000;

export const PROVIDER_HOSTS: Record<string, string> = {
  gmail: 'imap.gmail.com', outlook: 'outlook.office365.com', yahoo: 'imap.mail.yahoo.com', icloud: 'imap.mail.me.com',
};
export const SOURCE_FOLDERS = [
  { name: 'INBOX', messages: 240 },
  { name: 'Sent', messages: 85 },
  { name: 'Drafts', messages: 4 },
  { name: 'Archive', messages: 130 },
  { name: 'Projects/2023', messages: 55 },
];
export const STRATEGY: Record<string, string[]> = {
  all: SOURCE_FOLDERS.map((f) => f.name),
  standard: ['INBOX', 'Sent', 'Drafts', 'Archive'],
  inbox_only: ['INBOX'],
};

export type Failure = { code: string; message: string } | null;

export interface Source { provider: string; host: string; port: number; security: string; email: string; username: string | null }

export interface Job {
  id: number;
  batchId: number | null;
  mailboxId: number;
  destination: string;
  source: Source;
  folders: { name: string; messages: number }[];
  options: { selected_folders?: string[]; folder_strategy?: string; import_since: string | null; skip_duplicates: boolean };
  loginOk: boolean;
  reachable: boolean;
  /** Clock of the current run: elapsed = carried + (frozen ?? now) - started. */
  started: number;
  carried: number;
  frozen?: number;
  cancelled: boolean;
  /** The failure this run will meet after validating (decided when the run starts). */
  failure: Failure;
  attempts: number;
  created: number;
  passwordUpdatedAt?: number;
}

export interface Batch {
  id: number;
  name: string;
  provider: string | null;
  options: Record<string, unknown>;
  jobIds: number[];
  created: number;
  cancelled: boolean;
  paused: { at: number; reason: string } | null;
}

export interface MigrationState {
  next: { migration: number; batch: number; job: number };
  migrations: Map<number, Job>;
  batches: Map<number, Batch>;
  jobs: Map<number, Job>;
}

/** Mailbox id → address, from the shared demo account. */
export function mailboxEmail(engine: SandboxEngine, id: number): string | undefined {
  const s = demoAccount(engine);
  const m = s.mailboxes.get(id);
  return m ? emailOf(s, m.domainId, m.localPart) : undefined;
}

export function mailboxByEmail(engine: SandboxEngine, email: string): { id: number; email: string; paused: boolean } | undefined {
  const s = demoAccount(engine);
  const e = email.toLowerCase();
  for (const m of s.mailboxes.values()) if (emailOf(s, m.domainId, m.localPart) === e) return { id: m.id, email: e, paused: m.status === 'paused' };
  return undefined;
}

/** One CSV line as the API reads it: quoted cells may hold commas and doubled quotes; cells are trimmed. */
export function csvRow(line: string): string[] {
  const cells = [''];
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === '"' && quoted && line[i + 1] === '"') (cells[cells.length - 1] += '"'), i++;
    else if (c === '"') quoted = !quoted;
    else if (c === ',' && !quoted) cells.push('');
    else cells[cells.length - 1] += c;
  }
  return cells.map((x) => x.trim());
}

export const loginWorks = (password: string) => !password.toLowerCase().includes('wrong');
export const hostReachable = (host: string) => !host.toLowerCase().includes('unreachable');

export function failureOf(j: Pick<Job, 'reachable' | 'loginOk' | 'source'>): Failure {
  if (!j.reachable) return { code: 'connection_failed', message: `Could not connect to ${j.source.host}:${j.source.port} (timed out)` };
  if (!j.loginOk) return { code: 'authentication_failed', message: `The source server rejected the login for ${j.source.username ?? j.source.email}` };
  return null;
}

export const elapsed = (j: Job, now: number) => j.carried + ((j.frozen ?? now) - j.started);
const total = (j: Job) => QUEUE_MS + CONNECT_MS + PLAN_MS + j.folders.length * FOLDER_MS;

/** The API's migration statuses, plus paused for a job of a paused batch. */
export type JobStatus = 'pending' | 'validating' | 'planning' | 'processing' | 'completed' | 'failed' | 'cancelled' | 'paused';

/** Where a job stands now. */
export function stateOf(j: Job, now: number, paused = false) {
  const e = elapsed(j, now);
  let status: JobStatus;
  const folders = j.folders.map((f, i) => {
    const t = e - QUEUE_MS - CONNECT_MS - PLAN_MS - i * FOLDER_MS;
    const frac = j.failure ? 0 : Math.max(0, Math.min(1, t / FOLDER_MS));
    const imported = Math.floor(f.messages * frac);
    return { name: f.name, messages_total: f.messages, messages_imported: imported, status: frac >= 1 ? 'completed' : frac > 0 ? 'processing' : 'pending' };
  });
  if (e < QUEUE_MS) status = 'pending';
  else if (e < QUEUE_MS + CONNECT_MS) status = 'validating';
  else if (j.failure) status = 'failed';
  else if (e < QUEUE_MS + CONNECT_MS + PLAN_MS) status = 'planning';
  else if (e < total(j)) status = 'processing';
  else status = 'completed';
  const active = status !== 'completed' && status !== 'failed';
  if (active && j.cancelled) status = 'cancelled';
  else if (active && paused) status = 'paused';
  const messagesTotal = j.folders.reduce((n, f) => n + f.messages, 0);
  const imported = folders.reduce((n, f) => n + f.messages_imported, 0);
  const endOffset = status === 'failed' ? QUEUE_MS + CONNECT_MS : total(j);
  const finishedAt = status === 'completed' || status === 'failed' ? j.started + endOffset - j.carried : null;
  return {
    status,
    active: status !== 'completed' && status !== 'failed' && status !== 'cancelled',
    folders,
    progress: {
      percent: messagesTotal ? Math.floor((imported / messagesTotal) * 100) : 100,
      messages_imported: imported, messages_total: messagesTotal,
      folders_done: folders.filter((f) => f.status === 'completed').length, folders_total: folders.length,
    },
    finishedAt,
  };
}

/** Demo history: a finished migration, one that failed on a timeout (a retry fixes it), a paused batch. */
export function seed(engine: SandboxEngine): MigrationState {
  const t0 = engine.now();
  const s: MigrationState = { next: { migration: 3, batch: 2, job: 3 }, migrations: new Map(), batches: new Map(), jobs: new Map() };
  const base = (over: Partial<Job> & Pick<Job, 'id' | 'mailboxId' | 'destination' | 'source'>): Job => ({
    batchId: null, folders: SOURCE_FOLDERS.slice(0, 4), options: { import_since: null, skip_duplicates: true }, loginOk: true, reachable: true,
    started: t0 - 10 * DAY, carried: 0, cancelled: false, failure: null, attempts: 1, created: t0 - 10 * DAY, ...over,
  });
  s.migrations.set(1, base({
    id: 1, mailboxId: 2, destination: 'sales@demo.trekmail.test',
    source: { provider: 'gmail', host: 'imap.gmail.com', port: 993, security: 'ssl', email: 'demo.sales@gmail.com', username: null },
  }));
  const timedOut = base({
    id: 2, mailboxId: 3, destination: 'support@demo.trekmail.test', started: t0 - DAY, created: t0 - DAY, reachable: false,
    source: { provider: 'generic_imap', host: 'mail.oldhost.example', port: 993, security: 'ssl', email: 'support@oldhost.example', username: 'support' },
  });
  timedOut.failure = failureOf(timedOut);
  s.migrations.set(2, timedOut);
  // Batch 1: paused at the storage limit, two jobs frozen halfway through.
  const pausedAt = t0 - 2 * 3_600_000;
  s.batches.set(1, { id: 1, name: 'Legacy archive import', provider: 'outlook', options: { folder_strategy: 'standard', import_since: null, skip_duplicates: true }, jobIds: [1, 2], created: pausedAt - 2000, cancelled: false, paused: { at: pausedAt, reason: 'storage_limit' } });
  for (const [id, mailboxId, dest, src] of [[1, 4, 'archive@legacy.trekmail.test', 'archive@oldcorp.example'], [2, 1, 'demo@demo.trekmail.test', 'demo@oldcorp.example']] as const) {
    s.jobs.set(id, base({
      id, batchId: 1, mailboxId, destination: dest, started: pausedAt - 2000, frozen: pausedAt, created: pausedAt - 2000,
      source: { provider: 'outlook', host: 'outlook.office365.com', port: 993, security: 'ssl', email: src, username: null },
    }));
  }
  return s;
}
