import { invalid, notFound, paginate, reply, SbError, type SandboxEngine } from '../../../sandbox/engine.js';
import { hostReachable, loginWorks, mailboxEmail, SOURCE_FOLDERS, stateOf, type Job, type Source } from './state.js';
import { busy, capacity, migrationApi, opts, PROVIDER, SOURCE_FIELDS } from './views.js';

const sourceOf = (b: Record<string, any>, provider: string): Source => ({
  provider, host: String(b.source_host).toLowerCase(), port: b.source_port, security: b.source_security, email: b.source_email, username: b.source_username || null,
});

/** Single-mailbox migrations: connection test, start, list, get, cancel, retry, delete. */
export function registerSingle(engine: SandboxEngine): void {
  const { s, now, migration, migrationView, run } = migrationApi(engine);

  engine.route('POST', '/migrations/test-connection', 'migrations:write', (req) => {
    const src = sourceOf(req.body, 'generic_imap');
    const server = { host: src.host, port: src.port, security: src.security };
    if (!hostReachable(src.host)) return { success: false, stage: 'connect', code: 'connection_failed', message: `Could not connect to ${src.host}:${src.port} (timed out)`, server };
    if (!loginWorks(req.body.source_password)) return { success: false, stage: 'login', code: 'authentication_failed', message: `The server rejected the login for ${src.username ?? src.email}; check the password (an app password may be needed)`, server };
    return { success: true, server, folders: SOURCE_FOLDERS.map((f) => ({ name: f.name, messages: f.messages })), total_messages: SOURCE_FOLDERS.reduce((n, f) => n + f.messages, 0) };
  }, { ...opts, accepts: { body: SOURCE_FIELDS } });

  engine.route('GET', '/migrations', 'migrations:read', (req) => {
    let list = [...s.migrations.values()].reverse().map(migrationView);
    if (req.query.status) list = list.filter((m) => m.status === req.query.status);
    if (req.query.mailbox_id) list = list.filter((m) => m.mailbox_id === Number(req.query.mailbox_id));
    return paginate(list, req.query);
  }, {
    ...opts,
    accepts: { query: { status: 'pending|validating|planning|processing|completed|failed|cancelled?', mailbox_id: 'int(1..)?', page: 'int(1..)?', per_page: 'int(1..100)?' } },
  });

  engine.route('POST', '/migrations', 'migrations:write', (req) => {
    const b = req.body;
    const names = SOURCE_FOLDERS.map((f) => f.name);
    // An empty list means every folder, as omitting it does.
    const selected: string[] | undefined = b.selected_folders?.length ? b.selected_folders : undefined;
    const unknown = (selected ?? []).filter((f) => !names.includes(f));
    if (unknown.length) throw invalid({ selected_folders: `unknown folders: ${unknown.join(', ')}; the source has ${names.join(', ')}` });
    const destination = mailboxEmail(engine, b.mailbox_id);
    if (!destination) throw notFound('Mailbox');
    if (busy(b.source_host)) throw capacity();
    const running = [...s.migrations.values()].find((m) => m.mailboxId === b.mailbox_id && stateOf(m, now()).active);
    if (running) throw new SbError(409, 'migration_in_progress', `Migration ${running.id} into this mailbox is still running`, { migration_id: running.id });
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
  }, {
    ...opts,
    accepts: {
      body: { mailbox_id: 'int(1..)', provider: PROVIDER, ...SOURCE_FIELDS, selected_folders: 'string(1..255)[]?', import_since: 'date?', skip_duplicates: 'bool?' },
    },
  });

  engine.route('POST', '/migrations/{migration_id}:cancel', 'migrations:write', (req) => {
    const m = migration(req.params.migration_id);
    if (!stateOf(m, now()).active) throw new SbError(409, 'migration_not_active', `Migration ${m.id} is ${stateOf(m, now()).status}; only a running migration can be cancelled`);
    m.frozen = now();
    m.cancelled = true;
    return { migration: migrationView(m), message: 'Cancelled; messages already copied stay in the mailbox.' };
  }, { ...opts, accepts: { body: false } });

  engine.route('POST', '/migrations/{migration_id}:retry', 'migrations:write', (req) => {
    const m = migration(req.params.migration_id);
    const st = stateOf(m, now()).status;
    if (st !== 'failed' && st !== 'cancelled') throw new SbError(409, 'migration_not_retryable', `Migration ${m.id} is ${st}; only failed or cancelled migrations can be retried`);
    // A timeout is transient: the next attempt connects.
    m.reachable = true;
    m.attempts++;
    run(m);
    return { migration: migrationView(m) };
  }, { ...opts, accepts: { body: false } });

  engine.route('DELETE', '/migrations/{migration_id}', 'migrations:write', (req) => {
    const m = migration(req.params.migration_id);
    if (stateOf(m, now()).active) throw new SbError(409, 'migration_active', `Migration ${m.id} is still running; cancel it first`);
    s.migrations.delete(m.id);
    return { deleted: true, id: m.id };
  }, { ...opts, accepts: {} });
}

/** Registered last: the first matching pattern wins, and /migrations/bulk is not a migration id. */
export function registerGetMigration(engine: SandboxEngine): void {
  const { migration, migrationView } = migrationApi(engine);
  engine.route('GET', '/migrations/{migration_id}', 'migrations:read', (req) => ({ migration: migrationView(migration(req.params.migration_id)) }), { ...opts, accepts: {} });
}
