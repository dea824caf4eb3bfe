import { Tool } from '../../../core/plugin-api.js';
import { FileId, FolderOrRoot, ItemName, PURGE, READ, WRITE } from './params.js';

@Tool({ name: 'drive_file_get', description: 'A file: size, type, status, scan, folder', access: 'read', scope: READ, route: 'GET /drive/files/{file_id}' })
export class DriveFileGet {
  @FileId() file_id: number;
}

@Tool({ name: 'drive_file_download_url', keywords: 'download link file url', description: 'A file\'s download URL (valid ~5 min)', access: 'read', scope: READ, route: 'GET /drive/files/{file_id}/download' })
export class DriveFileDownloadUrl {
  @FileId() file_id: number;
}

@Tool({ name: 'drive_file_rename', keywords: 'rename file', description: 'Rename a file', access: 'write', scope: WRITE, route: 'PATCH /drive/files/{file_id}' })
export class DriveFileRename {
  @FileId() file_id: number;
  @ItemName('Name') name: string;
}

@Tool({ name: 'drive_file_move', description: 'Move a file within its space', access: 'write', scope: WRITE, route: 'POST /drive/files/{file_id}:move' })
export class DriveFileMove {
  @FileId() file_id: number;
  @FolderOrRoot('null: root') folder_id: number | null;
}

@Tool({ name: 'drive_file_trash', keywords: 'trash file delete file', description: 'Trash a file; revokes its share links', access: 'destructive', gate: 'destructive', scope: WRITE, route: 'DELETE /drive/files/{file_id}' })
export class DriveFileTrash {
  @FileId() file_id: number;
}

@Tool({ name: 'drive_file_restore', keywords: 'restore deleted file undelete', description: 'Restore a trashed file (to root if folder is gone)', access: 'write', scope: WRITE, route: 'POST /drive/files/{file_id}:restore' })
export class DriveFileRestore {
  @FileId() file_id: number;
}

@Tool({ name: 'drive_file_purge', description: 'Delete a trashed file for good', access: 'destructive', gate: 'destructive', scope: PURGE, route: 'DELETE /drive/files/{file_id}:purge' })
export class DriveFilePurge {
  @FileId() file_id: number;
}
