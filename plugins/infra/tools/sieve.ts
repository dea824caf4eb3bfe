import { IsString, MaxLength, ValidateBy } from '../../../core/validators.js';
import { compose, Desc, Tool } from '../../../core/tool.js';
import { Id } from '../../../core/params.js';

/** The API's cap on a Sieve script, in bytes of UTF-8. */
export const SIEVE_MAX_BYTES = 64 * 1024;

@Tool({ name: 'get_sieve_script', description: 'The custom Sieve filter script of a mailbox.', access: 'read', scope: 'mailboxes:rules:read', route: 'GET /mailboxes/{mailbox_id}/sieve' })
export class GetSieveScript {
  @Id('Mailbox') mailbox_id: number;
}

@Tool({ name: 'upload_sieve_script', description: 'Replace the Sieve filter script of a mailbox (RFC 5228); the API checks its syntax.', access: 'write', scope: 'mailboxes:rules:write', route: 'PUT /mailboxes/{mailbox_id}/sieve' })
export class UploadSieveScript {
  @Id('Mailbox') mailbox_id: number;
  @compose(
    IsString(), MaxLength(SIEVE_MAX_BYTES),
    ValidateBy({ name: 'maxBytes', validator: { validate: (v) => typeof v === 'string' && Buffer.byteLength(v, 'utf8') <= SIEVE_MAX_BYTES, defaultMessage: () => 'must be at most 64 KiB (65536 bytes of UTF-8)' } }),
    Desc('Sieve source, max 64 KiB'),
  )
  script: string;
}
