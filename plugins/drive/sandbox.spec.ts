import { expect } from 'chai';
import { rawApi } from '../../test/e2e.js';
import { packSpec } from '../../core/plugin-api.js';
import { startSandbox, type Sandbox } from '../../sandbox/server.js';
import { DrivePack } from './drive.plugin.js';

/** The Drive emulator itself, over plain HTTP: the fields it accepts, who may call it, and one upload end to end. */
describe('drive sandbox: the API emulator over HTTP', function () {
  this.timeout(10_000);
  let sb: Sandbox;
  before(async () => {
    sb = await startSandbox({ packs: [packSpec(DrivePack)!] });
    // A token of the account drive only (no mailbox-drive scope), as a dashboard user might create it.
    sb.engine.addToken({ token: 'tm_live_sandbox_account_drive_only', kind: 'ops', plan: 'pro', scopes: new Set(['drive:account:read', 'drive:account:write']), label: 'ops:account-drive' });
  });
  after(async () => {
    await sb?.close();
  });
  const send = (method: string, path: string, body?: unknown, token?: string) => rawApi(sb)(method, path, body, token);
  const raw = async (url: string, bytes: Buffer) => fetch(url, { method: 'PUT', body: bytes, headers: { authorization: `Bearer ${sb.allTokens['ops:pro']}`, 'content-type': 'application/octet-stream' } });

  it('refuses the old or unknown fields, enums and limits field by field, before any effect', async () => {
    const before = sb.engine.stats.validationFailures.length;
    const folder = await send('POST', '/drive/spaces/account/folders', { name: '', parent: 1, color: 5 });
    expect(folder.status).to.equal(422);
    expect(folder.body.error.code).to.equal('validation_failed');
    expect(folder.body.errors).to.deep.equal({ parent: 'is not a field of this endpoint', name: 'must not be empty', color: 'must be a string' });
    expect((await send('GET', '/drive/spaces/account/folders?sort=created_at&per_page=201')).body.errors).to.deep.equal({ sort: 'must be one of name, size, date', per_page: 'must be between 1 and 200' });
    expect((await send('POST', '/drive/spaces/account/bulk:trash', { file_ids: [1] })).body.errors).to.deep.equal({ folder_ids: 'is required' });
    expect((await send('POST', '/drive/spaces/account/bulk:move', { file_ids: [1], folder_ids: [] })).body.errors).to.deep.equal({ target_folder_id: 'is required' });
    expect((await send('POST', '/drive/files/5:restore', { file_id: 5 })).body.errors).to.deep.equal({ file_id: 'is not a field of this endpoint' });
    expect((await send('POST', '/drive/uploads/10:complete', { parts: [{ partNumber: 1, etag: 'x' }] })).body.errors).to.deep.equal({ 'parts.0.partNumber': 'is not a field of this endpoint', 'parts.0.part_number': 'is required' });
    expect((await send('GET', '/drive/addon/pricing?currency=euro')).body.errors).to.deep.equal({ currency: 'must be at most 3 characters' });
    expect(sb.engine.stats.validationFailures.length - before).to.equal(7);
    for (const route of ['POST /drive/spaces/{space}/folders', 'POST /drive/spaces/{space}/bulk:trash', 'POST /drive/files/{file_id}:restore', 'POST /drive/uploads/{file_id}:complete']) {
      expect(sb.engine.stats.executions[route] ?? 0, route).to.equal(0);
    }
  });

  it('cross-field rules stay with the handlers: hex colors, shared folders at the top, purge of trashed items only', async () => {
    expect((await send('POST', '/drive/spaces/account/folders', { name: 'Blue', color: 'blue' })).body.errors).to.deep.equal({ color: 'must be a hex color #RRGGBB' });
    expect((await send('POST', '/drive/spaces/account/folders', { name: 'Deep', parent_id: 1, is_shared: true })).body.errors).to.deep.equal({ is_shared: 'only a top-level folder (parent_id null) can be shared' });
    const live = await send('DELETE', '/drive/files/4:purge');
    expect([live.status, live.body.error.code]).to.deep.equal([409, 'not_in_trash']);
    expect((await send('POST', '/drive/spaces/account/bulk:restore', { file_ids: [], folder_ids: [] })).body.errors).to.deep.equal({ file_ids: 'give at least one file or folder id' });
  });

  it('plans and scopes: Starter reads, Pro writes, Nano has no Drive; a space needs its own scope', async () => {
    expect((await send('GET', '/drive/spaces', undefined, sb.allTokens['ops:starter'])).status).to.equal(200);
    const write = await send('POST', '/drive/spaces/account/folders', { name: 'Starter folder' }, sb.allTokens['ops:starter']);
    expect([write.status, write.body.error.code]).to.deep.equal([403, 'plan_api_disabled']);
    const nano = await send('GET', '/drive/storage', undefined, sb.allTokens['ops:nano']);
    expect([nano.status, nano.body.error.code]).to.deep.equal([403, 'feature_not_available']);
    const message = await send('GET', '/drive/spaces', undefined, sb.allTokens['message:pro']);
    expect([message.status, message.body.error.code]).to.deep.equal([403, 'wrong_token_type']);
    const only = 'tm_live_sandbox_account_drive_only';
    expect((await send('GET', '/drive/spaces', undefined, only)).body.data.map((s: { key: string }) => s.key)).to.deep.equal(['account']);
    const mailbox = await send('GET', '/drive/spaces/mailbox%3A1/usage', undefined, only);
    expect([mailbox.status, mailbox.body.error.code, mailbox.body.required_scope]).to.deep.equal([403, 'insufficient_scope', 'drive:mailbox:read']);
  });

  it('sync devices: the password is answered at create and rotate only, mailbox scopes need a mailbox, revoke is idempotent', async () => {
    expect((await send('POST', '/drive/devices', { label: 'NAS', scopes: ['drive:addon:read'], expires_in_days: 0 })).body.errors).to.deep.include({ expires_in_days: 'must be between 1 and 3650' });
    expect((await send('POST', '/drive/devices', { label: 'NAS', scopes: ['drive:mailbox:read'] })).body.errors).to.deep.equal({ mailbox_id: 'is required for drive:mailbox:* scopes' });
    const made = await send('POST', '/drive/devices', { label: 'Phone', scopes: ['drive:mailbox:write', 'drive:mailbox:read'], mailbox_id: 1, expires_in_days: 10 });
    expect(made.status).to.equal(201);
    expect(made.body.data).to.include({ label: 'Phone', mailbox_id: 1, active: true }).and.deep.include({ scopes: ['drive:mailbox:read', 'drive:mailbox:write'] });
    expect(made.body.data.password).to.match(/^dsync_[\w-]{32}$/);
    const listed = (await send('GET', '/drive/devices')).body.data;
    expect(listed.map((x: { id: number }) => x.id)).to.include(made.body.data.id);
    expect(JSON.stringify(listed)).not.to.contain(made.body.data.password);
    const rotated = await send('POST', `/drive/devices/${made.body.data.id}:rotate`, { expires_in_days: null });
    expect(rotated.body.data).to.include({ label: 'Phone', rotated_from_id: made.body.data.id, expires_at: new Date(Date.parse(rotated.body.data.created_at) + 10 * 86_400_000).toISOString() });
    expect(rotated.body.data.password).to.match(/^dsync_/).and.not.equal(made.body.data.password);
    const again = await send('POST', `/drive/devices/${made.body.data.id}:rotate`, {});
    expect([again.status, again.body.error.code]).to.deep.equal([409, 'device_revoked']);
    const revoked = await send('DELETE', `/drive/devices/${rotated.body.data.id}`);
    expect(revoked.body.data).to.include({ active: false, status: 'revoked' }).and.not.have.property('password');
    expect((await send('DELETE', `/drive/devices/${rotated.body.data.id}`)).body.data.revoked_at).to.equal(revoked.body.data.revoked_at);
    const starter = await send('GET', '/drive/devices', undefined, sb.allTokens['ops:starter']);
    expect(starter.status).to.equal(200);
  });

  it('an upload end to end: multipart URLs, raw parts with quoted ETags, complete with the bare ones, the bytes back', async () => {
    const bytes = Buffer.alloc(1024 * 1024 + 10, 'drive ');
    const init = await send('POST', '/drive/spaces/account/uploads:initiate', { name: 'spec.bin', size_bytes: bytes.length, folder_id: null });
    expect(init.status).to.equal(201);
    expect(init.body).to.include({ multipart: true, part_size_bytes: 1024 * 1024, upload_url: null });
    expect(init.body.file).to.include({ status: 'pending_upload', scan_status: 'pending' });
    const id = init.body.file_id;
    const etags: string[] = [];
    for (const [i, part] of [bytes.subarray(0, 1024 * 1024), bytes.subarray(1024 * 1024)].entries()) {
      const res = await raw(init.body.parts[i].upload_url, part);
      expect(res.status).to.equal(200);
      etags.push(res.headers.get('etag')!);
    }
    expect(etags.every((e) => /^"[0-9a-f]{32}"$/.test(e))).to.equal(true);
    const quoted = await send('POST', `/drive/uploads/${id}:complete`, { parts: etags.map((etag, i) => ({ part_number: i + 1, etag })) });
    expect([quoted.status, quoted.body.error.code]).to.deep.equal([422, 'etag_mismatch']);
    const done = await send('POST', `/drive/uploads/${id}:complete`, { parts: etags.map((e, i) => ({ part_number: i + 1, etag: e.replace(/"/g, '') })) });
    expect(done.body.file).to.include({ status: 'available', size_bytes: bytes.length });
    const dl = await send('GET', `/drive/files/${id}/download`);
    const back = await fetch(dl.body.download_url, { headers: { authorization: `Bearer ${sb.allTokens['ops:pro']}` } });
    expect(Buffer.from(await back.arrayBuffer()).equals(bytes)).to.equal(true);
    // A small file gets one PUT URL and is completed without parts.
    const small = await send('POST', '/drive/spaces/account/uploads:initiate', { name: 'spec.txt', size_bytes: 3, client_mime: 'text/plain' });
    expect(small.body).to.deep.include({ multipart: false, headers: { 'Content-Type': 'text/plain' }, parts: [] });
    expect((await raw(small.body.upload_url, Buffer.from('abc'))).status).to.equal(200);
    expect((await send('POST', `/drive/uploads/${small.body.file_id}:complete`, {})).body.file).to.include({ status: 'available', size_bytes: 3 });
  });
});
