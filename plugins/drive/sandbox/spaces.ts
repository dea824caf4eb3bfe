import { notFound, type SandboxEngine, type SbRequest } from '../../../sandbox/engine.js';
import type { Fields } from '../../../sandbox/fields.js';
import { OPTS, READ, type Drive } from './model.js';
import { MAX_IDS, type DriveFile, type DriveFolder } from './state.js';

/** What the browse routes take (the API's facts: sort name|size|date, per_page up to 200, an opaque cursor). */
const BROWSE: Fields = { sort: 'name|size|date?', dir: 'asc|desc?', per_page: 'int(1..200)?', cursor: 'string?' };

/** Spaces, the storage pool, browsing, the folder tree and select-all. */
export function registerSpaces(engine: SandboxEngine, d: Drive): void {
  const { s } = d;
  const none = { ...OPTS, accepts: {} };

  engine.route('GET', '/drive/spaces', READ, (req) => ({ data: d.visible(req).map((sp) => ({ ...d.spaceView(sp), ...d.usage(sp) })) }), none);

  engine.route('GET', '/drive/storage', READ, (req) => ({
    ...d.quota(req),
    addon: { active: s.addon.active, in_grace: false, size_gb: s.addon.active ? s.addon.size_gb : 0 },
    spaces: d.visible(req).map((sp) => ({ space: sp.key, name: sp.name, ...d.usage(sp) })),
  }), none);

  engine.route('GET', '/drive/spaces/{space}/usage', READ, (req) => {
    const sp = d.space(req, 'read');
    const q = d.quota(req);
    return { space: d.spaceView(sp), ...d.usage(sp), limit_bytes: q.limit_bytes, available_bytes: q.available_bytes };
  }, none);

  const liveFolder = (req: SbRequest, spaceId: number): DriveFolder | undefined => {
    if (req.params.folder_id === undefined) return undefined;
    const f = s.folders.get(Number(req.params.folder_id));
    if (!f || f.space_id !== spaceId || f.trashed) throw notFound('Drive folder');
    return f;
  };

  const browse = (req: SbRequest) => {
    const sp = d.space(req, 'read');
    const folder = liveFolder(req, sp.id);
    const sort = String(req.query.sort ?? 'name');
    const desc = req.query.dir === 'desc';
    const sib = d.siblings(sp.id, folder?.id ?? null);
    const key = (x: DriveFolder | DriveFile): string | number => (sort === 'name' ? x.name.toLowerCase() : sort === 'size' ? ('size' in x ? x.size : 0) : x.updated);
    const order = <T extends DriveFolder | DriveFile>(l: T[]) => l.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : a.id - b.id) * (desc ? -1 : 1));
    // Folders first, then files: one ordered list that pages with one cursor.
    const items = [...order(sib.folders).map(d.folderView), ...order(sib.files.filter((f) => f.status === 'available')).map(d.fileView)];
    return { space: d.spaceView(sp), folder: folder ? d.folderView(folder) : null, breadcrumbs: folder ? d.pathOf(folder.id) : [], ...d.page(items, req) };
  };
  engine.route('GET', '/drive/spaces/{space}/folders', READ, browse, { ...OPTS, accepts: { query: BROWSE } });
  engine.route('GET', '/drive/spaces/{space}/folders/{folder_id}', READ, browse, { ...OPTS, accepts: { query: BROWSE } });

  // A flat list, parents before children: enough to build paths or a "move to" picker.
  engine.route('GET', '/drive/spaces/{space}/folder-tree', READ, (req) => {
    const sp = d.space(req, 'read');
    const walk = (parent: number | null): DriveFolder[] =>
      d.siblings(sp.id, parent).folders.sort((a, b) => a.name.localeCompare(b.name)).flatMap((f) => [f, ...walk(f.id)]);
    return { space: d.spaceView(sp), data: walk(null).map((f) => ({ id: f.id, name: f.name, parent_id: f.parent_id, color: d.folderView(f).color, is_shared: f.is_shared })) };
  }, none);

  const allIds = (req: SbRequest) => {
    const sp = d.space(req, 'read');
    const folder = liveFolder(req, sp.id);
    const sib = d.siblings(sp.id, folder?.id ?? null);
    const folder_ids = sib.folders.map((f) => f.id).sort((a, b) => a - b);
    const file_ids = sib.files.filter((f) => f.status === 'available').map((f) => f.id).sort((a, b) => a - b);
    const total = folder_ids.length + file_ids.length;
    const keep = Math.max(0, MAX_IDS - folder_ids.length);
    return { space: sp.key, folder_id: folder?.id ?? null, folder_ids: folder_ids.slice(0, MAX_IDS), file_ids: file_ids.slice(0, keep), total, truncated: total > MAX_IDS };
  };
  engine.route('GET', '/drive/spaces/{space}/all-ids', READ, allIds, none);
  engine.route('GET', '/drive/spaces/{space}/folders/{folder_id}/all-ids', READ, allIds, none);
}
