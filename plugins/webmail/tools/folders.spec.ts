import { expect } from 'chai';
import { data, errorText, UUID, type Harness } from '../../../test/harness.js';
import { harnesses, mail, refused, untrusted } from './helpers.spec.js';

describe('webmail: folders', () => {
  let h: Harness;
  let open: Harness;
  before(async () => {
    ({ closed: h, open } = await harnesses());
  });

  it('list_folders GETs the folder tree', async () => {
    const folders = [{ path: 'INBOX', name: 'INBOX', parent: null, special_use: 'inbox', total: 18, unread: 6 }, { path: 'Projects/2026', name: '2026', parent: 'Projects', special_use: null, total: 3, unread: 0 }];
    mail().get('/api/v1/messages/folders').reply(200, { folders });
    const d = untrusted(await h.call('list_folders'));
    expect(d).to.deep.equal({ folders: folders.map(({ parent, special_use, ...f }) => ({ ...f, ...(parent ? { parent } : { parent: null }), special_use })) });
  });

  it('create_folder POSTs name and parent', async () => {
    mail().post('/api/v1/messages/folders', { name: 'Q1', parent: 'Projects/2026' }).matchHeader('idempotency-key', UUID).reply(201, { folder: { path: 'Projects/2026/Q1' } });
    expect(data(await h.call('create_folder', { name: 'Q1', parent: 'Projects/2026' }))).to.deep.equal({ folder: { path: 'Projects/2026/Q1' } });
    expect(await refused(h, 'create_folder', { name: '' })).to.contain('- name: must not be empty');
    expect(await refused(h, 'create_folder', { name: 'x'.repeat(256) })).to.contain('- name: must be at most 255 characters');
    mail().post('/api/v1/messages/folders', { name: 'Top' }).reply(201, { folder: { path: 'Top' } });
    expect(data(await h.call('create_folder', { name: 'Top' }))).to.deep.equal({ folder: { path: 'Top' } });
  });

  it('rename_folder PATCHes the folder path as ONE path segment', async () => {
    mail().patch('/api/v1/messages/folders/Projects%2F2026', { name: '2027' }).matchHeader('idempotency-key', UUID).reply(200, { folder: { path: 'Projects/2027' }, old_path: 'Projects/2026' });
    expect(data(await h.call('rename_folder', { path: 'Projects/2026', name: '2027' }))).to.deep.equal({ folder: { path: 'Projects/2027' }, old_path: 'Projects/2026' });
    mail().patch('/api/v1/messages/folders/a%3Fb%23c%20d%25', { name: 'x' }).reply(200, { ok: true });
    expect(data(await h.call('rename_folder', { path: 'a?b#c d%', name: 'x' }))).to.deep.equal({ ok: true });
  });

  it('rename_folder refuses "." and ".." (URL dot segments) without a request', async () => {
    expect(await refused(h, 'rename_folder', { path: '..', name: 'x' })).to.contain('- path: must be a folder path (not "." or "..", no control characters)');
    expect(await refused(h, 'rename_folder', { path: '.', name: 'x' })).to.contain('- path: ');
    expect(await refused(h, 'rename_folder', { path: 'x'.repeat(256), name: 'x' })).to.contain('- path: must be at most 255 characters');
  });

  it('delete_folder needs TREKMAIL_ALLOW_DESTRUCTIVE, then DELETEs the encoded path', async () => {
    expect(await refused(h, 'delete_folder', { path: 'Projects/2026' })).to.match(/^Destructive operations are disabled: delete_folder needs TREKMAIL_ALLOW_DESTRUCTIVE=true/);
    mail().delete('/api/v1/messages/folders/Projects%2F2026').matchHeader('idempotency-key', UUID).reply(200, { deleted: true, path: 'Projects/2026', messages_deleted: 3 });
    expect(data(await open.call('delete_folder', { path: 'Projects/2026' }))).to.deep.equal({ deleted: true, path: 'Projects/2026', messages_deleted: 3 });
  });

  it('empty_folder POSTs to folders:empty for Trash or Junk only, behind the destructive gate', async () => {
    expect(await refused(h, 'empty_folder', { folder: 'Trash' })).to.contain('TREKMAIL_ALLOW_DESTRUCTIVE=true');
    expect(await refused(open, 'empty_folder', { folder: 'INBOX' })).to.contain('- folder: must be one of the following values: Trash, Junk');
    mail().post('/api/v1/messages/folders:empty', { folder: 'Junk' }).matchHeader('idempotency-key', UUID).reply(200, { emptied: 'Junk', deleted: 3 });
    expect(data(await open.call('empty_folder', { folder: 'Junk' }))).to.deep.equal({ emptied: 'Junk', deleted: 3 });
  });

  it('an API error on a system folder is passed on', async () => {
    mail().delete('/api/v1/messages/folders/INBOX').reply(422, { error: { code: 'special_folder', message: 'INBOX is a system folder and cannot be deleted' } });
    expect(errorText(await open.call('delete_folder', { path: 'INBOX' }))).to.contain('HTTP 422, special_folder').and.contain('cannot be deleted');
  });
});
