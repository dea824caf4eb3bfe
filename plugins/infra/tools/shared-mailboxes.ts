import { Bool, Id, IntList, Text, Tool } from '../../../core/plugin-api.js';
import { localFailure, recipientAllowed, Secret, type ApiResult, type ToolContext, type ToolOutcome } from '../../../core/plugin-api.js';
import { LocalPart, StorageMb } from './mailbox-params.js';
import { DomainId, MailboxId, NewPassword } from './shared.js';

/**
 * Shared (team) mailboxes: no login of their own; member mailboxes read them, and send as them when allowed. A member
 * who may send is a new path out of the account, so with TREKMAIL_SEND_ALLOW set each such member's address is looked
 * up and checked before anything is changed.
 */
const SharedId = () => Id('Shared mailbox');
const MemberIds = () => IntList('Member mailbox ids', 1, 1000);

/** The address of a mailbox, or the failure of looking it up. */
async function addressOf(ctx: ToolContext, mailboxId: number): Promise<string | ApiResult> {
  const res = await ctx.request({ method: 'GET', path: `/mailboxes/${encodeURIComponent(mailboxId)}` });
  if (!res.ok) return res;
  const d = res.data as { mailbox?: { email?: unknown }; data?: { email?: unknown }; email?: unknown };
  const email = d?.mailbox?.email ?? d?.data?.email ?? d?.email;
  return typeof email === 'string' ? email : localFailure('lookup_failed', `Could not read the address of mailbox ${mailboxId}; nothing was changed.`);
}

/** TREKMAIL_SEND_ALLOW over the addresses of the mailboxes that will be able to send; undefined when all pass. */
async function sendersRefused(ctx: ToolContext, mailboxIds: number[], known: Record<number, string> = {}): Promise<ToolOutcome | undefined> {
  const allow = ctx.config.sendAllow;
  if (!allow) return undefined;
  const refused: string[] = [];
  for (const id of [...new Set(mailboxIds)]) {
    const email = known[id] ?? (await addressOf(ctx, id));
    if (typeof email !== 'string') return email;
    if (!recipientAllowed(email, allow)) refused.push(email);
  }
  if (!refused.length) return undefined;
  return localFailure('recipient_not_allowed', `Sender not allowed by TREKMAIL_SEND_ALLOW: ${refused.join(', ')}. No request was sent.`, 'Ask the user to add them to TREKMAIL_SEND_ALLOW, or give them read access only (can_send: false).');
}

@Tool({ name: 'list_shared_mailbox_members', keywords: 'who can access shared mailbox members', description: 'Members of a shared mailbox, with send rights', access: 'read', scope: 'mailboxes:read', route: 'GET /mailboxes/{mailbox_id}/members' })
export class ListSharedMailboxMembers {
  @SharedId() mailbox_id: number;
}

@Tool({ name: 'add_shared_mailbox_member', keywords: 'give access shared mailbox member team inbox', description: 'Give a mailbox access to a shared mailbox', access: 'write', gate: 'destructive', scope: 'mailboxes:write', route: 'POST /mailboxes/{mailbox_id}/members' })
export class AddSharedMailboxMember {
  @SharedId() mailbox_id: number;
  @Id('Member mailbox') member_mailbox_id: number;
  @Bool('Send as it (default true)') can_send?: boolean;

  async execute(this: AddSharedMailboxMember, ctx: ToolContext): Promise<ToolOutcome> {
    return (this.can_send === false ? undefined : await sendersRefused(ctx, [this.member_mailbox_id])) ?? ctx.call();
  }
}

@Tool({ name: 'update_shared_mailbox_member', keywords: 'send as right shared mailbox member', description: "Change a member's send right or label", access: 'write', gate: 'destructive', scope: 'mailboxes:write', route: 'PATCH /mailboxes/{mailbox_id}/members/{member_id}' })
export class UpdateSharedMailboxMember {
  @SharedId() mailbox_id: number;
  @Id('Membership') member_id: number;
  @Bool('Send as it', false) can_send: boolean;
  @Text('Their name for it; "" clears', 120, true) custom_label?: string;

  async execute(this: UpdateSharedMailboxMember, ctx: ToolContext): Promise<ToolOutcome> {
    if (this.can_send && ctx.config.sendAllow) {
      const res = await ctx.request({ method: 'GET', path: `/mailboxes/${encodeURIComponent(this.mailbox_id)}/members` });
      if (!res.ok) return res;
      const rows = ((res.data as { data?: unknown })?.data ?? []) as { id?: number; member_mailbox_id?: number; email?: string }[];
      const row = Array.isArray(rows) ? rows.find((r) => r.id === this.member_id) : undefined;
      if (!row?.member_mailbox_id) return localFailure('not_found', `Membership ${this.member_id} is not a member of shared mailbox ${this.mailbox_id}; nothing was changed.`, 'Use the id from list_shared_mailbox_members.');
      const refused = await sendersRefused(ctx, [row.member_mailbox_id], row.email ? { [row.member_mailbox_id]: row.email } : {});
      if (refused) return refused;
    }
    return ctx.call();
  }
}

@Tool({ name: 'remove_shared_mailbox_member', keywords: 'remove access shared mailbox', description: 'Remove a member (not the last) from a shared mailbox', access: 'destructive', gate: 'destructive', scope: 'mailboxes:write', route: 'DELETE /mailboxes/{mailbox_id}/members/{member_id}' })
export class RemoveSharedMailboxMember {
  @SharedId() mailbox_id: number;
  @Id('Membership') member_id: number;
}

@Tool({ name: 'create_shared_mailbox', keywords: 'shared inbox team mailbox support team', description: 'Create a shared mailbox for a team', access: 'write', gate: 'destructive', scope: 'mailboxes:create', route: 'POST /shared-mailboxes' })
export class CreateSharedMailbox {
  @DomainId() domain_id: number;
  @LocalPart() local_part: string;
  @Text('Display name', 255) display_name: string;
  @MemberIds() member_mailbox_ids: number[];
  @Bool('Account pool (default true)') storage_shared?: boolean;
  @StorageMb('Own MB if storage_shared false') storage_mb?: number;

  async execute(this: CreateSharedMailbox, ctx: ToolContext): Promise<ToolOutcome> {
    if (this.storage_shared === false && this.storage_mb === undefined) {
      return localFailure('invalid_arguments', 'Invalid arguments for create_shared_mailbox:\n- storage_mb: required when storage_shared is false');
    }
    return (await sendersRefused(ctx, this.member_mailbox_ids)) ?? ctx.call();
  }
}

@Tool({ name: 'convert_mailbox_to_shared', keywords: 'make shared mailbox convert team inbox', description: 'Make a mailbox shared (its own login ends)', access: 'destructive', gate: 'destructive', scope: 'mailboxes:write', route: 'POST /mailboxes/{mailbox_id}/convert-to-shared' })
export class ConvertMailboxToShared {
  @MailboxId() mailbox_id: number;
  @MemberIds() member_mailbox_ids: number[];

  async execute(this: ConvertMailboxToShared, ctx: ToolContext): Promise<ToolOutcome> {
    return (await sendersRefused(ctx, this.member_mailbox_ids)) ?? ctx.call();
  }
}

@Tool({ name: 'convert_shared_mailbox_to_regular', keywords: 'shared to normal mailbox', description: 'Make a shared mailbox regular; members lose it', access: 'destructive', gate: 'destructive', scope: 'mailboxes:write', route: 'POST /mailboxes/{mailbox_id}/convert-to-regular' })
export class ConvertSharedMailboxToRegular {
  @SharedId() mailbox_id: number;
  @Secret() @NewPassword('Upper, lower, digit') password: string;
}
