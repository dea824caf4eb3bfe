import { Tool } from '../../../core/tool.js';
import { OneOf, PerPage, Text } from '../../../core/params.js';
import { Cursor, FolderId, READ, Space } from './params.js';

@Tool({ name: 'drive_spaces_list', description: 'Drive spaces this token can reach (account, mailboxes), with usage.', access: 'read', scope: READ, route: 'GET /drive/spaces' })
export class DriveSpacesList {}

@Tool({ name: 'drive_storage_summary', description: 'Account Drive storage: quota, used, trash and free bytes, per space.', access: 'read', scope: READ, route: 'GET /drive/storage' })
export class DriveStorageSummary {}

@Tool({ name: 'drive_space_usage', description: 'Bytes, files and folders used by one Drive space, trash included.', access: 'read', scope: READ, route: 'GET /drive/spaces/{space}/usage' })
export class DriveSpaceUsage {
  @Space() space: string;
}

@Tool({
  name: 'drive_browse_folder', description: 'List folders and files in a Drive folder (default: the space root).',
  access: 'read', scope: READ, route: 'GET /drive/spaces/{space}/folders[/{folder_id}]',
})
export class DriveBrowseFolder {
  @Space() space: string;
  @FolderId(true) folder_id?: number;
  @Text('Sort key: name, size, created_at or updated_at', 20, true) sort?: string;
  @OneOf(['asc', 'desc'], 'Sort direction', true) dir?: string;
  @PerPage() per_page?: number;
  @Cursor() cursor?: string;
}

@Tool({ name: 'drive_folder_tree', description: 'The whole folder hierarchy of a Drive space (no files).', access: 'read', scope: READ, route: 'GET /drive/spaces/{space}/folder-tree' })
export class DriveFolderTree {
  @Space() space: string;
}

@Tool({
  name: 'drive_select_all_ids', description: 'All file and folder ids directly in a folder (default: root), for bulk actions.',
  access: 'read', scope: READ, route: 'GET /drive/spaces/{space}[/folders/{folder_id}]/all-ids',
})
export class DriveSelectAllIds {
  @Space() space: string;
  @FolderId(true) folder_id?: number;
}
