import { expect } from 'chai';
import type { Ctx, Result, Scenario } from './steps.js';

/**
 * Every migrations tool, called through the protocol against the strict sandbox. Jobs progress with the sandbox
 * clock: a step advances it just before its call (about 8 s in all, so other packs' time-bound demo data is not disturbed).
 * Depends on the demo data only: mailboxes demo@ and sales@demo.trekmail.test, migration 2 (failed on a timeout),
 * bulk batch 1 (paused at its storage limit).
 */
const SOURCE = { source_host: 'imap.oldhost.example', source_port: 993, source_security: 'ssl', source_email: 'ann@oldhost.example', source_password: 'Old-Host-Pa55!' };
const advance = (c: Ctx, ms: number) => c.sb.engine.advance(ms);
const migration = (r: Result) => r.structuredContent.migration;
const batch = (r: Result) => r.structuredContent.batch;
const ids = (r: Result) => r.structuredContent.data.map((x: { id: number }) => x.id);

export const SCENARIOS: Scenario[] = [
  {
    name: 'single: test the source, start, follow it through planning to completed, cancel, retry, delete',
    steps: [
      {
        tool: 'test_migration_connection', args: { ...SOURCE, source_username: 'ann' },
        check: (r) => {
          expect(r.structuredContent).to.include({ success: true, total_messages: 514 });
          expect(r.structuredContent.folders.map((f: { name: string }) => f.name)).to.deep.equal(['INBOX', 'Sent', 'Drafts', 'Archive', 'Projects/2023']);
        },
      },
      {
        tool: 'test_migration_connection', args: { ...SOURCE, source_port: 143, source_security: 'tls', source_password: 'wrong-guess' },
        check: (r) => expect(r.structuredContent).to.include({ success: false, stage: 'login', code: 'authentication_failed' }),
      },
      {
        tool: 'test_migration_connection', args: { ...SOURCE, source_host: 'unreachable.oldhost.example', source_port: 143, source_security: 'none' },
        check: (r) => expect(r.structuredContent).to.include({ success: false, stage: 'connect', code: 'connection_failed' }),
      },
      {
        tool: 'start_migration',
        args: { mailbox_id: 1, provider: 'generic_imap', ...SOURCE, source_port: 143, source_security: 'tls', selected_folders: ['INBOX', 'Sent'], import_since: '2024-01-01', skip_duplicates: false, confirm_start: true },
        check: (r, c) => {
          c.saved.mig = migration(r).id;
          expect(migration(r)).to.deep.include({ mailbox_id: 1, mailbox_email: 'demo@demo.trekmail.test', status: 'pending' });
        },
        verify: {
          tool: 'get_migration', args: (c) => ({ migration_id: c.saved.mig }),
          check: (r) => {
            expect(migration(r).source).to.deep.include({ host: 'imap.oldhost.example', port: 143, security: 'tls' });
            expect(migration(r).options).to.deep.include({ selected_folders: ['INBOX', 'Sent'], import_since: '2024-01-01', skip_duplicates: false });
            expect(migration(r).folders.map((f: { name: string }) => f.name)).to.deep.equal(['INBOX', 'Sent']);
          },
        },
      },
      {
        // 0.6 s in: connected, the folder plan is being built.
        tool: 'list_migrations', args: (c) => (advance(c, 650), { status: 'planning', mailbox_id: 1 }),
        check: (r, c) => expect(ids(r)).to.include(c.saved.mig),
      },
      {
        tool: 'get_migration', args: (c) => (advance(c, 1500), { migration_id: c.saved.mig }),
        check: (r) => {
          expect(migration(r)).to.deep.include({ status: 'completed', poll_after_seconds: null });
          expect(migration(r).progress).to.deep.include({ percent: 100, folders_done: 2, messages_imported: 325 });
        },
      },
      {
        tool: 'list_migrations', args: { status: 'completed', mailbox_id: 1, page: 1, per_page: 10 },
        check: (r, c) => {
          expect(ids(r)).to.include(c.saved.mig);
          expect(r.structuredContent.meta).to.include({ page: 1, per_page: 10 });
        },
      },
      {
        tool: 'start_migration', args: { mailbox_id: 1, provider: 'gmail', ...SOURCE, source_host: 'imap.gmail.com', selected_folders: [], confirm_start: true },
        check: (r, c) => void (c.saved.second = migration(r).id),
        verify: { tool: 'get_migration', args: (c) => ({ migration_id: c.saved.second }), check: (r) => expect(migration(r).folders).to.have.length(5) },
      },
      {
        tool: 'cancel_migration', args: (c) => ({ migration_id: c.saved.second, confirm_cancel: true }),
        verify: { tool: 'list_migrations', args: { status: 'cancelled' }, check: (r, c) => expect(ids(r)).to.include(c.saved.second) },
      },
      {
        tool: 'get_migration', args: { migration_id: 2 },
        check: (r) => expect(migration(r)).to.deep.include({ status: 'failed', attempts: 1, error: { code: 'connection_failed', message: 'Could not connect to mail.oldhost.example:993 (timed out)' } }),
      },
      {
        tool: 'retry_migration', args: { migration_id: 2, confirm_retry: true },
        check: (r) => expect(migration(r)).to.deep.include({ attempts: 2, status: 'pending' }),
        verify: {
          tool: 'get_migration', args: (c) => (advance(c, 3000), { migration_id: 2 }),
          check: (r) => expect(migration(r)).to.deep.include({ status: 'completed', attempts: 2, error: null }),
        },
      },
      {
        tool: 'delete_migration', args: (c) => ({ migration_id: c.saved.second, confirm_delete: true }),
        check: (r, c) => expect(r.structuredContent).to.deep.equal({ deleted: true, id: c.saved.second }),
        verify: { tool: 'list_migrations', args: { mailbox_id: 1 }, check: (r, c) => expect(ids(r)).to.include(c.saved.mig).and.not.include(c.saved.second) },
      },
      { tool: 'get_migration', args: (c) => ({ migration_id: c.saved.second }), error: /HTTP 404, not_found/ },
    ],
  },
  {
    name: 'bulk: preview (shared and per-row servers), start, fix a failed password, retry, delete; resume and cancel the paused demo batch',
    steps: [
      {
        tool: 'preview_bulk_migration',
        args: {
          data: 'source_email,source_password,destination_email\nann@oldcorp.example,Ann-Secret-1,demo@demo.trekmail.test\nbob@oldcorp.example,wrong-Bob-2,sales@demo.trekmail.test\nghost@oldcorp.example,Ghost-3,ghost@demo.trekmail.test\n',
          provider: 'outlook', folder_strategy: 'standard', import_since: '2023-06-01', skip_duplicates: true,
        },
        check: (r) => {
          expect(r.structuredContent.summary).to.deep.equal({ total: 3, valid: 2, warnings: 0, invalid: 1 });
          expect(r.structuredContent.rows[2]).to.deep.include({ status: 'invalid', errors: ['no TrekMail mailbox ghost@demo.trekmail.test'] });
          expect(JSON.stringify(r)).not.to.contain('Ann-Secret-1');
        },
      },
      {
        tool: 'preview_bulk_migration',
        args: { data: 'ann@oldcorp.example,Ann-Secret-1,demo@demo.trekmail.test,imap.oldcorp.example,143,none\nbob@oldcorp.example,Bob-2,sales@demo.trekmail.test,imap.oldcorp.example,993,starttls', per_row_server: true },
        check: (r) => {
          expect(r.structuredContent.rows.map((x: { status: string }) => x.status)).to.deep.equal(['valid', 'invalid']);
          expect(r.structuredContent.rows[1].errors).to.deep.equal(['column 6 must be one of ssl, tls, none']);
        },
      },
      {
        tool: 'start_bulk_migration',
        args: {
          data: 'ann@oldcorp.example,Ann-Secret-1,demo@demo.trekmail.test\nbob@oldcorp.example,wrong-Bob-2,sales@demo.trekmail.test',
          provider: 'generic_imap', source_host: 'imap.oldcorp.example', source_port: 993, source_security: 'ssl', folder_strategy: 'inbox_only', name: 'Old corp', confirm_start: true,
        },
        check: (r, c) => {
          c.saved.batch = batch(r).id;
          expect(batch(r)).to.deep.include({ name: 'Old corp', status: 'queued' });
        },
        verify: { tool: 'list_bulk_migrations', args: { status: 'queued' }, check: (r, c) => expect(ids(r)).to.include(c.saved.batch) },
      },
      {
        tool: 'get_bulk_migration', args: (c) => (advance(c, 1500), { batch_id: c.saved.batch }),
        check: (r, c) => {
          expect(batch(r)).to.deep.include({ status: 'completed_with_errors' });
          expect(batch(r).counts).to.deep.include({ total: 2, completed: 1, failed: 1 });
          const failed = batch(r).jobs.find((j: { status: string }) => j.status === 'failed');
          expect(failed).to.deep.include({ source_email: 'bob@oldcorp.example', error: { code: 'authentication_failed', message: 'The source server rejected the login for bob@oldcorp.example' } });
          c.saved.job = failed.id;
        },
      },
      {
        tool: 'update_bulk_migration_job_password', args: (c) => ({ batch_id: c.saved.batch, job_id: c.saved.job, source_password: 'Right-Bob-2' }),
        verify: {
          tool: 'get_bulk_migration', args: (c) => ({ batch_id: c.saved.batch }),
          check: (r, c) => expect(batch(r).jobs.find((j: { id: number }) => j.id === c.saved.job).password_updated_at).to.be.a('string'),
        },
      },
      {
        tool: 'retry_bulk_migration', args: (c) => ({ batch_id: c.saved.batch, confirm_retry: true }),
        check: (r, c) => expect(r.structuredContent.retried_jobs).to.deep.equal([c.saved.job]),
        verify: {
          tool: 'get_bulk_migration', args: (c) => (advance(c, 1500), { batch_id: c.saved.batch }),
          check: (r) => {
            expect(batch(r).status).to.equal('completed');
            expect(batch(r).counts).to.deep.include({ completed: 2, failed: 0 });
          },
        },
      },
      { tool: 'list_bulk_migrations', args: { status: 'completed', page: 1, per_page: 20 }, check: (r, c) => expect(ids(r)).to.include(c.saved.batch) },
      {
        tool: 'delete_bulk_migration', args: (c) => ({ batch_id: c.saved.batch, confirm_delete: true }),
        verify: { tool: 'list_bulk_migrations', check: (r, c) => expect(ids(r)).not.to.include(c.saved.batch) },
      },
      { tool: 'get_bulk_migration', args: (c) => ({ batch_id: c.saved.batch }), error: /HTTP 404, not_found/ },
      {
        tool: 'list_bulk_migrations', args: { status: 'paused' },
        check: (r) => expect(r.structuredContent.data.find((b: { id: number }) => b.id === 1)).to.deep.include({ paused_reason: 'storage_limit' }),
      },
      {
        tool: 'resume_bulk_migration', args: { batch_id: 1, confirm_resume: true },
        verify: { tool: 'get_bulk_migration', args: { batch_id: 1 }, check: (r) => expect(batch(r)).to.deep.include({ status: 'processing', paused_reason: null }) },
      },
      {
        tool: 'cancel_bulk_migration', args: { batch_id: 1, confirm_cancel: true },
        verify: {
          tool: 'get_bulk_migration', args: { batch_id: 1 },
          check: (r) => {
            expect(batch(r).status).to.equal('cancelled');
            expect(batch(r).jobs.map((j: { status: string }) => j.status)).to.deep.equal(['cancelled', 'cancelled']);
          },
        },
      },
    ],
  },
];
