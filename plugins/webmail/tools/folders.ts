import { Tool } from '../../../core/plugin-api.js';
import { ExtId, Folder, FolderPath, Pick, READ, Str, WRITE } from './params.js';

@Tool({ name: 'list_folders', keywords: 'folders unread counts', description: 'Folders with paths and message/unread counts', access: 'read', scope: READ, route: 'GET /messages/folders' })
export class ListFolders {
  @ExtId() external_account_id?: number;
}

@Tool({ name: 'create_folder', keywords: 'new mail folder', description: 'Create a folder, optionally inside another one', access: 'write', scope: WRITE, route: 'POST /messages/folders' })
export class CreateFolder {
  @Str('Name (no "/")', 255) name: string;
  @Folder('Default: top level') parent?: string;
}

@Tool({ name: 'rename_folder', keywords: 'rename mail folder', description: 'Rename a folder (it stays under the same parent)', access: 'write', scope: WRITE, route: 'PATCH /messages/folders/{path}' })
export class RenameFolder {
  @FolderPath() path: string;
  @Str('New name (no "/")', 255) name: string;
}

@Tool({ name: 'delete_folder', keywords: 'remove mail folder', description: 'Delete a folder, its subfolders and messages', access: 'destructive', gate: 'destructive', scope: WRITE, route: 'DELETE /messages/folders/{path}' })
export class DeleteFolder {
  @FolderPath() path: string;
}

@Tool({ name: 'empty_folder', keywords: 'empty trash junk folder', description: 'Permanently delete every message in Trash or Junk', access: 'destructive', gate: 'destructive', scope: WRITE, route: 'POST /messages/folders:empty' })
export class EmptyFolder {
  @Pick(['Trash', 'Junk'], 'Folder') folder: string;
}
