import { expect } from 'chai';
import { api, data, errorText, harness, OPS_TOKEN, UUID, type Harness } from '../../../test/harness.js';
import { DrivePack } from '../drive.plugin.js';

const AUTH = `Bearer ${OPS_TOKEN}`;

describe('drive tools: folders', () => {
  let h: Harness;
  let open: Harness;
  before(async () => {
    h = await harness(DrivePack);
    open = await harness(DrivePack, { TREKMAIL_ALLOW_DESTRUCTIVE: 'true' });
  });

  it('drive_folder_create POSTs to the space (mailbox:<id> as one segment) with every field', async () => {
    const body = { name: 'Receipts', parent_id: 4, color: '#22c55e', is_shared: false };
    api().post('/api/v1/drive/spaces/mailbox%3A1/folders', body)
      .matchHeader('authorization', AUTH).matchHeader('idempotency-key', UUID).matchHeader('content-type', 'application/json')
      .reply(201, { folder: { id: 10, name: 'Receipts', parent_id: 4 } });
    expect(data(await h.call('drive_folder_create', { space: 'mailbox:1', ...body }))).to.deep.equal({ folder: { id: 10, name: 'Receipts', parent_id: 4 } });
  });

  it('drive_folder_create always sends parent_id: null (the root) when none is given; color and is_shared only when given', async () => {
    api().post('/api/v1/drive/spaces/account/folders', { name: 'Q3', parent_id: null }).reply(201, { folder: { id: 11, name: 'Q3', parent_id: null } });
    expect(data(await h.call('drive_folder_create', { space: 'account', name: 'Q3' })).folder.id).to.equal(11);
    api().post('/api/v1/drive/spaces/account/folders', { name: 'Team', parent_id: null, is_shared: true }).reply(201, { folder: { id: 12, is_shared: true } });
    expect(data(await h.call('drive_folder_create', { space: 'account', name: 'Team', parent_id: null, is_shared: true })).folder.is_shared).to.equal(true);
  });

  it('drive_folder_create and drive_folder_update take hex colors #RRGGBB only', async () => {
    for (const color of ['blue', '#fff', '#12345g', '3b82f6']) {
      expect(errorText(await h.call('drive_folder_create', { space: 'account', name: 'X', color }))).to.contain('- color: must be a hex color #RRGGBB');
      expect(errorText(await h.call('drive_folder_update', { folder_id: 3, color }))).to.contain('- color: must be a hex color #RRGGBB');
    }
    expect(errorText(await h.call('drive_folder_create', { space: 'account', name: 'X', color: null }))).to.match(/- color: /);
  });

  it('drive_folder_create names each bad field and sends nothing', async () => {
    const text = errorText(await h.call('drive_folder_create', { space: 'account', name: '', parent_id: -1, is_shared: 'yes' }));
    expect(text).to.contain('- name: ').and.contain('- parent_id: ').and.contain('- is_shared: ');
  });

  it('drive_folder_update PATCHes name and color; color null clears it', async () => {
    api().patch('/api/v1/drive/folders/3', { name: 'Brand', color: null }).matchHeader('idempotency-key', UUID).reply(200, { folder: { id: 3, name: 'Brand', color: null } });
    expect(data(await h.call('drive_folder_update', { folder_id: 3, name: 'Brand', color: null }))).to.deep.equal({ folder: { id: 3, name: 'Brand', color: null } });
  });

  it('drive_folder_update sends only the keys given', async () => {
    api().patch('/api/v1/drive/folders/3', { color: '#AABBCC' }).reply(200, { folder: { id: 3, color: '#AABBCC' } });
    expect(data(await h.call('drive_folder_update', { folder_id: 3, color: '#AABBCC' })).folder.color).to.equal('#AABBCC');
  });

  it('drive_folder_update with nothing to change is refused without a request', async () => {
    expect(errorText(await h.call('drive_folder_update', { folder_id: 3 }))).to.contain('- folder_id: nothing to change: give name, color or both');
    expect(errorText(await h.call('drive_folder_update', { folder_id: 3, name: null }))).to.match(/- name: /);
  });

  it('drive_folder_move POSTs :move with the new parent or null', async () => {
    api().post('/api/v1/drive/folders/2:move', { parent_id: null }).matchHeader('idempotency-key', UUID).reply(200, { folder: { id: 2, parent_id: null } });
    expect(data(await h.call('drive_folder_move', { folder_id: 2, parent_id: null }))).to.deep.equal({ folder: { id: 2, parent_id: null } });
  });

  it('drive_folder_trash is gated; with the gate on it DELETEs the folder', async () => {
    expect(errorText(await h.call('drive_folder_trash', { folder_id: 3 }))).to.contain('TREKMAIL_ALLOW_DESTRUCTIVE=true');
    api().delete('/api/v1/drive/folders/3').matchHeader('authorization', AUTH).matchHeader('idempotency-key', UUID).reply(200, { folder: { id: 3 }, trashed_items: { folders: 0, files: 1 }, revoked_share_links: 0 });
    expect(data(await open.call('drive_folder_trash', { folder_id: 3 }))).to.deep.equal({ folder: { id: 3 }, trashed_items: { folders: 0, files: 1 }, revoked_share_links: 0 });
  });

  it('drive_folder_restore POSTs :restore', async () => {
    api().post('/api/v1/drive/folders/6:restore', {}).matchHeader('idempotency-key', UUID).reply(200, { folder: { id: 6 }, restored_items: { folders: 0, files: 1 } });
    expect(data(await h.call('drive_folder_restore', { folder_id: 6 })).restored_items).to.deep.equal({ folders: 0, files: 1 });
  });

  it('drive_folder_purge is gated; with the gate on it DELETEs :purge', async () => {
    expect(errorText(await h.call('drive_folder_purge', { folder_id: 6 }))).to.contain('TREKMAIL_ALLOW_DESTRUCTIVE=true');
    api().delete('/api/v1/drive/folders/6:purge').matchHeader('idempotency-key', UUID).reply(200, { purged: true, folder_id: 6, purged_folders: 1, purged_files: 1, freed_bytes: 40960 });
    expect(data(await open.call('drive_folder_purge', { folder_id: 6 }))).to.deep.equal({ purged: true, folder_id: 6, purged_folders: 1, purged_files: 1, freed_bytes: 40960 });
  });

  it('drive_folder_share_with_account and drive_folder_stop_sharing POST their verbs', async () => {
    api().post('/api/v1/drive/folders/4:share-with-account', {}).matchHeader('idempotency-key', UUID).reply(200, { folder: { id: 4, is_shared: true, space: 'account' }, moved_files: 1 });
    api().post('/api/v1/drive/folders/4:stop-sharing', {}).matchHeader('idempotency-key', UUID).reply(200, { folder: { id: 4, is_shared: false } });
    expect(data(await h.call('drive_folder_share_with_account', { folder_id: 4 })).folder.is_shared).to.equal(true);
    expect(data(await h.call('drive_folder_stop_sharing', { folder_id: 4 })).folder.is_shared).to.equal(false);
  });

  it('an API error (share of a nested folder) comes back with code, message and hint', async () => {
    api().post('/api/v1/drive/folders/2:share-with-account').reply(422, { error: { code: 'not_top_level', message: 'Only a top-level folder can be shared with the account', hint: 'Move it to the root of its space first.' } });
    const text = errorText(await h.call('drive_folder_share_with_account', { folder_id: 2 }));
    expect(text).to.contain('HTTP 422, not_top_level').and.contain('root of its space');
  });
});
