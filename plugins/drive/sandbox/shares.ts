import { createHash } from 'node:crypto';
import { invalid, notFound, reply, SbError, type SandboxEngine, type SbRequest } from '../../../sandbox/engine.js';
import { OPTS, SHARE, type Drive } from './model.js';
import type { DriveLink } from './state.js';

/** Share links: the raw token and public URL are answered once, at creation; lists never show them. */
export function registerShares(engine: SandboxEngine, d: Drive): void {
  const { s } = d;
  const view = (l: DriveLink) => ({
    id: l.id, file_id: l.file_id, status: d.linkStatus(l), expires_at: d.iso(l.expires), max_downloads: l.max_downloads ?? null,
    download_count: l.downloads, created_at: d.iso(l.created), revoked_at: d.iso(l.revoked),
  });

  engine.route('POST', '/drive/files/{file_id}/share-links', SHARE, (req: SbRequest) => {
    const f = d.fileOf(req, 'share');
    if (f.trashed) throw new SbError(409, 'file_trashed', 'A file in the trash cannot be shared', {}, 'Restore it with drive_file_restore first.');
    const { expires_at, max_downloads } = req.body as { expires_at?: string; max_downloads?: number };
    const expires = expires_at === undefined ? undefined : Date.parse(expires_at);
    if (expires !== undefined && expires <= engine.now()) throw invalid({ expires_at: 'must be in the future' });
    const id = s.next.link++;
    const l: DriveLink = {
      id, file_id: f.id, token: createHash('sha256').update(`drive-link-${id}-${f.id}`).digest('base64url').slice(0, 32),
      expires, max_downloads, downloads: 0, created: engine.now(),
    };
    s.links.set(id, l);
    return reply({ status: 201, body: { share_link: { ...view(l), token: l.token, public_url: `${d.origin(req)}/d/${l.token}` } } });
  }, { ...OPTS, accepts: { body: { expires_at: 'datetime?', max_downloads: 'int(1..)?' } } });

  engine.route('GET', '/drive/files/{file_id}/share-links', SHARE, (req) => {
    const f = d.fileOf(req, 'share');
    return { data: [...s.links.values()].filter((l) => l.file_id === f.id).map(view) };
  }, { ...OPTS, accepts: {} });

  // Idempotent: a second revoke answers the same link, revoked at the first time.
  engine.route('DELETE', '/drive/share-links/{link_id}', SHARE, (req) => {
    const l = s.links.get(Number(req.params.link_id));
    if (!l) throw notFound('Share link');
    d.need(req, d.spaceById(s.files.get(l.file_id)!.space_id), 'share');
    l.revoked ??= engine.now();
    return { share_link: view(l) };
  }, { ...OPTS, accepts: {} });
}
