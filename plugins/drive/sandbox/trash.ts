import { invalid, notFound, SbError, type SandboxEngine, type SbRequest } from '../../../sandbox/engine.js';
import type { Fields } from '../../../sandbox/fields.js';
import { OPTS, PURGE, READ, WRITE, type Drive } from './model.js';
import { MAX_IDS, type DriveSpace } from './state.js';

/** The API's bulk bodies: both id lists, always (an empty one is []). */
const ITEMS: Fields = { file_ids: `int(1..)[..${MAX_IDS}]`, folder_ids: `int(1..)[..${MAX_IDS}]` };
const PAST = { trash: 'trashed', restore: 'restored', move: 'moved', purge: 'purged' } as const;

/** The trash of a space (list, empty) and the four bulk actions. */
export function registerTrash(engine: SandboxEngine, d: Drive): void {
  const { s } = d;

  /** What a trash list shows: what was trashed on its own; items trashed along with a folder go with it. */
  const trashed = (sp: DriveSpace) => [
    ...[...s.folders.values()].filter((f) => f.space_id === sp.id && f.trashed && !f.trashedWith).map((f) => {
      const inside = new Set([f.id, ...d.descendants(f.id).map((x) => x.id)]);
      const size = d.filesUnder(inside).reduce((n, x) => n + (x.status === 'available' ? x.size : 0), 0);
      return { type: 'folder', id: f.id, name: f.name, size_bytes: size, original_parent_id: f.parent_id, at: f.trashed! };
    }),
    ...[...s.files.values()].filter((f) => f.space_id === sp.id && f.trashed && !f.trashedWith && f.status === 'available')
      .map((f) => ({ type: 'file', id: f.id, name: f.name, size_bytes: f.size, original_folder_id: f.folder_id, at: f.trashed! })),
  ].sort((a, b) => b.at - a.at || a.id - b.id);

  engine.route('GET', '/drive/spaces/{space}/trash', READ, (req) => {
    const sp = d.space(req, 'read');
    const items = trashed(sp).map(({ at, ...x }) => ({ ...x, deleted_at: d.iso(at), purge_after: d.purgeAfter(at) }));
    return { space: sp.key, ...d.page(items, req), trash_bytes: d.usage(sp).trash_bytes };
  }, { ...OPTS, accepts: { query: { per_page: 'int(1..200)?', cursor: 'string?' } } });

  engine.route('DELETE', '/drive/spaces/{space}/trash', PURGE, (req) => {
    const sp = d.space(req, 'purge');
    let purged_files = 0;
    let purged_folders = 0;
    let freed_bytes = 0;
    for (const item of trashed(sp)) {
      if (item.type === 'folder') {
        const r = d.purgeFolder(s.folders.get(item.id)!);
        purged_files += r.purged_files;
        purged_folders += r.purged_folders;
        freed_bytes += r.freed_bytes;
      } else {
        freed_bytes += d.purgeFile(s.files.get(item.id)!);
        purged_files++;
      }
    }
    return { space: sp.key, purged_files, purged_folders, freed_bytes };
  }, { ...OPTS, accepts: {} });

  // Each item succeeds or fails on its own; purge skips what is not in the trash.
  const bulk = (action: keyof typeof PAST) => (req: SbRequest) => {
    const sp = d.space(req, action === 'purge' ? 'purge' : 'write');
    const fileIds = [...new Set(req.body.file_ids as number[])];
    const folderIds = [...new Set(req.body.folder_ids as number[])];
    if (fileIds.length + folderIds.length === 0) throw invalid({ file_ids: 'give at least one file or folder id' });
    if (fileIds.length + folderIds.length > MAX_IDS) throw invalid({ file_ids: `at most ${MAX_IDS} items per request` });
    const to = action === 'move' ? d.target(sp, req.body.target_folder_id, 'target_folder_id') : null;
    const done = { file_ids: [] as number[], folder_ids: [] as number[] };
    const skipped = { file_ids: [] as number[], folder_ids: [] as number[] };
    const failed: { type: string; id: number; code: string; message: string }[] = [];
    let freed = 0;
    const gone = new Set<number>();
    const attempt = (type: 'file' | 'folder', id: number, fn: () => boolean | void) => {
      const key = type === 'file' ? 'file_ids' : 'folder_ids';
      try {
        (fn() === false ? skipped : done)[key].push(id);
      } catch (err) {
        const e = err instanceof SbError ? err : new SbError(500, 'server_error', String(err));
        failed.push({ type, id, code: e.code, message: e.message });
      }
    };
    for (const id of folderIds) {
      attempt('folder', id, () => {
        const f = s.folders.get(id);
        if (!f || f.space_id !== sp.id) throw notFound('Drive folder');
        if (action === 'trash') d.trashFolder(f);
        else if (action === 'restore') d.restoreFolder(f);
        else if (action === 'purge') {
          if (!f.trashed) return false;
          for (const x of d.filesUnder(new Set([f.id, ...d.descendants(f.id).map((y) => y.id)]))) gone.add(x.id);
          freed += d.purgeFolder(f).freed_bytes;
        } else {
          if (f.trashed) throw new SbError(409, 'folder_trashed', 'The folder is in the trash');
          if (to !== null && (to === f.id || d.descendants(f.id).some((x) => x.id === to))) throw new SbError(422, 'invalid_move', 'A folder cannot be moved into itself or one of its subfolders');
          d.noConflict(sp.id, to, f.name, { type: 'folder', id: f.id });
          Object.assign(f, { parent_id: to, updated: engine.now() });
        }
      });
    }
    for (const id of fileIds) {
      attempt('file', id, () => {
        const f = s.files.get(id);
        // Purged along with a folder of this same request: done.
        if (!f && gone.has(id)) return;
        if (!f || f.space_id !== sp.id || f.status !== 'available') throw notFound('Drive file');
        if (action === 'trash') d.trashFile(f);
        else if (action === 'restore') d.restoreFile(f);
        else if (action === 'purge') {
          if (!f.trashed) return false;
          freed += d.purgeFile(f);
        } else {
          if (f.trashed) throw new SbError(409, 'file_trashed', 'The file is in the trash');
          d.noConflict(sp.id, to, f.name, { type: 'file', id: f.id });
          Object.assign(f, { folder_id: to, updated: engine.now() });
        }
      });
    }
    const past = PAST[action];
    return {
      action, space: sp.key, [`${past}_files`]: done.file_ids.length, [`${past}_folders`]: done.folder_ids.length, succeeded: done, failed,
      ...(action === 'purge' ? { skipped, freed_bytes: freed } : {}),
    };
  };
  const opts = (extra: Fields = {}) => ({ ...OPTS, accepts: { body: { ...ITEMS, ...extra } } });
  engine.route('POST', '/drive/spaces/{space}/bulk:trash', WRITE, bulk('trash'), opts());
  engine.route('POST', '/drive/spaces/{space}/bulk:restore', WRITE, bulk('restore'), opts());
  engine.route('POST', '/drive/spaces/{space}/bulk:move', WRITE, bulk('move'), opts({ target_folder_id: 'int(1..)|null' }));
  engine.route('POST', '/drive/spaces/{space}/bulk:purge', PURGE, bulk('purge'), opts());
}
