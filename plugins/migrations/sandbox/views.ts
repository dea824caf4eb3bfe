import { notFound, SbError, type SandboxEngine } from '../../../sandbox/engine.js';
import { failureOf, seed, stateOf, type Batch, type Job, type MigrationState, type Source } from './state.js';

/** What the API accepts for a source IMAP account (test-connection and single start share it). */
export const SOURCE_FIELDS = {
  source_host: 'hostname',
  source_port: 'int(1..65535)',
  source_security: 'ssl|tls|none',
  source_email: 'email',
  source_username: 'string(..255)?',
  source_password: 'string(1..255)',
};
export const PROVIDER = 'gmail|outlook|yahoo|icloud|generic_imap';
export const opts = { minPlan: 'pro' as const };

export const capacity = () => new SbError(503, 'migration_capacity', 'All migration workers are busy right now', { retryable: false, retry_after: 300 }, 'Try again in a few minutes.');
/** Magic input: a host containing "busy" meets a service at migration capacity. */
export const busy = (host: string | undefined) => !!host && host.toLowerCase().includes('busy');

/** The migration store, its lookups and the API's views of jobs and batches (shared by the single and bulk routes). */
export function migrationApi(engine: SandboxEngine) {
  const s = engine.store<MigrationState>('migrations', () => seed(engine));
  const now = () => engine.now();
  const iso = (t: number | null | undefined) => (t == null ? null : engine.iso(t));

  const migration = (id: string) => {
    const m = s.migrations.get(Number(id));
    if (!m) throw notFound('Migration');
    return m;
  };
  const batch = (id: string) => {
    const b = s.batches.get(Number(id));
    if (!b) throw notFound('Bulk migration batch');
    return b;
  };

  const sourceView = (src: Source) => ({ provider: src.provider, host: src.host, port: src.port, security: src.security, email: src.email, username: src.username });
  const migrationView = (m: Job) => {
    const st = stateOf(m, now());
    return {
      id: m.id, mailbox_id: m.mailboxId, mailbox_email: m.destination, status: st.status, source: sourceView(m.source),
      progress: st.progress, folders: st.folders, options: m.options, error: st.status === 'failed' ? m.failure : null, attempts: m.attempts,
      created_at: iso(m.created), started_at: iso(m.started), completed_at: iso(st.finishedAt),
      poll_after_seconds: st.active ? 1 : null,
    };
  };
  const jobView = (j: Job, b: Batch) => {
    const st = stateOf(j, now(), !!b.paused);
    return {
      id: j.id, batch_id: j.batchId, source_email: j.source.email, source_host: j.source.host, destination_email: j.destination, mailbox_id: j.mailboxId,
      status: st.status, progress: st.progress, error: st.status === 'failed' ? j.failure : null, attempts: j.attempts,
      password_updated_at: iso(j.passwordUpdatedAt), completed_at: iso(st.finishedAt),
    };
  };
  const batchJobs = (b: Batch) => b.jobIds.map((id) => s.jobs.get(id)!);
  const batchStatus = (b: Batch, states: ReturnType<typeof stateOf>[]) => {
    if (b.cancelled) return 'cancelled';
    if (b.paused) return 'paused';
    if (states.every((x) => x.status === 'pending')) return 'queued';
    if (states.some((x) => x.active)) return 'processing';
    return states.some((x) => x.status === 'failed') ? 'completed_with_errors' : 'completed';
  };
  const batchView = (b: Batch, withJobs: boolean) => {
    const jobs = batchJobs(b);
    const states = jobs.map((j) => stateOf(j, now(), !!b.paused));
    const count = (...st: string[]) => states.filter((x) => st.includes(x.status)).length;
    const status = batchStatus(b, states);
    const ends = states.map((x) => x.finishedAt);
    return {
      id: b.id, name: b.name, status, provider: b.provider, options: b.options,
      counts: {
        total: jobs.length, pending: count('pending'), processing: count('validating', 'planning', 'processing'), paused: count('paused'),
        completed: count('completed'), failed: count('failed'), cancelled: count('cancelled'),
      },
      paused_reason: b.paused?.reason ?? null,
      created_at: iso(b.created), completed_at: ['completed', 'completed_with_errors'].includes(status) ? iso(Math.max(...ends.map((e) => e ?? 0))) : null,
      ...(withJobs ? { jobs: jobs.map((j) => jobView(j, b)) } : {}),
      poll_after_seconds: status === 'queued' || status === 'processing' ? 1 : null,
    };
  };

  /** Starts (or restarts) a job's clock. */
  const run = (j: Job) => {
    j.started = now();
    j.carried = 0;
    j.frozen = undefined;
    j.cancelled = false;
    j.failure = failureOf(j);
  };

  return { s, now, migration, batch, migrationView, jobView, batchJobs, batchView, run };
}
