import { createHash } from 'node:crypto';
import { reply, SbError, type SandboxEngine } from '../../../sandbox/engine.js';
import { OPTS, PURGE, READ, WRITE, type Drive } from './model.js';
import { DOWNLOAD_TTL_MS } from './state.js';

/** File routes: metadata, download URL (and the bytes behind it), rename, move, trash, restore, purge. */
export function registerFiles(engine: SandboxEngine, d: Drive): void {
  const none = { ...OPTS, accepts: {} };

  engine.route('GET', '/drive/files/{file_id}', READ, (req) => ({ file: d.fileView(d.fileOf(req, 'read')) }), none);

  engine.route('GET', '/drive/files/{file_id}/download', READ, (req) => {
    const f = d.fileOf(req, 'read');
    if (f.trashed) throw new SbError(409, 'file_trashed', 'The file is in the trash', {}, 'Restore it with drive_file_restore first.');
    const expires = engine.now() + DOWNLOAD_TTL_MS;
    const sig = createHash('sha256').update(`dl-${f.id}-${expires}`).digest('hex').slice(0, 32);
    return {
      download_url: `${d.origin(req)}/api/v1/drive/files/${f.id}/content?expires=${expires}&signature=${sig}`, expires_at: d.iso(expires),
      file: { id: f.id, name: f.name, size_bytes: f.size, mime_type: f.mime },
    };
  }, none);

  // The bytes behind a download URL (the sandbox still wants the bearer token): a route of the emulator, not a tool's.
  engine.route('GET', '/drive/files/{file_id}/content', READ, (req) => {
    const f = d.fileOf(req, 'read');
    if (f.trashed) throw new SbError(409, 'file_trashed', 'The file is in the trash');
    if (req.query.expires !== undefined && Number(req.query.expires) < engine.now()) throw new SbError(403, 'url_expired', 'The download URL has expired', {}, 'Get a new one with drive_file_download_url.');
    return reply({ text: f.bytes, contentType: f.mime, headers: { 'content-disposition': `attachment; filename="${f.name.replace(/"/g, '')}"` } });
  }, { ...OPTS, accepts: { query: { expires: 'int', signature: 'string(32..32)' } } });

  engine.route('PATCH', '/drive/files/{file_id}', WRITE, (req) => {
    const f = d.fileOf(req, 'write');
    const name = d.cleanName(req.body.name);
    if (!f.trashed) d.noConflict(f.space_id, f.folder_id, name, { type: 'file', id: f.id });
    Object.assign(f, { name, updated: engine.now() });
    return { file: d.fileView(f) };
  }, { ...OPTS, accepts: { body: { name: 'string(1..255)' } } });

  engine.route('POST', '/drive/files/{file_id}:move', WRITE, (req) => {
    const f = d.fileOf(req, 'write');
    if (f.trashed) throw new SbError(409, 'file_trashed', 'The file is in the trash', {}, 'Restore it first.');
    const to = d.target(d.spaceById(f.space_id), req.body.folder_id, 'folder_id');
    d.noConflict(f.space_id, to, f.name, { type: 'file', id: f.id });
    Object.assign(f, { folder_id: to, updated: engine.now() });
    return { file: d.fileView(f) };
  }, { ...OPTS, accepts: { body: { folder_id: 'int(1..)|null' } } });

  engine.route('DELETE', '/drive/files/{file_id}', WRITE, (req) => {
    const f = d.fileOf(req, 'write');
    const revoked = d.trashFile(f);
    return { file: d.fileView(f), revoked_share_links: revoked, purge_after: d.purgeAfter(f.trashed!) };
  }, none);

  engine.route('POST', '/drive/files/{file_id}:restore', WRITE, (req) => d.restoreFile(d.fileOf(req, 'write')), { ...OPTS, accepts: { body: false } });

  engine.route('DELETE', '/drive/files/{file_id}:purge', PURGE, (req) => {
    const f = d.fileOf(req, 'purge');
    if (!f.trashed) throw new SbError(409, 'not_in_trash', 'Only a file in the trash can be purged', {}, 'Trash it first with drive_file_trash.');
    return { purged: true, file_id: f.id, freed_bytes: d.purgeFile(f) };
  }, none);
}
