import { Tool } from '../../../core/plugin-api.js';
import { Int, OneOf } from '../../../core/plugin-api.js';
import { Cursor, FolderId, READ, Space } from './params.js';

@Tool({ name: 'drive_spaces_list', description: 'Spaces this token reaches, with usage', access: 'read', scope: READ, route: 'GET /drive/spaces' })
export class DriveSpacesList {}

@Tool({ name: 'drive_storage_summary', keywords: 'drive storage used space', description: 'Pool use, limit and add-on, per space', access: 'read', scope: READ, route: 'GET /drive/storage' })
export class DriveStorageSummary {}

@Tool({ name: 'drive_space_usage', description: 'Usage of one space, trash included', access: 'read', scope: READ, route: 'GET /drive/spaces/{space}/usage' })
export class DriveSpaceUsage {
  @Space() space: string;
}

@Tool({
  name: 'drive_browse_folder', keywords: 'drive files list folder contents whats in my drive', description: 'List a folder (default root)',
  access: 'read', scope: READ, route: 'GET /drive/spaces/{space}/folders[/{folder_id}]',
})
export class DriveBrowseFolder {
  @Space() space: string;
  @FolderId(true) folder_id?: number;
  @OneOf(['name', 'size', 'date'], 'Default name', true) sort?: string;
  @OneOf(['asc', 'desc'], 'Dir', true) dir?: string;
  @Int('Default 50', 1, 200, true) per_page?: number;
  @Cursor() cursor?: string;
}

@Tool({ name: 'drive_folder_tree', keywords: 'folder structure tree all folders', description: 'All folders of a space as a flat list', access: 'read', scope: READ, route: 'GET /drive/spaces/{space}/folder-tree' })
export class DriveFolderTree {
  @Space() space: string;
}

@Tool({
  name: 'drive_select_all_ids', description: 'Ids in a folder (max 5000) for bulk actions',
  access: 'read', scope: READ, route: 'GET /drive/spaces/{space}[/folders/{folder_id}]/all-ids',
})
export class DriveSelectAllIds {
  @Space() space: string;
  @FolderId(true) folder_id?: number;
}
