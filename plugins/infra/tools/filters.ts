import { Type } from '../../../core/plugin-api.js';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsIn, IsInt, IsString, MaxLength, Min, MinLength, ValidateBy, ValidateIf, ValidateNested } from '../../../core/plugin-api.js';
import { compose, Desc, Tool } from '../../../core/plugin-api.js';
import { Bool, Id, OneOf, Text } from '../../../core/plugin-api.js';
import { MailboxId } from './shared.js';

const RuleId = () => Id('Rule');

export const RULE_FIELDS = ['from', 'to', 'subject', 'body', 'header', 'size'] as const;
export const RULE_OPERATORS = ['is', 'contains', 'matches', 'over', 'under', 'exists'] as const;
export const RULE_ACTIONS = ['fileinto', 'redirect_copy', 'redirect', 'addflag', 'discard', 'reject'] as const;
/** Actions that need a value: a folder, an address or a flag (reject's reason is optional). */
const VALUED = new Set(['fileinto', 'redirect', 'redirect_copy', 'addflag']);
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export class RuleCondition {
  // Nested enums speak for themselves: no description, to save every agent's context.
  @IsIn(RULE_FIELDS as unknown as string[]) field: string;
  @IsIn(RULE_OPERATORS as unknown as string[]) operator: string;
  @ValidateIf((c: RuleCondition) => c.operator !== 'exists' || c.value !== undefined)
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  @Desc('Not for exists')
  value?: string;
  @ValidateIf((c: RuleCondition) => c.field === 'header' || c.header_name !== undefined)
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  @Desc('For header, e.g. List-Id')
  header_name?: string;
}

export class RuleAction {
  @IsIn(RULE_ACTIONS as unknown as string[]) type: string;
  @ValidateIf((a: RuleAction) => a.value !== undefined || VALUED.has(a.type))
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  @ValidateBy({ name: 'redirectEmail', validator: { validate: (v, args) => !String((args?.object as RuleAction).type).startsWith('redirect') || (typeof v === 'string' && EMAIL.test(v)), defaultMessage: () => '$property must be an email address for redirect' } })
  @Desc('Folder, address, flag or reject reason')
  value?: string;
}

/** What create and update share; PUT replaces the whole rule, so conditions and actions are required on both. */
export class RuleFields {
  @MailboxId() mailbox_id: number;
  @Text('Name', 255, true) name?: string;
  // Always sent (default all), as the official server sends it.
  @OneOf(['all', 'any'], 'Default all', true) match_type?: string = 'all';
  @compose(ValidateNested({ each: true }), Type(() => RuleCondition), ArrayMinSize(1), ArrayMaxSize(10), Desc('Conditions'))
  conditions: RuleCondition[];
  @compose(ValidateNested({ each: true }), Type(() => RuleAction), ArrayMinSize(1), ArrayMaxSize(5), Desc('Run in order'))
  actions: RuleAction[];
}

@Tool({ name: 'list_mail_rules', keywords: 'filters rules of mailbox', description: 'Mail rules (filters) of a mailbox, in run order', access: 'read', scope: 'mailboxes:rules:read', route: 'GET /mailboxes/{mailbox_id}/rules' })
export class ListMailRules {
  @MailboxId() mailbox_id: number;
}

@Tool({ name: 'get_mail_rule', keywords: 'filter rule details', description: 'One mail rule with conditions and actions', access: 'read', scope: 'mailboxes:rules:read', route: 'GET /mailboxes/{mailbox_id}/rules/{rule_id}' })
export class GetMailRule {
  @MailboxId() mailbox_id: number;
  @RuleId() rule_id: number;
}

// A rule that discards or rejects destroys future mail: the core gates those (destructive-if-discard). Redirect
// targets are recipients like any other path out of the account (TREKMAIL_SEND_ALLOW).
@Tool({
  name: 'create_mail_rule', keywords: 'filter rule sort automatically move to folder newsletters incoming', description: 'Add a rule that files, redirects, flags or drops incoming mail',
  access: 'write', gate: 'destructive-if-discard', scope: 'mailboxes:rules:write', route: 'POST /mailboxes/{mailbox_id}/rules', checkRecipients: true,
})
export class CreateMailRule extends RuleFields {
  @Bool('Skip later rules on match (default false)') stop?: boolean = false;
  @Bool('Default true') enabled?: boolean = true;
}

@Tool({
  name: 'update_mail_rule', keywords: 'change filter rule edit', description: 'Replace a mail rule, conditions and actions included',
  access: 'write', gate: 'destructive-if-discard', scope: 'mailboxes:rules:write', route: 'PUT /mailboxes/{mailbox_id}/rules/{rule_id}', checkRecipients: true,
})
export class UpdateMailRule extends RuleFields {
  @RuleId() rule_id: number;
  @Bool('Skip later rules on match') stop?: boolean;
  @Bool('Enabled') enabled?: boolean;
}

@Tool({ name: 'delete_mail_rule', keywords: 'remove filter rule', description: 'Delete a mail rule', access: 'destructive', gate: 'destructive', scope: 'mailboxes:rules:write', route: 'DELETE /mailboxes/{mailbox_id}/rules/{rule_id}' })
export class DeleteMailRule {
  @MailboxId() mailbox_id: number;
  @RuleId() rule_id: number;
}

@Tool({ name: 'reorder_mail_rules', keywords: 'order of filters rules priority', description: 'Set the run order of all rules of a mailbox', access: 'write', scope: 'mailboxes:rules:write', route: 'PATCH /mailboxes/{mailbox_id}/rules/reorder' })
export class ReorderMailRules {
  @MailboxId() mailbox_id: number;
  @compose(IsInt({ each: true }), Min(1, { each: true }), ArrayMinSize(1), ArrayUnique(), Desc('All rule ids, in the new order')) order: number[];
}
