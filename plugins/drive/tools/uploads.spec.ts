import { expect } from 'chai';
import nock from 'nock';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { api, BASE, data, errorText, harness, OPS_TOKEN, UUID, type Harness } from '../../../test/harness.js';
import { DrivePack } from '../drive.plugin.js';
import { openUploadFile } from './uploads.js';

const AUTH = `Bearer ${OPS_TOKEN}`;
const STORAGE = 'https://uploads.storage.test';

describe('drive tools: uploads', () => {
  let dir: string;
  let outside: string;
  let h: Harness;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'drive-upload-spec-'));
    outside = mkdtempSync(join(tmpdir(), 'drive-outside-spec-'));
    writeFileSync(join(dir, 'notes.txt'), 'hello world!'); // 12 bytes: 3 parts of 5, 5, 2
    writeFileSync(join(dir, 'empty.bin'), '');
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

  describe('the four raw upload routes', () => {
    it('drive_upload_initiate POSTs name, size, folder and type to the space', async () => {
      const answer = { file_id: 101, upload: { part_size: 1048576, part_count: 1, parts: [{ part_number: 1, url: `${STORAGE}/p/101/1` }] } };
      api().post('/api/v1/drive/spaces/mailbox%3A1/uploads:initiate', { name: 'a.pdf', size_bytes: 2048, folder_id: null, client_mime: 'application/pdf' })
        .matchHeader('authorization', AUTH).matchHeader('idempotency-key', UUID).reply(201, answer);
      expect(data(await h.call('drive_upload_initiate', { space: 'mailbox:1', name: 'a.pdf', size_bytes: 2048, folder_id: null, client_mime: 'application/pdf' }))).to.deep.equal(answer);
    });

    it('drive_upload_initiate refuses a negative size without a request', async () => {
      expect(errorText(await h.call('drive_upload_initiate', { space: 'account', name: 'a.pdf', size_bytes: -1 }))).to.match(/- size_bytes: /);
    });

    it('drive_upload_complete POSTs the part ETags', async () => {
      const parts = [{ part_number: 1, etag: '"e1"' }, { part_number: 2, etag: '"e2"' }];
      api().post('/api/v1/drive/uploads/101:complete', { parts }).matchHeader('idempotency-key', UUID).reply(200, { file: { id: 101, status: 'ready' } });
      expect(data(await h.call('drive_upload_complete', { file_id: 101, parts }))).to.deep.equal({ file: { id: 101, status: 'ready' } });
    });

    it('drive_upload_complete without parts sends an empty body; malformed parts are named', async () => {
      api().post('/api/v1/drive/uploads/101:complete', {}).reply(200, { file: { id: 101, status: 'ready' } });
      expect(data(await h.call('drive_upload_complete', { file_id: 101 })).file.status).to.equal('ready');
      expect(errorText(await h.call('drive_upload_complete', { file_id: 101, parts: [{ part_number: 0 }] }))).to.contain('- parts[0].part_number: ').and.contain('- parts[0].etag: ');
    });

    it('drive_upload_refresh_parts POSTs the part numbers', async () => {
      const answer = { file_id: 101, parts: [{ part_number: 2, url: `${STORAGE}/p/101/2?new` }] };
      api().post('/api/v1/drive/uploads/101:refresh-parts', { part_numbers: [2] }).matchHeader('idempotency-key', UUID).reply(200, answer);
      expect(data(await h.call('drive_upload_refresh_parts', { file_id: 101, part_numbers: [2] }))).to.deep.equal(answer);
      expect(errorText(await h.call('drive_upload_refresh_parts', { file_id: 101, part_numbers: [] }))).to.match(/- part_numbers: /);
    });

    it('drive_upload_abort POSTs :abort', async () => {
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

  describe('drive_file_upload (one call: initiate, parts, complete)', () => {
    const plan = (fileId: number, urls: string[]) => ({ file_id: fileId, upload: { part_size: 5, part_count: urls.length, parts: urls.map((url, i) => ({ part_number: i + 1, url })) } });

    it('uploads a local file in parts to presigned URLs (no TrekMail token sent there) and completes it, with progress', async () => {
      api().post('/api/v1/drive/spaces/mailbox%3A1/uploads:initiate', { name: 'notes.txt', size_bytes: 12, folder_id: 4, client_mime: 'text/plain' })
        .matchHeader('authorization', AUTH).matchHeader('idempotency-key', UUID)
        .reply(201, plan(200, [`${STORAGE}/p/200/1?sig=a`, `${STORAGE}/p/200/2?sig=b`, `${STORAGE}/p/200/3?sig=c`]));
      const storage = nock(STORAGE, { badheaders: ['authorization'] });
      storage.put('/p/200/1', 'hello').query({ sig: 'a' }).matchHeader('content-type', 'application/octet-stream').reply(200, '', { ETag: '"e1"' });
      storage.put('/p/200/2', ' worl').query({ sig: 'b' }).reply(200, '', { ETag: '"e2"' });
      storage.put('/p/200/3', 'd!').query({ sig: 'c' }).reply(200, '', { ETag: '"e3"' });
      api().post('/api/v1/drive/uploads/200:complete', { parts: [{ part_number: 1, etag: '"e1"' }, { part_number: 2, etag: '"e2"' }, { part_number: 3, etag: '"e3"' }] })
        .matchHeader('authorization', AUTH).matchHeader('idempotency-key', UUID)
        .reply(200, { file: { id: 200, name: 'notes.txt', size_bytes: 12, status: 'ready' } });
      const progress: [number, number | undefined][] = [];
      const res = await h.runtime.call('drive_file_upload', { space: 'mailbox:1', local_path: join(dir, 'notes.txt'), folder_id: 4 }, { progress: async (d, t) => void progress.push([d, t]) });
      expect(data(res)).to.deep.equal({ file: { id: 200, name: 'notes.txt', size_bytes: 12, status: 'ready' } });
      expect(progress).to.deep.equal([[0, 12], [5, 12], [10, 12], [12, 12]]);
    });

    it('a part URL on the API origin gets the token; a relative path starts at the upload dir; name overrides the file name', async () => {
      api().post('/api/v1/drive/spaces/account/uploads:initiate', { name: 'Notes 2026.txt', size_bytes: 12, client_mime: 'text/plain' })
        .reply(201, { file_id: 201, upload: { part_size: 1048576, parts: [{ part_number: 1, url: `${BASE}/api/v1/drive/uploads/201/parts/1` }] } });
      api().put('/api/v1/drive/uploads/201/parts/1', 'hello world!').matchHeader('authorization', AUTH).reply(200, { etag: '"whole"' });
      api().post('/api/v1/drive/uploads/201:complete', { parts: [{ part_number: 1, etag: '"whole"' }] }).reply(200, { file: { id: 201 } });
      expect(data(await h.call('drive_file_upload', { space: 'account', local_path: 'notes.txt', name: 'Notes 2026.txt' }))).to.deep.equal({ file: { id: 201 } });
    });

    it('an empty file is one empty part', async () => {
      api().post('/api/v1/drive/spaces/account/uploads:initiate', { name: 'empty.bin', size_bytes: 0 }).reply(201, plan(202, [`${STORAGE}/p/202/1`]));
      nock(STORAGE).put('/p/202/1', '').reply(200, '', { ETag: '"d41d"' });
      api().post('/api/v1/drive/uploads/202:complete', { parts: [{ part_number: 1, etag: '"d41d"' }] }).reply(200, { file: { id: 202, size_bytes: 0 } });
      expect(data(await h.call('drive_file_upload', { space: 'account', local_path: 'empty.bin' })).file.size_bytes).to.equal(0);
    });

    it('gets missing part URLs with refresh-parts, and a fresh URL once when one has expired (403)', async () => {
      api().post('/api/v1/drive/spaces/account/uploads:initiate').reply(201, plan(203, [`${STORAGE}/p/203/1`]));
      api().post('/api/v1/drive/uploads/203:refresh-parts', { part_numbers: [2, 3] }).reply(200, { parts: [{ part_number: 2, url: `${STORAGE}/p/203/2` }, { part_number: 3, url: `${STORAGE}/p/203/3` }] });
      nock(STORAGE).put('/p/203/1').reply(200, '', { ETag: '"e1"' });
      nock(STORAGE).put('/p/203/2').reply(403, '<Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>', { 'Content-Type': 'application/xml' });
      api().post('/api/v1/drive/uploads/203:refresh-parts', { part_numbers: [2] }).reply(200, { parts: [{ part_number: 2, url: `${STORAGE}/p/203/2?fresh=1` }] });
      nock(STORAGE).put('/p/203/2').query({ fresh: '1' }).reply(200, '', { ETag: '"e2"' });
      nock(STORAGE).put('/p/203/3').reply(200, '', { ETag: '"e3"' });
      api().post('/api/v1/drive/uploads/203:complete', { parts: [{ part_number: 1, etag: '"e1"' }, { part_number: 2, etag: '"e2"' }, { part_number: 3, etag: '"e3"' }] }).reply(200, { file: { id: 203 } });
      expect(data(await h.call('drive_file_upload', { space: 'account', local_path: 'notes.txt' }))).to.deep.equal({ file: { id: 203 } });
    });

    it('aborts the upload when a part fails, and says so', async () => {
      api().post('/api/v1/drive/spaces/account/uploads:initiate').reply(201, plan(204, [`${STORAGE}/p/204/1`, `${STORAGE}/p/204/2`, `${STORAGE}/p/204/3`]));
      nock(STORAGE).put('/p/204/1').reply(200, '', { ETag: '"e1"' });
      nock(STORAGE).put('/p/204/2').reply(400, '<Error><Code>BadDigest</Code></Error>', { 'Content-Type': 'application/xml' });
      const abort = api().post('/api/v1/drive/uploads/204:abort', {}).matchHeader('authorization', AUTH).matchHeader('idempotency-key', UUID).reply(200, { aborted: true, file_id: 204 });
      const res = await h.call('drive_file_upload', { space: 'account', local_path: 'notes.txt' });
      expect(errorText(res)).to.contain('HTTP 400').and.contain('while uploading part 2 of 3; the upload was aborted');
      expect(res.structuredContent!.error).to.include({ status: 400, file_id: 204, aborted: true });
      abort.done();
    });

    it('aborts when complete fails, and tells the agent how to clean up when the abort fails too', async () => {
      api().post('/api/v1/drive/spaces/account/uploads:initiate').reply(201, plan(205, [`${STORAGE}/p/205/1`, `${STORAGE}/p/205/2`, `${STORAGE}/p/205/3`]));
      for (const n of [1, 2, 3]) nock(STORAGE).put(`/p/205/${n}`).reply(200, '', { ETag: `"e${n}"` });
      api().post('/api/v1/drive/uploads/205:complete').reply(422, { error: { code: 'etag_mismatch', message: 'Part 2 was not uploaded with that ETag' } });
      api().post('/api/v1/drive/uploads/205:abort').reply(409, { error: { code: 'upload_not_pending', message: 'No upload in progress' } });
      const text = errorText(await h.call('drive_file_upload', { space: 'account', local_path: 'notes.txt' }));
      expect(text).to.contain('etag_mismatch').and.contain('while completing the upload').and.contain('call drive_upload_abort with file_id 205');
    });

    it('refuses to send file bytes to a plain-http storage URL, and aborts', async () => {
      api().post('/api/v1/drive/spaces/account/uploads:initiate').reply(201, plan(206, ['http://storage.example.com/p/1', 'http://storage.example.com/p/2', 'http://storage.example.com/p/3']));
      api().post('/api/v1/drive/uploads/206:abort', {}).reply(200, { aborted: true });
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
});
