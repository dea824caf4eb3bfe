import { expect } from 'chai';
import { structured } from '../harness.js';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packSpec } from '../../core/pack.js';
import { DrivePack } from '../../plugins/drive/drive.plugin.js';
import type { Sandbox } from '../../sandbox/server.js';
import { connect, sandbox, type Session } from '../e2e.js';

/**
 * A Drive-only agent (ops token with drive:* scopes only) over stdio against the sandbox. Two servers share one
 * sandbox: `off` runs with the destructive gate off (the default), `on` with TREKMAIL_ALLOW_DESTRUCTIVE=true.
 */
describe('e2e: Drive-only agent (token ops:drive, stdio, SDK client, sandbox)', function () {
  this.timeout(20_000);
  let sb: Sandbox;
  let off: Session;
  let on: Session;
  let dir: string;
  const bytes = randomBytes(2 * 1024 * 1024 + 512 * 1024); // 2.5 MiB: three parts of the sandbox's 1 MiB
  const size = bytes.length;
  let folderId: number;
  let fileId: number;
  let start: { used_bytes: number; trash_bytes: number; file_count: number };

  const usage = async (s: Session) => structured(await s.call('drive_space_usage', { space: 'account' }));

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'drive-e2e-'));
    writeFileSync(join(dir, 'quarterly-report.bin'), bytes);
    // Only the Drive routes are mounted: the agent must need nothing else.
    sb = await sandbox({ packs: [packSpec(DrivePack)!] });
    [off, on] = await Promise.all([
      connect(sb, ['ops:drive'], { TREKMAIL_UPLOAD_DIRS: dir }),
      connect(sb, ['ops:drive'], { TREKMAIL_UPLOAD_DIRS: dir, TREKMAIL_ALLOW_DESTRUCTIVE: 'true' }),
    ]);
  });
  after(async () => {
    await Promise.all([off?.close(), on?.close()]);
    await sb?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('lists the 42 drive tools (sync devices included) and the preview tool, nothing else', async () => {
    const { tools } = await off.client.listTools();
    const names = tools.map((t) => t.name);
    expect(names).to.have.length(43);
    expect(names.filter((n) => !n.startsWith('drive_'))).to.deep.equal(['preview_tool_call']);
    expect(names).to.include.members(['drive_file_upload', 'drive_file_purge', 'drive_addon_get', 'drive_share_create', 'drive_device_create']);
    const purge = tools.find((t) => t.name === 'drive_file_purge')!;
    expect(purge.annotations).to.deep.include({ destructiveHint: true }).and.not.to.have.property('readOnlyHint');
  });

  it('creates a folder in the account space', async () => {
    start = await usage(off);
    const r = await off.call('drive_folder_create', { space: 'account', name: 'E2E reports' });
    expect(r.isError, r.content[0].text).to.not.equal(true);
    expect(structured(r).folder).to.include({ name: 'E2E reports', parent_id: null, space: 'account', color: '#64748b' });
    folderId = structured(r).folder.id;
  });

  it('uploads a local file into it in one call, with progress; the bytes are stored', async () => {
    const progress: { progress: number; total?: number }[] = [];
    const r = (await off.client.callTool(
      { name: 'drive_file_upload', arguments: { space: 'account', local_path: join(dir, 'quarterly-report.bin'), folder_id: folderId } },
      undefined,
      { onprogress: (p) => void progress.push({ progress: p.progress, total: p.total }) },
    )) as { isError?: boolean; content: { text: string }[]; structuredContent: any };
    expect(r.isError, r.content[0].text).to.not.equal(true);
    expect(r.content[0].text).to.contain('<untrusted-data id="');
    const file = structured(r).file;
    expect(file).to.include({ name: 'quarterly-report.bin', size_bytes: size, folder_id: folderId, status: 'available', scan_status: 'clean', path: '/E2E reports/quarterly-report.bin' });
    fileId = file.id;
    // The SDK client runs notification handlers in a microtask but settles responses at once: when the last
    // progress notification and the result arrive in one stdout chunk, the client drops that notification
    // (shared/protocol.js _onnotification). The server sent it; the client may not report it.
    const seen = progress.map((p) => p.progress);
    expect([[0, 1048576, 2097152, size], [0, 1048576, 2097152]]).to.deep.include(seen);
    expect(progress.every((p) => p.total === size)).to.equal(true);
    expect(sb.engine.stats.byRoute['PUT /drive/uploads/{file_id}/parts/{part_number}']).to.equal(3);

    const dl = structured(await off.call('drive_file_download_url', { file_id: fileId }));
    const res = await fetch(dl.download_url, { headers: { Authorization: `Bearer ${sb.allTokens['ops:drive']}` } });
    expect(Buffer.from(await res.arrayBuffer()).equals(bytes)).to.equal(true);
  });

  it('usage and the storage summary add up', async () => {
    const now = await usage(off);
    expect(now.used_bytes).to.equal(start.used_bytes + size);
    expect(now.file_count).to.equal(start.file_count + 1);
    const sum = structured(await off.call('drive_storage_summary'));
    const spaces = sum.spaces as { used_bytes: number; trash_bytes: number }[];
    expect(sum.used_bytes).to.equal(spaces.reduce((n, s) => n + s.used_bytes, 0));
    expect(sum.trash_bytes).to.equal(spaces.reduce((n, s) => n + s.trash_bytes, 0));
    expect(sum.available_bytes).to.equal(sum.limit_bytes - sum.used_bytes - sum.trash_bytes);
    expect(sum.addon).to.deep.equal({ active: true, in_grace: false, size_gb: 250 });
  });

  it('refuses a local file outside TREKMAIL_UPLOAD_DIRS without a request', async () => {
    const count = sb.engine.stats.byRoute['POST /drive/spaces/{space}/uploads:initiate'];
    const r = await off.call('drive_file_upload', { space: 'account', local_path: '/etc/hostname' });
    expect(r.isError).to.equal(true);
    expect(r.content[0].text).to.contain('outside the upload directories').and.contain('TREKMAIL_UPLOAD_DIRS');
    expect(sb.engine.stats.byRoute['POST /drive/spaces/{space}/uploads:initiate']).to.equal(count);
  });

  it('shares the file with a download-limited link; the token is shown once, never listed', async () => {
    const r = await off.call('drive_share_create', { file_id: fileId, max_downloads: 3 });
    const link = structured(r).share_link;
    expect(link).to.include({ file_id: fileId, status: 'active', max_downloads: 3 });
    expect(link.token).to.match(/^[\w-]{32}$/);
    expect(link.public_url).to.match(new RegExp(`/d/${link.token}$`));
    const list = await off.call('drive_share_list', { file_id: fileId });
    expect(structured(list).data).to.have.length(1);
    expect(structured(list).data[0]).not.to.have.property('token');
    expect(structured(await off.call('drive_file_get', { file_id: fileId })).file.has_active_share_link).to.equal(true);
  });

  it('trash is refused with the gate off; with it on the file moves to the trash and usage moves with it', async () => {
    const refused = await off.call('drive_file_trash', { file_id: fileId });
    expect(refused.isError).to.equal(true);
    expect(refused.content[0].text).to.contain('TREKMAIL_ALLOW_DESTRUCTIVE=true');
    const r = await on.call('drive_file_trash', { file_id: fileId });
    expect(r.isError, r.content[0].text).to.not.equal(true);
    expect(structured(r).file.deleted_at).to.be.a('string');
    // Trashing revokes the file's active share links.
    expect(structured(r).revoked_share_links).to.equal(1);
    expect(structured(await off.call('drive_share_list', { file_id: fileId })).data[0].status).to.equal('revoked');
    const trash = await off.call('drive_trash_list', { space: 'account' });
    expect(structured(trash).data.map((x: { id: number }) => x.id)).to.include(fileId);
    const now = await usage(off);
    expect(now.used_bytes).to.equal(start.used_bytes);
    expect(now.trash_bytes).to.equal(start.trash_bytes + size);
  });

  it('purge is refused with the gate off (no request), then purges with it on; usage is back where it started', async () => {
    const count = sb.engine.stats.byRoute['DELETE /drive/files/{file_id}:purge'] ?? 0;
    const refused = await off.call('drive_file_purge', { file_id: fileId });
    expect(refused.isError).to.equal(true);
    expect(refused.content[0].text).to.contain('drive_file_purge needs TREKMAIL_ALLOW_DESTRUCTIVE=true');
    expect(sb.engine.stats.byRoute['DELETE /drive/files/{file_id}:purge'] ?? 0).to.equal(count);
    const r = await on.call('drive_file_purge', { file_id: fileId });
    expect(r.isError, r.content[0].text).to.not.equal(true);
    expect(structured(r)).to.deep.equal({ purged: true, file_id: fileId, freed_bytes: size });
    const gone = await off.call('drive_file_get', { file_id: fileId });
    expect(gone.isError).to.equal(true);
    expect(gone.content[0].text).to.contain('HTTP 404');
    const now = await usage(off);
    expect(now).to.deep.include({ used_bytes: start.used_bytes, trash_bytes: start.trash_bytes, file_count: start.file_count });
  });

  it('a sync-device password: refused with the gate off (no request), minted once with it on, never listed', async () => {
    const refused = await off.call('drive_device_create', { label: 'E2E rclone', scopes: ['drive:account:read'] });
    expect(refused.content[0].text).to.contain('drive_device_create needs TREKMAIL_ALLOW_DESTRUCTIVE=true');
    expect(sb.engine.stats.byRoute['POST /drive/devices'] ?? 0).to.equal(0);
    const r = await on.call('drive_device_create', { label: 'E2E rclone', scopes: ['drive:account:read'] });
    expect(r.isError, r.content[0].text).to.not.equal(true);
    const { password, id } = structured(r).data;
    expect(password).to.match(/^dsync_/);
    expect(r.content[0].text).to.contain(password);
    const list = await off.call('drive_device_list');
    expect(structured(list).data.find((x: { id: number }) => x.id === id)).to.include({ label: 'E2E rclone', active: true, expires_at: null });
    expect(list.content[0].text).not.to.contain(password);
  });

  it('the strict sandbox refused none of these requests', () => {
    expect(sb.engine.stats.validationFailures).to.deep.equal([]);
  });
});
