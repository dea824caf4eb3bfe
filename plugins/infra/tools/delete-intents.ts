import { Tool } from '../../../core/plugin-api.js';
import { Id } from '../../../core/plugin-api.js';
import { MailboxId } from './shared.js';

@Tool({ name: 'create_delete_intent', description: 'Step 1 of deleting a mailbox: get an intent id, valid a few minutes, for confirm_delete_intent.', access: 'destructive', gate: 'destructive', scope: 'mailboxes:delete', route: 'POST /mailboxes/{mailbox_id}:delete-intent' })
export class CreateDeleteIntent {
  @MailboxId() mailbox_id: number;
}

@Tool({
  name: 'confirm_delete_intent', description: 'Step 2: delete the mailbox of an intent from create_delete_intent, with its mail.',
  access: 'destructive', gate: 'destructive', confirm: 'confirm', scope: 'mailboxes:delete', route: 'POST /delete-intents/{intent_id}:confirm', headers: { 'X-Confirm-Delete': 'true' },
})
export class ConfirmDeleteIntent {
  @Id('Delete intent') intent_id: number;
}
