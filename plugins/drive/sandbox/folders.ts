import { invalid, reply, SbError, type SandboxEngine, type SbRequest } from '../../../sandbox/engine.js';
import { OPTS, PURGE, WRITE, type Drive } from './model.js';
import { HEX_COLOR, type DriveFolder } from './state.js';

/** Share-with-account moves at most this many files out of a mailbox drive in one go. */
const SHARE_MAX_FILES = 1000;

/** Folder routes: create, update, move, trash, restore, purge, share with the account and stop sharing. */
export function registerFolders(engine: SandboxEngine, d: Drive): void {
  const { s } = d;
  const none = { ...OPTS, accepts: {} };
  const noBody = { ...OPTS, accepts: { body: false as const } };
  const color = (v: unknown) => {
    if (typeof v === 'string' && !HEX_COLOR.test(v)) throw invalid({ color: 'must be a hex color #RRGGBB' });
    return (v as string | null | undefined) ?? null;
  };
  const account = () => s.spaces.find((x) => x.type === 'account')!;

  engine.route('POST', '/drive/spaces/{space}/folders', WRITE, (req) => {
    let sp = d.space(req, 'write');
    const name = d.cleanName(req.body.name);
    const parent = d.target(sp, req.body.parent_id, 'parent_id');
    const shared = req.body.is_shared === true;
    if (shared && parent !== null) throw invalid({ is_shared: 'only a top-level folder (parent_id null) can be shared' });
    // A shared folder is visible to every mailbox: it lives in the account drive.
    if (shared && sp.type === 'mailbox') {
      sp = account();
      d.need(req, sp, 'write');
    }
    const c = color(req.body.color);
    d.noConflict(sp.id, parent, name);
    const now = engine.now();
    const f: DriveFolder = { id: s.next.folder++, space_id: sp.id, parent_id: parent, name, color: c, is_shared: shared, created: now, updated: now };
    s.folders.set(f.id, f);
    return reply({ status: 201, body: { folder: d.folderView(f) } });
  }, { ...OPTS, accepts: { body: { name: 'string(1..255)', parent_id: 'int(1..)|null?', color: 'string(..7)?', is_shared: 'bool?' } } });

  engine.route('PATCH', '/drive/folders/{folder_id}', WRITE, (req) => {
    const f = d.folderOf(req, 'write');
    if (req.body.name === undefined && req.body.color === undefined) throw invalid({ name: 'give name, color or both' });
    const name = req.body.name === undefined ? f.name : d.cleanName(req.body.name);
    const c = req.body.color === undefined ? f.color : color(req.body.color);
    if (!f.trashed && name !== f.name) d.noConflict(f.space_id, f.parent_id, name, { type: 'folder', id: f.id });
    Object.assign(f, { name, color: c, updated: engine.now() });
    return { folder: d.folderView(f) };
  }, { ...OPTS, accepts: { body: { name: 'string(1..255)?', color: 'string(..7)|null?' } } });

  engine.route('POST', '/drive/folders/{folder_id}:move', WRITE, (req) => {
    const f = d.folderOf(req, 'write');
    if (f.trashed) throw new SbError(409, 'folder_trashed', 'The folder is in the trash', {}, 'Restore it first.');
    const to = d.target(d.spaceById(f.space_id), req.body.parent_id, 'parent_id');
    if (to !== null && (to === f.id || d.descendants(f.id).some((x) => x.id === to))) {
      throw new SbError(422, 'invalid_move', 'A folder cannot be moved into itself or one of its subfolders');
    }
    if (to !== null && f.is_shared) throw new SbError(422, 'shared_folder_top_level', 'A shared folder stays at the top level', {}, 'Stop sharing it first.');
    d.noConflict(f.space_id, to, f.name, { type: 'folder', id: f.id });
    Object.assign(f, { parent_id: to, updated: engine.now() });
    return { folder: d.folderView(f) };
  }, { ...OPTS, accepts: { body: { parent_id: 'int(1..)|null' } } });

  engine.route('DELETE', '/drive/folders/{folder_id}', WRITE, (req) => {
    const f = d.folderOf(req, 'write');
    const { links, ...took } = d.trashFolder(f);
    return { folder: d.folderView(f), trashed_items: took, revoked_share_links: links, purge_after: d.purgeAfter(f.trashed!) };
  }, none);

  engine.route('POST', '/drive/folders/{folder_id}:restore', WRITE, (req) => d.restoreFolder(d.folderOf(req, 'write')), noBody);

  engine.route('DELETE', '/drive/folders/{folder_id}:purge', PURGE, (req) => {
    const f = d.folderOf(req, 'purge');
    if (!f.trashed) throw new SbError(409, 'not_in_trash', 'Only a folder in the trash can be purged', {}, 'Trash it first with drive_folder_trash.');
    return { purged: true, folder_id: f.id, ...d.purgeFolder(f) };
  }, none);

  /** Shares a top-level folder; one of a mailbox drive moves, with its subtree, into the account drive. Idempotent. */
  const share = (req: SbRequest) => {
    const f = d.folderOf(req, 'write');
    if (f.trashed) throw new SbError(409, 'folder_trashed', 'The folder is in the trash');
    if (f.is_shared) return { folder: d.folderView(f), moved_files: 0 };
    if (f.parent_id !== null) throw new SbError(422, 'not_top_level', 'Only a top-level folder can be shared with the account', {}, 'Move it to the root of its space first.');
    let moved = 0;
    if (d.spaceById(f.space_id).type === 'mailbox') {
      const to = account();
      d.need(req, to, 'write');
      const subtree = [f, ...d.descendants(f.id)];
      const files = d.filesUnder(new Set(subtree.map((x) => x.id)));
      if (files.length > SHARE_MAX_FILES) throw new SbError(422, 'too_many_files', `The folder holds ${files.length} files; at most ${SHARE_MAX_FILES} can move to the account drive`);
      d.noConflict(to.id, null, f.name);
      for (const x of [...subtree, ...files]) x.space_id = to.id;
      moved = files.length;
    }
    Object.assign(f, { is_shared: true, updated: engine.now() });
    return { folder: d.folderView(f), moved_files: moved };
  };
  engine.route('POST', '/drive/folders/{folder_id}:share-with-account', WRITE, share, noBody);

  // Stays in the account drive; only the other mailboxes lose sight of it. Idempotent.
  engine.route('POST', '/drive/folders/{folder_id}:stop-sharing', WRITE, (req) => {
    const f = d.folderOf(req, 'write');
    if (f.trashed) throw new SbError(409, 'folder_trashed', 'The folder is in the trash');
    if (f.is_shared) Object.assign(f, { is_shared: false, updated: engine.now() });
    return { folder: d.folderView(f) };
  }, noBody);
}
