import { Tool } from '../../../core/plugin-api.js';
import { Int } from '../../../core/plugin-api.js';
import { Cursor, PURGE, READ, Space } from './params.js';

@Tool({ name: 'drive_trash_list', description: 'List what is in the trash of a Drive space, newest first; page on with next_cursor.', access: 'read', scope: READ, route: 'GET /drive/spaces/{space}/trash' })
export class DriveTrashList {
  @Space() space: string;
  @Int('Page size (default 50)', 1, 200, true) per_page?: number;
  @Cursor() cursor?: string;
}

@Tool({ name: 'drive_trash_empty', description: 'Delete everything in the trash of a Drive space for good; cannot be undone.', access: 'destructive', gate: 'destructive', scope: PURGE, route: 'DELETE /drive/spaces/{space}/trash' })
export class DriveTrashEmpty {
  @Space() space: string;
}
