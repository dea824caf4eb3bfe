import { ArrayMinSize, IsIn, IsInt, IsOptional, Max, Min } from '../../../core/plugin-api.js';
import { compose, Desc, SchemaExtra, Tool } from '../../../core/plugin-api.js';
import { Id, Text } from '../../../core/plugin-api.js';

/** What a sync-device password may do: Drive file access only (the API intersects it with the plan). */
export const DEVICE_SCOPES = [
  'drive:account:read', 'drive:account:write', 'drive:account:share', 'drive:account:purge',
  'drive:mailbox:read', 'drive:mailbox:write', 'drive:mailbox:share', 'drive:mailbox:purge',
];
const READ = 'drive:devices:read';
const WRITE = 'drive:devices:write';

/** Optional but always sent: the class initializer sends null, which the API reads as "none". */
const NullableInt = (desc: string, max?: number) =>
  compose(IsOptional(), IsInt(), Min(1), ...(max ? [Max(max)] : []), SchemaExtra({ type: ['integer', 'null'] }), Desc(desc));
const ExpiresInDays = (desc: string) => NullableInt(desc, 3650);

@Tool({ name: 'drive_device_list', keywords: 'sync devices webdav', description: 'Sync-device (WebDAV) logins; no passwords', access: 'read', scope: READ, route: 'GET /drive/devices' })
export class DriveDeviceList {}

// Minting a password that works outside MCP (rclone, DAVx5) until revoked: gated like revoke, as the official does.
@Tool({
  name: 'drive_device_create', keywords: 'webdav sync app password desktop', description: 'Create a sync-client WebDAV password; shown once',
  access: 'write', gate: 'destructive', scope: WRITE, route: 'POST /drive/devices', revealKeys: ['password'], freshKey: true,
})
export class DriveDeviceCreate {
  @Text('e.g. NAS backup', 64) label: string;
  @compose(IsIn(DEVICE_SCOPES, { each: true }), ArrayMinSize(1), SchemaExtra({ items: { type: 'string', enum: DEVICE_SCOPES } }), Desc('mailbox:* need mailbox_id'))
  scopes: string[];
  @NullableInt('null: account-wide') mailbox_id?: number | null = null;
  @ExpiresInDays('null: never') expires_in_days?: number | null = null;
}

@Tool({ name: 'drive_device_revoke', keywords: 'stolen laptop cut off sync device', description: 'Revoke a sync-device password at once', access: 'destructive', gate: 'destructive', scope: WRITE, route: 'DELETE /drive/devices/{device_id}' })
export class DriveDeviceRevoke {
  @Id('Device') device_id: number;
}

@Tool({
  name: 'drive_device_rotate', description: 'Rotate a sync-device password; new one shown once',
  access: 'write', gate: 'destructive', scope: WRITE, route: 'POST /drive/devices/{device_id}:rotate', revealKeys: ['password'], freshKey: true,
})
export class DriveDeviceRotate {
  @Id('Device') device_id: number;
  @ExpiresInDays('null: same window') expires_in_days?: number | null = null;
}
