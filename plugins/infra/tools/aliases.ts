import { Desc, Tool } from '../../../core/plugin-api.js';
import { Bool, Id } from '../../../core/plugin-api.js';
import { AliasLocalPart, DomainId, MailboxId } from './shared.js';

@Tool({ name: 'list_aliases', keywords: 'aliases other addresses of mailbox', description: 'Alias addresses of a mailbox', access: 'read', scope: 'mailboxes:read', route: 'GET /mailboxes/{mailbox_id}/aliases' })
export class ListAliases {
  @MailboxId() mailbox_id: number;
}

@Tool({ name: 'create_alias', keywords: 'alias extra address another address additional email address', description: 'Add an alias address to a mailbox', access: 'write', scope: 'mailboxes:write', route: 'POST /mailboxes/{mailbox_id}/aliases' })
export class CreateAlias {
  @MailboxId() mailbox_id: number;
  @Desc('Part before the @') @AliasLocalPart() local_part: string;
  @DomainId() domain_id: number;
  // Both flags are always sent, with the official server's defaults.
  @Bool('Default true') can_receive?: boolean = true;
  @Bool('Send as it (default false)') can_send?: boolean = false;
}

@Tool({ name: 'update_alias', keywords: 'alias send receive mail permission disable alias', description: 'Change what an alias may do, or switch it off', access: 'write', scope: 'mailboxes:write', route: 'PATCH /mailboxes/{mailbox_id}/aliases/{alias_id}' })
export class UpdateAlias {
  @MailboxId() mailbox_id: number;
  @Id('Alias') alias_id: number;
  @Bool('Can receive') can_receive?: boolean;
  @Bool('Send as it') can_send?: boolean;
  @Bool('Active') is_active?: boolean;
}

@Tool({ name: 'delete_alias', keywords: 'remove alias address', description: 'Delete an alias address', access: 'destructive', gate: 'destructive', scope: 'mailboxes:write', route: 'DELETE /mailboxes/{mailbox_id}/aliases/{alias_id}' })
export class DeleteAlias {
  @MailboxId() mailbox_id: number;
  @Id('Alias') alias_id: number;
}
