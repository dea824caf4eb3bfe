import { IsInt, IsOptional, Min } from '../../../core/plugin-api.js';
import { compose, Desc, Tool } from '../../../core/plugin-api.js';
import { DateTime, Id } from '../../../core/plugin-api.js';
import { FileId, SHARE } from './params.js';

@Tool({
  name: 'drive_share_create', description: 'Create a public download link for a Drive file; its token and public_url are shown only now.',
  access: 'write', scope: SHARE, route: 'POST /drive/files/{file_id}/share-links', revealKeys: ['token'],
})
export class DriveShareCreate {
  @FileId() file_id: number;
  @DateTime('Expiry, ISO 8601 date-time (default: never)', true) expires_at?: string;
  @compose(IsOptional(), IsInt(), Min(1), Desc('Downloads allowed (default: unlimited)')) max_downloads?: number;
}

@Tool({ name: 'drive_share_list', description: 'List the share links of a Drive file (active and revoked) with downloads and expiry; no tokens.', access: 'read', scope: SHARE, route: 'GET /drive/files/{file_id}/share-links' })
export class DriveShareList {
  @FileId() file_id: number;
}

@Tool({ name: 'drive_share_revoke', description: 'Revoke a Drive share link so it stops working (again: no change).', access: 'destructive', gate: 'destructive', scope: SHARE, route: 'DELETE /drive/share-links/{link_id}' })
export class DriveShareRevoke {
  @Id('Share link') link_id: number;
}
