import { Tool } from '../../../core/plugin-api.js';
import { Bool } from '../../../core/plugin-api.js';
import { AtLeastOneOf, Color, FolderId, FolderOrRoot, ItemName, OptionalFolder, PURGE, Space, WRITE } from './params.js';

const Name = (optional = false) => ItemName('Folder name, 1-255 chars', optional);

@Tool({ name: 'drive_folder_create', description: 'Create a folder in a Drive space, at the root or inside parent_id.', access: 'write', scope: WRITE, route: 'POST /drive/spaces/{space}/folders' })
export class DriveFolderCreate {
  @Space() space: string;
  @Name() name: string;
  @OptionalFolder('Parent folder id; null (default): root') parent_id?: number | null = null;
  @Color('Hex #RRGGBB (default slate gray)') color?: string;
  @Bool('Visible to every mailbox of the account (top-level folders only)') is_shared?: boolean;
}

@Tool({ name: 'drive_folder_update', description: 'Rename a Drive folder or change its color.', access: 'write', scope: WRITE, route: 'PATCH /drive/folders/{folder_id}' })
export class DriveFolderUpdate {
  @FolderId() @AtLeastOneOf(['name', 'color'], 'nothing to change: give name, color or both') folder_id: number;
  @Name(true) name?: string;
  @Color('Hex #RRGGBB; null: the default color', true) color?: string | null;
}

@Tool({ name: 'drive_folder_move', description: 'Move a Drive folder and its contents under another folder.', access: 'write', scope: WRITE, route: 'POST /drive/folders/{folder_id}:move' })
export class DriveFolderMove {
  @FolderId() folder_id: number;
  @FolderOrRoot('New parent id; null: root') parent_id: number | null;
}

@Tool({ name: 'drive_folder_trash', description: 'Move a Drive folder and everything in it to the trash; share links inside are revoked.', access: 'destructive', gate: 'destructive', scope: WRITE, route: 'DELETE /drive/folders/{folder_id}' })
export class DriveFolderTrash {
  @FolderId() folder_id: number;
}

@Tool({ name: 'drive_folder_restore', description: 'Bring a Drive folder back from the trash with what was trashed along with it.', access: 'write', scope: WRITE, route: 'POST /drive/folders/{folder_id}:restore' })
export class DriveFolderRestore {
  @FolderId() folder_id: number;
}

@Tool({ name: 'drive_folder_purge', description: 'Delete a trashed Drive folder and all its contents for good; cannot be undone.', access: 'destructive', gate: 'destructive', scope: PURGE, route: 'DELETE /drive/folders/{folder_id}:purge' })
export class DriveFolderPurge {
  @FolderId() folder_id: number;
}

@Tool({
  name: 'drive_folder_share_with_account', description: 'Share a top-level folder with every mailbox of the account (a mailbox-drive folder moves to the account drive).',
  access: 'write', scope: WRITE, route: 'POST /drive/folders/{folder_id}:share-with-account',
})
export class DriveFolderShareWithAccount {
  @FolderId() folder_id: number;
}

@Tool({ name: 'drive_folder_stop_sharing', description: 'Stop sharing a folder with the account; it stays in the account drive.', access: 'write', scope: WRITE, route: 'POST /drive/folders/{folder_id}:stop-sharing' })
export class DriveFolderStopSharing {
  @FolderId() folder_id: number;
}
