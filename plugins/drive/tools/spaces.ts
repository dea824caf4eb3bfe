import { Tool } from '../../../core/plugin-api.js';
import { Int, OneOf } from '../../../core/plugin-api.js';
import { Cursor, FolderId, READ, Space } from './params.js';

@Tool({ name: 'drive_spaces_list', description: 'Drive spaces this token can reach (account drive, mailbox drives), with usage.', access: 'read', scope: READ, route: 'GET /drive/spaces' })
export class DriveSpacesList {}

@Tool({ name: 'drive_storage_summary', description: 'Account Drive pool: used, limit and free bytes, add-on state, per space.', access: 'read', scope: READ, route: 'GET /drive/storage' })
export class DriveStorageSummary {}

@Tool({ name: 'drive_space_usage', description: 'Bytes, files and folders used by one Drive space, trash included.', access: 'read', scope: READ, route: 'GET /drive/spaces/{space}/usage' })
export class DriveSpaceUsage {
  @Space() space: string;
}

@Tool({
  name: 'drive_browse_folder', description: 'List folders and files in a Drive folder (default: the space root); page on with next_cursor.',
  access: 'read', scope: READ, route: 'GET /drive/spaces/{space}/folders[/{folder_id}]',
})
export class DriveBrowseFolder {
  @Space() space: string;
  @FolderId(true) folder_id?: number;
  @OneOf(['name', 'size', 'date'], 'Sort key (default name)', true) sort?: string;
  @OneOf(['asc', 'desc'], 'Sort direction', true) dir?: string;
  @Int('Page size (default 50)', 1, 200, true) per_page?: number;
  @Cursor() cursor?: string;
}

@Tool({ name: 'drive_folder_tree', description: 'Every folder of a Drive space as a flat list (id, name, parent_id); no files.', access: 'read', scope: READ, route: 'GET /drive/spaces/{space}/folder-tree' })
export class DriveFolderTree {
  @Space() space: string;
}

@Tool({
  name: 'drive_select_all_ids', description: 'All file and folder ids directly in a folder (default: root; at most 5000), for bulk actions.',
  access: 'read', scope: READ, route: 'GET /drive/spaces/{space}[/folders/{folder_id}]/all-ids',
})
export class DriveSelectAllIds {
  @Space() space: string;
  @FolderId(true) folder_id?: number;
}
