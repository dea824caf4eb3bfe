import { expect } from 'chai';
import nock from 'nock';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { api, BASE, data, errorText, harness, OPS_TOKEN, UUID, type Harness } from '../../../test/harness.js';
import { DrivePack } from '../drive.plugin.js';
import { openUploadFile } from './upload-file.js';

const AUTH = `Bearer ${OPS_TOKEN}`;
const STORAGE = 'https://uploads.storage.test';

describe('drive tools: drive_file_upload (one call: initiate, PUT, complete)', () => {
  let dir: string;
  let outside: string;
  let h: Harness;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'drive-upload-spec-'));
    outside = mkdtempSync(join(tmpdir(), 'drive-outside-spec-'));
    writeFileSync(join(dir, 'notes.txt'), 'hello world!'); // 12 bytes: 3 parts of 5, 5, 2
    writeFileSync(join(dir, 'empty.bin'), '');
    writeFileSync(join(dir, 'data.xyz'), 'abc');
    writeFileSync(join(dir, '.env'), 'SECRET=1');
    mkdirSync(join(dir, 'sub'));
    mkdirSync(join(dir, '.ssh'));
    writeFileSync(join(dir, '.ssh', 'id_rsa'), 'key');
    writeFileSync(join(outside, 'private.txt'), 'not yours');
    symlinkSync(join(outside, 'private.txt'), join(dir, 'link.txt'));
    h = await harness(DrivePack, { TREKMAIL_UPLOAD_DIRS: dir });
  });
  after(() => {
    rmSync(dir, { recursive: true, force: true });
    rmSync(outside, { recursive: true, force: true });
  });

  /** The API's answers: one PUT URL for a small file, part URLs (part_size_bytes) for a large one. */
  const single = (fileId: number, url: string, headers: Record<string, string> = {}) => ({ file_id: fileId, multipart: false, upload_url: url, headers, part_size_bytes: 0, parts: [], expires_at: '2030-01-01T01:00:00Z' });
  const multi = (fileId: number, urls: string[], partSize = 5) => ({
    file_id: fileId, multipart: true, upload_url: null, headers: {}, upload_id: `u-${fileId}`, part_size_bytes: partSize,
    parts: urls.map((upload_url, i) => ({ part_number: i + 1, upload_url })), expires_at: '2030-01-01T01:00:00Z',
  });

  it('a small file: one PUT with the headers the API named (no TrekMail token there), then complete without parts', async () => {
    api().post('/api/v1/drive/spaces/mailbox%3A1/uploads:initiate', { name: 'notes.txt', size_bytes: 12, folder_id: 4, client_mime: 'text/plain' })
      .matchHeader('authorization', AUTH).matchHeader('idempotency-key', UUID)
      .reply(201, single(199, `${STORAGE}/s/199?sig=a`, { 'Content-Type': 'text/plain', 'X-Bz-Info-src': 'mcp', Authorization: 'nope' }));
    nock(STORAGE, { badheaders: ['authorization'] }).put('/s/199', 'hello world!').query({ sig: 'a' })
      .matchHeader('content-type', 'text/plain').matchHeader('x-bz-info-src', 'mcp').reply(200, '', { ETag: '"whole"' });
    api().post('/api/v1/drive/uploads/199:complete', {}).matchHeader('idempotency-key', UUID).reply(200, { file: { id: 199, status: 'available' } });
    const progress: [number, number | undefined][] = [];
    const res = await h.runtime.call('drive_file_upload', { space: 'mailbox:1', local_path: join(dir, 'notes.txt'), folder_id: 4 }, { progress: async (d, t) => void progress.push([d, t]) });
    expect(data(res)).to.deep.equal({ file: { id: 199, status: 'available' } });
    expect(progress).to.deep.equal([[0, 12], [12, 12]]);
  });

  it('a large file: PUTs each part, then completes with the bare ETags (storage quotes them), with progress', async () => {
    api().post('/api/v1/drive/spaces/account/uploads:initiate', { name: 'notes.txt', size_bytes: 12, folder_id: null, client_mime: 'text/plain' })
      .reply(201, multi(200, [`${STORAGE}/p/200/1?sig=a`, `${STORAGE}/p/200/2?sig=b`, `${STORAGE}/p/200/3?sig=c`]));
    const storage = nock(STORAGE, { badheaders: ['authorization'] });
    storage.put('/p/200/1', 'hello').query({ sig: 'a' }).matchHeader('content-type', 'application/octet-stream').reply(200, '', { ETag: '"e1"' });
    storage.put('/p/200/2', ' worl').query({ sig: 'b' }).reply(200, '', { ETag: '"e2"' });
    storage.put('/p/200/3', 'd!').query({ sig: 'c' }).reply(200, '', { ETag: 'e3' });
    api().post('/api/v1/drive/uploads/200:complete', { parts: [{ part_number: 1, etag: 'e1' }, { part_number: 2, etag: 'e2' }, { part_number: 3, etag: 'e3' }] })
      .matchHeader('authorization', AUTH).matchHeader('idempotency-key', UUID)
      .reply(200, { file: { id: 200, name: 'notes.txt', size_bytes: 12, status: 'available' } });
    const progress: [number, number | undefined][] = [];
    const res = await h.runtime.call('drive_file_upload', { space: 'account', local_path: join(dir, 'notes.txt') }, { progress: async (d, t) => void progress.push([d, t]) });
    expect(data(res)).to.deep.equal({ file: { id: 200, name: 'notes.txt', size_bytes: 12, status: 'available' } });
    expect(progress).to.deep.equal([[0, 12], [5, 12], [10, 12], [12, 12]]);
  });

  it('name and client_mime override the file\'s own; a URL on the API origin gets the token; a relative path starts at the upload dir', async () => {
    api().post('/api/v1/drive/spaces/account/uploads:initiate', { name: 'Notes 2026.md', size_bytes: 12, folder_id: null, client_mime: 'text/markdown' })
      .reply(201, single(201, `${BASE}/api/v1/drive/uploads/201/parts/1`));
    api().put('/api/v1/drive/uploads/201/parts/1', 'hello world!').matchHeader('authorization', AUTH).reply(200, { part_number: 1 }, { ETag: '"whole"' });
    api().post('/api/v1/drive/uploads/201:complete', {}).reply(200, { file: { id: 201 } });
    expect(data(await h.call('drive_file_upload', { space: 'account', local_path: 'notes.txt', name: 'Notes 2026.md', client_mime: 'text/markdown' }))).to.deep.equal({ file: { id: 201 } });
  });

  it('an unknown extension sends no client_mime (the API decides); an empty file is one empty PUT', async () => {
    api().post('/api/v1/drive/spaces/account/uploads:initiate', { name: 'data.xyz', size_bytes: 3, folder_id: null }).reply(201, single(202, `${STORAGE}/s/202`));
    nock(STORAGE).put('/s/202', 'abc').reply(200, '');
    api().post('/api/v1/drive/uploads/202:complete', {}).reply(200, { file: { id: 202 } });
    expect(data(await h.call('drive_file_upload', { space: 'account', local_path: 'data.xyz' })).file.id).to.equal(202);
    api().post('/api/v1/drive/spaces/account/uploads:initiate', { name: 'empty.bin', size_bytes: 0, folder_id: null }).reply(201, single(203, `${STORAGE}/s/203`));
    nock(STORAGE).put('/s/203', '').reply(200, '');
    api().post('/api/v1/drive/uploads/203:complete', {}).reply(200, { file: { id: 203, size_bytes: 0 } });
    expect(data(await h.call('drive_file_upload', { space: 'account', local_path: 'empty.bin' })).file.size_bytes).to.equal(0);
  });

  it('gets missing part URLs with refresh-parts, and a fresh URL once when one has expired (403)', async () => {
    api().post('/api/v1/drive/spaces/account/uploads:initiate').reply(201, multi(204, [`${STORAGE}/p/204/1`]));
    api().post('/api/v1/drive/uploads/204:refresh-parts', { part_numbers: [2, 3] }).reply(200, { parts: [{ part_number: 2, upload_url: `${STORAGE}/p/204/2` }, { part_number: 3, upload_url: `${STORAGE}/p/204/3` }] });
    nock(STORAGE).put('/p/204/1').reply(200, '', { ETag: '"e1"' });
    nock(STORAGE).put('/p/204/2').reply(403, '<Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>', { 'Content-Type': 'application/xml' });
    api().post('/api/v1/drive/uploads/204:refresh-parts', { part_numbers: [2] }).reply(200, { parts: [{ part_number: 2, upload_url: `${STORAGE}/p/204/2?fresh=1` }] });
    nock(STORAGE).put('/p/204/2').query({ fresh: '1' }).reply(200, '', { ETag: '"e2"' });
    nock(STORAGE).put('/p/204/3').reply(200, '', { ETag: '"e3"' });
    api().post('/api/v1/drive/uploads/204:complete', { parts: [{ part_number: 1, etag: 'e1' }, { part_number: 2, etag: 'e2' }, { part_number: 3, etag: 'e3' }] }).reply(200, { file: { id: 204 } });
    expect(data(await h.call('drive_file_upload', { space: 'account', local_path: 'notes.txt' }))).to.deep.equal({ file: { id: 204 } });
  });

  it('aborts the upload when a part fails, and says so', async () => {
    api().post('/api/v1/drive/spaces/account/uploads:initiate').reply(201, multi(205, [`${STORAGE}/p/205/1`, `${STORAGE}/p/205/2`, `${STORAGE}/p/205/3`]));
    nock(STORAGE).put('/p/205/1').reply(200, '', { ETag: '"e1"' });
    nock(STORAGE).put('/p/205/2').reply(400, '<Error><Code>BadDigest</Code></Error>', { 'Content-Type': 'application/xml' });
    const abort = api().post('/api/v1/drive/uploads/205:abort', {}).matchHeader('authorization', AUTH).matchHeader('idempotency-key', UUID).reply(200, { aborted: true, file_id: 205 });
    const res = await h.call('drive_file_upload', { space: 'account', local_path: 'notes.txt' });
    expect(errorText(res)).to.contain('HTTP 400').and.contain('while uploading part 2 of 3; the upload was aborted');
    expect(res.structuredContent!.error).to.include({ status: 400, file_id: 205, aborted: true });
    abort.done();
  });

  it('aborts when the single PUT fails', async () => {
    api().post('/api/v1/drive/spaces/account/uploads:initiate').reply(201, single(206, `${STORAGE}/s/206`));
    nock(STORAGE).put('/s/206').reply(500, 'storage down');
    api().post('/api/v1/drive/uploads/206:abort').reply(200, { aborted: true, file_id: 206 });
    const text = errorText(await h.call('drive_file_upload', { space: 'account', local_path: 'data.xyz' }));
    expect(text).to.contain('HTTP 500').and.contain('while uploading the file; the upload was aborted');
  });

  it('aborts when complete fails, and tells the agent how to clean up when the abort fails too', async () => {
    api().post('/api/v1/drive/spaces/account/uploads:initiate').reply(201, multi(207, [`${STORAGE}/p/207/1`, `${STORAGE}/p/207/2`, `${STORAGE}/p/207/3`]));
    for (const n of [1, 2, 3]) nock(STORAGE).put(`/p/207/${n}`).reply(200, '', { ETag: `"e${n}"` });
    api().post('/api/v1/drive/uploads/207:complete').reply(422, { error: { code: 'etag_mismatch', message: 'Part 2 was not uploaded with that ETag' } });
    api().post('/api/v1/drive/uploads/207:abort').reply(409, { error: { code: 'upload_not_pending', message: 'No upload in progress' } });
    const text = errorText(await h.call('drive_file_upload', { space: 'account', local_path: 'notes.txt' }));
    expect(text).to.contain('etag_mismatch').and.contain('while completing the upload').and.contain('call drive_upload_abort with file_id 207');
  });

  it('refuses to send file bytes to a plain-http storage URL, and aborts', async () => {
    api().post('/api/v1/drive/spaces/account/uploads:initiate').reply(201, multi(208, ['http://storage.example.com/p/1', 'http://storage.example.com/p/2', 'http://storage.example.com/p/3']));
    api().post('/api/v1/drive/uploads/208:abort', {}).reply(200, { aborted: true });
    const text = errorText(await h.call('drive_file_upload', { space: 'account', local_path: 'notes.txt' }));
    expect(text).to.contain('unsafe_upload_url').and.contain('https only').and.contain('the upload was aborted');
  });

  it('an API error on initiate is returned as is (nothing to abort)', async () => {
    api().post('/api/v1/drive/spaces/account/uploads:initiate').reply(403, { error: { code: 'plan_api_disabled', message: 'API writes need the Pro or Agency plan' } });
    expect(errorText(await h.call('drive_file_upload', { space: 'account', local_path: 'notes.txt' }))).to.contain('HTTP 403, plan_api_disabled').and.contain('Pro or Agency');
  });

  describe('local paths: refused before any request', () => {
    let hits: number;
    beforeEach(() => {
      hits = 0;
      for (const m of ['get', 'post', 'put', 'patch', 'delete'] as const) nock(BASE).persist()[m](/.*/).reply(() => (hits++, [500, {}]));
    });
    afterEach(() => {
      nock.cleanAll();
      expect(hits, 'requests made').to.equal(0);
    });

    const refused = async (local_path: string, pattern: RegExp) => {
      const res = await h.call('drive_file_upload', { space: 'account', local_path });
      expect(errorText(res)).to.match(pattern);
      return res;
    };

    it('outside the upload directories (absolute, ..)', async () => {
      const res = await refused('/etc/passwd', /local_path \/etc\/passwd is outside the upload directories/);
      expect(res.structuredContent!.error).to.include({ code: 'path_not_allowed' });
      expect(errorText(res)).to.contain(`allowed: ${dir}`).and.contain('TREKMAIL_UPLOAD_DIRS');
      await refused(join(outside, 'private.txt'), /outside the upload directories/);
      await refused('../drive-outside/private.txt', /must not contain "\.\." segments/);
      await refused(`${dir}/sub/../../x`, /must not contain "\.\." segments/);
    });

    it('a link that leads outside', async () => {
      await refused('link.txt', /leads \(through a link\) to .*private\.txt, outside the upload directories/);
    });

    it('hidden files and folders (.env, .ssh/)', async () => {
      await refused('.env', /hidden file/);
      await refused('.ssh/id_rsa', /hidden file or inside a hidden folder/);
    });

    it('a directory, a FIFO (without blocking), a missing file', async () => {
      await refused('sub', /is a directory; name one file/);
      if (process.platform !== 'win32') {
        execFileSync('mkfifo', [join(dir, 'pipe')]);
        await refused('pipe', /is not a regular file/);
      }
      await refused('missing.txt', /no such file/);
    });

    it('over HTTP the tool is not registered, and refuses if called anyway', async () => {
      const web = await harness(DrivePack, { TREKMAIL_UPLOAD_DIRS: dir }, { transport: 'http' });
      expect(web.runtime.has('drive_file_upload')).to.equal(false);
      expect(web.runtime.has('drive_upload_initiate')).to.equal(true);
      const res = await h.runtime.call('drive_file_upload', { space: 'account', local_path: 'notes.txt' }, { transport: 'http' });
      expect(errorText(res)).to.contain('works over stdio only');
    });

    it('validation: space and local_path are checked first', async () => {
      const text = errorText(await h.call('drive_file_upload', { space: 'mailbox:', local_path: '' }));
      expect(text).to.contain('- space: ').and.contain('- local_path: ');
    });
  });

  it('the filesystem root and the home directory never count as upload directories (a server started from / or ~)', async () => {
    for (const d of ['/', homedir()]) {
      const res = await openUploadFile(join(d, 'notes.txt'), [d]);
      expect(res.ok).to.equal(false);
      expect((res as { code: string; message: string })).to.include({ code: 'path_not_allowed' });
      expect((res as { message: string }).message).to.contain('no upload directory is configured');
    }
    const ok = await openUploadFile('notes.txt', [homedir(), dir]);
    expect(ok.ok).to.equal(true);
    if (ok.ok) await ok.handle.close();
  });
});
