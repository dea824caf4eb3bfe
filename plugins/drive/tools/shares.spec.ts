import { expect } from 'chai';
import { api, data, errorText, harness, OPS_TOKEN, UUID, type Harness } from '../../../test/harness.js';
import { DrivePack } from '../drive.plugin.js';

describe('drive tools: share links', () => {
  let h: Harness;
  let open: Harness;
  before(async () => {
    h = await harness(DrivePack);
    open = await harness(DrivePack, { TREKMAIL_ALLOW_DESTRUCTIVE: 'true' });
  });

  it('drive_share_create POSTs expiry and download limit; the one-time token is shown, not redacted', async () => {
    const link = { id: 2, file_id: 4, token: 'Zk3mQ0d8rT1uVx5yA2bC9eF4gH6jK7lM', public_url: 'https://trekmail.test/d/Zk3mQ0d8rT1uVx5yA2bC9eF4gH6jK7lM', status: 'active', expires_at: '2030-06-01T00:00:00Z', max_downloads: 5 };
    api().post('/api/v1/drive/files/4/share-links', { expires_at: '2030-06-01T00:00:00Z', max_downloads: 5 })
      .matchHeader('authorization', `Bearer ${OPS_TOKEN}`).matchHeader('idempotency-key', UUID).reply(201, { share_link: link });
    expect(data(await h.call('drive_share_create', { file_id: 4, expires_at: '2030-06-01T00:00:00Z', max_downloads: 5 }))).to.deep.equal({ share_link: link });
  });

  it('drive_share_create without options sends an empty body; a high download cap is fine', async () => {
    api().post('/api/v1/drive/files/4/share-links', { max_downloads: 250000 }).reply(201, { share_link: { id: 4, max_downloads: 250000 } });
    expect(data(await h.call('drive_share_create', { file_id: 4, max_downloads: 250000 })).share_link.id).to.equal(4);
    api().post('/api/v1/drive/files/4/share-links', {}).reply(201, { share_link: { id: 3, status: 'active' } });
    expect(data(await h.call('drive_share_create', { file_id: 4 })).share_link.id).to.equal(3);
  });

  it('drive_share_create refuses a malformed expiry or limit without a request', async () => {
    expect(errorText(await h.call('drive_share_create', { file_id: 4, expires_at: 'next week' }))).to.match(/- expires_at: /);
    expect(errorText(await h.call('drive_share_create', { file_id: 4, max_downloads: 0 }))).to.match(/- max_downloads: /);
  });

  it('drive_share_list GETs the links of a file', async () => {
    api().get('/api/v1/drive/files/2/share-links').reply(200, { data: [{ id: 1, status: 'active', download_count: 3 }] });
    expect(data(await h.call('drive_share_list', { file_id: 2 }))).to.deep.equal({ data: [{ id: 1, status: 'active', download_count: 3 }] });
  });

  it('drive_share_revoke is gated, then DELETEs the link', async () => {
    expect(errorText(await h.call('drive_share_revoke', { link_id: 1 }))).to.contain('drive_share_revoke needs TREKMAIL_ALLOW_DESTRUCTIVE=true');
    api().delete('/api/v1/drive/share-links/1').matchHeader('idempotency-key', UUID).reply(200, { share_link: { id: 1, status: 'revoked', revoked_at: '2030-01-01T00:00:00Z' } });
    expect(data(await open.call('drive_share_revoke', { link_id: 1 }))).to.deep.equal({ share_link: { id: 1, status: 'revoked', revoked_at: '2030-01-01T00:00:00Z' } });
  });

  it('an API error (file in the trash) is passed on with its hint', async () => {
    api().post('/api/v1/drive/files/5/share-links').reply(409, { error: { code: 'file_trashed', message: 'A file in the trash cannot be shared', hint: 'Restore it with drive_file_restore first.' } });
    expect(errorText(await h.call('drive_share_create', { file_id: 5 }))).to.contain('HTTP 409, file_trashed').and.contain('drive_file_restore');
  });
});
