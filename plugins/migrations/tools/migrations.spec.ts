import { expect } from 'chai';
import { api, data, errorText, harness, OPS_TOKEN, UUID, type Harness } from '../../../test/harness.js';
import { MigrationsPack } from '../migrations.plugin.js';
import { csvCells, csvPasswords, csvSecrets } from './support.js';

const GATE = { TREKMAIL_ALLOW_MIGRATION: 'true' };
const SOURCE = { source_host: 'imap.oldhost.example', source_port: 993, source_security: 'ssl', source_email: 'ann@oldhost.example', source_password: 'Src-Pa55word!' };
const CSV = 'source_email,source_password,destination_email\nann@old.example,Ann-Secret-1,demo@demo.trekmail.test\n"bob@old.example","B,ob""Secret",sales@demo.trekmail.test\n';

describe('migrations tools', () => {
  let closed: Harness;
  let h: Harness;
  before(async () => {
    closed = await harness(MigrationsPack);
    h = await harness(MigrationsPack, GATE);
  });

  describe('single migrations', () => {
    it('test_migration_connection POSTs the source account with auth and an idempotency key', async () => {
      api().post('/api/v1/migrations/test-connection', { ...SOURCE, source_username: 'ann' })
        .matchHeader('authorization', `Bearer ${OPS_TOKEN}`).matchHeader('idempotency-key', UUID).matchHeader('content-type', 'application/json')
        .reply(200, { success: true, folders: [{ name: 'INBOX', messages: 240 }], total_messages: 240 });
      const res = await h.call('test_migration_connection', { ...SOURCE, source_username: 'ann' });
      expect(data(res)).to.deep.equal({ success: true, folders: [{ name: 'INBOX', messages: 240 }], total_messages: 240 });
    });

    it('test_migration_connection never shows the source password, even when the API echoes it', async () => {
      api().post('/api/v1/migrations/test-connection').reply(200, { success: false, stage: 'login', message: 'login ann / Src-Pa55word! rejected', source_password: 'Src-Pa55word!', echo: { pass: 'Src-Pa55word!' } });
      const res = await h.call('test_migration_connection', SOURCE);
      const all = JSON.stringify(res) + h.logs.join('\n');
      expect(all).not.to.contain('Src-Pa55word!');
      expect(data(res)).to.deep.equal({ success: false, stage: 'login', message: 'login ann / [redacted] rejected', source_password: '[redacted]', echo: { pass: '[redacted]' } });
    });

    it('test_migration_connection is refused while TREKMAIL_ALLOW_MIGRATION is off, with no request', async () => {
      const text = errorText(await closed.call('test_migration_connection', SOURCE));
      expect(text).to.match(/^Migration writes are disabled: test_migration_connection needs TREKMAIL_ALLOW_MIGRATION=true/).and.contain('No request was sent');
      expect(text).not.to.contain('Src-Pa55word!');
    });

    it('test_migration_connection names bad fields (private host, security, port, email) without a request', async () => {
      const text = errorText(await h.call('test_migration_connection', { ...SOURCE, source_host: 'imap.corp.internal', source_security: 'tls1.3', source_port: 70000, source_email: 'nope' }));
      expect(text).to.contain('source_host: must be a public host name').and.contain('source_security: must be one of').and.contain('source_port:').and.contain('source_email:');
      expect(errorText(await h.call('test_migration_connection', { ...SOURCE, source_host: '169.254.169.254' }))).to.contain('source_host:');
      const { source_password: _, ...noPassword } = SOURCE;
      expect(errorText(await h.call('test_migration_connection', noPassword))).to.contain('source_password:');
    });

    it('source_security is ssl, tls or none: starttls is refused by every tool that takes it, with no request', async () => {
      const starttls = { ...SOURCE, source_security: 'starttls' };
      expect(errorText(await h.call('test_migration_connection', starttls))).to.match(/source_security: must be one of .*ssl, tls, none/);
      expect(errorText(await h.call('start_migration', { mailbox_id: 3, provider: 'gmail', ...starttls, confirm_start: true }))).to.contain('source_security: must be one of');
      expect(errorText(await h.call('preview_bulk_migration', { data: CSV, source_security: 'starttls' }))).to.contain('source_security: must be one of');
      expect(errorText(await h.call('start_bulk_migration', { data: CSV, source_security: 'STARTTLS', confirm_start: true }))).to.contain('source_security: must be one of');
      for (const security of ['ssl', 'tls', 'none']) {
        api().post('/api/v1/migrations/test-connection', { ...SOURCE, source_security: security }).reply(200, { success: true });
        expect(data(await h.call('test_migration_connection', { ...SOURCE, source_security: security }))).to.deep.equal({ success: true });
      }
    });

    it('list_migrations GETs with its filters in the query', async () => {
      api().get('/api/v1/migrations').query({ status: 'processing', mailbox_id: '3', page: '2', per_page: '10' }).matchHeader('authorization', `Bearer ${OPS_TOKEN}`)
        .reply(200, { data: [{ id: 7, status: 'processing' }], meta: { page: 2, per_page: 10, total: 11, last_page: 2 } });
      const res = await closed.call('list_migrations', { status: 'processing', mailbox_id: 3, page: 2, per_page: 10 });
      expect(data(res)).to.deep.equal({ data: [{ id: 7, status: 'processing' }], meta: { page: 2, per_page: 10, total: 11, last_page: 2 } });
      api().get('/api/v1/migrations').query({ status: 'planning' }).reply(200, { data: [], meta: { total: 0 } });
      expect(data(await closed.call('list_migrations', { status: 'planning' })).data).to.deep.equal([]);
      api().get('/api/v1/migrations').query((q) => Object.keys(q).length === 0).reply(200, { data: [] });
      expect(data(await closed.call('list_migrations', {})).data).to.deep.equal([]);
    });

    it("list_migrations takes only the API's statuses and at most 100 a page", async () => {
      for (const status of ['running', 'queued', 'paused', 'PROCESSING']) {
        expect(errorText(await closed.call('list_migrations', { status }))).to.match(/status: must be one of .*pending, validating, planning, processing, completed, failed, cancelled/);
      }
      expect(errorText(await closed.call('list_migrations', { per_page: 101 }))).to.contain('per_page:');
      expect(errorText(await closed.call('list_migrations', { mailbox_id: 0 }))).to.contain('mailbox_id:');
    });

    it('get_migration GETs one migration', async () => {
      const body = { migration: { id: 7, status: 'processing', progress: { percent: 40 }, folders: [{ name: 'INBOX', status: 'completed' }] } };
      api().get('/api/v1/migrations/7').reply(200, body);
      expect(data(await closed.call('get_migration', { migration_id: 7 }))).to.deep.equal(body);
      expect(errorText(await closed.call('get_migration', { migration_id: 0 }))).to.contain('migration_id:');
    });

    it('start_migration POSTs every field except confirm_start, with an idempotency key', async () => {
      const args = { mailbox_id: 3, provider: 'generic_imap', ...SOURCE, selected_folders: ['INBOX', 'Sent'], import_since: '2024-01-01', skip_duplicates: true };
      api().post('/api/v1/migrations', args).matchHeader('idempotency-key', UUID).matchHeader('authorization', `Bearer ${OPS_TOKEN}`)
        .reply(201, { migration: { id: 9, status: 'pending', source: { host: 'imap.oldhost.example' } }, message: 'queued' });
      const res = await h.call('start_migration', { ...args, confirm_start: true });
      expect(data(res)).to.deep.equal({ migration: { id: 9, status: 'pending', source: { host: 'imap.oldhost.example' } }, message: 'queued' });
    });

    it('start_migration sends an empty folder list as given (all folders) and only the fields given', async () => {
      const args = { mailbox_id: 3, provider: 'icloud', ...SOURCE, selected_folders: [] };
      api().post('/api/v1/migrations', args).reply(201, { migration: { id: 10, status: 'pending' } });
      expect(data(await h.call('start_migration', { ...args, confirm_start: true })).migration.id).to.equal(10);
      api().post('/api/v1/migrations', (b) => JSON.stringify(Object.keys(b).sort()) === JSON.stringify(['mailbox_id', 'provider', ...Object.keys(SOURCE)].sort())).reply(201, { migration: { id: 11 } });
      expect(data(await h.call('start_migration', { mailbox_id: 3, provider: 'icloud', ...SOURCE, confirm_start: true })).migration.id).to.equal(11);
    });

    it('start_migration refuses a folder name over 255 characters or empty, with no request', async () => {
      const base = { mailbox_id: 3, provider: 'gmail', ...SOURCE, confirm_start: true };
      expect(errorText(await h.call('start_migration', { ...base, selected_folders: ['INBOX', 'x'.repeat(256)] }))).to.contain('selected_folders:');
      expect(errorText(await h.call('start_migration', { ...base, selected_folders: [''] }))).to.contain('selected_folders:');
      expect(errorText(await h.call('start_migration', { ...base, selected_folders: 'INBOX' }))).to.contain('selected_folders:');
      expect(errorText(await h.call('start_migration', { ...base, selected_folders: Array.from({ length: 501 }, (_, i) => `F${i}`) }))).to.contain('selected_folders:');
    });

    it('start_migration without confirm_start is refused, with no request', async () => {
      const args = { mailbox_id: 3, provider: 'gmail', ...SOURCE };
      expect(errorText(await h.call('start_migration', args))).to.match(/^Not confirmed: call start_migration again with confirm_start: true/);
      expect(errorText(await h.call('start_migration', { ...args, confirm_start: 'yes' }))).to.match(/^Not confirmed/);
      expect(errorText(await closed.call('start_migration', { ...args, confirm_start: true }))).to.contain('TREKMAIL_ALLOW_MIGRATION=true').and.contain('then call start_migration with confirm_start: true');
    });

    it('start_migration refuses an unknown provider and a bad date', async () => {
      const text = errorText(await h.call('start_migration', { mailbox_id: 3, provider: 'aol', ...SOURCE, import_since: '01/02/2024', confirm_start: true }));
      expect(text).to.contain('provider: must be one of').and.contain('import_since:');
    });

    it('start_migration on a 503 says the service is at migration capacity and to retry in a few minutes', async () => {
      api().post('/api/v1/migrations').reply(503, { error: { code: 'migration_capacity', message: 'All migration workers are busy', retryable: false }, retry_after: 300 });
      const res = await h.call('start_migration', { mailbox_id: 3, provider: 'gmail', ...SOURCE, confirm_start: true });
      const text = errorText(res);
      expect(text).to.contain('HTTP 503, migration_capacity').and.contain('migration capacity, so nothing was started').and.contain('wait a few minutes, then call start_migration again');
      expect(res.structuredContent!.error).to.deep.include({ status: 503, code: 'migration_capacity', retry_after: 300 });
      expect(text).not.to.contain('Src-Pa55word!');
    });

    it('start_migration: a bare 503 (retried with the same key) also becomes the capacity message', async () => {
      const keys: string[] = [];
      api().post('/api/v1/migrations').times(4).reply(function () {
        keys.push(String(this.req.headers['idempotency-key']));
        return [503, '<html>Service Unavailable</html>', { 'content-type': 'text/html' }];
      });
      const res = await h.call('start_migration', { mailbox_id: 3, provider: 'gmail', ...SOURCE, confirm_start: true });
      expect(res.structuredContent!.error).to.deep.include({ status: 503, code: 'migration_capacity' });
      expect(errorText(res)).to.contain('few minutes');
      expect(new Set(keys).size).to.equal(1);
    });

    it('cancel_migration needs only confirm_cancel (no env gate) and POSTs :cancel', async () => {
      expect(errorText(await closed.call('cancel_migration', { migration_id: 5 }))).to.match(/^Not confirmed: call cancel_migration again with confirm_cancel: true/);
      api().post('/api/v1/migrations/5:cancel', {}).matchHeader('idempotency-key', UUID).reply(200, { migration: { id: 5, status: 'cancelled' } });
      expect(data(await closed.call('cancel_migration', { migration_id: 5, confirm_cancel: true }))).to.deep.equal({ migration: { id: 5, status: 'cancelled' } });
    });

    it('retry_migration POSTs :retry once the gate is on and confirm_retry is set', async () => {
      expect(errorText(await closed.call('retry_migration', { migration_id: 5, confirm_retry: true }))).to.contain('TREKMAIL_ALLOW_MIGRATION=true');
      api().post('/api/v1/migrations/5:retry', {}).matchHeader('idempotency-key', UUID).reply(200, { migration: { id: 5, status: 'pending', attempts: 2 } });
      expect(data(await h.call('retry_migration', { migration_id: 5, confirm_retry: true }))).to.deep.equal({ migration: { id: 5, status: 'pending', attempts: 2 } });
    });

    it('delete_migration sends DELETE with gate and confirm_delete; an API conflict reaches the agent', async () => {
      expect(errorText(await closed.call('delete_migration', { migration_id: 5, confirm_delete: true }))).to.contain('TREKMAIL_ALLOW_MIGRATION=true');
      expect(errorText(await h.call('delete_migration', { migration_id: 5 }))).to.contain('confirm_delete: true');
      api().delete('/api/v1/migrations/5').matchHeader('idempotency-key', UUID).reply(200, { deleted: true, id: 5 });
      expect(data(await h.call('delete_migration', { migration_id: 5, confirm_delete: true }))).to.deep.equal({ deleted: true, id: 5 });
      api().delete('/api/v1/migrations/6').reply(409, { error: { code: 'migration_active', message: 'Migration 6 is still running; cancel it first', request_id: 'req-9' } });
      const res = await h.call('delete_migration', { migration_id: 6, confirm_delete: true });
      expect(errorText(res)).to.contain('HTTP 409, migration_active').and.contain('cancel it first').and.contain('req-9');
    });
  });

  describe('bulk migrations', () => {
    const bulk = { data: CSV, provider: 'outlook', folder_strategy: 'standard', import_since: '2023-06-01', skip_duplicates: false };

    it('preview_bulk_migration POSTs the CSV and options; passwords echoed by the API are masked', async () => {
      api().post('/api/v1/migrations/bulk/preview', bulk).matchHeader('idempotency-key', UUID).reply(200, {
        summary: { total: 2, valid: 2, invalid: 0 },
        rows: [{ row: 1, source_email: 'ann@old.example', raw: 'ann@old.example,Ann-Secret-1,demo@demo.trekmail.test', status: 'valid' }, { row: 2, note: 'password B,ob"Secret looks weak', status: 'valid' }],
        data: CSV,
      });
      const res = await h.call('preview_bulk_migration', bulk);
      const out = data(res);
      expect(out.summary).to.deep.equal({ total: 2, valid: 2, invalid: 0 });
      expect(out.rows[0]).to.deep.equal({ row: 1, source_email: 'ann@old.example', raw: 'ann@old.example,[redacted],demo@demo.trekmail.test', status: 'valid' });
      expect(out.rows[1].note).to.equal('password [redacted] looks weak');
      expect(out.data).to.equal('[redacted]');
      expect(JSON.stringify(res) + h.logs.join()).not.to.contain('Ann-Secret-1').and.not.contain('B,ob"Secret');
    });

    it('preview_bulk_migration sends every server option as given; a private host is refused before any request', async () => {
      const all = { data: CSV, provider: 'generic_imap', source_host: 'imap.old.example', source_port: 143, source_security: 'tls', per_row_server: false, folder_strategy: 'inbox_only', import_since: '2024-02-29', skip_duplicates: true };
      api().post('/api/v1/migrations/bulk/preview', all).matchHeader('content-type', 'application/json').reply(200, { summary: { total: 2, valid: 2, warnings: 0, invalid: 0 } });
      expect(data(await h.call('preview_bulk_migration', all)).summary.valid).to.equal(2);
      expect(errorText(await h.call('preview_bulk_migration', { ...all, source_host: 'mail.corp.local' }))).to.contain('source_host: must be a public host name');
      expect(errorText(await h.call('preview_bulk_migration', { ...all, provider: 'aol' }))).to.contain('provider: must be one of');
      expect(errorText(await h.call('preview_bulk_migration', { ...all, source_port: 0 }))).to.contain('source_port:');
    });

    it('preview_bulk_migration needs the gate and a non-empty CSV; errors never echo the CSV', async () => {
      expect(errorText(await closed.call('preview_bulk_migration', bulk))).to.contain('TREKMAIL_ALLOW_MIGRATION=true');
      expect(errorText(await h.call('preview_bulk_migration', { data: '' }))).to.contain('data:');
      expect(errorText(await h.call('preview_bulk_migration', { data: CSV, folder_strategy: 'some' }))).to.contain('folder_strategy: must be one of');
      api().post('/api/v1/migrations/bulk/preview').reply(422, { error: { code: 'validation_failed', message: 'row 1: Ann-Secret-1 is not allowed' }, errors: { data: `bad csv ${CSV}` } });
      const text = errorText(await h.call('preview_bulk_migration', { data: CSV }));
      expect(text).to.contain('HTTP 422').and.not.contain('Ann-Secret-1');
    });

    it('start_bulk_migration POSTs the batch with its name, without confirm_start', async () => {
      api().post('/api/v1/migrations/bulk', { ...bulk, name: 'Old office' }).matchHeader('idempotency-key', UUID)
        .reply(201, { batch: { id: 4, name: 'Old office', status: 'queued', jobs: [{ id: 11 }, { id: 12 }] }, skipped_rows: [] });
      const res = await h.call('start_bulk_migration', { ...bulk, name: 'Old office', confirm_start: true });
      expect(data(res)).to.deep.equal({ batch: { id: 4, name: 'Old office', status: 'queued', jobs: [{ id: 11 }, { id: 12 }] }, skipped_rows: [] });
      expect(errorText(await h.call('start_bulk_migration', bulk))).to.contain('confirm_start: true');
    });

    it('start_bulk_migration on a 503 gives the capacity hint and never the passwords', async () => {
      api().post('/api/v1/migrations/bulk').reply(503, { error: { code: 'migration_capacity', message: 'busy with Ann-Secret-1', retryable: false } });
      const text = errorText(await h.call('start_bulk_migration', { data: CSV, confirm_start: true }));
      expect(text).to.contain('migration capacity').and.contain('call start_bulk_migration again').and.not.contain('Ann-Secret-1');
    });

    it('list_bulk_migrations and get_bulk_migration are plain GETs', async () => {
      api().get('/api/v1/migrations/bulk').query({ status: 'paused', page: '1', per_page: '5' }).reply(200, { data: [{ id: 1, status: 'paused' }], meta: { total: 1 } });
      api().get('/api/v1/migrations/bulk/4').query((q) => Object.keys(q).length === 0).matchHeader('authorization', `Bearer ${OPS_TOKEN}`)
        .reply(200, { batch: { id: 4, status: 'completed_with_errors', jobs: [{ id: 12, status: 'failed', error: { code: 'authentication_failed' } }] } });
      expect(data(await closed.call('list_bulk_migrations', { status: 'paused', page: 1, per_page: 5 }))).to.deep.equal({ data: [{ id: 1, status: 'paused' }], meta: { total: 1 } });
      expect(data(await closed.call('get_bulk_migration', { batch_id: 4 })).batch.jobs[0].error.code).to.equal('authentication_failed');
      api().get('/api/v1/migrations/bulk').query({ status: 'completed_with_errors' }).reply(200, { data: [] });
      expect(data(await closed.call('list_bulk_migrations', { status: 'completed_with_errors' })).data).to.deep.equal([]);
    });

    it("list_bulk_migrations takes only the API's batch statuses", async () => {
      for (const status of ['failed', 'pending', 'running']) {
        expect(errorText(await closed.call('list_bulk_migrations', { status }))).to.match(/status: must be one of .*queued, processing, paused, completed, completed_with_errors, cancelled/);
      }
      expect(errorText(await closed.call('get_bulk_migration', { batch_id: 1.5 }))).to.contain('batch_id:');
    });

    it('cancel_bulk_migration and resume_bulk_migration work with the gate off, given their confirm flag', async () => {
      expect(errorText(await closed.call('cancel_bulk_migration', { batch_id: 4 }))).to.contain('confirm_cancel: true');
      expect(errorText(await closed.call('resume_bulk_migration', { batch_id: 4, confirm_resume: false }))).to.contain('confirm_resume: true');
      api().post('/api/v1/migrations/bulk/4:cancel', {}).matchHeader('idempotency-key', UUID).reply(200, { batch: { id: 4, status: 'cancelled' } });
      api().post('/api/v1/migrations/bulk/1:resume', {}).matchHeader('idempotency-key', UUID).reply(200, { batch: { id: 1, status: 'processing' } });
      expect(data(await closed.call('cancel_bulk_migration', { batch_id: 4, confirm_cancel: true })).batch.status).to.equal('cancelled');
      expect(data(await closed.call('resume_bulk_migration', { batch_id: 1, confirm_resume: true })).batch.status).to.equal('processing');
    });

    it('retry_bulk_migration POSTs :retry (gate + confirm_retry)', async () => {
      expect(errorText(await closed.call('retry_bulk_migration', { batch_id: 4, confirm_retry: true }))).to.contain('TREKMAIL_ALLOW_MIGRATION=true');
      api().post('/api/v1/migrations/bulk/4:retry', {}).matchHeader('idempotency-key', UUID).reply(200, { batch: { id: 4, status: 'processing' }, retried_jobs: [12] });
      expect(data(await h.call('retry_bulk_migration', { batch_id: 4, confirm_retry: true }))).to.deep.equal({ batch: { id: 4, status: 'processing' }, retried_jobs: [12] });
    });

    it('delete_bulk_migration sends DELETE (gate + confirm_delete)', async () => {
      expect(errorText(await closed.call('delete_bulk_migration', { batch_id: 4, confirm_delete: true }))).to.contain('TREKMAIL_ALLOW_MIGRATION=true');
      api().delete('/api/v1/migrations/bulk/4').matchHeader('idempotency-key', UUID).reply(200, { deleted: true, id: 4 });
      expect(data(await h.call('delete_bulk_migration', { batch_id: 4, confirm_delete: true }))).to.deep.equal({ deleted: true, id: 4 });
    });

    it('update_bulk_migration_job_password PATCHes the new password; it never comes back', async () => {
      expect(errorText(await closed.call('update_bulk_migration_job_password', { batch_id: 4, job_id: 12, source_password: 'New-Pass-42' }))).to.contain('TREKMAIL_ALLOW_MIGRATION=true');
      api().patch('/api/v1/migrations/bulk/4/jobs/12/password', { source_password: 'New-Pass-42' }).matchHeader('idempotency-key', UUID).matchHeader('authorization', `Bearer ${OPS_TOKEN}`)
        .reply(200, { job: { id: 12, status: 'failed', password_updated_at: '2030-01-01T00:00:00Z', source_password: 'New-Pass-42' }, message: 'updated to New-Pass-42' });
      const res = await h.call('update_bulk_migration_job_password', { batch_id: 4, job_id: 12, source_password: 'New-Pass-42' });
      expect(data(res)).to.deep.equal({ job: { id: 12, status: 'failed', password_updated_at: '2030-01-01T00:00:00Z', source_password: '[redacted]' }, message: 'updated to [redacted]' });
      expect(h.logs.join('\n')).not.to.contain('New-Pass-42');
      expect(errorText(await h.call('update_bulk_migration_job_password', { batch_id: 4, job_id: 12, source_password: '' }))).to.contain('source_password:');
    });
  });

  describe('CSV helpers', () => {
    it('csvCells handles quotes, doubled quotes and commas', () => {
      expect(csvCells('"a,b", c ,"d""e"')).to.deep.equal(['a,b', 'c', 'd"e']);
    });
    it('csvPasswords reads the second cell of each data row and skips the header', () => {
      expect(csvPasswords(CSV)).to.deep.equal(['Ann-Secret-1', 'B,ob"Secret']);
      expect(csvSecrets(CSV)).to.deep.equal([CSV, 'Ann-Secret-1', 'B,ob""Secret', 'B,ob"Secret']);
      expect(csvPasswords('x@y.io,pw1234,d@e.io,imap.y.io,993,ssl\r\n\r\nno-email,zzz')).to.deep.equal(['pw1234']);
    });
  });
});
