import { IsString, MaxLength, MinLength, ValidateBy, ValidateIf } from '../../../core/plugin-api.js';
import { compose, Desc, Tool } from '../../../core/plugin-api.js';
import { Bool, DateOnly } from '../../../core/plugin-api.js';
import { MailboxId } from './shared.js';

/** Checked when given, and required when turning the auto-reply on (the API refuses an empty reply). */
const NeededToEnable = (max: number, desc: string) =>
  compose(ValidateIf((o: SetAutoReply, v: unknown) => o.enabled === true || v !== undefined), IsString(), MinLength(1), MaxLength(max), Desc(desc));

@Tool({ name: 'get_auto_reply', keywords: 'out of office vacation responder away message status', description: 'Auto-reply (vacation) settings of a mailbox', access: 'read', scope: 'mailboxes:auto-reply:read', route: 'GET /mailboxes/{mailbox_id}/auto-reply' })
export class GetAutoReply {
  @MailboxId() mailbox_id: number;
}

@Tool({ name: 'set_auto_reply', keywords: 'out of office vacation responder away message holiday', description: 'Turn a mailbox auto-reply (vacation) on or off', access: 'write', scope: 'mailboxes:auto-reply:write', route: 'PUT /mailboxes/{mailbox_id}/auto-reply' })
export class SetAutoReply {
  @MailboxId() mailbox_id: number;
  @Bool('Enabled', false) enabled: boolean;
  @NeededToEnable(500, 'Needed to enable') subject?: string;
  @NeededToEnable(5000, 'Reply text, needed to enable') body?: string;
  @DateOnly('First day (default today)') start_date?: string;
  @DateOnly('Last day (default none)')
  @ValidateBy({ name: 'notBeforeStart', validator: { validate: (v, a) => !(a?.object as SetAutoReply).start_date || String(v) >= (a?.object as SetAutoReply).start_date!, defaultMessage: () => '$property must not be before start_date' } })
  end_date?: string;
  // Always sent (default true), as the official server sends it.
  @Bool('Skip lists and automated mail (default true)') skip_lists?: boolean = true;
}
