import { Bool, Text, Tool } from '../../../core/plugin-api.js';
import type { ToolContext, ToolOutcome } from '../../../core/plugin-api.js';
import { MailboxIds, SelectAll, SelectDomain, selectionProblem } from './mailbox-params.js';
import { MailboxId } from './shared.js';

/** Sign-in suspension: mail keeps arriving, but nobody signs in, and the mailbox's app passwords are revoked. */
@Tool({ name: 'suspend_mailbox_login', keywords: 'block login lock out nobody can sign in away leave', description: 'Block sign-in, keep delivery; revokes app passwords', access: 'destructive', gate: 'destructive', scope: 'mailboxes:write', route: 'POST /mailboxes/{mailbox_id}:suspend-login' })
export class SuspendMailboxLogin {
  @MailboxId() mailbox_id: number;
  @Text('For the account holder', 255, true) reason?: string;
}

@Tool({ name: 'resume_mailbox_login', keywords: 'allow sign in again unlock login', description: 'Allow sign-in again (app passwords stay revoked)', access: 'write', gate: 'destructive', scope: 'mailboxes:write', route: 'POST /mailboxes/{mailbox_id}:resume-login', noBody: true })
export class ResumeMailboxLogin {
  @MailboxId() mailbox_id: number;
}

@Tool({ name: 'set_mailboxes_login_access', keywords: 'lock all mailboxes domain sign-in everyone', description: 'Suspend or restore sign-in of ids, a domain or all', access: 'destructive', gate: 'destructive', scope: 'mailboxes:write', route: 'POST /mailboxes:login-access' })
export class SetMailboxesLoginAccess {
  @Bool('false restores', false) login_suspended: boolean;
  @Text('Ignored when restoring', 255, true) reason?: string;
  @MailboxIds() mailbox_ids?: number[];
  @SelectDomain() domain_id?: number;
  @SelectAll() all?: true;

  async execute(this: SetMailboxesLoginAccess, ctx: ToolContext): Promise<ToolOutcome> {
    return selectionProblem(ctx.meta.name, this, ['mailbox_ids', 'domain_id', 'all']) ?? ctx.call();
  }
}
