import { expect } from 'chai';
import { statSync } from 'node:fs';
import { structured } from '../../harness.js';
import type { Ctx, Result, Scenario } from './steps.js';

/**
 * Every drive tool, called through the protocol against the strict sandbox. The steps read the demo drive (the
 * account drive, mailbox 1's drive, link 1 on file 2) and change only what they create, except the last scenario,
 * which files two demo items of mailbox 1 away and empties its trash (no other pack reads Drive).
 */
const sc = (r: Result) => structured(r);
const ids = (list: { id: number }[]) => list.map((x) => x.id);
const names = (list: { name: string }[]) => list.map((x) => x.name);
const BIG = 1024 * 1024 + 1000;

/** The bytes of an upload go to the URL initiate answered, as an agent's own HTTP client would send them. */
async function put(c: Ctx, url: string, bytes: Buffer, headers: Record<string, string> = {}): Promise<string> {
  // The sandbox's storage URLs sit on the API origin and want the bearer token; real presigned URLs do not.
  const res = await fetch(url, { method: 'PUT', body: bytes, headers: { authorization: `Bearer ${c.sb.allTokens['ops:pro']}`, 'content-type': 'application/octet-stream', ...headers } });
  expect(res.status, await res.text()).to.equal(200);
  return res.headers.get('etag')!.replace(/"/g, '');
}

/** drive_file_upload reads local files and exists over stdio only: over HTTP it is not listed, and unknown when called. */
async function uploadLocal(c: Ctx, args: Record<string, unknown>): Promise<Result | undefined> {
  try {
    return await c.call('drive_file_upload', args);
  } catch (err) {
    if (/Unknown tool: drive_file_upload/.test((err as Error).message)) return undefined;
    throw err;
  }
}

export const SCENARIOS: Scenario[] = [
  {
    name: 'the demo drive: spaces, storage, usage, browsing with a cursor, folder tree, select-all, a file, its link',
    steps: [
      {
        tool: 'drive_spaces_list',
        check: (r) => expect(sc(r).data.map((s: { key: string; kind: string }) => [s.key, s.kind])).to.deep.equal([['account', 'account_drive'], ['mailbox:1', 'mailbox_personal']]),
      },
      {
        tool: 'drive_storage_summary',
        check: (r) => {
          expect(sc(r).available_bytes).to.equal(sc(r).limit_bytes - sc(r).used_bytes - sc(r).trash_bytes);
          expect(sc(r).addon).to.include({ active: true, size_gb: 250 });
        },
      },
      { tool: 'drive_space_usage', args: { space: 'mailbox:1' }, check: (r) => expect(sc(r).space).to.include({ key: 'mailbox:1', kind: 'mailbox_personal', mailbox_id: 1 }) },
      {
        tool: 'drive_browse_folder', args: { space: 'account', sort: 'name', dir: 'asc', per_page: 2 },
        check: (r, c) => {
          expect(names(sc(r).data)).to.deep.equal(['Contracts', 'Marketing']);
          expect(sc(r).has_more).to.equal(true);
          c.saved.driveCursor = sc(r).next_cursor;
        },
      },
      { tool: 'drive_browse_folder', args: (c) => ({ space: 'account', sort: 'name', per_page: 2, cursor: c.saved.driveCursor }), check: (r) => expect(names(sc(r).data)[0]).to.equal('Shared with team') },
      {
        tool: 'drive_browse_folder', args: { space: 'account', folder_id: 1, sort: 'date', dir: 'desc' },
        check: (r) => {
          expect(sc(r).breadcrumbs).to.deep.equal([{ id: 1, name: 'Contracts' }]);
          expect(names(sc(r).data)).to.deep.equal(['2025', 'NDA-template.docx']);
        },
      },
      { tool: 'drive_folder_tree', args: { space: 'account' }, check: (r) => expect(sc(r).data).to.deep.include({ id: 2, name: '2025', parent_id: 1, color: '#64748b', is_shared: false }) },
      { tool: 'drive_select_all_ids', args: { space: 'account', folder_id: 1 }, check: (r) => expect(sc(r)).to.include({ total: 2, truncated: false }).and.deep.include({ folder_ids: [2], file_ids: [1] }) },
      { tool: 'drive_file_get', args: { file_id: 2 }, check: (r) => expect(sc(r).file).to.include({ name: 'Acme-MSA-signed.pdf', status: 'available', scan_status: 'clean', has_active_share_link: true }) },
      { tool: 'drive_share_list', args: { file_id: 2 }, check: (r) => expect(sc(r).data[0]).to.include({ id: 1, status: 'active', download_count: 3, max_downloads: 10 }).and.not.have.property('token') },
    ],
  },
  {
    name: 'folders: create, update, share with the account (the subtree moves), move, stop sharing, trash, restore, purge',
    steps: [
      {
        tool: 'drive_folder_create', args: { space: 'mailbox:1', name: 'E2E Projects', color: '#0ea5e9' },
        check: (r, c) => void (c.saved.driveProjects = sc(r).folder.id),
        verify: { tool: 'drive_browse_folder', args: { space: 'mailbox:1' }, check: (r, c) => expect(ids(sc(r).data)).to.include(c.saved.driveProjects) },
      },
      {
        tool: 'drive_folder_create', args: (c) => ({ space: 'mailbox:1', name: 'Drafts', parent_id: c.saved.driveProjects }),
        check: (r, c) => void (c.saved.driveDrafts = sc(r).folder.id),
        verify: { tool: 'drive_folder_tree', args: { space: 'mailbox:1' }, check: (r, c) => expect(sc(r).data).to.deep.include({ id: c.saved.driveDrafts, name: 'Drafts', parent_id: c.saved.driveProjects, color: '#64748b', is_shared: false }) },
      },
      {
        tool: 'drive_folder_update', args: (c) => ({ folder_id: c.saved.driveDrafts, name: 'Drafts 2026', color: '#f97316' }),
        verify: { tool: 'drive_folder_tree', args: { space: 'mailbox:1' }, check: (r, c) => expect(sc(r).data.find((f: { id: number }) => f.id === c.saved.driveDrafts)).to.include({ name: 'Drafts 2026', color: '#f97316' }) },
      },
      {
        tool: 'drive_folder_share_with_account', args: (c) => ({ folder_id: c.saved.driveProjects }),
        check: (r) => expect(sc(r).folder).to.include({ is_shared: true, space: 'account' }),
        verify: {
          tool: 'drive_folder_tree', args: { space: 'account' },
          check: (r, c) => {
            expect(sc(r).data).to.deep.include({ id: c.saved.driveProjects, name: 'E2E Projects', parent_id: null, color: '#0ea5e9', is_shared: true });
            expect(sc(r).data.find((f: { id: number }) => f.id === c.saved.driveDrafts)).to.include({ parent_id: c.saved.driveProjects });
          },
        },
      },
      {
        tool: 'drive_folder_move', args: (c) => ({ folder_id: c.saved.driveDrafts, parent_id: null }),
        verify: { tool: 'drive_select_all_ids', args: { space: 'account' }, check: (r, c) => expect(sc(r).folder_ids).to.include(c.saved.driveDrafts) },
      },
      {
        tool: 'drive_folder_stop_sharing', args: (c) => ({ folder_id: c.saved.driveProjects }),
        verify: { tool: 'drive_folder_tree', args: { space: 'account' }, check: (r, c) => expect(sc(r).data.find((f: { id: number }) => f.id === c.saved.driveProjects)).to.include({ is_shared: false }) },
      },
      {
        tool: 'drive_folder_trash', args: (c) => ({ folder_id: c.saved.driveProjects }),
        verify: { tool: 'drive_trash_list', args: { space: 'account' }, check: (r, c) => expect(ids(sc(r).data)).to.include(c.saved.driveProjects) },
      },
      {
        tool: 'drive_folder_restore', args: (c) => ({ folder_id: c.saved.driveProjects }),
        verify: { tool: 'drive_trash_list', args: { space: 'account' }, check: (r, c) => expect(ids(sc(r).data)).not.to.include(c.saved.driveProjects) },
      },
      { tool: 'drive_folder_purge', args: (c) => ({ folder_id: c.saved.driveDrafts }), error: /HTTP 409, not_in_trash/ },
      {
        tool: 'drive_folder_trash', args: (c) => ({ folder_id: c.saved.driveDrafts }),
        verify: { tool: 'drive_trash_list', args: { space: 'account' }, check: (r, c) => expect(ids(sc(r).data)).to.include(c.saved.driveDrafts) },
      },
      {
        tool: 'drive_folder_purge', args: (c) => ({ folder_id: c.saved.driveDrafts }),
        check: (r) => expect(sc(r)).to.include({ purged: true, purged_folders: 1, purged_files: 0 }),
        verify: { tool: 'drive_folder_tree', args: { space: 'account' }, check: (r, c) => expect(ids(sc(r).data)).not.to.include(c.saved.driveDrafts) },
      },
    ],
  },
  {
    name: 'files: uploads by hand (one PUT, then multipart with a refreshed part URL, one aborted) and in one call; rename, move, share, revoke, trash, restore, purge',
    steps: [
      {
        tool: 'drive_folder_create', args: { space: 'account', name: 'E2E Uploads' },
        check: (r, c) => void (c.saved.driveUploads = sc(r).folder.id),
        verify: { tool: 'drive_select_all_ids', args: { space: 'account' }, check: (r, c) => expect(sc(r).folder_ids).to.include(c.saved.driveUploads) },
      },
      {
        tool: 'drive_upload_initiate', args: (c) => ({ space: 'account', name: 'hello.txt', size_bytes: 13, folder_id: c.saved.driveUploads, client_mime: 'text/plain' }),
        check: async (r, c) => {
          expect(sc(r)).to.include({ multipart: false }).and.deep.include({ headers: { 'Content-Type': 'text/plain' }, parts: [] });
          c.saved.driveHello = sc(r).file_id;
          await put(c, sc(r).upload_url, Buffer.from('Hello, Drive!'), sc(r).headers);
        },
      },
      {
        tool: 'drive_upload_complete', args: (c) => ({ file_id: c.saved.driveHello }),
        verify: { tool: 'drive_file_get', args: (c) => ({ file_id: c.saved.driveHello }), check: (r, c) => expect(sc(r).file).to.include({ status: 'available', size_bytes: 13, folder_id: c.saved.driveUploads, mime_type: 'text/plain' }) },
      },
      {
        tool: 'drive_upload_initiate', args: (c) => ({ space: 'account', name: 'camera-roll.bin', size_bytes: BIG, folder_id: c.saved.driveUploads }),
        check: async (r, c) => {
          expect(sc(r)).to.include({ multipart: true, part_size_bytes: 1024 * 1024 });
          expect(sc(r).parts).to.have.length(2);
          c.saved.driveBig = sc(r).file_id;
          c.saved.driveBigBytes = Buffer.alloc(BIG, 'frame ');
          c.saved.driveEtag1 = await put(c, sc(r).parts[0].upload_url, c.saved.driveBigBytes.subarray(0, 1024 * 1024));
        },
      },
      {
        tool: 'drive_upload_refresh_parts', args: (c) => ({ file_id: c.saved.driveBig, part_numbers: [2] }),
        check: async (r, c) => {
          expect(sc(r).parts.map((p: { part_number: number }) => p.part_number)).to.deep.equal([2]);
          c.saved.driveEtag2 = await put(c, sc(r).parts[0].upload_url, c.saved.driveBigBytes.subarray(1024 * 1024));
        },
      },
      {
        tool: 'drive_upload_complete', args: (c) => ({ file_id: c.saved.driveBig, parts: [{ part_number: 1, etag: c.saved.driveEtag1 }, { part_number: 2, etag: c.saved.driveEtag2 }] }),
        verify: { tool: 'drive_file_get', args: (c) => ({ file_id: c.saved.driveBig }), check: (r) => expect(sc(r).file).to.include({ status: 'available', size_bytes: BIG }) },
      },
      {
        tool: 'drive_file_download_url', args: (c) => ({ file_id: c.saved.driveBig }),
        check: async (r, c) => {
          const res = await fetch(sc(r).download_url, { headers: { authorization: `Bearer ${c.sb.allTokens['ops:pro']}` } });
          expect(Buffer.from(await res.arrayBuffer()).equals(c.saved.driveBigBytes)).to.equal(true);
        },
      },
      { tool: 'drive_upload_initiate', args: { space: 'account', name: 'abandoned.bin', size_bytes: 10 }, check: (r, c) => void (c.saved.driveAbandoned = sc(r).file_id) },
      { tool: 'drive_upload_abort', args: (c) => ({ file_id: c.saved.driveAbandoned }), check: (r) => expect(sc(r)).to.include({ aborted: true }) },
      { tool: 'drive_upload_complete', args: (c) => ({ file_id: c.saved.driveAbandoned }), error: /HTTP 404, not_found/ },
      {
        tool: 'drive_file_rename', args: (c) => ({ file_id: c.saved.driveHello, name: 'hello-2026.txt' }),
        verify: { tool: 'drive_file_get', args: (c) => ({ file_id: c.saved.driveHello }), check: (r) => expect(sc(r).file).to.include({ name: 'hello-2026.txt', path: '/E2E Uploads/hello-2026.txt' }) },
      },
      {
        tool: 'drive_file_move', args: (c) => ({ file_id: c.saved.driveHello, folder_id: null }),
        verify: { tool: 'drive_select_all_ids', args: { space: 'account' }, check: (r, c) => expect(sc(r).file_ids).to.include(c.saved.driveHello) },
      },
      {
        tool: 'drive_share_create', args: (c) => ({ file_id: c.saved.driveHello, expires_at: '2031-06-30T12:00:00Z', max_downloads: 5 }),
        check: (r, c) => {
          const link = sc(r).share_link;
          expect(link.public_url).to.match(new RegExp(`/d/${link.token}$`));
          c.saved.driveLink = link.id;
        },
        verify: { tool: 'drive_share_list', args: (c) => ({ file_id: c.saved.driveHello }), check: (r) => expect(sc(r).data[0]).to.include({ status: 'active', max_downloads: 5, expires_at: '2031-06-30T12:00:00.000Z' }) },
      },
      {
        tool: 'drive_share_revoke', args: (c) => ({ link_id: c.saved.driveLink }),
        verify: { tool: 'drive_share_list', args: (c) => ({ file_id: c.saved.driveHello }), check: (r) => expect(sc(r).data[0].status).to.equal('revoked') },
      },
      {
        tool: 'drive_file_trash', args: (c) => ({ file_id: c.saved.driveHello }),
        verify: { tool: 'drive_trash_list', args: { space: 'account' }, check: (r, c) => expect(ids(sc(r).data)).to.include(c.saved.driveHello) },
      },
      {
        tool: 'drive_file_restore', args: (c) => ({ file_id: c.saved.driveHello }),
        verify: { tool: 'drive_file_get', args: (c) => ({ file_id: c.saved.driveHello }), check: (r) => expect(sc(r).file.deleted_at).to.equal(null) },
      },
      {
        tool: 'drive_file_trash', args: (c) => ({ file_id: c.saved.driveBig }),
        verify: { tool: 'drive_file_get', args: (c) => ({ file_id: c.saved.driveBig }), check: (r) => expect(sc(r).file.deleted_at).to.be.a('string') },
      },
      {
        tool: 'drive_file_purge', args: (c) => ({ file_id: c.saved.driveBig }),
        check: (r) => expect(sc(r)).to.include({ purged: true, freed_bytes: BIG }),
        verify: { tool: 'drive_trash_list', args: { space: 'account' }, check: (r, c) => expect(ids(sc(r).data)).not.to.include(c.saved.driveBig) },
      },
      {
        tool: 'drive_space_usage', args: { space: 'account' },
        // Over stdio, one call uploads a local file (the repository's README, in the working directory).
        check: async (_r, c) => {
          const r = await uploadLocal(c, { space: 'account', local_path: 'README.md', folder_id: c.saved.driveUploads, name: 'trekmail-readme.md' });
          if (!r) return;
          expect(r.isError, r.content[0]?.text).to.not.equal(true);
          const got = await c.call('drive_file_get', { file_id: sc(r).file.id });
          expect(sc(got).file).to.include({ name: 'trekmail-readme.md', mime_type: 'text/markdown', size_bytes: statSync('README.md').size, folder_id: c.saved.driveUploads });
        },
      },
    ],
  },
  {
    name: 'bulk actions and the trash of mailbox 1: move into a folder, trash, restore, purge (live items skipped), empty',
    steps: [
      {
        tool: 'drive_folder_create', args: { space: 'mailbox:1', name: 'E2E Archive' },
        check: (r, c) => void (c.saved.driveArchive = sc(r).folder.id),
        verify: { tool: 'drive_browse_folder', args: { space: 'mailbox:1', sort: 'name' }, check: (r) => expect(names(sc(r).data)).to.include('E2E Archive') },
      },
      {
        tool: 'drive_bulk_move', args: (c) => ({ space: 'mailbox:1', file_ids: [7], folder_ids: [4], target_folder_id: c.saved.driveArchive }),
        check: (r) => expect(sc(r)).to.include({ moved_files: 1, moved_folders: 1 }),
        verify: { tool: 'drive_select_all_ids', args: (c) => ({ space: 'mailbox:1', folder_id: c.saved.driveArchive }), check: (r) => expect(sc(r)).to.deep.include({ file_ids: [7], folder_ids: [4] }) },
      },
      {
        tool: 'drive_bulk_trash', args: (c) => ({ space: 'mailbox:1', file_ids: [], folder_ids: [c.saved.driveArchive] }),
        verify: { tool: 'drive_trash_list', args: { space: 'mailbox:1' }, check: (r, c) => expect(ids(sc(r).data)).to.include(c.saved.driveArchive) },
      },
      {
        tool: 'drive_bulk_restore', args: (c) => ({ space: 'mailbox:1', file_ids: [], folder_ids: [c.saved.driveArchive] }),
        verify: { tool: 'drive_select_all_ids', args: { space: 'mailbox:1' }, check: (r, c) => expect(sc(r).folder_ids).to.include(c.saved.driveArchive) },
      },
      {
        tool: 'drive_bulk_trash', args: { space: 'mailbox:1', file_ids: [7], folder_ids: [] },
        verify: { tool: 'drive_trash_list', args: { space: 'mailbox:1' }, check: (r, c) => expect(sc(r).data.find((x: { id: number }) => x.id === 7)).to.include({ type: 'file', name: 'notes.md', original_folder_id: c.saved.driveArchive }) },
      },
      {
        tool: 'drive_bulk_purge', args: (c) => ({ space: 'mailbox:1', file_ids: [7], folder_ids: [c.saved.driveArchive] }),
        check: (r, c) => expect(sc(r)).to.include({ purged_files: 1 }).and.deep.include({ skipped: { file_ids: [], folder_ids: [c.saved.driveArchive] } }),
        verify: { tool: 'drive_select_all_ids', args: (c) => ({ space: 'mailbox:1', folder_id: c.saved.driveArchive }), check: (r) => expect(sc(r)).to.deep.include({ file_ids: [], folder_ids: [4] }) },
      },
      { tool: 'drive_trash_list', args: { space: 'mailbox:1', per_page: 1 }, check: (r) => expect(names(sc(r).data)).to.deep.equal(['Old projects']) },
      {
        tool: 'drive_trash_empty', args: { space: 'mailbox:1' },
        check: (r) => expect(sc(r)).to.include({ purged_folders: 1, purged_files: 1 }),
        verify: { tool: 'drive_trash_list', args: { space: 'mailbox:1' }, check: (r) => expect(sc(r)).to.deep.include({ data: [], trash_bytes: 0 }) },
      },
    ],
  },
  {
    name: 'sync devices: the demo NAS, a mailbox-bound password with an expiry, rotated (same window), revoked twice',
    steps: [
      { tool: 'drive_device_list', check: (r) => expect(sc(r).data.find((x: { id: number }) => x.id === 1)).to.include({ label: 'Office NAS (rclone)', active: true, mailbox_id: null }).and.not.have.property('password') },
      { tool: 'drive_device_create', args: { label: 'E2E phone', scopes: ['drive:mailbox:read'] }, error: /HTTP 422, validation_failed[\s\S]*mailbox_id/ },
      {
        tool: 'drive_device_create', args: { label: 'E2E phone', scopes: ['drive:mailbox:write', 'drive:mailbox:read'], mailbox_id: 1, expires_in_days: 30 },
        check: (r, c) => {
          expect(sc(r).data.password).to.match(/^dsync_/);
          expect(sc(r).data.server_url).to.match(/\/dav\/mailbox\/1\/$/);
          c.saved.devicePhone = sc(r).data;
        },
        verify: {
          tool: 'drive_device_list',
          check: (r, c) => {
            expect(sc(r).data.find((x: { id: number }) => x.id === c.saved.devicePhone.id)).to.deep.include({ active: true, mailbox_id: 1, scopes: ['drive:mailbox:read', 'drive:mailbox:write'] });
            expect(JSON.stringify(sc(r))).not.to.contain(c.saved.devicePhone.password);
          },
        },
      },
      {
        tool: 'drive_device_rotate', args: (c) => ({ device_id: c.saved.devicePhone.id }),
        check: (r, c) => {
          expect(sc(r).data).to.include({ label: 'E2E phone', rotated_from_id: c.saved.devicePhone.id });
          expect(sc(r).data.password).to.match(/^dsync_/).and.not.equal(c.saved.devicePhone.password);
          expect(Date.parse(sc(r).data.expires_at) - Date.parse(sc(r).data.created_at)).to.equal(30 * 86_400_000);
          c.saved.devicePhone2 = sc(r).data.id;
        },
        verify: { tool: 'drive_device_list', check: (r, c) => expect(sc(r).data.find((x: { id: number }) => x.id === c.saved.devicePhone.id)).to.include({ active: false, status: 'revoked' }) },
      },
      {
        tool: 'drive_device_revoke', args: (c) => ({ device_id: c.saved.devicePhone2 }),
        verify: { tool: 'drive_device_list', check: (r, c) => expect(sc(r).data.find((x: { id: number }) => x.id === c.saved.devicePhone2)).to.include({ active: false, status: 'revoked' }) },
      },
      { tool: 'drive_device_revoke', args: (c) => ({ device_id: c.saved.devicePhone2 }), check: (r) => expect(sc(r).data.status).to.equal('revoked') },
      { tool: 'drive_device_rotate', args: (c) => ({ device_id: c.saved.devicePhone2, expires_in_days: 7 }), error: /HTTP 409, device_revoked/ },
    ],
  },
  {
    name: 'the storage add-on, read only: state, prices, what a cancellation would change',
    steps: [
      { tool: 'drive_addon_get', check: (r) => expect(sc(r)).to.include({ active: true, in_grace: false, size_gb: 250 }) },
      {
        tool: 'drive_addon_pricing', args: { currency: 'EUR' },
        check: (r) => {
          expect(sc(r).currency).to.equal('EUR');
          expect(sc(r).steps.map((s: { size_gb: number }) => s.size_gb)).to.include.members([250, 100000]);
        },
      },
      { tool: 'drive_addon_cancellation_preview', check: (r) => expect(sc(r)).to.include({ cancelable: true, addon_size_gb: 250, grace_days: 7 }) },
    ],
  },
];
