import { expect } from 'chai';
import { api, data, errorText, harness, OPS_TOKEN, UUID, type Harness, structured } from '../../../test/harness.js';
import { DrivePack } from '../drive.plugin.js';

const AUTH = `Bearer ${OPS_TOKEN}`;

describe('drive tools: files', () => {
  let h: Harness;
  let open: Harness;
  before(async () => {
    h = await harness(DrivePack);
    open = await harness(DrivePack, { TREKMAIL_ALLOW_DESTRUCTIVE: 'true' });
  });

  it('drive_file_get GETs one file; the result is delimited as third-party content', async () => {
    const file = { id: 4, name: 'readme.txt', size_bytes: 88, folder_id: null };
    api().get('/api/v1/drive/files/4').matchHeader('authorization', AUTH).reply(200, { file });
    const res = await h.call('drive_file_get', { file_id: 4 });
    expect(data(res)).to.deep.equal({ file });
    expect(res.content[0].text).to.contain('<untrusted-data id="').and.contain('"readme.txt"');
  });

  it('drive_file_download_url GETs the download route (no query) and returns the presigned URL', async () => {
    const body = { download_url: 'https://files.trekmail.test/dl/4?sig=abc', expires_at: '2030-01-01T00:05:00Z' };
    api().get('/api/v1/drive/files/4/download').matchHeader('authorization', AUTH).reply(200, body);
    expect(data(await h.call('drive_file_download_url', { file_id: 4 }))).to.deep.equal(body);
  });

  it('drive_file_rename PATCHes the name with an idempotency key', async () => {
    api().patch('/api/v1/drive/files/4', { name: 'README.md' })
      .matchHeader('authorization', AUTH).matchHeader('idempotency-key', UUID).matchHeader('content-type', 'application/json')
      .reply(200, { file: { id: 4, name: 'README.md' } });
    expect(data(await h.call('drive_file_rename', { file_id: 4, name: 'README.md' }))).to.deep.equal({ file: { id: 4, name: 'README.md' } });
  });

  it('drive_file_rename refuses an empty or over-long name without a request', async () => {
    expect(errorText(await h.call('drive_file_rename', { file_id: 4, name: '' }))).to.match(/- name: .*longer than or equal to 1/);
    expect(errorText(await h.call('drive_file_rename', { file_id: 4, name: 'x'.repeat(256) }))).to.match(/- name: .*shorter than or equal to 255/);
  });

  it('drive_file_move POSTs :move with a folder id, or null for the root', async () => {
    api().post('/api/v1/drive/files/4:move', { folder_id: 3 }).matchHeader('idempotency-key', UUID).reply(200, { file: { id: 4, folder_id: 3 } });
    api().post('/api/v1/drive/files/4:move', { folder_id: null }).matchHeader('idempotency-key', UUID).reply(200, { file: { id: 4, folder_id: null } });
    expect(data(await h.call('drive_file_move', { file_id: 4, folder_id: 3 }))).to.deep.equal({ file: { id: 4, folder_id: 3 } });
    expect(data(await h.call('drive_file_move', { file_id: 4, folder_id: null }))).to.deep.equal({ file: { id: 4, folder_id: null } });
  });

  it('drive_file_move needs folder_id (null is the root, omitting it is a mistake)', async () => {
    expect(errorText(await h.call('drive_file_move', { file_id: 4 }))).to.match(/- folder_id: /);
  });

  it('drive_file_trash is refused while TREKMAIL_ALLOW_DESTRUCTIVE is off, with no request', async () => {
    const res = await h.call('drive_file_trash', { file_id: 4 });
    expect(errorText(res)).to.contain('TREKMAIL_ALLOW_DESTRUCTIVE=true').and.contain('No request was sent');
    expect(structured(res)).to.deep.equal({ error: { code: 'gate_disabled' } });
  });

  it('drive_file_trash sends DELETE (no query, no body) once the gate is on', async () => {
    api().delete('/api/v1/drive/files/4', (b) => b === '' || b === undefined).matchHeader('authorization', AUTH).matchHeader('idempotency-key', UUID)
      .reply(200, { file: { id: 4, deleted_at: '2030-01-01T00:00:00Z' }, revoked_share_links: 1, purge_after: '2030-01-31T00:00:00Z' });
    expect(data(await open.call('drive_file_trash', { file_id: 4 }))).to.deep.equal({ file: { id: 4, deleted_at: '2030-01-01T00:00:00Z' }, revoked_share_links: 1, purge_after: '2030-01-31T00:00:00Z' });
  });

  it('drive_file_restore POSTs :restore (not gated)', async () => {
    api().post('/api/v1/drive/files/5:restore', {}).matchHeader('idempotency-key', UUID).reply(200, { file: { id: 5, deleted_at: null }, restored_to_root: false });
    expect(data(await h.call('drive_file_restore', { file_id: 5 }))).to.deep.equal({ file: { id: 5, deleted_at: null }, restored_to_root: false });
  });

  it('drive_file_purge is gated, then DELETEs the literal :purge route', async () => {
    expect(errorText(await h.call('drive_file_purge', { file_id: 5 }))).to.contain('drive_file_purge needs TREKMAIL_ALLOW_DESTRUCTIVE=true');
    api().delete('/api/v1/drive/files/5:purge').matchHeader('authorization', AUTH).matchHeader('idempotency-key', UUID).reply(200, { purged: true, file_id: 5, freed_bytes: 9216 });
    expect(data(await open.call('drive_file_purge', { file_id: 5 }))).to.deep.equal({ purged: true, file_id: 5, freed_bytes: 9216 });
  });

  it('an API error (missing purge scope) names the scope and hints at a new token', async () => {
    api().delete('/api/v1/drive/files/5:purge').reply(403, { error: { code: 'insufficient_scope', message: 'This token lacks the scope drive:account:purge' }, required_scope: 'drive:account:purge' });
    const res = await open.call('drive_file_purge', { file_id: 5 });
    expect(errorText(res)).to.contain('HTTP 403, insufficient_scope').and.contain('create a token with that scope');
    expect(structured(res)!.error).to.include({ status: 403, code: 'insufficient_scope', required_scope: 'drive:account:purge' });
  });

  it('refuses a bad file id without a request', async () => {
    expect(errorText(await h.call('drive_file_get', { file_id: 0 }))).to.match(/- file_id: /);
    expect(errorText(await h.call('drive_file_get', { file_id: '4' }))).to.match(/- file_id: /);
  });
});
