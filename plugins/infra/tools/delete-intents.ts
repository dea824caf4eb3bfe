import { Tool } from '../../../core/plugin-api.js';
import { Id, PerPage } from '../../../core/plugin-api.js';
import { DomainId, MailboxId } from './shared.js';

@Tool({ name: 'create_delete_intent', keywords: 'delete mailbox remove user employee left', description: 'Step 1 of deleting a mailbox: an intent, valid 5 min', access: 'destructive', gate: 'destructive', scope: 'mailboxes:delete', route: 'POST /mailboxes/{mailbox_id}:delete-intent' })
export class CreateDeleteIntent {
  @MailboxId() mailbox_id: number;
}

@Tool({
  name: 'confirm_delete_intent', keywords: 'confirm deletion second step delete mailbox', description: "Step 2: trash the intent's mailbox (restorable)",
  access: 'destructive', gate: 'destructive', confirm: 'confirm', scope: 'mailboxes:delete', route: 'POST /delete-intents/{intent_id}:confirm', headers: { 'X-Confirm-Delete': 'true' },
})
export class ConfirmDeleteIntent {
  @Id('Intent') intent_id: number;
}

@Tool({ name: 'restore_mailbox', keywords: 'undelete recover deleted mailbox bring back', description: 'Restore a mailbox from the trash', access: 'destructive', gate: 'destructive', scope: 'mailboxes:delete', route: 'POST /mailboxes/{mailbox_id}:restore' })
export class RestoreMailbox {
  @MailboxId() mailbox_id: number;
}

@Tool({ name: 'list_trashed_mailboxes', keywords: 'deleted mailboxes recoverable trash', description: 'Trashed mailboxes and when each is purged', access: 'read', scope: 'mailboxes:read', route: 'GET /mailboxes', fixedQuery: { status: 'trashed' } })
export class ListTrashedMailboxes {
  @DomainId(true) domain_id?: number;
  @PerPage() per_page?: number;
}
