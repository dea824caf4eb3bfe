import { expect } from 'chai';
import { api, data, errorText, harness, OPS_TOKEN, UUID, type Harness } from '../../../test/harness.js';
import { DrivePack } from '../drive.plugin.js';

const AUTH = `Bearer ${OPS_TOKEN}`;
const STORAGE = 'https://uploads.storage.test';

describe('drive tools: the four raw upload routes', () => {
  let h: Harness;
  before(async () => {
    h = await harness(DrivePack);
  });

  it('drive_upload_initiate POSTs name, size, folder and type to the space', async () => {
    const answer = { file_id: 101, multipart: false, upload_url: `${STORAGE}/p/101`, headers: { 'Content-Type': 'application/pdf' }, part_size_bytes: 0, parts: [], expires_at: '2030-01-01T01:00:00Z' };
    api().post('/api/v1/drive/spaces/mailbox%3A1/uploads:initiate', { name: 'a.pdf', size_bytes: 2048, folder_id: 4, client_mime: 'application/pdf' })
      .matchHeader('authorization', AUTH).matchHeader('idempotency-key', UUID).reply(201, answer);
    expect(data(await h.call('drive_upload_initiate', { space: 'mailbox:1', name: 'a.pdf', size_bytes: 2048, folder_id: 4, client_mime: 'application/pdf' }))).to.deep.equal(answer);
  });

  it('drive_upload_initiate always sends folder_id (null: the root) and leaves client_mime out when not given', async () => {
    api().post('/api/v1/drive/spaces/account/uploads:initiate', { name: 'a.bin', size_bytes: 5, folder_id: null }).reply(201, { file_id: 102 });
    expect(data(await h.call('drive_upload_initiate', { space: 'account', name: 'a.bin', size_bytes: 5 })).file_id).to.equal(102);
    expect(errorText(await h.call('drive_upload_initiate', { space: 'account', name: 'a.bin', size_bytes: 5, client_mime: 'x'.repeat(256) }))).to.match(/- client_mime: /);
  });

  it('drive_upload_initiate refuses a negative size without a request', async () => {
    expect(errorText(await h.call('drive_upload_initiate', { space: 'account', name: 'a.pdf', size_bytes: -1 }))).to.match(/- size_bytes: /);
  });

  it('drive_upload_complete POSTs the part ETags', async () => {
    const parts = [{ part_number: 1, etag: 'e1' }, { part_number: 2, etag: 'e2' }];
    api().post('/api/v1/drive/uploads/101:complete', { parts }).matchHeader('idempotency-key', UUID).reply(200, { file: { id: 101, status: 'available' } });
    expect(data(await h.call('drive_upload_complete', { file_id: 101, parts }))).to.deep.equal({ file: { id: 101, status: 'available' } });
  });

  it('drive_upload_complete without parts (a single-PUT upload) sends an empty body; malformed parts are named', async () => {
    api().post('/api/v1/drive/uploads/101:complete', {}).reply(200, { file: { id: 101, status: 'available' } });
    expect(data(await h.call('drive_upload_complete', { file_id: 101 })).file.status).to.equal('available');
    expect(errorText(await h.call('drive_upload_complete', { file_id: 101, parts: [{ part_number: 0 }] }))).to.contain('- parts[0].part_number: ').and.contain('- parts[0].etag: ');
  });

  it('drive_upload_refresh_parts POSTs the part numbers', async () => {
    const answer = { file_id: 101, parts: [{ part_number: 2, upload_url: `${STORAGE}/p/101/2?new` }] };
    api().post('/api/v1/drive/uploads/101:refresh-parts', { part_numbers: [2] }).matchHeader('idempotency-key', UUID).reply(200, answer);
    expect(data(await h.call('drive_upload_refresh_parts', { file_id: 101, part_numbers: [2] }))).to.deep.equal(answer);
    expect(errorText(await h.call('drive_upload_refresh_parts', { file_id: 101, part_numbers: [] }))).to.match(/- part_numbers: /);
  });

  it('drive_upload_abort POSTs :abort with an empty body', async () => {
    api().post('/api/v1/drive/uploads/101:abort', {}).matchHeader('authorization', AUTH).matchHeader('idempotency-key', UUID).reply(200, { aborted: true, file_id: 101 });
    expect(data(await h.call('drive_upload_abort', { file_id: 101 }))).to.deep.equal({ aborted: true, file_id: 101 });
  });

  it('an API error (quota) on initiate is passed on with its siblings', async () => {
    api().post('/api/v1/drive/spaces/account/uploads:initiate').reply(413, { error: { code: 'storage_quota_exceeded', message: 'No space left', hint: 'Empty the trash.' }, available_bytes: 10 });
    const res = await h.call('drive_upload_initiate', { space: 'account', name: 'big.iso', size_bytes: 1000 });
    expect(errorText(res)).to.contain('HTTP 413, storage_quota_exceeded').and.contain('Empty the trash.');
    expect(res.structuredContent!.error).to.include({ available_bytes: 10 });
  });
});
