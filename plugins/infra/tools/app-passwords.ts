import { Id, Text, Tool } from '../../../core/plugin-api.js';
import type { ToolContext, ToolOutcome } from '../../../core/plugin-api.js';
import { AuthMode, MailboxIds, SelectAll, SelectDomain, selectionProblem } from './mailbox-params.js';
import { MailboxId } from './shared.js';

/**
 * App passwords: what mail apps (IMAP, SMTP, CalDAV/CardDAV) sign in with instead of the mailbox password. Create
 * and rotate answer the secret once, in data.password; every call has its own idempotency key, so only a retry of
 * the same call can get the replayed answer, which comes back without it.
 */
const AppPasswordId = () => Id('App password');

@Tool({ name: 'list_mailbox_app_passwords', keywords: 'app passwords list', description: "A mailbox's app passwords and auth mode (no secrets)", access: 'read', scope: 'mailboxes:read', route: 'GET /mailboxes/{mailbox_id}/app-passwords' })
export class ListMailboxAppPasswords {
  @MailboxId() mailbox_id: number;
}

@Tool({
  name: 'create_mailbox_app_password', keywords: 'app password outlook phone mail app', description: 'App password for one mail app; shown once',
  access: 'write', gate: 'destructive', scope: 'mailboxes:write', route: 'POST /mailboxes/{mailbox_id}/app-passwords', revealKeys: ['password'], freshKey: true,
})
export class CreateMailboxAppPassword {
  @MailboxId() mailbox_id: number;
  @Text('e.g. iPhone', 64) name: string;
}

@Tool({
  name: 'rotate_mailbox_app_password', keywords: 'new app password secret', description: 'New secret for an app password; shown once',
  access: 'destructive', gate: 'destructive', scope: 'mailboxes:write', route: 'POST /mailboxes/{mailbox_id}/app-passwords/{app_password_id}:rotate', noBody: true, revealKeys: ['password'], freshKey: true,
})
export class RotateMailboxAppPassword {
  @MailboxId() mailbox_id: number;
  @AppPasswordId() app_password_id: number;
}

@Tool({ name: 'revoke_mailbox_app_password', keywords: 'revoke app password', description: 'Revoke an app password for good', access: 'destructive', gate: 'destructive', scope: 'mailboxes:write', route: 'DELETE /mailboxes/{mailbox_id}/app-passwords/{app_password_id}' })
export class RevokeMailboxAppPassword {
  @MailboxId() mailbox_id: number;
  @AppPasswordId() app_password_id: number;
}

@Tool({
  name: 'set_mailbox_client_auth_mode', keywords: 'only app passwords mail apps main password', description: 'Allow mail apps the mailbox password, or app passwords only',
  access: 'write', gate: 'destructive', scope: 'mailboxes:write', route: 'POST /mailboxes[/{mailbox_id}]:client-auth-mode', wire: { client_auth_mode: 'mode' },
})
export class SetMailboxClientAuthMode {
  @AuthMode('Tightening signs apps out') client_auth_mode: string;
  @Id('Mailbox', true) mailbox_id?: number;
  @MailboxIds() mailbox_ids?: number[];
  @SelectDomain() domain_id?: number;
  @SelectAll() all?: true;

  /** One mailbox goes to its own route, a selection to the bulk route: exactly one of the four. */
  async execute(this: SetMailboxClientAuthMode, ctx: ToolContext): Promise<ToolOutcome> {
    return selectionProblem(ctx.meta.name, this, ['mailbox_id', 'mailbox_ids', 'domain_id', 'all']) ?? ctx.call();
  }
}
