import { invalid, notFound, SbError, type SandboxEngine, type SbRequest } from '../../../sandbox/engine.js';
import {
  DAY, DEFAULT_COLOR, GiB, INCLUDED, TRASH_DAYS, type DriveFile, type DriveFolder, type DriveLink, type DriveSpace, type DriveState,
} from './state.js';

export type Kind = 'read' | 'write' | 'share' | 'purge';
export const READ = 'drive:account:read|drive:mailbox:read';
export const WRITE = 'drive:account:write|drive:mailbox:write';
export const SHARE = 'drive:account:share|drive:mailbox:share';
export const PURGE = 'drive:account:purge|drive:mailbox:purge';
export const ADDON = 'drive:addon:read';
/** Every Drive route: Starter and up read, writes need Pro (the engine's default). */
export const OPTS = { minPlan: 'starter' as const };

export type Drive = ReturnType<typeof model>;

/** Lookups, permission checks, views and the trash/restore/purge operations every Drive route shares. */
export function model(engine: SandboxEngine, s: DriveState) {
  const iso = (t?: number) => (t === undefined ? null : engine.iso(t));
  const origin = (req: SbRequest) => `http://${req.headers.host ?? '127.0.0.1'}`;

  // --- lookups and permission checks: a space's own scope (drive:account:* or drive:mailbox:*) decides ---------
  const need = (req: SbRequest, sp: DriveSpace, kind: Kind) => {
    const scope = `drive:${sp.type}:${kind}`;
    if (!req.token.scopes.has(scope)) throw new SbError(403, 'insufficient_scope', `This token lacks the scope ${scope}`, { required_scope: scope });
  };
  const spaceById = (id: number) => s.spaces.find((x) => x.id === id)!;
  const space = (req: SbRequest, kind: Kind) => {
    const raw = req.params.space;
    const m = /^mailbox:(\d+)$/.exec(raw);
    const sp = raw === 'account' ? s.spaces.find((x) => x.type === 'account')
      : m ? s.spaces.find((x) => x.mailbox_id === Number(m[1]))
      : /^\d+$/.test(raw) ? s.spaces.find((x) => x.id === Number(raw)) : undefined;
    if (!sp) throw new SbError(404, 'not_found', `Drive space ${raw} not found`, {}, 'Use account, mailbox:<id> or an id from drive_spaces_list.');
    need(req, sp, kind);
    return sp;
  };
  /** A file by id; one still uploading exists only for the upload routes. */
  const fileOf = (req: SbRequest, kind: Kind, opts: { pending?: boolean } = {}) => {
    const f = s.files.get(Number(req.params.file_id));
    if (!f || (f.status === 'pending_upload') !== !!opts.pending) throw notFound('Drive file');
    need(req, spaceById(f.space_id), kind);
    return f;
  };
  const folderOf = (req: SbRequest, kind: Kind) => {
    const f = s.folders.get(Number(req.params.folder_id));
    if (!f) throw notFound('Drive folder');
    need(req, spaceById(f.space_id), kind);
    return f;
  };
  /** A live folder of this space as a move/create target; null is the root. */
  const target = (sp: DriveSpace, id: unknown, field: string): number | null => {
    if (id === null || id === undefined) return null;
    const f = s.folders.get(Number(id));
    if (!f || f.space_id !== sp.id) throw invalid({ [field]: 'must be a folder of the same space' });
    if (f.trashed) throw new SbError(409, 'folder_trashed', 'The target folder is in the trash', {}, 'Restore it first, or pick another folder.');
    return f.id;
  };
  /** The API's item-name rule beyond length (the declared fields check 1-255): no slashes, not . or .. */
  const cleanName = (v: string, field = 'name') => {
    const name = v.trim();
    if (!name || /[/\\\0]/.test(name) || name === '.' || name === '..') throw invalid({ [field]: 'must be a name without / or \\' });
    return name;
  };
  const siblings = (space_id: number, parent: number | null) => ({
    folders: [...s.folders.values()].filter((f) => f.space_id === space_id && f.parent_id === parent && !f.trashed),
    files: [...s.files.values()].filter((f) => f.space_id === space_id && f.folder_id === parent && !f.trashed),
  });
  const conflict = (space_id: number, parent: number | null, name: string, except?: { type: 'file' | 'folder'; id: number }) => {
    const sib = siblings(space_id, parent);
    const same = (n: string) => n.toLowerCase() === name.toLowerCase();
    return sib.folders.some((f) => same(f.name) && !(except?.type === 'folder' && except.id === f.id)) || sib.files.some((f) => same(f.name) && !(except?.type === 'file' && except.id === f.id));
  };
  const noConflict = (space_id: number, parent: number | null, name: string, except?: { type: 'file' | 'folder'; id: number }) => {
    if (conflict(space_id, parent, name, except)) throw new SbError(409, 'name_conflict', `An item named "${name}" already exists in that folder`, { name }, 'Choose another name.');
  };
  /** "report.pdf" → "report (2).pdf" until free, as uploads and restores do. */
  const freeName = (space_id: number, parent: number | null, name: string) => {
    if (!conflict(space_id, parent, name)) return name;
    const dot = name.lastIndexOf('.');
    const [stem, ext] = dot > 0 ? [name.slice(0, dot), name.slice(dot)] : [name, ''];
    for (let i = 2; ; i++) if (!conflict(space_id, parent, `${stem} (${i})${ext}`)) return `${stem} (${i})${ext}`;
  };
  const descendants = (id: number): DriveFolder[] => {
    const out: DriveFolder[] = [];
    for (const f of s.folders.values()) if (f.parent_id === id) out.push(f, ...descendants(f.id));
    return out;
  };
  const filesUnder = (folderIds: Set<number>) => [...s.files.values()].filter((f) => f.folder_id !== null && folderIds.has(f.folder_id));

  // --- views -------------------------------------------------------------------------------------------------
  const pathOf = (folderId: number | null): { id: number; name: string }[] => {
    const out: { id: number; name: string }[] = [];
    for (let f = folderId === null ? undefined : s.folders.get(folderId); f; f = f.parent_id === null ? undefined : s.folders.get(f.parent_id)) out.unshift({ id: f.id, name: f.name });
    return out;
  };
  const linkStatus = (l: DriveLink) =>
    l.revoked ? 'revoked' : l.expires !== undefined && engine.now() >= l.expires ? 'expired' : l.max_downloads !== undefined && l.downloads >= l.max_downloads ? 'exhausted' : 'active';
  const fileView = (f: DriveFile) => ({
    type: 'file', id: f.id, name: f.name, size_bytes: f.size, mime_type: f.mime, status: f.status, scan_status: f.status === 'available' ? 'clean' : 'pending',
    has_active_share_link: [...s.links.values()].some((l) => l.file_id === f.id && linkStatus(l) === 'active'),
    space: spaceById(f.space_id).key, folder_id: f.folder_id, path: '/' + [...pathOf(f.folder_id).map((p) => p.name), f.name].join('/'),
    created_at: iso(f.created), updated_at: iso(f.updated), deleted_at: iso(f.trashed),
  });
  const folderView = (f: DriveFolder) => {
    const sib = siblings(f.space_id, f.id);
    return {
      type: 'folder', id: f.id, name: f.name, space: spaceById(f.space_id).key, parent_id: f.parent_id, color: f.color ?? DEFAULT_COLOR, is_shared: f.is_shared,
      item_count: sib.folders.length + sib.files.length, created_at: iso(f.created), updated_at: iso(f.updated), deleted_at: iso(f.trashed),
    };
  };
  const spaceView = (sp: DriveSpace) => ({ id: sp.id, key: sp.key, kind: sp.type === 'account' ? 'account_drive' : 'mailbox_personal', name: sp.name, mailbox_id: sp.mailbox_id ?? null });
  /** Bytes of completed files: live plus trash; the trash counts against the pool until purged. */
  const usage = (sp: DriveSpace) => {
    const ready = [...s.files.values()].filter((f) => f.space_id === sp.id && f.status === 'available');
    const live = ready.filter((f) => !f.trashed);
    const sum = (l: DriveFile[]) => l.reduce((n, f) => n + f.size, 0);
    return {
      used_bytes: sum(live), trash_bytes: sum(ready.filter((f) => f.trashed)), file_count: live.length, trash_file_count: ready.length - live.length,
      folder_count: [...s.folders.values()].filter((f) => f.space_id === sp.id && !f.trashed).length,
    };
  };
  /** The account-wide pool: the plan's included storage plus an active add-on, over every space. */
  const quota = (req: SbRequest) => {
    const included = INCLUDED[req.token.plan] ?? 0;
    const addon = s.addon.active ? s.addon.size_gb * GiB : 0;
    const all = s.spaces.map(usage);
    const used = all.reduce((n, u) => n + u.used_bytes, 0);
    const trash = all.reduce((n, u) => n + u.trash_bytes, 0);
    return { used_bytes: used, trash_bytes: trash, limit_bytes: included + addon, included_bytes: included, addon_bytes: addon, available_bytes: Math.max(0, included + addon - used - trash) };
  };
  const visible = (req: SbRequest) => s.spaces.filter((sp) => req.token.scopes.has(`drive:${sp.type}:read`));

  /** Cursor pagination over an ordered list: an opaque offset; default 50 a page (the declared fields cap 200). */
  const page = <T>(items: T[], req: SbRequest) => {
    const per = req.query.per_page === undefined ? 50 : Number(req.query.per_page);
    let offset = 0;
    if (req.query.cursor !== undefined) {
      const m = /^o(\d+)$/.exec(Buffer.from(String(req.query.cursor), 'base64url').toString('utf8'));
      if (!m) throw new SbError(422, 'invalid_cursor', 'The cursor is not valid', {}, 'Pass next_cursor from the previous page unchanged, or omit it.');
      offset = Number(m[1]);
    }
    const more = offset + per < items.length;
    return { data: items.slice(offset, offset + per), per_page: per, has_more: more, next_cursor: more ? Buffer.from(`o${offset + per}`).toString('base64url') : null };
  };

  // --- trash, restore, purge: trashing revokes the share links it takes along ------------------------------
  const revokeLinks = (files: DriveFile[]) => {
    let n = 0;
    for (const l of s.links.values()) {
      if (files.some((f) => f.id === l.file_id) && linkStatus(l) === 'active') (l.revoked = engine.now()), n++;
    }
    return n;
  };
  const trashFile = (f: DriveFile) => {
    if (f.trashed) return 0;
    Object.assign(f, { trashed: engine.now(), trashedWith: undefined });
    return revokeLinks([f]);
  };
  const trashFolder = (f: DriveFolder) => {
    if (f.trashed) return { folders: 0, files: 0, links: 0 };
    const now = engine.now();
    Object.assign(f, { trashed: now, trashedWith: undefined });
    const subs = descendants(f.id).filter((d) => !d.trashed);
    const fl = filesUnder(new Set([f.id, ...descendants(f.id).map((d) => d.id)])).filter((x) => !x.trashed);
    for (const x of [...subs, ...fl]) Object.assign(x, { trashed: now, trashedWith: f.id });
    return { folders: subs.length, files: fl.length, links: revokeLinks(fl) };
  };
  /** The item comes back where it was, or at the root when its folder is gone or still in the trash. */
  const home = (space_id: number, parent: number | null) => {
    const p = parent === null ? undefined : s.folders.get(parent);
    return p && p.space_id === space_id && !p.trashed ? p.id : null;
  };
  const restoreFile = (f: DriveFile) => {
    if (!f.trashed) throw new SbError(409, 'not_in_trash', 'The file is not in the trash');
    const folder = home(f.space_id, f.folder_id);
    const moved = folder !== f.folder_id;
    Object.assign(f, { trashed: undefined, trashedWith: undefined, folder_id: folder, name: freeName(f.space_id, folder, f.name), updated: engine.now() });
    return { file: fileView(f), restored_to_root: moved };
  };
  const restoreFolder = (f: DriveFolder) => {
    if (!f.trashed) throw new SbError(409, 'not_in_trash', 'The folder is not in the trash');
    const parent = home(f.space_id, f.parent_id);
    const moved = parent !== f.parent_id;
    Object.assign(f, { trashed: undefined, trashedWith: undefined, parent_id: parent, name: freeName(f.space_id, parent, f.name), updated: engine.now() });
    let folders = 0;
    let files = 0;
    for (const x of s.folders.values()) if (x.trashedWith === f.id) (Object.assign(x, { trashed: undefined, trashedWith: undefined }), folders++);
    for (const x of s.files.values()) if (x.trashedWith === f.id) (Object.assign(x, { trashed: undefined, trashedWith: undefined }), files++);
    return { folder: folderView(f), restored_items: { folders, files }, restored_to_root: moved };
  };
  const purgeFile = (f: DriveFile) => {
    s.files.delete(f.id);
    s.uploads.delete(f.id);
    for (const l of [...s.links.values()]) if (l.file_id === f.id) s.links.delete(l.id);
    return f.status === 'available' ? f.size : 0;
  };
  const purgeFolder = (f: DriveFolder) => {
    const folders = [f, ...descendants(f.id)];
    const files = filesUnder(new Set(folders.map((x) => x.id)));
    let freed = 0;
    for (const x of files) freed += purgeFile(x);
    for (const x of folders) s.folders.delete(x.id);
    return { purged_folders: folders.length, purged_files: files.length, freed_bytes: freed };
  };
  const purgeAfter = (t: number) => iso(t + TRASH_DAYS * DAY);

  return {
    s, engine, iso, origin, need, spaceById, space, fileOf, folderOf, target, cleanName, siblings, noConflict, freeName, descendants, filesUnder,
    pathOf, linkStatus, fileView, folderView, spaceView, usage, quota, visible, page,
    trashFile, trashFolder, restoreFile, restoreFolder, purgeFile, purgeFolder, purgeAfter,
  };
}
