import { createHash } from 'node:crypto';
import { invalid, notFound, reply, SbError, type SandboxEngine, type SbRequest } from '../../sandbox/engine.js';

/** Drive emulator: account and mailbox spaces, folders, files with real bytes, trash, share links, multipart uploads. */

export interface DriveSpace { id: number; key: string; type: 'account' | 'mailbox'; name: string; mailbox_id?: number }
export interface DriveFolder {
  id: number; space_id: number; parent_id: number | null; name: string; color: string | null; is_shared: boolean;
  created: number; updated: number;
  /** When it went to the trash; `trashedWith` names the folder whose trashing took it along. */
  trashed?: number; trashedWith?: number;
}
export interface DriveFile {
  id: number; space_id: number; folder_id: number | null; name: string; mime: string; size: number; bytes: Buffer;
  status: 'uploading' | 'ready'; created: number; updated: number; trashed?: number; trashedWith?: number;
}
export interface DriveUpload { file_id: number; part_size: number; part_count: number; parts: Map<number, { bytes: Buffer; etag: string }> }
export interface DriveLink { id: number; file_id: number; token: string; expires?: number; max_downloads?: number; downloads: number; created: number; revoked?: number }
export interface DriveState {
  spaces: DriveSpace[];
  folders: Map<number, DriveFolder>;
  files: Map<number, DriveFile>;
  uploads: Map<number, DriveUpload>;
  links: Map<number, DriveLink>;
  next: { folder: number; file: number; link: number };
  addon: { status: 'active'; storage_gb: number; started: number };
}

const GiB = 1024 ** 3;
/** Sandbox part size: small enough that a demo upload of a few MB has several parts. */
export const PART_SIZE = 1024 * 1024;
const MAX_FILE = 50 * GiB;
const URL_TTL_MS = 60 * 60 * 1000;
const TRASH_DAYS = 30;
const INCLUDED: Record<string, number> = { nano: 0, starter: 10 * GiB, pro: 50 * GiB, agency: 250 * GiB };
const PRICES: Record<string, { storage_gb: number; unit_amount: number }[]> = {
  USD: [{ storage_gb: 100, unit_amount: 400 }, { storage_gb: 500, unit_amount: 1500 }, { storage_gb: 1000, unit_amount: 2500 }],
  EUR: [{ storage_gb: 100, unit_amount: 380 }, { storage_gb: 500, unit_amount: 1400 }, { storage_gb: 1000, unit_amount: 2300 }],
  GBP: [{ storage_gb: 100, unit_amount: 330 }, { storage_gb: 500, unit_amount: 1200 }, { storage_gb: 1000, unit_amount: 2000 }],
};
const SORTS = ['name', 'size', 'created_at', 'updated_at'];
const T0 = Date.parse('2026-01-05T09:00:00Z');
const DAY = 86_400_000;

const fill = (n: number, text: string) => Buffer.alloc(n, `${text}\n`);

/** The demo drive: a small account space and the demo mailbox's space, one item in each trash. */
export function seedDrive(): DriveState {
  const s: DriveState = {
    spaces: [
      { id: 1, key: 'account', type: 'account', name: 'Sandbox Demo Co' },
      { id: 2, key: 'mailbox:1', type: 'mailbox', name: 'demo@demo.trekmail.test', mailbox_id: 1 },
    ],
    folders: new Map(),
    files: new Map(),
    uploads: new Map(),
    links: new Map(),
    next: { folder: 10, file: 100, link: 2 },
    addon: { status: 'active', storage_gb: 100, started: T0 - 40 * DAY },
  };
  const folder = (id: number, space_id: number, parent_id: number | null, name: string, extra: Partial<DriveFolder> = {}) =>
    s.folders.set(id, { id, space_id, parent_id, name, color: null, is_shared: false, created: T0 + id * DAY, updated: T0 + id * DAY, ...extra });
  const file = (id: number, space_id: number, folder_id: number | null, name: string, mime: string, bytes: Buffer, extra: Partial<DriveFile> = {}) =>
    s.files.set(id, { id, space_id, folder_id, name, mime, size: bytes.length, bytes, status: 'ready', created: T0 + id * DAY, updated: T0 + id * DAY, ...extra });
  folder(1, 1, null, 'Contracts');
  folder(2, 1, 1, '2025');
  folder(3, 1, null, 'Marketing', { color: '#3b82f6' });
  folder(4, 2, null, 'Invoices');
  folder(5, 2, null, 'Shared with team', { is_shared: true, color: '#22c55e' });
  file(1, 1, 1, 'NDA-template.docx', MIME.docx, fill(18_432, 'NDA template'));
  file(2, 1, 2, 'Acme-MSA-signed.pdf', MIME.pdf, fill(245_760, '%PDF-1.7 Acme MSA'));
  file(3, 1, 3, 'logo.png', MIME.png, fill(12_288, 'PNG logo'));
  file(4, 1, null, 'readme.txt', MIME.txt, Buffer.from('Sandbox Demo Co shared drive.\nContracts live in /Contracts, brand assets in /Marketing.\n'));
  file(5, 1, null, 'old-price-list.xlsx', MIME.xlsx, fill(9_216, 'Price list 2024'), { trashed: T0 + 20 * DAY });
  file(6, 2, 4, 'invoice-1001.pdf', MIME.pdf, fill(53_248, '%PDF-1.7 Invoice 1001'));
  file(7, 2, null, 'notes.md', MIME.md, Buffer.from('# Notes\n\n- renew the domain in March\n- send invoice 1002\n'));
  file(8, 2, 5, 'team-schedule.csv', MIME.csv, Buffer.from('day,owner\nmon,ann\ntue,bob\n'));
  // The mailbox trash holds a folder with a file in it (trashed together).
  folder(6, 2, null, 'Old projects', { trashed: T0 + 25 * DAY });
  file(9, 2, 6, 'proposal-v1.pdf', MIME.pdf, fill(40_960, '%PDF-1.7 Proposal v1'), { trashed: T0 + 25 * DAY, trashedWith: 6 });
  // A share link on the signed contract, and an upload whose two parts were sent but never completed.
  s.links.set(1, { id: 1, file_id: 2, token: 'demoLinkAcmeMsa0000001', max_downloads: 10, downloads: 3, created: T0 + 3 * DAY });
  const [part1, part2] = [fill(PART_SIZE, 'video frame 1'), fill(PART_SIZE / 2, 'video frame 2')];
  file(10, 1, null, 'launch-video-draft.mp4', 'video/mp4', Buffer.alloc(0), { size: part1.length + part2.length, status: 'uploading' });
  s.uploads.set(10, { file_id: 10, part_size: PART_SIZE, part_count: 2, parts: new Map([[1, { bytes: part1, etag: etagOf(part1) }], [2, { bytes: part2, etag: etagOf(part2) }]]) });
  return s;
}

const MIME = {
  pdf: 'application/pdf', png: 'image/png', txt: 'text/plain', md: 'text/markdown', csv: 'text/csv',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

type Kind = 'read' | 'write' | 'share' | 'purge';
const READ = 'drive:account:read|drive:mailbox:read';
const WRITE = 'drive:account:write|drive:mailbox:write';
const SHARE = 'drive:account:share|drive:mailbox:share';
const PURGE = 'drive:account:purge|drive:mailbox:purge';
const etagOf = (b: Buffer) => `"${createHash('md5').update(b).digest('hex')}"`;
const bareTag = (t: unknown) => String(t ?? '').replace(/^W\//, '').replace(/"/g, '');

export default function register(engine: SandboxEngine): void {
  const s = engine.store('drive', seedDrive);
  const opts = { minPlan: 'starter' as const };
  const iso = (t?: number) => (t === undefined ? null : engine.iso(t));
  const origin = (req: SbRequest) => `http://${req.headers.host ?? '127.0.0.1'}`;

  // --- lookups and permission checks -------------------------------------------------------------------------
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
  const fileOf = (req: SbRequest, kind: Kind, id = req.params.file_id) => {
    const f = s.files.get(Number(id));
    if (!f || (f.status === 'uploading' && kind !== 'write')) throw notFound('Drive file');
    need(req, spaceById(f.space_id), kind);
    return f;
  };
  const folderOf = (req: SbRequest, kind: Kind, id = req.params.folder_id) => {
    const f = s.folders.get(Number(id));
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
  const cleanName = (v: unknown, field = 'name') => {
    const name = typeof v === 'string' ? v.trim() : '';
    if (!name || name.length > 255 || /[/\\\0]/.test(name) || name === '.' || name === '..') throw invalid({ [field]: 'must be 1-255 characters without / or \\' });
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
  /** "report.pdf" → "report (2).pdf" until free, as uploads do. */
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

  // --- views ------------------------------------------------------------------------------------------------
  const pathOf = (folderId: number | null): { id: number; name: string }[] => {
    const out: { id: number; name: string }[] = [];
    for (let f = folderId === null ? undefined : s.folders.get(folderId); f; f = f.parent_id === null ? undefined : s.folders.get(f.parent_id)) out.unshift({ id: f.id, name: f.name });
    return out;
  };
  const linkStatus = (l: DriveLink) =>
    l.revoked ? 'revoked' : l.expires !== undefined && engine.now() >= l.expires ? 'expired' : l.max_downloads !== undefined && l.downloads >= l.max_downloads ? 'exhausted' : 'active';
  const fileView = (f: DriveFile) => ({
    type: 'file', id: f.id, name: f.name, size_bytes: f.size, mime_type: f.mime, space: spaceById(f.space_id).key, folder_id: f.folder_id,
    path: '/' + [...pathOf(f.folder_id).map((p) => p.name), f.name].join('/'), status: f.status,
    share_links: [...s.links.values()].filter((l) => l.file_id === f.id && linkStatus(l) === 'active').length,
    created_at: iso(f.created), updated_at: iso(f.updated), trashed_at: iso(f.trashed),
  });
  const folderView = (f: DriveFolder) => {
    const sib = siblings(f.space_id, f.id);
    return {
      type: 'folder', id: f.id, name: f.name, space: spaceById(f.space_id).key, parent_id: f.parent_id, color: f.color, is_shared: f.is_shared,
      item_count: sib.folders.length + sib.files.length, created_at: iso(f.created), updated_at: iso(f.updated), trashed_at: iso(f.trashed),
    };
  };
  /** Bytes of completed files: used (live) + trash = total; the trash counts against the quota until purged. */
  const usage = (sp: DriveSpace) => {
    const ready = [...s.files.values()].filter((f) => f.space_id === sp.id && f.status === 'ready');
    const live = ready.filter((f) => !f.trashed);
    const sum = (l: DriveFile[]) => l.reduce((n, f) => n + f.size, 0);
    const used = sum(live);
    const trash = sum(ready.filter((f) => f.trashed));
    return {
      used_bytes: used, trash_bytes: trash, total_bytes: used + trash, file_count: live.length, trash_file_count: ready.length - live.length,
      folder_count: [...s.folders.values()].filter((f) => f.space_id === sp.id && !f.trashed).length,
    };
  };
  /** Account-wide quota: the plan's included storage plus the add-on; the sums over every space. */
  const quota = (req: SbRequest) => {
    const included = INCLUDED[req.token.plan] ?? 0;
    const addon = s.addon.storage_gb * GiB;
    const all = s.spaces.map(usage);
    const used = all.reduce((n, u) => n + u.used_bytes, 0);
    const trash = all.reduce((n, u) => n + u.trash_bytes, 0);
    return {
      quota_bytes: included + addon, included_bytes: included, addon_bytes: addon,
      used_bytes: used, trash_bytes: trash, total_bytes: used + trash, available_bytes: Math.max(0, included + addon - used - trash),
    };
  };
  const visible = (req: SbRequest) => s.spaces.filter((sp) => req.token.scopes.has(`drive:${sp.type}:read`));
  const spaceView = (sp: DriveSpace) => ({ id: sp.id, key: sp.key, type: sp.type, name: sp.name, mailbox_id: sp.mailbox_id ?? null });

  /** Cursor pagination: an opaque offset. */
  const page = <T>(items: T[], req: SbRequest, defaultPer = 50) => {
    const per = req.query.per_page === undefined ? defaultPer : Number(req.query.per_page);
    if (!Number.isInteger(per) || per < 1 || per > 100) throw invalid({ per_page: 'must be 1-100' });
    let offset = 0;
    if (req.query.cursor !== undefined) {
      const m = /^o(\d+)$/.exec(Buffer.from(String(req.query.cursor), 'base64url').toString('utf8'));
      if (!m) throw new SbError(422, 'invalid_cursor', 'The cursor is not valid', {}, 'Pass next_cursor from the previous page unchanged, or omit it.');
      offset = Number(m[1]);
    }
    const more = offset + per < items.length;
    return { data: items.slice(offset, offset + per), meta: { per_page: per, total: items.length, next_cursor: more ? Buffer.from(`o${offset + per}`).toString('base64url') : null } };
  };

  // --- trash, restore, purge ---------------------------------------------------------------------------------
  const trashFile = (f: DriveFile) => {
    if (!f.trashed) {
      f.trashed = engine.now();
      f.trashedWith = undefined;
    }
  };
  const trashFolder = (f: DriveFolder) => {
    if (f.trashed) return { folders: 0, files: 0 };
    const now = engine.now();
    f.trashed = now;
    f.trashedWith = undefined;
    const subs = descendants(f.id).filter((d) => !d.trashed);
    const fl = filesUnder(new Set([f.id, ...descendants(f.id).map((d) => d.id)])).filter((x) => !x.trashed);
    for (const x of [...subs, ...fl]) Object.assign(x, { trashed: now, trashedWith: f.id });
    return { folders: subs.length, files: fl.length };
  };
  /** The item comes back where it was, or at the root when its folder is gone or still in the trash. */
  const home = (space_id: number, parent: number | null) => {
    const p = parent === null ? undefined : s.folders.get(parent);
    return p && p.space_id === space_id && !p.trashed ? p.id : null;
  };
  const restoreFile = (f: DriveFile) => {
    if (!f.trashed) throw new SbError(409, 'not_in_trash', 'The file is not in the trash');
    const folder = home(f.space_id, f.folder_id);
    const name = freeName(f.space_id, folder, f.name);
    const moved = folder !== f.folder_id;
    Object.assign(f, { trashed: undefined, trashedWith: undefined, folder_id: folder, name, updated: engine.now() });
    return { file: fileView(f), restored_to_root: moved };
  };
  const restoreFolder = (f: DriveFolder) => {
    if (!f.trashed) throw new SbError(409, 'not_in_trash', 'The folder is not in the trash');
    const parent = home(f.space_id, f.parent_id);
    const moved = parent !== f.parent_id;
    Object.assign(f, { trashed: undefined, trashedWith: undefined, parent_id: parent, name: freeName(f.space_id, parent, f.name), updated: engine.now() });
    let folders = 0;
    let files = 0;
    for (const x of [...s.folders.values()]) if (x.trashedWith === f.id) (Object.assign(x, { trashed: undefined, trashedWith: undefined }), folders++);
    for (const x of [...s.files.values()]) if (x.trashedWith === f.id) (Object.assign(x, { trashed: undefined, trashedWith: undefined }), files++);
    return { folder: folderView(f), restored_items: { folders, files }, restored_to_root: moved };
  };
  const purgeFile = (f: DriveFile) => {
    s.files.delete(f.id);
    s.uploads.delete(f.id);
    for (const l of [...s.links.values()]) if (l.file_id === f.id) s.links.delete(l.id);
    return f.status === 'ready' ? f.size : 0;
  };
  const purgeFolder = (f: DriveFolder) => {
    const folders = [f, ...descendants(f.id)];
    const files = filesUnder(new Set(folders.map((x) => x.id)));
    let freed = 0;
    for (const x of files) freed += purgeFile(x);
    for (const x of folders) s.folders.delete(x.id);
    return { purged_folders: folders.length, purged_files: files.length, freed_bytes: freed };
  };

  // --- spaces, storage, browsing -----------------------------------------------------------------------------
  engine.route('GET', '/drive/spaces', READ, (req) => ({ data: visible(req).map((sp) => ({ ...spaceView(sp), ...usage(sp) })) }), opts);

  engine.route('GET', '/drive/storage', READ, (req) => ({ ...quota(req), spaces: visible(req).map((sp) => ({ space: sp.key, name: sp.name, ...usage(sp) })) }), opts);

  engine.route('GET', '/drive/spaces/{space}/usage', READ, (req) => {
    const sp = space(req, 'read');
    const q = quota(req);
    return { space: spaceView(sp), ...usage(sp), account_quota_bytes: q.quota_bytes, account_available_bytes: q.available_bytes };
  }, opts);

  const browse = (req: SbRequest) => {
    const sp = space(req, 'read');
    let folder: DriveFolder | undefined;
    if (req.params.folder_id !== undefined) {
      folder = s.folders.get(Number(req.params.folder_id));
      if (!folder || folder.space_id !== sp.id || folder.trashed) throw notFound('Drive folder');
    }
    const sort = String(req.query.sort ?? 'name');
    if (!SORTS.includes(sort)) throw invalid({ sort: `must be one of ${SORTS.join(', ')}` });
    const dir = req.query.dir ?? 'asc';
    if (dir !== 'asc' && dir !== 'desc') throw invalid({ dir: 'must be asc or desc' });
    const sib = siblings(sp.id, folder?.id ?? null);
    const key = (x: DriveFolder | DriveFile): string | number =>
      sort === 'name' ? x.name.toLowerCase() : sort === 'size' ? ('size' in x ? x.size : 0) : sort === 'created_at' ? x.created : x.updated;
    const order = <T extends DriveFolder | DriveFile>(l: T[]) => l.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : a.id - b.id) * (dir === 'desc' ? -1 : 1));
    const items = [...order(sib.folders).map(folderView), ...order(sib.files.filter((f) => f.status === 'ready')).map(fileView)];
    return {
      space: spaceView(sp), folder: folder ? folderView(folder) : null, breadcrumbs: folder ? pathOf(folder.id) : [], ...page(items, req),
    };
  };
  engine.route('GET', '/drive/spaces/{space}/folders', READ, browse, opts);
  engine.route('GET', '/drive/spaces/{space}/folders/{folder_id}', READ, browse, opts);

  engine.route('GET', '/drive/spaces/{space}/folder-tree', READ, (req) => {
    const sp = space(req, 'read');
    const tree = (parent: number | null): unknown[] =>
      siblings(sp.id, parent).folders.sort((a, b) => a.name.localeCompare(b.name)).map((f) => ({ id: f.id, name: f.name, color: f.color, is_shared: f.is_shared, children: tree(f.id) }));
    return { space: spaceView(sp), data: tree(null) };
  }, opts);

  const allIds = (req: SbRequest) => {
    const sp = space(req, 'read');
    const id = req.params.folder_id === undefined ? null : Number(req.params.folder_id);
    if (id !== null) {
      const f = s.folders.get(id);
      if (!f || f.space_id !== sp.id || f.trashed) throw notFound('Drive folder');
    }
    const sib = siblings(sp.id, id);
    const file_ids = sib.files.filter((f) => f.status === 'ready').map((f) => f.id).sort((a, b) => a - b);
    const folder_ids = sib.folders.map((f) => f.id).sort((a, b) => a - b);
    return { space: sp.key, folder_id: id, file_ids, folder_ids, total: file_ids.length + folder_ids.length };
  };
  engine.route('GET', '/drive/spaces/{space}/all-ids', READ, allIds, opts);
  engine.route('GET', '/drive/spaces/{space}/folders/{folder_id}/all-ids', READ, allIds, opts);

  // --- files -------------------------------------------------------------------------------------------------
  engine.route('GET', '/drive/files/{file_id}', READ, (req) => ({ file: fileView(fileOf(req, 'read')) }), opts);

  engine.route('GET', '/drive/files/{file_id}/download', READ, (req) => {
    const f = fileOf(req, 'read');
    if (f.trashed) throw new SbError(409, 'file_trashed', 'The file is in the trash', {}, 'Restore it with drive_file_restore first.');
    const expires = engine.now() + 15 * 60 * 1000;
    const sig = createHash('sha256').update(`dl-${f.id}-${expires}`).digest('hex').slice(0, 32);
    return { url: `${origin(req)}/api/v1/drive/files/${f.id}/content?expires=${expires}&signature=${sig}`, expires_at: iso(expires), file: { id: f.id, name: f.name, size_bytes: f.size, mime_type: f.mime } };
  }, opts);

  // The bytes behind a download URL (the sandbox still wants the bearer token).
  engine.route('GET', '/drive/files/{file_id}/content', READ, (req) => {
    const f = fileOf(req, 'read');
    if (f.trashed) throw new SbError(409, 'file_trashed', 'The file is in the trash');
    if (req.query.expires !== undefined && Number(req.query.expires) < engine.now()) throw new SbError(403, 'url_expired', 'The download URL has expired', {}, 'Get a new one with drive_file_download_url.');
    return reply({ text: f.bytes, contentType: f.mime });
  }, opts);

  engine.route('PATCH', '/drive/files/{file_id}', WRITE, (req) => {
    const f = fileOf(req, 'write');
    if (f.status !== 'ready') throw notFound('Drive file');
    const name = cleanName(req.body.name);
    if (!f.trashed) noConflict(f.space_id, f.folder_id, name, { type: 'file', id: f.id });
    Object.assign(f, { name, updated: engine.now() });
    return { file: fileView(f) };
  }, opts);

  engine.route('POST', '/drive/files/{file_id}:move', WRITE, (req) => {
    const f = fileOf(req, 'write');
    if (f.status !== 'ready') throw notFound('Drive file');
    if (!('folder_id' in req.body)) throw invalid({ folder_id: 'required (null for the root)' });
    if (f.trashed) throw new SbError(409, 'file_trashed', 'The file is in the trash', {}, 'Restore it first.');
    const to = target(spaceById(f.space_id), req.body.folder_id, 'folder_id');
    noConflict(f.space_id, to, f.name, { type: 'file', id: f.id });
    Object.assign(f, { folder_id: to, updated: engine.now() });
    return { file: fileView(f) };
  }, opts);

  engine.route('DELETE', '/drive/files/{file_id}', WRITE, (req) => {
    const f = fileOf(req, 'write');
    if (f.status !== 'ready') throw notFound('Drive file');
    trashFile(f);
    return { file: fileView(f), purge_after: iso(f.trashed! + TRASH_DAYS * DAY) };
  }, opts);

  engine.route('POST', '/drive/files/{file_id}:restore', WRITE, (req) => {
    const f = fileOf(req, 'write');
    if (f.status !== 'ready') throw notFound('Drive file');
    return restoreFile(f);
  }, opts);

  engine.route('DELETE', '/drive/files/{file_id}:purge', PURGE, (req) => {
    const f = fileOf(req, 'purge');
    return { purged: true, file_id: f.id, freed_bytes: purgeFile(f) };
  }, opts);

  // --- folders -----------------------------------------------------------------------------------------------
  engine.route('POST', '/drive/spaces/{space}/folders', WRITE, (req) => {
    const sp = space(req, 'write');
    const name = cleanName(req.body.name);
    const parent = target(sp, req.body.parent_id, 'parent_id');
    const shared = req.body.is_shared === true;
    if (shared && sp.type !== 'mailbox') throw invalid({ is_shared: 'only folders of a mailbox space can be shared with the account' });
    const color = req.body.color ?? null;
    if (color !== null && (typeof color !== 'string' || color.length > 32)) throw invalid({ color: 'must be a string of at most 32 characters' });
    noConflict(sp.id, parent, name);
    const now = engine.now();
    const f: DriveFolder = { id: s.next.folder++, space_id: sp.id, parent_id: parent, name, color, is_shared: shared, created: now, updated: now };
    s.folders.set(f.id, f);
    return reply({ status: 201, body: { folder: folderView(f) } });
  }, opts);

  engine.route('PATCH', '/drive/folders/{folder_id}', WRITE, (req) => {
    const f = folderOf(req, 'write');
    if (req.body.name === undefined && req.body.color === undefined) throw invalid({ name: 'give name or color' });
    const name = req.body.name === undefined ? f.name : cleanName(req.body.name);
    const color = req.body.color === undefined ? f.color : req.body.color;
    if (color !== null && (typeof color !== 'string' || color.length > 32)) throw invalid({ color: 'must be a string of at most 32 characters, or null' });
    if (!f.trashed && name !== f.name) noConflict(f.space_id, f.parent_id, name, { type: 'folder', id: f.id });
    Object.assign(f, { name, color, updated: engine.now() });
    return { folder: folderView(f) };
  }, opts);

  engine.route('POST', '/drive/folders/{folder_id}:move', WRITE, (req) => {
    const f = folderOf(req, 'write');
    if (!('parent_id' in req.body)) throw invalid({ parent_id: 'required (null for the root)' });
    if (f.trashed) throw new SbError(409, 'folder_trashed', 'The folder is in the trash', {}, 'Restore it first.');
    const to = target(spaceById(f.space_id), req.body.parent_id, 'parent_id');
    if (to !== null && (to === f.id || descendants(f.id).some((d) => d.id === to))) {
      throw new SbError(422, 'invalid_move', 'A folder cannot be moved into itself or one of its subfolders');
    }
    noConflict(f.space_id, to, f.name, { type: 'folder', id: f.id });
    Object.assign(f, { parent_id: to, updated: engine.now() });
    return { folder: folderView(f) };
  }, opts);

  engine.route('DELETE', '/drive/folders/{folder_id}', WRITE, (req) => {
    const f = folderOf(req, 'write');
    const took = trashFolder(f);
    return { folder: folderView(f), trashed_items: took, purge_after: iso(f.trashed! + TRASH_DAYS * DAY) };
  }, opts);

  engine.route('POST', '/drive/folders/{folder_id}:restore', WRITE, (req) => restoreFolder(folderOf(req, 'write')), opts);

  engine.route('DELETE', '/drive/folders/{folder_id}:purge', PURGE, (req) => {
    const f = folderOf(req, 'purge');
    return { purged: true, folder_id: f.id, ...purgeFolder(f) };
  }, opts);

  const sharing = (on: boolean) => (req: SbRequest) => {
    const f = folderOf(req, 'write');
    if (spaceById(f.space_id).type !== 'mailbox') {
      throw new SbError(422, 'not_a_mailbox_folder', 'Only folders of a mailbox space can be shared with the account', {}, 'Account-space folders are already visible to the account.');
    }
    if (f.trashed) throw new SbError(409, 'folder_trashed', 'The folder is in the trash');
    Object.assign(f, { is_shared: on, updated: engine.now() });
    return { folder: folderView(f) };
  };
  engine.route('POST', '/drive/folders/{folder_id}:share-with-account', WRITE, sharing(true), opts);
  engine.route('POST', '/drive/folders/{folder_id}:stop-sharing', WRITE, sharing(false), opts);

  // --- trash of a space --------------------------------------------------------------------------------------
  const trashed = (sp: DriveSpace) => [
    ...[...s.folders.values()].filter((f) => f.space_id === sp.id && f.trashed && !f.trashedWith).map((f) => {
      const inside = new Set([f.id, ...descendants(f.id).map((d) => d.id)]);
      const size = filesUnder(inside).reduce((n, x) => n + (x.status === 'ready' ? x.size : 0), 0);
      return { type: 'folder', id: f.id, name: f.name, size_bytes: size, original_parent_id: f.parent_id, at: f.trashed! };
    }),
    ...[...s.files.values()].filter((f) => f.space_id === sp.id && f.trashed && !f.trashedWith && f.status === 'ready')
      .map((f) => ({ type: 'file', id: f.id, name: f.name, size_bytes: f.size, original_folder_id: f.folder_id, at: f.trashed! })),
  ].sort((a, b) => b.at - a.at || a.id - b.id);

  engine.route('GET', '/drive/spaces/{space}/trash', READ, (req) => {
    const sp = space(req, 'read');
    const items = trashed(sp).map(({ at, ...x }) => ({ ...x, trashed_at: iso(at), purge_after: iso(at + TRASH_DAYS * DAY) }));
    return { space: sp.key, ...page(items, req), trash_bytes: usage(sp).trash_bytes };
  }, opts);

  engine.route('DELETE', '/drive/spaces/{space}/trash', PURGE, (req) => {
    const sp = space(req, 'purge');
    let purged_files = 0;
    let purged_folders = 0;
    let freed_bytes = 0;
    for (const item of trashed(sp)) {
      if (item.type === 'folder') {
        const r = purgeFolder(s.folders.get(item.id)!);
        purged_files += r.purged_files;
        purged_folders += r.purged_folders;
        freed_bytes += r.freed_bytes;
      } else {
        freed_bytes += purgeFile(s.files.get(item.id)!);
        purged_files++;
      }
    }
    return { space: sp.key, purged_files, purged_folders, freed_bytes };
  }, opts);

  // --- bulk actions ------------------------------------------------------------------------------------------
  const ids = (v: unknown, field: string) => {
    if (v === undefined) return [];
    if (!Array.isArray(v) || v.some((x) => !Number.isInteger(x) || x < 1)) throw invalid({ [field]: 'must be an array of ids' });
    return [...new Set(v as number[])];
  };
  const bulk = (action: 'trash' | 'restore' | 'move' | 'purge') => (req: SbRequest) => {
    const sp = space(req, action === 'purge' ? 'purge' : 'write');
    const fileIds = ids(req.body.file_ids, 'file_ids');
    const folderIds = ids(req.body.folder_ids, 'folder_ids');
    if (fileIds.length + folderIds.length === 0) throw invalid({ file_ids: 'give at least one file or folder id' });
    let to: number | null = null;
    if (action === 'move') {
      if (!('target_folder_id' in req.body)) throw invalid({ target_folder_id: 'required (null for the root)' });
      to = target(sp, req.body.target_folder_id, 'target_folder_id');
    }
    const done = { file_ids: [] as number[], folder_ids: [] as number[] };
    const failed: { type: string; id: number; code: string; message: string }[] = [];
    let freed = 0;
    const attempt = (type: 'file' | 'folder', id: number, fn: () => void) => {
      try {
        fn();
        (type === 'file' ? done.file_ids : done.folder_ids).push(id);
      } catch (err) {
        const e = err instanceof SbError ? err : new SbError(500, 'server_error', String(err));
        failed.push({ type, id, code: e.code, message: e.message });
      }
    };
    for (const id of folderIds) {
      attempt('folder', id, () => {
        const f = s.folders.get(id);
        if (!f || f.space_id !== sp.id) throw notFound('Drive folder');
        if (action === 'trash') trashFolder(f);
        else if (action === 'restore') restoreFolder(f);
        else if (action === 'purge') freed += purgeFolder(f).freed_bytes;
        else {
          if (f.trashed) throw new SbError(409, 'folder_trashed', 'The folder is in the trash');
          if (to !== null && (to === f.id || descendants(f.id).some((d) => d.id === to))) throw new SbError(422, 'invalid_move', 'A folder cannot be moved into itself or one of its subfolders');
          noConflict(sp.id, to, f.name, { type: 'folder', id: f.id });
          Object.assign(f, { parent_id: to, updated: engine.now() });
        }
      });
    }
    for (const id of fileIds) {
      attempt('file', id, () => {
        const f = s.files.get(id);
        if (!f || f.space_id !== sp.id || f.status !== 'ready') throw notFound('Drive file');
        if (action === 'trash') trashFile(f);
        else if (action === 'restore') restoreFile(f);
        else if (action === 'purge') freed += purgeFile(f);
        else {
          if (f.trashed) throw new SbError(409, 'file_trashed', 'The file is in the trash');
          noConflict(sp.id, to, f.name, { type: 'file', id: f.id });
          Object.assign(f, { folder_id: to, updated: engine.now() });
        }
      });
    }
    return { action, space: sp.key, succeeded: done, failed, ...(action === 'purge' ? { freed_bytes: freed } : {}) };
  };
  engine.route('POST', '/drive/spaces/{space}/bulk:trash', WRITE, bulk('trash'), opts);
  engine.route('POST', '/drive/spaces/{space}/bulk:restore', WRITE, bulk('restore'), opts);
  engine.route('POST', '/drive/spaces/{space}/bulk:move', WRITE, bulk('move'), opts);
  engine.route('POST', '/drive/spaces/{space}/bulk:purge', PURGE, bulk('purge'), opts);

  // --- share links -------------------------------------------------------------------------------------------
  const linkView = (req: SbRequest, l: DriveLink) => ({
    id: l.id, file_id: l.file_id, url: `${origin(req)}/s/${l.token}`, status: linkStatus(l), expires_at: iso(l.expires), max_downloads: l.max_downloads ?? null,
    download_count: l.downloads, created_at: iso(l.created), revoked_at: iso(l.revoked),
  });

  engine.route('POST', '/drive/files/{file_id}/share-links', SHARE, (req) => {
    const f = fileOf(req, 'share');
    if (f.status !== 'ready') throw notFound('Drive file');
    if (f.trashed) throw new SbError(409, 'file_trashed', 'A file in the trash cannot be shared', {}, 'Restore it with drive_file_restore first.');
    const { expires_at, max_downloads } = req.body;
    let expires: number | undefined;
    if (expires_at !== undefined && expires_at !== null) {
      expires = Date.parse(String(expires_at));
      if (Number.isNaN(expires)) throw invalid({ expires_at: 'must be an ISO 8601 date-time' });
      if (expires <= engine.now()) throw invalid({ expires_at: 'must be in the future' });
    }
    if (max_downloads !== undefined && max_downloads !== null && (!Number.isInteger(max_downloads) || max_downloads < 1)) throw invalid({ max_downloads: 'must be a positive integer' });
    const id = s.next.link++;
    const l: DriveLink = {
      id, file_id: f.id, token: createHash('sha256').update(`drive-link-${id}-${f.id}`).digest('base64url').slice(0, 22),
      expires, max_downloads: max_downloads ?? undefined, downloads: 0, created: engine.now(),
    };
    s.links.set(id, l);
    return reply({ status: 201, body: { share_link: linkView(req, l) } });
  }, opts);

  engine.route('GET', '/drive/files/{file_id}/share-links', SHARE, (req) => {
    const f = fileOf(req, 'share');
    return { data: [...s.links.values()].filter((l) => l.file_id === f.id).map((l) => linkView(req, l)) };
  }, opts);

  engine.route('DELETE', '/drive/share-links/{link_id}', SHARE, (req) => {
    const l = s.links.get(Number(req.params.link_id));
    if (!l) throw notFound('Share link');
    const f = s.files.get(l.file_id)!;
    need(req, spaceById(f.space_id), 'share');
    l.revoked ??= engine.now();
    return { revoked: true, share_link: linkView(req, l) };
  }, opts);

  // --- multipart uploads -------------------------------------------------------------------------------------
  const partUrl = (req: SbRequest, fileId: number, n: number, expires: number) =>
    `${origin(req)}/api/v1/drive/uploads/${fileId}/parts/${n}?expires=${expires}&signature=${createHash('sha256').update(`part-${fileId}-${n}-${expires}`).digest('hex').slice(0, 32)}`;
  const pending = (req: SbRequest) => {
    const f = fileOf(req, 'write');
    const up = s.uploads.get(f.id);
    if (!up || f.status !== 'uploading') throw new SbError(409, 'upload_not_pending', 'This file has no upload in progress (it was completed or aborted)');
    return { f, up };
  };

  engine.route('POST', '/drive/spaces/{space}/uploads:initiate', WRITE, (req) => {
    const sp = space(req, 'write');
    const name = cleanName(req.body.name);
    const size = req.body.size_bytes;
    if (!Number.isInteger(size) || size < 0 || size > MAX_FILE) throw invalid({ size_bytes: `must be an integer from 0 to ${MAX_FILE}` });
    const folder = target(sp, req.body.folder_id, 'folder_id');
    const q = quota(req);
    if (size > q.available_bytes) {
      throw new SbError(413, 'storage_quota_exceeded', `The file needs ${size} bytes, ${q.available_bytes} are free`, { available_bytes: q.available_bytes }, 'Empty the trash or purge files (see drive_storage_summary).');
    }
    const now = engine.now();
    const mime = typeof req.body.client_mime === 'string' && req.body.client_mime ? req.body.client_mime : 'application/octet-stream';
    const f: DriveFile = { id: s.next.file++, space_id: sp.id, folder_id: folder, name: freeName(sp.id, folder, name), mime, size, bytes: Buffer.alloc(0), status: 'uploading', created: now, updated: now };
    const count = Math.max(1, Math.ceil(size / PART_SIZE));
    s.files.set(f.id, f);
    s.uploads.set(f.id, { file_id: f.id, part_size: PART_SIZE, part_count: count, parts: new Map() });
    const expires = now + URL_TTL_MS;
    const parts = Array.from({ length: count }, (_, i) => ({ part_number: i + 1, url: partUrl(req, f.id, i + 1, expires) }));
    return reply({ status: 201, body: { file_id: f.id, file: fileView(f), upload: { part_size: PART_SIZE, part_count: count, expires_at: iso(expires), parts } } });
  }, opts);

  engine.route('PUT', '/drive/uploads/{file_id}/parts/{part_number}', WRITE, (req) => {
    const { f, up } = pending(req);
    const n = Number(req.params.part_number);
    if (!Number.isInteger(n) || n < 1 || n > up.part_count) throw invalid({ part_number: `must be 1-${up.part_count}` });
    if (req.query.expires !== undefined && Number(req.query.expires) < engine.now()) {
      throw new SbError(403, 'upload_url_expired', 'The upload URL for this part has expired', {}, 'Get new URLs with drive_upload_refresh_parts.');
    }
    const want = n < up.part_count ? up.part_size : f.size - up.part_size * (up.part_count - 1);
    if (req.rawBody.length !== want) throw new SbError(400, 'part_size_mismatch', `Part ${n} must be ${want} bytes, got ${req.rawBody.length}`, { expected_bytes: want });
    const bytes = Buffer.from(req.rawBody);
    const etag = etagOf(bytes);
    up.parts.set(n, { bytes, etag });
    return reply({ body: { part_number: n, size_bytes: bytes.length, etag }, headers: { etag } });
  }, opts);

  engine.route('POST', '/drive/uploads/{file_id}:complete', WRITE, (req) => {
    const { f, up } = pending(req);
    const given = req.body.parts;
    if (given !== undefined) {
      if (!Array.isArray(given)) throw invalid({ parts: 'must be an array of { part_number, etag }' });
      for (const p of given) {
        const have = up.parts.get(Number(p?.part_number));
        if (!have || bareTag(p?.etag) !== bareTag(have.etag)) {
          throw new SbError(422, 'etag_mismatch', `Part ${p?.part_number} was not uploaded with that ETag`, { part_number: p?.part_number ?? null });
        }
      }
    }
    const missing = Array.from({ length: up.part_count }, (_, i) => i + 1).filter((n) => !up.parts.has(n) || (given !== undefined && !given.some((p: { part_number?: unknown }) => Number(p?.part_number) === n)));
    if (missing.length) throw new SbError(422, 'upload_incomplete', `Parts not uploaded: ${missing.join(', ')}`, { missing_parts: missing }, 'Upload the missing parts (drive_upload_refresh_parts gives fresh URLs), then complete again.');
    f.bytes = Buffer.concat(Array.from({ length: up.part_count }, (_, i) => up.parts.get(i + 1)!.bytes));
    Object.assign(f, { status: 'ready', updated: engine.now() });
    s.uploads.delete(f.id);
    return { file: { ...fileView(f), sha256: createHash('sha256').update(f.bytes).digest('hex') } };
  }, opts);

  engine.route('POST', '/drive/uploads/{file_id}:refresh-parts', WRITE, (req) => {
    const { f, up } = pending(req);
    const numbers = req.body.part_numbers;
    if (!Array.isArray(numbers) || !numbers.length || numbers.some((n) => !Number.isInteger(n) || n < 1 || n > up.part_count)) {
      throw invalid({ part_numbers: `must be 1 or more part numbers from 1 to ${up.part_count}` });
    }
    const expires = engine.now() + URL_TTL_MS;
    return { file_id: f.id, expires_at: iso(expires), parts: numbers.map((n: number) => ({ part_number: n, url: partUrl(req, f.id, n, expires) })) };
  }, opts);

  engine.route('POST', '/drive/uploads/{file_id}:abort', WRITE, (req) => {
    const { f } = pending(req);
    s.files.delete(f.id);
    s.uploads.delete(f.id);
    return { aborted: true, file_id: f.id };
  }, opts);

  // --- storage add-on (read-only through the API) --------------------------------------------------------------
  const ADDON = 'drive:addon:read';
  /** Monthly (30-day) periods from the start: the end of the current one is always ahead of the sandbox clock. */
  const periodEnd = () => s.addon.started + Math.max(1, Math.ceil((engine.now() - s.addon.started) / (30 * DAY))) * 30 * DAY;
  const price = (currency: string) => PRICES[currency].find((t) => t.storage_gb === s.addon.storage_gb)!;
  engine.route('GET', '/drive/addon', ADDON, () => ({
    addon: {
      status: s.addon.status, storage_gb: s.addon.storage_gb, storage_bytes: s.addon.storage_gb * GiB,
      price: { unit_amount: price('USD').unit_amount, currency: 'USD', interval: 'month' },
      started_at: iso(s.addon.started), current_period_end: iso(periodEnd()), auto_renew: true,
    },
  }), opts);

  engine.route('GET', '/drive/addon/pricing', ADDON, (req) => {
    const currency = String(req.query.currency ?? 'USD').toUpperCase();
    if (!PRICES[currency]) throw invalid({ currency: `must be one of ${Object.keys(PRICES).join(', ')}` });
    return { currency, interval: 'month', current_storage_gb: s.addon.storage_gb, tiers: PRICES[currency].map((t) => ({ ...t, storage_bytes: t.storage_gb * GiB })) };
  }, opts);

  engine.route('GET', '/drive/addon/cancellation-preview', ADDON, (req) => {
    const q = quota(req);
    const after = q.included_bytes;
    const over = Math.max(0, q.total_bytes - after);
    return {
      effective_at: iso(periodEnd()), quota_bytes_now: q.quota_bytes, quota_bytes_after: after, used_bytes: q.total_bytes,
      over_quota_bytes: over, uploads_blocked_after: over > 0, refund: { unit_amount: 0, currency: 'USD' },
      note: over > 0 ? 'Files stay readable; uploads stop until usage is under the quota.' : 'Usage fits the included storage.',
    };
  }, opts);
}
