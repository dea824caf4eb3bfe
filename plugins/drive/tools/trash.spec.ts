import { expect } from 'chai';
import { api, data, errorText, harness, OPS_TOKEN, UUID, type Harness } from '../../../test/harness.js';
import { DrivePack } from '../drive.plugin.js';

describe('drive tools: trash', () => {
  let h: Harness;
  let open: Harness;
  before(async () => {
    h = await harness(DrivePack);
    open = await harness(DrivePack, { TREKMAIL_ALLOW_DESTRUCTIVE: 'true' });
  });

  it('drive_trash_list GETs the trash of a space with cursor paging; names are delimited', async () => {
    const body = { space: 'mailbox:1', data: [{ type: 'folder', id: 6, name: 'Old projects', deleted_at: '2026-01-30T09:00:00.000Z' }], per_page: 10, has_more: false, next_cursor: null };
    api().get('/api/v1/drive/spaces/mailbox%3A1/trash').query({ per_page: '10', cursor: 'bzEw' }).matchHeader('authorization', `Bearer ${OPS_TOKEN}`).reply(200, body);
    const res = await h.call('drive_trash_list', { space: 'mailbox:1', per_page: 10, cursor: 'bzEw' });
    expect(data(res)).to.deep.equal(body);
    expect(res._meta).to.deep.equal({ 'trekmail/untrusted': true });
  });

  it('drive_trash_list takes up to 200 a page, as the API does', async () => {
    api().get('/api/v1/drive/spaces/account/trash').query({ per_page: '200' }).reply(200, { data: [] });
    expect(data(await h.call('drive_trash_list', { space: 'account', per_page: 200 })).data).to.deep.equal([]);
    expect(errorText(await h.call('drive_trash_list', { space: 'account', per_page: 201 }))).to.match(/- per_page: /);
  });

  it('drive_trash_empty is refused while the gate is off, naming the variable', async () => {
    expect(errorText(await h.call('drive_trash_empty', { space: 'account' }))).to.contain('drive_trash_empty needs TREKMAIL_ALLOW_DESTRUCTIVE=true');
  });

  it('drive_trash_empty DELETEs the trash of the space once the gate is on', async () => {
    api().delete('/api/v1/drive/spaces/account/trash').matchHeader('idempotency-key', UUID).reply(200, { space: 'account', purged_files: 1, purged_folders: 0, freed_bytes: 9216 });
    expect(data(await open.call('drive_trash_empty', { space: 'account' }))).to.deep.equal({ space: 'account', purged_files: 1, purged_folders: 0, freed_bytes: 9216 });
  });

  it('an API error on empty (wrong space) is passed on', async () => {
    api().delete('/api/v1/drive/spaces/mailbox%3A99/trash').reply(404, { error: { code: 'not_found', message: 'Drive space mailbox:99 not found' } });
    expect(errorText(await open.call('drive_trash_empty', { space: 'mailbox:99' }))).to.contain('HTTP 404, not_found').and.contain('mailbox:99');
  });
});
