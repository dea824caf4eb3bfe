import { Tool } from '../../../core/plugin-api.js';
import { Bool } from '../../../core/plugin-api.js';
import { AtLeastOneOf, Color, FolderId, FolderOrRoot, ItemName, OptionalFolder, PURGE, Space, WRITE } from './params.js';

const Name = (optional = false) => ItemName('Name', optional);

@Tool({ name: 'drive_folder_create', keywords: 'new drive folder', description: 'Create a folder in a space', access: 'write', scope: WRITE, route: 'POST /drive/spaces/{space}/folders' })
export class DriveFolderCreate {
  @Space() space: string;
  @Name() name: string;
  @OptionalFolder('Default: root') parent_id?: number | null = null;
  @Color('#RRGGBB') color?: string;
  @Bool('Share with all mailboxes (top level only)') is_shared?: boolean;
}

@Tool({ name: 'drive_folder_update', keywords: 'folder color rename', description: 'Rename a folder or change its color', access: 'write', scope: WRITE, route: 'PATCH /drive/folders/{folder_id}' })
export class DriveFolderUpdate {
  @FolderId() @AtLeastOneOf(['name', 'color'], 'nothing to change: give name, color or both') folder_id: number;
  @Name(true) name?: string;
  @Color('#RRGGBB; null: default', true) color?: string | null;
}

@Tool({ name: 'drive_folder_move', description: 'Move a folder with its contents', access: 'write', scope: WRITE, route: 'POST /drive/folders/{folder_id}:move' })
export class DriveFolderMove {
  @FolderId() folder_id: number;
  @FolderOrRoot('null: root') parent_id: number | null;
}

@Tool({ name: 'drive_folder_trash', description: 'Trash a folder and contents; revokes links', access: 'destructive', gate: 'destructive', scope: WRITE, route: 'DELETE /drive/folders/{folder_id}' })
export class DriveFolderTrash {
  @FolderId() folder_id: number;
}

@Tool({ name: 'drive_folder_restore', description: 'Restore a trashed folder with its contents', access: 'write', scope: WRITE, route: 'POST /drive/folders/{folder_id}:restore' })
export class DriveFolderRestore {
  @FolderId() folder_id: number;
}

@Tool({ name: 'drive_folder_purge', description: 'Purge a trashed folder and its contents', access: 'destructive', gate: 'destructive', scope: PURGE, route: 'DELETE /drive/folders/{folder_id}:purge' })
export class DriveFolderPurge {
  @FolderId() folder_id: number;
}

@Tool({
  name: 'drive_folder_share_with_account', keywords: 'share folder everyone company all mailboxes', description: 'Share a top folder with all mailboxes (moves to account drive)',
  access: 'write', scope: WRITE, route: 'POST /drive/folders/{folder_id}:share-with-account',
})
export class DriveFolderShareWithAccount {
  @FolderId() folder_id: number;
}

@Tool({ name: 'drive_folder_stop_sharing', description: 'Unshare a folder (stays in the account drive)', access: 'write', scope: WRITE, route: 'POST /drive/folders/{folder_id}:stop-sharing' })
export class DriveFolderStopSharing {
  @FolderId() folder_id: number;
}
