import { invalid, notFound, paginate, reply, SbError, type SandboxEngine, type SbRequest } from '../../sandbox/engine.js';
import { csvCells } from './tools/support.js';
import {
  failureOf, hostReachable, loginWorks, mailboxByEmail, mailboxEmail, PROVIDER_HOSTS, seed, SOURCE_FOLDERS, stateOf, STRATEGY,
  type Batch, type Job, type MigrationState, type Source,
} from './sandbox/model.js';

const PROVIDERS = ['gmail', 'outlook', 'yahoo', 'icloud', 'generic_imap'];
const SECURITY = ['ssl', 'tls', 'starttls', 'none'];
const EMAIL = /^[^\s@,]+@[^\s@,]+\.[^\s@,]+$/;
const HOST = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const opts = { minPlan: 'pro' as const };

const capacity = () => new SbError(503, 'migration_capacity', 'All migration workers are busy right now', { retryable: false, retry_after: 300 }, 'Try again in a few minutes.');
const busy = (host: string | undefined) => !!host && host.toLowerCase().includes('busy');

/** Migration routes: single migrations, CSV batches, folder-by-folder progress over a few seconds. */
export default function register(engine: SandboxEngine): void {
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
    const count = (st: string) => states.filter((x) => x.status === st).length;
    const status = batchStatus(b, states);
    const ends = states.map((x) => x.finishedAt);
    return {
      id: b.id, name: b.name, status, provider: b.provider, options: b.options,
      counts: { total: jobs.length, pending: count('pending') + count('validating'), processing: count('processing'), paused: count('paused'), completed: count('completed'), failed: count('failed'), cancelled: count('cancelled') },
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

  /** Field checks of a source account (the password itself is checked by the login, later). */
  const checkSource = (b: Record<string, any>, errors: Record<string, string>) => {
    if (typeof b.source_host !== 'string' || !HOST.test(b.source_host)) errors.source_host = 'must be a host name';
    if (!Number.isInteger(b.source_port) || b.source_port < 1 || b.source_port > 65535) errors.source_port = 'must be a port number';
    if (!SECURITY.includes(b.source_security)) errors.source_security = `must be one of ${SECURITY.join(', ')}`;
    if (typeof b.source_email !== 'string' || !EMAIL.test(b.source_email)) errors.source_email = 'must be an email address';
    if (b.source_username !== undefined && typeof b.source_username !== 'string') errors.source_username = 'must be a string';
    if (typeof b.source_password !== 'string' || !b.source_password) errors.source_password = 'is required';
  };
  const sourceOf = (b: Record<string, any>, provider: string): Source => ({
    provider, host: String(b.source_host).toLowerCase(), port: b.source_port, security: b.source_security, email: b.source_email, username: b.source_username || null,
  });

  engine.route('POST', '/migrations/test-connection', 'migrations:write', (req) => {
    const errors: Record<string, string> = {};
    checkSource(req.body, errors);
    if (Object.keys(errors).length) throw invalid(errors);
    const src = sourceOf(req.body, 'generic_imap');
    const server = { host: src.host, port: src.port, security: src.security };
    if (!hostReachable(src.host)) return { success: false, stage: 'connect', code: 'connection_failed', message: `Could not connect to ${src.host}:${src.port} (timed out)`, server };
    if (!loginWorks(req.body.source_password)) return { success: false, stage: 'login', code: 'authentication_failed', message: `The server rejected the login for ${src.username ?? src.email}; check the password (an app password may be needed)`, server };
    return { success: true, server, folders: SOURCE_FOLDERS.map((f) => ({ name: f.name, messages: f.messages })), total_messages: SOURCE_FOLDERS.reduce((n, f) => n + f.messages, 0) };
  }, opts);

  engine.route('GET', '/migrations', 'migrations:read', (req) => {
    let list = [...s.migrations.values()].reverse().map(migrationView);
    if (req.query.status) list = list.filter((m) => m.status === req.query.status);
    if (req.query.mailbox_id) list = list.filter((m) => m.mailbox_id === Number(req.query.mailbox_id));
    return paginate(list, req.query);
  }, opts);

  engine.route('POST', '/migrations', 'migrations:write', (req) => {
    const b = req.body;
    const errors: Record<string, string> = {};
    checkSource(b, errors);
    if (!PROVIDERS.includes(b.provider)) errors.provider = `must be one of ${PROVIDERS.join(', ')}`;
    if (!Number.isInteger(b.mailbox_id)) errors.mailbox_id = 'is required';
    if (b.import_since !== undefined && !(typeof b.import_since === 'string' && DATE.test(b.import_since))) errors.import_since = 'must be YYYY-MM-DD';
    const names = SOURCE_FOLDERS.map((f) => f.name);
    if (b.selected_folders !== undefined) {
      const unknown = Array.isArray(b.selected_folders) ? b.selected_folders.filter((f: unknown) => !names.includes(String(f))) : ['?'];
      if (unknown.length) errors.selected_folders = `unknown folders: ${unknown.join(', ')}; the source has ${names.join(', ')}`;
    }
    if (Object.keys(errors).length) throw invalid(errors);
    const destination = mailboxEmail(engine, b.mailbox_id);
    if (!destination) throw notFound('Mailbox');
    if (busy(b.source_host)) throw capacity();
    const running = [...s.migrations.values()].find((m) => m.mailboxId === b.mailbox_id && stateOf(m, now()).active);
    if (running) throw new SbError(409, 'migration_in_progress', `Migration ${running.id} into this mailbox is still running`, { migration_id: running.id });
    const selected: string[] | undefined = b.selected_folders;
    const m: Job = {
      id: s.next.migration++, batchId: null, mailboxId: b.mailbox_id, destination, source: sourceOf(b, b.provider),
      folders: SOURCE_FOLDERS.filter((f) => !selected || selected.includes(f.name)),
      options: { selected_folders: selected, import_since: b.import_since ?? null, skip_duplicates: b.skip_duplicates ?? true },
      loginOk: loginWorks(b.source_password), reachable: hostReachable(b.source_host),
      started: 0, carried: 0, cancelled: false, failure: null, attempts: 1, created: now(),
    };
    run(m);
    s.migrations.set(m.id, m);
    return reply({ status: 201, body: { migration: migrationView(m), message: 'Migration queued; poll get_migration for progress.' } });
  }, opts);

  engine.route('POST', '/migrations/{migration_id}:cancel', 'migrations:write', (req) => {
    const m = migration(req.params.migration_id);
    if (!stateOf(m, now()).active) throw new SbError(409, 'migration_not_active', `Migration ${m.id} is ${stateOf(m, now()).status}; only a running migration can be cancelled`);
    m.frozen = now();
    m.cancelled = true;
    return { migration: migrationView(m), message: 'Cancelled; messages already copied stay in the mailbox.' };
  }, opts);

  engine.route('POST', '/migrations/{migration_id}:retry', 'migrations:write', (req) => {
    const m = migration(req.params.migration_id);
    const st = stateOf(m, now()).status;
    if (st !== 'failed' && st !== 'cancelled') throw new SbError(409, 'migration_not_retryable', `Migration ${m.id} is ${st}; only failed or cancelled migrations can be retried`);
    // A timeout is transient: the next attempt connects.
    m.reachable = true;
    m.attempts++;
    run(m);
    return { migration: migrationView(m) };
  }, opts);

  engine.route('DELETE', '/migrations/{migration_id}', 'migrations:write', (req) => {
    const m = migration(req.params.migration_id);
    if (stateOf(m, now()).active) throw new SbError(409, 'migration_active', `Migration ${m.id} is still running; cancel it first`);
    s.migrations.delete(m.id);
    return { deleted: true, id: m.id };
  }, opts);

  // ---- bulk ----

  interface Row { row: number; source_email: string; destination_email: string; mailbox_id: number | null; source_host: string | null; status: 'valid' | 'warning' | 'invalid'; errors: string[]; warnings: string[] }
  interface Parsed { rows: Row[]; jobs: { row: Row; source: Source; loginOk: boolean }[] }

  /** Reads the CSV the way the API does; passwords are only checked for presence and never returned. */
  const parse = (b: Record<string, any>): Parsed => {
    const errors: Record<string, string> = {};
    if (typeof b.data !== 'string' || !b.data.trim()) errors.data = 'is required (CSV text)';
    if (b.provider !== undefined && !PROVIDERS.includes(b.provider)) errors.provider = `must be one of ${PROVIDERS.join(', ')}`;
    if (b.source_security !== undefined && !SECURITY.includes(b.source_security)) errors.source_security = `must be one of ${SECURITY.join(', ')}`;
    if (b.folder_strategy !== undefined && !STRATEGY[b.folder_strategy]) errors.folder_strategy = 'must be all, standard or inbox_only';
    if (b.source_host !== undefined && !(typeof b.source_host === 'string' && HOST.test(b.source_host))) errors.source_host = 'must be a host name';
    if (Object.keys(errors).length) throw invalid(errors);
    const lines = String(b.data).split(/\r?\n/).filter((l) => l.trim());
    if (lines.length && csvCells(lines[0])[0].toLowerCase() === 'source_email') lines.shift();
    if (lines.length > 500) throw invalid({ data: 'at most 500 rows per batch' });
    const provider = b.provider ?? 'generic_imap';
    const seen = new Set<string>();
    const out: Parsed = { rows: [], jobs: [] };
    lines.forEach((line, i) => {
      const cells = csvCells(line);
      const [sourceEmail = '', password = '', dest = ''] = cells;
      const row: Row = { row: i + 1, source_email: sourceEmail, destination_email: dest.toLowerCase(), mailbox_id: null, source_host: null, status: 'valid', errors: [], warnings: [] };
      let host: string | undefined = b.source_host ?? PROVIDER_HOSTS[provider];
      let port: number = b.source_port ?? 993;
      let security: string = b.source_security ?? 'ssl';
      if (b.per_row_server) {
        const [, , , h, p, sec] = cells;
        host = h;
        port = Number(p);
        security = sec;
        if (!h || !HOST.test(h)) row.errors.push('column 4 must be the IMAP host');
        if (!Number.isInteger(port) || port < 1 || port > 65535) row.errors.push('column 5 must be the IMAP port');
        if (!SECURITY.includes(sec)) row.errors.push(`column 6 must be one of ${SECURITY.join(', ')}`);
      } else if (!host) row.errors.push('no IMAP host: give source_host (or a provider other than generic_imap)');
      if (cells.length < 3) row.errors.push(`expected at least 3 columns, got ${cells.length}`);
      if (!EMAIL.test(sourceEmail)) row.errors.push('source_email is not an email address');
      if (!password) row.errors.push('source_password is empty');
      const mb = EMAIL.test(dest) ? mailboxByEmail(engine, dest) : undefined;
      if (!EMAIL.test(dest)) row.errors.push('destination_email is not an email address');
      else if (!mb) row.errors.push(`no TrekMail mailbox ${dest.toLowerCase()}`);
      else {
        row.mailbox_id = mb.id;
        if (seen.has(mb.email)) row.errors.push(`${mb.email} appears on an earlier row`);
        seen.add(mb.email);
        if (mb.paused) row.warnings.push('the destination mailbox is paused; mail is imported but not delivered until it is resumed');
      }
      row.source_host = host ?? null;
      row.status = row.errors.length ? 'invalid' : row.warnings.length ? 'warning' : 'valid';
      out.rows.push(row);
      if (!row.errors.length) {
        out.jobs.push({ row, loginOk: loginWorks(password), source: { provider, host: host!.toLowerCase(), port, security, email: sourceEmail, username: null } });
      }
    });
    if (!out.rows.length) throw invalid({ data: 'no rows' });
    return out;
  };
  const summary = (rows: Row[]) => ({
    total: rows.length, valid: rows.filter((r) => r.status === 'valid').length, warnings: rows.filter((r) => r.status === 'warning').length, invalid: rows.filter((r) => r.status === 'invalid').length,
  });
  const bulkOptions = (b: Record<string, any>) => ({
    folder_strategy: b.folder_strategy ?? 'all', per_row_server: !!b.per_row_server, import_since: b.import_since ?? null, skip_duplicates: b.skip_duplicates ?? true,
  });

  engine.route('POST', '/migrations/bulk/preview', 'migrations:write', (req) => {
    const p = parse(req.body);
    return { summary: summary(p.rows), rows: p.rows, options: bulkOptions(req.body), note: 'Passwords are checked when each job logs in, not in the preview.' };
  }, opts);

  engine.route('POST', '/migrations/bulk', 'migrations:write', (req) => {
    const p = parse(req.body);
    if (!p.jobs.length) throw new SbError(422, 'no_valid_rows', 'No row of the CSV is valid', { rows: p.rows });
    if (busy(req.body.source_host) || p.jobs.some((j) => busy(j.source.host))) throw capacity();
    const options = bulkOptions(req.body);
    const folders = SOURCE_FOLDERS.filter((f) => STRATEGY[options.folder_strategy].includes(f.name));
    const b: Batch = {
      id: s.next.batch++, name: typeof req.body.name === 'string' && req.body.name ? req.body.name : `Bulk migration ${s.next.batch - 1}`,
      provider: req.body.provider ?? null, options, jobIds: [], created: now(), cancelled: false, paused: null,
    };
    for (const x of p.jobs) {
      const j: Job = {
        id: s.next.job++, batchId: b.id, mailboxId: x.row.mailbox_id!, destination: x.row.destination_email, source: x.source, folders,
        options: { folder_strategy: options.folder_strategy, import_since: options.import_since, skip_duplicates: options.skip_duplicates },
        loginOk: x.loginOk, reachable: hostReachable(x.source.host), started: 0, carried: 0, cancelled: false, failure: null, attempts: 1, created: now(),
      };
      run(j);
      s.jobs.set(j.id, j);
      b.jobIds.push(j.id);
    }
    s.batches.set(b.id, b);
    return reply({ status: 201, body: { batch: batchView(b, true), skipped_rows: p.rows.filter((r) => r.status === 'invalid') } });
  }, opts);

  engine.route('GET', '/migrations/bulk', 'migrations:read', (req) => {
    let list = [...s.batches.values()].reverse().map((b) => batchView(b, false));
    if (req.query.status) list = list.filter((b) => b.status === req.query.status);
    return paginate(list, req.query);
  }, opts);

  engine.route('GET', '/migrations/bulk/{batch_id}', 'migrations:read', (req) => ({ batch: batchView(batch(req.params.batch_id), true) }), opts);

  engine.route('POST', '/migrations/bulk/{batch_id}:cancel', 'migrations:write', (req) => {
    const b = batch(req.params.batch_id);
    const status = batchView(b, false).status;
    if (!['queued', 'processing', 'paused'].includes(status)) throw new SbError(409, 'batch_not_active', `Batch ${b.id} is ${status}; nothing to cancel`);
    for (const j of batchJobs(b)) {
      if (stateOf(j, now(), !!b.paused).active) {
        j.frozen ??= now();
        j.cancelled = true;
      }
    }
    b.cancelled = true;
    b.paused = null;
    return { batch: batchView(b, true) };
  }, opts);

  engine.route('POST', '/migrations/bulk/{batch_id}:retry', 'migrations:write', (req) => {
    const b = batch(req.params.batch_id);
    if (b.paused) throw new SbError(409, 'batch_paused', `Batch ${b.id} is paused; resume it instead`);
    const failed = batchJobs(b).filter((j) => stateOf(j, now()).status === 'failed');
    if (!failed.length) throw new SbError(409, 'nothing_to_retry', `Batch ${b.id} has no failed jobs`);
    for (const j of failed) {
      j.reachable = true;
      j.attempts++;
      run(j);
    }
    b.cancelled = false;
    return { batch: batchView(b, true), retried_jobs: failed.map((j) => j.id) };
  }, opts);

  engine.route('POST', '/migrations/bulk/{batch_id}:resume', 'migrations:write', (req) => {
    const b = batch(req.params.batch_id);
    if (!b.paused) throw new SbError(409, 'batch_not_paused', `Batch ${b.id} is ${batchView(b, false).status}, not paused`);
    for (const j of batchJobs(b)) {
      if (j.frozen !== undefined && !j.cancelled) {
        j.carried += j.frozen - j.started;
        j.started = now();
        j.frozen = undefined;
      }
    }
    b.paused = null;
    return { batch: batchView(b, true) };
  }, opts);

  engine.route('DELETE', '/migrations/bulk/{batch_id}', 'migrations:write', (req) => {
    const b = batch(req.params.batch_id);
    const status = batchView(b, false).status;
    if (!['completed', 'completed_with_errors', 'cancelled'].includes(status)) throw new SbError(409, 'batch_active', `Batch ${b.id} is ${status}; cancel it first`);
    for (const id of b.jobIds) s.jobs.delete(id);
    s.batches.delete(b.id);
    return { deleted: true, id: b.id };
  }, opts);

  engine.route('PATCH', '/migrations/bulk/{batch_id}/jobs/{job_id}/password', 'migrations:write', (req: SbRequest) => {
    const b = batch(req.params.batch_id);
    const j = s.jobs.get(Number(req.params.job_id));
    if (!j || j.batchId !== b.id) throw notFound('Job');
    if (typeof req.body.source_password !== 'string' || !req.body.source_password) throw invalid({ source_password: 'is required' });
    const status = stateOf(j, now(), !!b.paused).status;
    if (status !== 'failed') throw new SbError(409, 'job_not_failed', `Job ${j.id} is ${status}; only a failed job's password can be changed`);
    j.loginOk = loginWorks(req.body.source_password);
    j.passwordUpdatedAt = now();
    return { job: jobView(j, b), message: 'Password updated; call retry_bulk_migration to run the failed jobs again.' };
  }, opts);

  // Last: the first matching pattern wins, and /migrations/bulk is not a migration id.
  engine.route('GET', '/migrations/{migration_id}', 'migrations:read', (req) => ({ migration: migrationView(migration(req.params.migration_id)) }), opts);
}
