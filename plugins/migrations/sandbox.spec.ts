import { expect } from 'chai';
import { rawApi } from '../../test/e2e.js';
import { packSpec } from '../../core/plugin-api.js';
import { startSandbox, type Sandbox } from '../../sandbox/server.js';
import { MigrationsPack } from './migrations.plugin.js';

const SOURCE = { source_host: 'imap.oldhost.example', source_port: 993, source_security: 'ssl', source_email: 'ann@oldhost.example', source_password: 'Src-Pa55word!' };

/** The migrations emulator as the API's independent witness: what it refuses before any handler runs, and its clock. */
describe('migrations sandbox: strict fields and job progress', () => {
  let sb: Sandbox;
  const send = (method: string, path: string, body?: unknown, token?: string) => rawApi(sb)(method, path, body, token);
  before(async () => {
    sb = await startSandbox({ packs: [packSpec(MigrationsPack)!] });
  });
  after(() => sb?.close());

  it('refuses starttls, an unknown field and a missing password before the handler runs', async () => {
    const before = sb.engine.stats.validationFailures.length;
    const r = await send('POST', '/migrations/test-connection', { ...SOURCE, source_security: 'starttls', target_password: 'x', source_password: undefined });
    expect(r.status).to.equal(422);
    expect(r.body.errors).to.deep.equal({ source_security: 'must be one of ssl, tls, none', target_password: 'is not a field of this endpoint', source_password: 'is required' });
    expect(sb.engine.stats.executions['POST /migrations/test-connection'] ?? 0).to.equal(0);
    for (const security of ['ssl', 'tls', 'none']) expect((await send('POST', '/migrations/test-connection', { ...SOURCE, source_security: security })).body.success).to.equal(true);
    expect(sb.engine.stats.validationFailures.length - before).to.equal(1);
  });

  it("list filters take the API's statuses only", async () => {
    expect((await send('GET', '/migrations?status=running')).body.errors).to.deep.equal({ status: 'must be one of pending, validating, planning, processing, completed, failed, cancelled' });
    expect((await send('GET', '/migrations?status=planning&mailbox_id=1&per_page=100')).status).to.equal(200);
    expect((await send('GET', '/migrations/bulk?status=failed')).body.errors.status).to.match(/^must be one of queued, processing, paused, completed, completed_with_errors, cancelled$/);
    expect((await send('GET', '/migrations/bulk?per_page=101')).body.errors).to.deep.equal({ per_page: 'must be between 1 and 100' });
  });

  it('actions take no body; bulk fields have their limits; a job password is required', async () => {
    expect((await send('POST', '/migrations/1:cancel', { reason: 'stop' })).body.errors).to.deep.equal({ reason: 'is not a field of this endpoint' });
    expect((await send('POST', '/migrations/1:cancel')).body.error.code).to.equal('migration_not_active');
    expect((await send('POST', '/migrations/bulk/1:resume', {})).status).to.not.equal(422);
    const bulk = await send('POST', '/migrations/bulk', { data: 'a@old.example,pw,demo@demo.trekmail.test', name: 'x'.repeat(101), folder_strategy: 'some', source_port: 0 });
    expect(bulk.body.errors).to.deep.equal({ name: 'must be at most 100 characters', folder_strategy: 'must be one of all, standard, inbox_only', source_port: 'must be between 1 and 65535' });
    expect((await send('PATCH', '/migrations/bulk/1/jobs/1/password', { source_password: '' })).body.errors).to.deep.equal({ source_password: 'must not be empty' });
  });

  it('a started migration is pending, validating, planning, then copies folder by folder to completed', async () => {
    const start = await send('POST', '/migrations', { mailbox_id: 3, provider: 'generic_imap', ...SOURCE, selected_folders: [] });
    expect(start.status).to.equal(201);
    const id = start.body.migration.id;
    expect(start.body.migration.folders).to.have.length(5);
    const seen: string[] = [start.body.migration.status];
    for (let i = 0; i < 16; i++) {
      sb.engine.advance(250);
      const m = (await send('GET', `/migrations/${id}`)).body.migration;
      if (seen.at(-1) !== m.status) seen.push(m.status);
    }
    expect(seen).to.deep.equal(['pending', 'validating', 'planning', 'processing', 'completed']);
    expect((await send('POST', '/migrations', { mailbox_id: 3, provider: 'generic_imap', ...SOURCE, selected_folders: ['Nope'] })).body.errors.selected_folders).to.match(/^unknown folders: Nope/);
  });
});
