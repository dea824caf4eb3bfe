import { expect } from 'chai';
import type { Sandbox } from '../../sandbox/server.js';
import { connect, sandbox, until, type Session } from '../e2e.js';

const PASSWORD = 'Old-Host-Pa55!';
const SOURCE = { source_host: 'imap.oldhost.example', source_port: 993, source_security: 'ssl', source_email: 'demo@oldhost.example', source_password: PASSWORD };
const MIGRATION_TOOLS = [
  'cancel_bulk_migration', 'cancel_migration', 'delete_bulk_migration', 'delete_migration', 'get_bulk_migration', 'get_migration', 'list_bulk_migrations', 'list_migrations',
  'preview_bulk_migration', 'resume_bulk_migration', 'retry_bulk_migration', 'retry_migration', 'start_bulk_migration', 'start_migration', 'test_migration_connection',
  'update_bulk_migration_job_password',
];

describe('e2e: migrations on a Pro account (stdio, SDK client, sandbox)', function () {
  this.timeout(30_000);
  let sb: Sandbox;
  let s: Session;
  /** Every text the agent saw, to prove no source password ever came back. */
  const seen: string[] = [];
  const call = async (name: string, args: Record<string, unknown> = {}) => {
    const r = await s.call(name, args);
    seen.push(JSON.stringify(r));
    return r;
  };

  before(async () => {
    sb = await sandbox();
    s = await connect(sb, ['ops:pro'], { TREKMAIL_ALLOW_MIGRATION: 'true' });
  });
  after(async () => {
    await s?.close();
    await sb?.close();
  });

  it('lists the 16 migration tools with the catalog access', async () => {
    const { tools } = await s.client.listTools();
    const mine = tools.filter((t) => MIGRATION_TOOLS.includes(t.name));
    expect(mine.map((t) => t.name)).to.deep.equal(MIGRATION_TOOLS);
    expect(mine.find((t) => t.name === 'delete_migration')!.annotations).to.include({ destructiveHint: true }).and.not.to.have.property('readOnlyHint');
    expect(mine.find((t) => t.name === 'get_migration')!.annotations).to.include({ readOnlyHint: true });
  });

  it('checks the source login, then runs a migration folder by folder from start to completed', async () => {
    const bad = await call('test_migration_connection', { ...SOURCE, source_password: 'wrong-guess-123' });
    expect(bad.structuredContent).to.include({ success: false, stage: 'login', code: 'authentication_failed' });
    const ok = await call('test_migration_connection', SOURCE);
    expect(ok.structuredContent.success).to.equal(true);
    expect(ok.structuredContent.folders.map((f: { name: string }) => f.name)).to.include.members(['INBOX', 'Sent', 'Archive']);

    const start = await call('start_migration', { mailbox_id: 1, provider: 'generic_imap', ...SOURCE, selected_folders: ['INBOX', 'Sent', 'Archive'], confirm_start: true });
    expect(start.isError, start.content[0].text).to.not.equal(true);
    const id = start.structuredContent.migration.id;
    expect(start.structuredContent.migration).to.deep.include({ mailbox_id: 1, mailbox_email: 'demo@demo.trekmail.test' });

    const statuses = new Set<string>();
    let partial = false;
    const done = await until(async () => {
      const m = (await call('get_migration', { migration_id: id })).structuredContent.migration;
      statuses.add(m.status);
      const folderStates = m.folders.map((f: { status: string }) => f.status);
      if (folderStates.includes('completed') && folderStates.includes('pending')) partial = true;
      return m.status === 'completed' && m;
    }, 100, 100);
    expect([...statuses]).to.include('processing');
    expect(partial, 'one folder finished while a later one had not started').to.equal(true);
    expect(done.progress).to.deep.include({ percent: 100, folders_done: 3, folders_total: 3, messages_total: 455, messages_imported: 455 });
    expect(done.completed_at).to.be.a('string');
    const listed = (await call('list_migrations', { mailbox_id: 1, status: 'completed' })).structuredContent.data;
    expect(listed.map((m: { id: number }) => m.id)).to.include(id);
  });

  it('a start at migration capacity (503) tells the agent to retry in a few minutes', async () => {
    const r = await call('start_migration', { mailbox_id: 2, provider: 'generic_imap', ...SOURCE, source_host: 'imap.busy.example.com', confirm_start: true });
    expect(r.isError).to.equal(true);
    expect(r.content[0].text).to.contain('HTTP 503, migration_capacity').and.contain('wait a few minutes, then call start_migration again');
    expect(r.structuredContent.error).to.deep.include({ status: 503, code: 'migration_capacity', retry_after: 300 });
  });

  it('cancels a running migration, and a retry brings the timed-out demo migration to completed', async () => {
    const start = await call('start_migration', { mailbox_id: 2, provider: 'generic_imap', ...SOURCE, confirm_start: true });
    const id = start.structuredContent.migration.id;
    const cancelled = await call('cancel_migration', { migration_id: id, confirm_cancel: true });
    expect(cancelled.structuredContent.migration.status).to.equal('cancelled');
    // A re-call gets the API's replay of the cancel (derived idempotency key), marked as such; a deliberate repeat
    // reaches the API, which refuses a migration that is no longer active.
    const recall = await call('cancel_migration', { migration_id: id, confirm_cancel: true });
    expect(recall.structuredContent.migration.status).to.equal('cancelled');
    expect(recall._meta).to.deep.include({ 'trekmail/replayed': true });
    const again = await call('cancel_migration', { migration_id: id, confirm_cancel: true, _repeat: true });
    expect(again.content[0].text).to.contain('HTTP 409, migration_not_active');

    const failed = (await call('get_migration', { migration_id: 2 })).structuredContent.migration;
    expect(failed).to.deep.include({ status: 'failed', error: { code: 'connection_failed', message: 'Could not connect to mail.oldhost.example:993 (timed out)' } });
    await call('retry_migration', { migration_id: 2, confirm_retry: true });
    await until(async () => (await call('get_migration', { migration_id: 2 })).structuredContent.migration.status === 'completed', 100, 100);
    const del = await call('delete_migration', { migration_id: 2, confirm_delete: true });
    expect(del.structuredContent).to.deep.equal({ deleted: true, id: 2 });
  });

  it('bulk: preview, start, one row fails on a bad password, update_bulk_migration_job_password + retry_bulk_migration fix it', async () => {
    const csv = [
      'source_email,source_password,destination_email',
      'demo@oldcorp.example,Demo-Secret-1,demo@demo.trekmail.test',
      'sales@oldcorp.example,wrong-Sales-2,sales@demo.trekmail.test',
      'support@oldcorp.example,"Supp,ort-3",support@demo.trekmail.test',
      'ghost@oldcorp.example,Ghost-Secret-4,ghost@demo.trekmail.test',
    ].join('\n');
    const options = { data: csv, provider: 'outlook', folder_strategy: 'inbox_only' };
    const preview = (await call('preview_bulk_migration', options)).structuredContent;
    expect(preview.summary).to.deep.equal({ total: 4, valid: 3, warnings: 0, invalid: 1 });
    expect(preview.rows[3]).to.deep.include({ status: 'invalid', errors: ['no TrekMail mailbox ghost@demo.trekmail.test'] });

    const started = await call('start_bulk_migration', { ...options, name: 'Old corp', confirm_start: true });
    expect(started.isError, started.content[0].text).to.not.equal(true);
    const batch = started.structuredContent.batch;
    expect(batch.jobs).to.have.length(3);
    expect(started.structuredContent.skipped_rows.map((r: { row: number }) => r.row)).to.deep.equal([4]);

    const first = await until(async () => {
      const b = (await call('get_bulk_migration', { batch_id: batch.id })).structuredContent.batch;
      return b.status === 'completed_with_errors' && b;
    }, 100, 100);
    expect(first.counts).to.deep.include({ total: 3, completed: 2, failed: 1 });
    const failed = first.jobs.find((j: { status: string }) => j.status === 'failed');
    expect(failed).to.deep.include({ source_email: 'sales@oldcorp.example', error: { code: 'authentication_failed', message: 'The source server rejected the login for sales@oldcorp.example' } });

    const early = await call('retry_bulk_migration', { batch_id: batch.id });
    expect(early.content[0].text).to.contain('confirm_retry: true');
    const updated = await call('update_bulk_migration_job_password', { batch_id: batch.id, job_id: failed.id, source_password: 'Right-Sales-2' });
    expect(updated.structuredContent.job.password_updated_at).to.be.a('string');
    const retried = await call('retry_bulk_migration', { batch_id: batch.id, confirm_retry: true });
    expect(retried.structuredContent.retried_jobs).to.deep.equal([failed.id]);
    const fixed = await until(async () => {
      const b = (await call('get_bulk_migration', { batch_id: batch.id })).structuredContent.batch;
      return b.status === 'completed' && b;
    }, 100, 100);
    expect(fixed.counts).to.deep.include({ total: 3, completed: 3, failed: 0 });
    expect(fixed.jobs.find((j: { id: number }) => j.id === failed.id)).to.deep.include({ status: 'completed', attempts: 2, error: null });
    const listed = (await call('list_bulk_migrations', { status: 'completed' })).structuredContent.data;
    expect(listed.map((b: { id: number }) => b.id)).to.include(batch.id);
    expect((await call('delete_bulk_migration', { batch_id: batch.id, confirm_delete: true })).structuredContent).to.deep.equal({ deleted: true, id: batch.id });
  });

  it('resumes the demo batch paused at its storage limit', async () => {
    const paused = (await call('get_bulk_migration', { batch_id: 1 })).structuredContent.batch;
    expect(paused).to.deep.include({ status: 'paused', paused_reason: 'storage_limit' });
    const resumed = await call('resume_bulk_migration', { batch_id: 1, confirm_resume: true });
    expect(resumed.structuredContent.batch.status).to.equal('processing');
    await until(async () => (await call('get_bulk_migration', { batch_id: 1 })).structuredContent.batch.status === 'completed', 100, 100);
  });

  it("refuses starttls and statuses the API doesn't have, before any request", async () => {
    const before = sb.engine.stats.requests;
    const r = await call('test_migration_connection', { ...SOURCE, source_security: 'starttls' });
    expect(r.content[0].text).to.match(/source_security: must be one of .*ssl, tls, none/);
    expect((await call('list_migrations', { status: 'running' })).content[0].text).to.contain('status: must be one of');
    expect((await call('list_bulk_migrations', { status: 'failed' })).content[0].text).to.contain('status: must be one of');
    expect(sb.engine.stats.requests).to.equal(before);
  });

  it('never returned a source password, and never logged one; the strict sandbox refused no request', () => {
    const all = seen.join('\n') + s.stderr();
    for (const secret of [PASSWORD, 'wrong-guess-123', 'Demo-Secret-1', 'wrong-Sales-2', 'Supp,ort-3', 'Right-Sales-2', 'Ghost-Secret-4']) expect(all).not.to.contain(secret);
    expect(sb.engine.stats.validationFailures).to.deep.equal([]);
  });

  describe('with TREKMAIL_ALLOW_MIGRATION off', () => {
    let closed: Session;
    before(async () => {
      closed = await connect(sb, ['ops:pro']);
    });
    after(async () => {
      await closed?.close();
    });

    it('refuses migration writes naming the variable and sends nothing; cancel stays available', async () => {
      const before = sb.engine.stats.byRoute['POST /migrations'] ?? 0;
      const r = await closed.call('start_migration', { mailbox_id: 3, provider: 'generic_imap', ...SOURCE, confirm_start: true });
      expect(r.isError).to.equal(true);
      expect(r.content[0].text).to.contain('TREKMAIL_ALLOW_MIGRATION=true');
      expect(sb.engine.stats.byRoute['POST /migrations'] ?? 0).to.equal(before);
      const started = await s.call('start_migration', { mailbox_id: 3, provider: 'generic_imap', ...SOURCE, confirm_start: true });
      const c = await closed.call('cancel_migration', { migration_id: started.structuredContent.migration.id, confirm_cancel: true });
      expect(c.structuredContent.migration.status).to.equal('cancelled');
    });
  });
});
