import { ArrayMaxSize, ArrayUnique, IsArray, IsEmail, ValidateBy, ValidateIf } from '../../../core/plugin-api.js';
import { Desc, SchemaExtra, Tool } from '../../../core/plugin-api.js';
import { Bool } from '../../../core/plugin-api.js';
import { MailboxId } from './shared.js';

@Tool({ name: 'get_forwarding', keywords: 'where is mail forwarded forwarding settings', description: 'Forwarding settings of a mailbox', access: 'read', scope: 'mailboxes:forwarding:read', route: 'GET /mailboxes/{mailbox_id}/forwarding' })
export class GetForwarding {
  @MailboxId() mailbox_id: number;
}

@Tool({ name: 'set_forwarding', keywords: 'forward all mail redirect to another address gmail personal', description: 'Turn forwarding of a mailbox on (with targets) or off', access: 'write', scope: 'mailboxes:forwarding:write', route: 'PUT /mailboxes/{mailbox_id}/forwarding', checkRecipients: true })
export class SetForwarding {
  @MailboxId() mailbox_id: number;
  @Bool('Enabled', false) enabled: boolean;
  // Checked when given, and required when turning forwarding on: the API refuses forwarding to nowhere.
  @ValidateIf((o: SetForwarding) => o.enabled === true || o.targets !== undefined)
  @IsArray()
  @IsEmail({}, { each: true })
  @ArrayMaxSize(30)
  @ArrayUnique()
  @ValidateBy({ name: 'neededToEnable', validator: { validate: (v, a) => (a?.object as SetForwarding).enabled !== true || (Array.isArray(v) && v.length > 0), defaultMessage: () => '$property needs at least one address when enabled is true' } })
  // The custom rule above has no schema converter: it would list a dangling $ref.
  @SchemaExtra({ $ref: undefined })
  @Desc('Needed to enable; Starter 5, Pro 15, Agency 30')
  targets?: string[];
  // Always sent: the API's own default is not documented, the official server sends true.
  @Bool('Default true') keep_copy?: boolean = true;
}
