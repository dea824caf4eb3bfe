import { Tool } from '../../../core/plugin-api.js';
import { AtLeastOneOf, FolderOrRoot, ItemIds, PURGE, Space, WRITE } from './params.js';

/** Files and folders of one space: the API takes both lists, at least one id in total. */
class BulkItems {
  @Space() space: string;
  @ItemIds() @AtLeastOneOf(['file_ids', 'folder_ids'], 'give at least one id in file_ids or folder_ids') file_ids: number[];
  @ItemIds() folder_ids: number[];
}

@Tool({ name: 'drive_bulk_trash', description: 'Trash items of one space', access: 'destructive', gate: 'destructive', scope: WRITE, route: 'POST /drive/spaces/{space}/bulk:trash' })
export class DriveBulkTrash extends BulkItems {}

@Tool({ name: 'drive_bulk_restore', description: 'Restore trashed items of one space', access: 'write', scope: WRITE, route: 'POST /drive/spaces/{space}/bulk:restore' })
export class DriveBulkRestore extends BulkItems {}

@Tool({ name: 'drive_bulk_move', keywords: 'move many files folder', description: 'Move items of one space into a folder', access: 'write', scope: WRITE, route: 'POST /drive/spaces/{space}/bulk:move' })
export class DriveBulkMove extends BulkItems {
  @FolderOrRoot('null: root') target_folder_id: number | null;
}

@Tool({ name: 'drive_bulk_purge', description: 'Delete trashed items for good (others skipped)', access: 'destructive', gate: 'destructive', scope: PURGE, route: 'POST /drive/spaces/{space}/bulk:purge' })
export class DriveBulkPurge extends BulkItems {}
