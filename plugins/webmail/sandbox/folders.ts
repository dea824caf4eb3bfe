import { invalid, reply, SbError, type SandboxEngine, type SbRequest } from '../../../sandbox/engine.js';
import { CREATE_FOLDER, EMPTY_FOLDER, LIST_FOLDERS, NOTHING, RENAME_FOLDER } from './api.js';
import { READ, WRITE } from './common.js';
import { newFolder, type Folder, type Mailbox, type Message } from './state.js';

/** Folders of the webmail emulator, and the lookups every message route uses. */

/** Canonical path: INBOX is case-insensitive, other paths exact. */
export const canon = (path: string) => (path.toUpperCase() === 'INBOX' ? 'INBOX' : path);

export function folderOf(mb: Mailbox, path: unknown, fallback = 'INBOX'): Folder {
  const p = typeof path === 'string' && path ? canon(path) : fallback;
  const f = mb.folders.get(p);
  if (!f) throw new SbError(404, 'folder_not_found', `Folder "${p}" not found`, {}, 'list_folders shows the folder paths.');
  return f;
}

export function msgOf(f: Folder, uid: unknown): Message {
  const n = Number(uid);
  const m = Number.isInteger(n) ? f.messages.get(n) : undefined;
  if (!m) throw new SbError(404, 'message_not_found', `No message with UID ${String(uid)} in ${f.path}`, {}, 'UIDs are per folder; list_messages shows them.');
  return m;
}

export const special = (mb: Mailbox, kind: Folder['special']) => [...mb.folders.values()].find((f) => f.special === kind)!;

export function folderView(f: Folder) {
  const parent = f.path.includes('/') ? f.path.slice(0, f.path.lastIndexOf('/')) : null;
  const unread = [...f.messages.values()].filter((m) => !m.seen).length;
  return { path: f.path, name: parent ? f.path.slice(parent.length + 1) : f.path, parent, special_use: f.special ?? null, uidvalidity: f.uidValidity, total: f.messages.size, unread };
}

export function registerFolders(engine: SandboxEngine, box: (req: SbRequest) => Mailbox): void {
  const r = engine.route.bind(engine);

  // Literal paths first: /messages/{uid} would also match them.
  r('GET', '/messages/folders', READ, (req) => {
    const mb = box(req);
    const order = (f: Folder) => (f.special ? ['inbox', 'sent', 'drafts', 'junk', 'trash'].indexOf(f.special) : 10);
    const folders = [...mb.folders.values()].sort((a, b) => order(a) - order(b) || a.path.localeCompare(b.path));
    return { folders: folders.map((f) => folderView(f)) };
  }, { accepts: LIST_FOLDERS });

  r('POST', '/messages/folders', WRITE, (req) => {
    const mb = box(req);
    const { name, parent } = req.body as { name: string; parent?: string };
    if (!name.trim()) throw invalid({ name: 'must not be blank' });
    if (name.includes('/')) throw invalid({ name: 'must not contain "/" (use parent for nesting)' });
    const p = parent === undefined ? undefined : folderOf(mb, parent).path;
    const path = p ? `${p}/${name}` : name;
    if (mb.folders.has(canon(path))) throw new SbError(409, 'folder_exists', `Folder "${path}" already exists`);
    const f = newFolder(path);
    mb.folders.set(path, f);
    return reply({ status: 201, body: { folder: folderView(f) } });
  }, { accepts: CREATE_FOLDER });

  r('POST', '/messages/folders:empty', WRITE, (req) => {
    const mb = box(req);
    const name = (req.body as { folder: 'Trash' | 'Junk' }).folder;
    const f = special(mb, name === 'Trash' ? 'trash' : 'junk');
    const n = f.messages.size;
    f.messages.clear();
    return { emptied: f.path, deleted: n };
  }, { accepts: EMPTY_FOLDER });

  r('PATCH', '/messages/folders/{path}', WRITE, (req) => {
    const mb = box(req);
    const f = folderOf(mb, req.params.path);
    const name = (req.body as { name: string }).name;
    if (!name.trim()) throw invalid({ name: 'must not be blank' });
    if (name.includes('/')) throw invalid({ name: 'must not contain "/"' });
    if (f.special) throw new SbError(422, 'special_folder', `${f.path} is a system folder and cannot be renamed`);
    const parent = f.path.includes('/') ? f.path.slice(0, f.path.lastIndexOf('/')) : '';
    const path = parent ? `${parent}/${name}` : name;
    if (mb.folders.has(canon(path))) throw new SbError(409, 'folder_exists', `Folder "${path}" already exists`);
    const old = f.path;
    for (const sub of [...mb.folders.values()].filter((x) => x.path === old || x.path.startsWith(`${old}/`))) {
      mb.folders.delete(sub.path);
      sub.path = path + sub.path.slice(old.length);
      mb.folders.set(sub.path, sub);
    }
    return { folder: folderView(f), old_path: old };
  }, { accepts: RENAME_FOLDER });

  r('DELETE', '/messages/folders/{path}', WRITE, (req) => {
    const mb = box(req);
    const f = folderOf(mb, req.params.path);
    if (f.special) throw new SbError(422, 'special_folder', `${f.path} is a system folder and cannot be deleted`);
    const doomed = [...mb.folders.values()].filter((x) => x.path === f.path || x.path.startsWith(`${f.path}/`));
    const messages = doomed.reduce((n, x) => n + x.messages.size, 0);
    for (const x of doomed) mb.folders.delete(x.path);
    return { deleted: true, path: f.path, folders_deleted: doomed.length, messages_deleted: messages };
  }, { accepts: NOTHING });
}
