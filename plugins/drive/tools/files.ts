import { Tool } from '../../../core/plugin-api.js';
import { FileId, FolderOrRoot, ItemName, PURGE, READ, WRITE } from './params.js';

@Tool({ name: 'drive_file_get', description: 'One Drive file: name, size, type, status, scan status, folder, dates, active share link.', access: 'read', scope: READ, route: 'GET /drive/files/{file_id}' })
export class DriveFileGet {
  @FileId() file_id: number;
}

@Tool({ name: 'drive_file_download_url', description: 'A short-lived (about 5 min) download URL for a Drive file; the bytes do not pass through MCP.', access: 'read', scope: READ, route: 'GET /drive/files/{file_id}/download' })
export class DriveFileDownloadUrl {
  @FileId() file_id: number;
}

@Tool({ name: 'drive_file_rename', description: 'Rename a Drive file.', access: 'write', scope: WRITE, route: 'PATCH /drive/files/{file_id}' })
export class DriveFileRename {
  @FileId() file_id: number;
  @ItemName('New name, 1-255 chars') name: string;
}

@Tool({ name: 'drive_file_move', description: 'Move a Drive file to another folder of its space.', access: 'write', scope: WRITE, route: 'POST /drive/files/{file_id}:move' })
export class DriveFileMove {
  @FileId() file_id: number;
  @FolderOrRoot('Target folder id; null: root') folder_id: number | null;
}

@Tool({ name: 'drive_file_trash', description: 'Move a Drive file to the trash (restorable until purged); its active share links are revoked.', access: 'destructive', gate: 'destructive', scope: WRITE, route: 'DELETE /drive/files/{file_id}' })
export class DriveFileTrash {
  @FileId() file_id: number;
}

@Tool({ name: 'drive_file_restore', description: 'Bring a Drive file back from the trash (to the root if its folder is gone).', access: 'write', scope: WRITE, route: 'POST /drive/files/{file_id}:restore' })
export class DriveFileRestore {
  @FileId() file_id: number;
}

@Tool({ name: 'drive_file_purge', description: 'Delete a trashed Drive file for good, freeing its storage; cannot be undone.', access: 'destructive', gate: 'destructive', scope: PURGE, route: 'DELETE /drive/files/{file_id}:purge' })
export class DriveFilePurge {
  @FileId() file_id: number;
}
