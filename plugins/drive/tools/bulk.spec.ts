import { expect } from 'chai';
import { api, data, errorText, harness, OPS_TOKEN, UUID, type Harness } from '../../../test/harness.js';
import { DrivePack } from '../drive.plugin.js';

const AUTH = `Bearer ${OPS_TOKEN}`;

describe('drive tools: bulk actions', () => {
  let h: Harness;
  let open: Harness;
  before(async () => {
    h = await harness(DrivePack);
    open = await harness(DrivePack, { TREKMAIL_ALLOW_DESTRUCTIVE: 'true' });
  });

  it('drive_bulk_trash is gated, then POSTs both id lists', async () => {
    expect(errorText(await h.call('drive_bulk_trash', { space: 'account', file_ids: [1, 4], folder_ids: [] }))).to.contain('TREKMAIL_ALLOW_DESTRUCTIVE=true');
    const answer = { action: 'trash', space: 'account', trashed_files: 2, trashed_folders: 0, succeeded: { file_ids: [1, 4], folder_ids: [] }, failed: [] };
    api().post('/api/v1/drive/spaces/account/bulk:trash', { file_ids: [1, 4], folder_ids: [] })
      .matchHeader('authorization', AUTH).matchHeader('idempotency-key', UUID).reply(200, answer);
    expect(data(await open.call('drive_bulk_trash', { space: 'account', file_ids: [1, 4], folder_ids: [] }))).to.deep.equal(answer);
  });

  it('both id lists are required, as the catalog states them (an empty list is [])', async () => {
    for (const tool of ['drive_bulk_trash', 'drive_bulk_restore', 'drive_bulk_purge']) {
      expect(errorText(await open.call(tool, { space: 'account', file_ids: [1] }))).to.match(/- folder_ids: /);
      expect(errorText(await open.call(tool, { space: 'account', folder_ids: [1] }))).to.match(/- file_ids: /);
    }
    const schema = h.runtime.list().find((t) => t.name === 'drive_bulk_move')!.inputSchema as any;
    expect(schema.required).to.include.members(['space', 'file_ids', 'folder_ids', 'target_folder_id']);
  });

  it('drive_bulk_restore POSTs to the mailbox space (not gated)', async () => {
    const answer = { action: 'restore', succeeded: { file_ids: [], folder_ids: [6] }, failed: [] };
    api().post('/api/v1/drive/spaces/mailbox%3A1/bulk:restore', { file_ids: [], folder_ids: [6] }).matchHeader('idempotency-key', UUID).reply(200, answer);
    expect(data(await h.call('drive_bulk_restore', { space: 'mailbox:1', file_ids: [], folder_ids: [6] }))).to.deep.equal(answer);
  });

  it('drive_bulk_move sends the target folder (null: the root)', async () => {
    const answer = { action: 'move', succeeded: { file_ids: [4], folder_ids: [3] }, failed: [] };
    api().post('/api/v1/drive/spaces/account/bulk:move', { file_ids: [4], folder_ids: [3], target_folder_id: 1 }).matchHeader('idempotency-key', UUID).reply(200, answer);
    api().post('/api/v1/drive/spaces/account/bulk:move', { file_ids: [4], folder_ids: [], target_folder_id: null }).reply(200, { ...answer, succeeded: { file_ids: [4], folder_ids: [] } });
    expect(data(await h.call('drive_bulk_move', { space: 'account', file_ids: [4], folder_ids: [3], target_folder_id: 1 }))).to.deep.equal(answer);
    expect(data(await h.call('drive_bulk_move', { space: 'account', file_ids: [4], folder_ids: [], target_folder_id: null })).succeeded.folder_ids).to.deep.equal([]);
  });

  it('drive_bulk_move needs target_folder_id', async () => {
    expect(errorText(await h.call('drive_bulk_move', { space: 'account', file_ids: [4], folder_ids: [] }))).to.match(/- target_folder_id: /);
  });

  it('drive_bulk_purge is gated, then POSTs :purge and passes on partial failures', async () => {
    expect(errorText(await h.call('drive_bulk_purge', { space: 'account', file_ids: [5], folder_ids: [] }))).to.contain('drive_bulk_purge needs TREKMAIL_ALLOW_DESTRUCTIVE=true');
    const answer = { action: 'purge', purged_files: 1, succeeded: { file_ids: [5], folder_ids: [] }, skipped: { file_ids: [], folder_ids: [] }, failed: [{ type: 'folder', id: 99, code: 'not_found', message: 'Drive folder not found' }], freed_bytes: 9216 };
    api().post('/api/v1/drive/spaces/account/bulk:purge', { file_ids: [5], folder_ids: [99] }).matchHeader('idempotency-key', UUID).reply(200, answer);
    expect(data(await open.call('drive_bulk_purge', { space: 'account', file_ids: [5], folder_ids: [99] }))).to.deep.equal(answer);
  });

  it('refuses an empty selection and bad ids without a request', async () => {
    expect(errorText(await h.call('drive_bulk_restore', { space: 'account', file_ids: [], folder_ids: [] }))).to.contain('- file_ids: give at least one id in file_ids or folder_ids');
    expect(errorText(await h.call('drive_bulk_restore', { space: 'account', file_ids: [0, 'x'], folder_ids: [] }))).to.match(/- file_ids: /);
    expect(errorText(await h.call('drive_bulk_restore', { space: 'account', folder_ids: null }))).to.match(/- folder_ids: /);
  });

  it('an API error (rate limit past the retry budget) is reported with its hint', async () => {
    api().post('/api/v1/drive/spaces/account/bulk:restore').times(4).reply(429, { error: { code: 'rate_limited', message: 'Too many requests' } }, { 'Retry-After': '1' });
    const text = errorText(await h.call('drive_bulk_restore', { space: 'account', file_ids: [5], folder_ids: [] }));
    expect(text).to.contain('HTTP 429, rate_limited').and.contain('wait a moment');
  });
});
