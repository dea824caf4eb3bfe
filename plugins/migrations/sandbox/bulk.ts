import { invalid, notFound, paginate, reply, SbError, type SandboxEngine, type SbRequest } from '../../../sandbox/engine.js';
import { csvRow, hostReachable, loginWorks, mailboxByEmail, PROVIDER_HOSTS, SOURCE_FOLDERS, stateOf, STRATEGY, type Batch, type Job, type Source } from './state.js';
import { busy, capacity, migrationApi, opts, PROVIDER } from './views.js';

const EMAIL = /^[^\s@,]+@[^\s@,]+\.[^\s@,]+$/;
const HOST = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;
const SECURITY = ['ssl', 'tls', 'none'];
const MAX_ROWS = 500;

/** What preview and start accept (start adds the batch name). */
const BULK_FIELDS = {
  data: 'string(1..)',
  provider: `${PROVIDER}?`,
  source_host: 'hostname?',
  source_port: 'int(1..65535)?',
  source_security: 'ssl|tls|none?',
  per_row_server: 'bool?',
  folder_strategy: 'all|standard|inbox_only?',
  import_since: 'date?',
  skip_duplicates: 'bool?',
};

interface Row { row: number; source_email: string; destination_email: string; mailbox_id: number | null; source_host: string | null; status: 'valid' | 'warning' | 'invalid'; errors: string[]; warnings: string[] }
interface Parsed { rows: Row[]; jobs: { row: Row; source: Source; loginOk: boolean }[] }

/** CSV batches: preview, start, list, get, cancel, retry, resume, delete, and a failed job's new password. */
export function registerBulk(engine: SandboxEngine): void {
  const { s, now, batch, jobView, batchJobs, batchView, run } = migrationApi(engine);

  /** Reads the CSV the way the API does; passwords are only checked for presence and never returned. */
  const parse = (b: Record<string, any>): Parsed => {
    const lines = String(b.data).split(/\r?\n/).filter((l) => l.trim());
    if (lines.length && csvRow(lines[0])[0].toLowerCase() === 'source_email') lines.shift();
    if (!lines.length) throw invalid({ data: 'no rows' });
    if (lines.length > MAX_ROWS) throw invalid({ data: `at most ${MAX_ROWS} rows per batch` });
    const provider = b.provider ?? 'generic_imap';
    const seen = new Set<string>();
    const out: Parsed = { rows: [], jobs: [] };
    lines.forEach((line, i) => {
      const cells = csvRow(line);
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
  }, { ...opts, accepts: { body: BULK_FIELDS } });

  engine.route('POST', '/migrations/bulk', 'migrations:write', (req) => {
    const p = parse(req.body);
    if (!p.jobs.length) throw new SbError(422, 'no_valid_rows', 'No row of the CSV is valid', { rows: p.rows });
    if (busy(req.body.source_host) || p.jobs.some((j) => busy(j.source.host))) throw capacity();
    const options = bulkOptions(req.body);
    const folders = SOURCE_FOLDERS.filter((f) => STRATEGY[options.folder_strategy].includes(f.name));
    const b: Batch = {
      id: s.next.batch++, name: req.body.name || `Bulk migration ${s.next.batch - 1}`,
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
  }, { ...opts, accepts: { body: { ...BULK_FIELDS, name: 'string(..100)?' } } });

  engine.route('GET', '/migrations/bulk', 'migrations:read', (req) => {
    let list = [...s.batches.values()].reverse().map((b) => batchView(b, false));
    if (req.query.status) list = list.filter((b) => b.status === req.query.status);
    return paginate(list, req.query);
  }, { ...opts, accepts: { query: { status: 'queued|processing|paused|completed|completed_with_errors|cancelled?', page: 'int(1..)?', per_page: 'int(1..100)?' } } });

  engine.route('GET', '/migrations/bulk/{batch_id}', 'migrations:read', (req) => ({ batch: batchView(batch(req.params.batch_id), true) }), { ...opts, accepts: {} });

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
  }, { ...opts, accepts: { body: false } });

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
  }, { ...opts, accepts: { body: false } });

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
  }, { ...opts, accepts: { body: false } });

  engine.route('DELETE', '/migrations/bulk/{batch_id}', 'migrations:write', (req) => {
    const b = batch(req.params.batch_id);
    const status = batchView(b, false).status;
    if (!['completed', 'completed_with_errors', 'cancelled'].includes(status)) throw new SbError(409, 'batch_active', `Batch ${b.id} is ${status}; cancel it first`);
    for (const id of b.jobIds) s.jobs.delete(id);
    s.batches.delete(b.id);
    return { deleted: true, id: b.id };
  }, { ...opts, accepts: {} });

  engine.route('PATCH', '/migrations/bulk/{batch_id}/jobs/{job_id}/password', 'migrations:write', (req: SbRequest) => {
    const b = batch(req.params.batch_id);
    const j = s.jobs.get(Number(req.params.job_id));
    if (!j || j.batchId !== b.id) throw notFound('Job');
    const status = stateOf(j, now(), !!b.paused).status;
    if (status !== 'failed') throw new SbError(409, 'job_not_failed', `Job ${j.id} is ${status}; only a failed job's password can be changed`);
    j.loginOk = loginWorks(req.body.source_password);
    j.passwordUpdatedAt = now();
    return { job: jobView(j, b), message: 'Password updated; call retry_bulk_migration to run the failed jobs again.' };
  }, { ...opts, accepts: { body: { source_password: 'string(1..255)' } } });
}
