import { Tool } from '../../../core/plugin-api.js';
import { Int } from '../../../core/plugin-api.js';
import { Cursor, PURGE, READ, Space } from './params.js';

@Tool({ name: 'drive_trash_list', keywords: 'drive trash deleted files', description: 'A space\'s trash, newest first', access: 'read', scope: READ, route: 'GET /drive/spaces/{space}/trash' })
export class DriveTrashList {
  @Space() space: string;
  @Int('Default 50', 1, 200, true) per_page?: number;
  @Cursor() cursor?: string;
}

@Tool({ name: 'drive_trash_empty', keywords: 'empty drive trash', description: 'Empty a space\'s trash for good', access: 'destructive', gate: 'destructive', scope: PURGE, route: 'DELETE /drive/spaces/{space}/trash' })
export class DriveTrashEmpty {
  @Space() space: string;
}
