import { IsString, MaxLength } from '../../../core/plugin-api.js';
import { compose, Desc, Tool } from '../../../core/plugin-api.js';
import { Id } from '../../../core/plugin-api.js';
import { sieveRecipients } from './sieve-targets.js';

/** The API's cap on a Sieve script, in characters. */
export const SIEVE_MAX_CHARS = 10_000;

@Tool({ name: 'get_sieve_script', keywords: 'sieve raw filter script', description: 'The Sieve script of a mailbox', access: 'read', scope: 'mailboxes:rules:read', route: 'GET /mailboxes/{mailbox_id}/sieve' })
export class GetSieveScript {
  @Id('Mailbox') mailbox_id: number;
}

// A redirect or a mailto: notify in the script sends mail out: TREKMAIL_SEND_ALLOW applies to its targets.
@Tool({ name: 'upload_sieve_script', keywords: 'sieve custom filter script upload', description: 'Replace the Sieve script of a mailbox (syntax is checked)', access: 'write', scope: 'mailboxes:rules:write', route: 'PUT /mailboxes/{mailbox_id}/sieve', checkRecipients: true })
export class UploadSieveScript {
  @Id('Mailbox') mailbox_id: number;
  @compose(IsString(), MaxLength(SIEVE_MAX_CHARS), Desc('Max 10000 chars; require each extension used')) script: string;

  recipients(this: UploadSieveScript): string[] {
    return typeof this.script === 'string' ? sieveRecipients(this.script) : [];
  }
}
