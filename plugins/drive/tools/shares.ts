import { DateTime, Id, Int } from '../../../core/params.js';
import { Tool } from '../../../core/tool.js';
import { FileId, SHARE } from './params.js';

@Tool({ name: 'drive_share_create', description: 'Create a public download link for a Drive file (optional expiry, download limit).', access: 'write', scope: SHARE, route: 'POST /drive/files/{file_id}/share-links' })
export class DriveShareCreate {
  @FileId() file_id: number;
  @DateTime('Expiry, ISO 8601 date-time', true) expires_at?: string;
  @Int('Downloads allowed, 1-100000', 1, 100000, true) max_downloads?: number;
}

@Tool({ name: 'drive_share_list', description: 'List the share links of a Drive file with their downloads and expiry.', access: 'read', scope: SHARE, route: 'GET /drive/files/{file_id}/share-links' })
export class DriveShareList {
  @FileId() file_id: number;
}

@Tool({ name: 'drive_share_revoke', description: 'Revoke a Drive share link so it stops working.', access: 'destructive', gate: 'destructive', scope: SHARE, route: 'DELETE /drive/share-links/{link_id}' })
export class DriveShareRevoke {
  @Id('Share link') link_id: number;
}
