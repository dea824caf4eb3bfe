import { IsInt, IsOptional, Min } from '../../../core/plugin-api.js';
import { compose, Desc, Tool } from '../../../core/plugin-api.js';
import { DateTime, Id } from '../../../core/plugin-api.js';
import { FileId, SHARE } from './params.js';

@Tool({
  name: 'drive_share_create', keywords: 'public link share file', description: 'Create a public file link; URL shown only now',
  access: 'write', scope: SHARE, route: 'POST /drive/files/{file_id}/share-links', revealKeys: ['token'],
})
export class DriveShareCreate {
  @FileId() file_id: number;
  @DateTime('Default never', true) expires_at?: string;
  @compose(IsOptional(), IsInt(), Min(1), Desc('Default unlimited')) max_downloads?: number;
}

@Tool({ name: 'drive_share_list', keywords: 'who has links shares of file', description: 'A file\'s share links and use; no URLs', access: 'read', scope: SHARE, route: 'GET /drive/files/{file_id}/share-links' })
export class DriveShareList {
  @FileId() file_id: number;
}

@Tool({ name: 'drive_share_revoke', keywords: 'stop public link revoke share', description: 'Revoke a share link', access: 'destructive', gate: 'destructive', scope: SHARE, route: 'DELETE /drive/share-links/{link_id}' })
export class DriveShareRevoke {
  @Id('Link') link_id: number;
}
