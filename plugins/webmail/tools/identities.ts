import type { ToolContext, ToolOutcome } from '../../../core/plugin-api.js';
import { compose, Desc, SchemaExtra, Tool } from '../../../core/plugin-api.js';
import { Bool, Email, Id } from '../../../core/plugin-api.js';
import { ValidateBy, ValidateIf } from '../../../core/plugin-api.js';
import { ExtId, Pick, READ, SharedId, Str, WRITE } from './params.js';

const IdentityId = () => Id('Identity');
const Name = () => Str('Display name', 255, true);
const ReplyTo = () => Email('Reply-To', true);
const Signature = () => Str('Signature, HTML', 10_000, true);
const SignatureOn = () => Bool('Signature enabled');
const SmtpMode = () => Pick(['domain', 'profile'], 'SMTP mode', true);

/** An id the API needs when another field says so (kind send_as, smtp_mode profile); optional otherwise. */
const NeededWhen = (when: (o: Record<string, unknown>) => boolean, rule: string, desc: string, nullable = false) =>
  compose(
    ValidateIf((o: Record<string, unknown>, v) => when(o) || (v !== undefined && !(nullable && v === null))),
    ValidateBy({
      name: 'neededWhen',
      validator: {
        validate: (v) => Number.isInteger(v) && (v as number) >= 1,
        defaultMessage: (a) => (a?.value === undefined || a.value === null ? `is required ${rule}` : 'must be an integer id'),
      },
    }),
    SchemaExtra({ type: nullable ? ['integer', 'null'] : 'integer' }),
    Desc(desc),
  );
const ProfileId = (nullable = false) => NeededWhen((o) => o.smtp_mode === 'profile', 'when smtp_mode is profile', 'Profile id (list_identities)', nullable);

@Tool({ name: 'list_identities', keywords: 'from addresses send as', description: 'From addresses, reply policy and SMTP profiles', access: 'read', scope: READ, route: 'GET /messages/identities' })
export class ListIdentities {
  @ExtId() external_account_id?: number;
  @SharedId() shared_mailbox_id?: number;
}

@Tool({ name: 'create_identity', keywords: 'send as from address alias identity', description: 'Add a From identity (send_as: on a connected account)', access: 'write', scope: WRITE, route: 'POST /messages/identities' })
export class CreateIdentity {
  @Email('Email') email: string;
  @Pick(['managed', 'send_as'], 'Default managed', true) kind?: string;
  @Name() name?: string;
  @ReplyTo() reply_to?: string;
  @Signature() signature_html?: string;
  @SignatureOn() signature_enabled?: boolean;
  @NeededWhen((o) => o.kind === 'send_as', 'for kind send_as', 'Connected account (send_as)') external_account_id?: number;
  @SmtpMode() smtp_mode?: string;
  @ProfileId() smtp_connection_id?: number;
}

@Tool({ name: 'update_identity', description: 'Change a sender identity', access: 'write', scope: WRITE, route: 'PATCH /messages/identities/{identity_id}' })
export class UpdateIdentity {
  @IdentityId() identity_id: number;
  @Name() name?: string;
  @ReplyTo() reply_to?: string;
  @Signature() signature_html?: string;
  @SignatureOn() signature_enabled?: boolean;
  @Bool('Is default') is_default?: boolean;
  @ExtId() external_account_id?: number;
  @SmtpMode() smtp_mode?: string;
  @ProfileId(true) smtp_connection_id?: number | null;
}

@Tool({
  name: 'delete_identity', description: 'Delete a sender identity (not the default one)', access: 'destructive', gate: 'destructive', scope: WRITE,
  route: 'DELETE /messages/identities/{identity_id}', jsonBody: true,
})
export class DeleteIdentity {
  @IdentityId() identity_id: number;
  @ExtId() external_account_id?: number;

  async execute(this: DeleteIdentity, ctx: ToolContext): Promise<ToolOutcome> {
    // The API reads the connected account from a JSON body on DELETE; without one there is no body at all.
    if (this.external_account_id !== undefined) return ctx.call();
    return ctx.request({ method: 'DELETE', path: `/messages/identities/${encodeURIComponent(this.identity_id)}` });
  }
}

@Tool({ name: 'set_reply_from_policy', keywords: 'reply from address written to', description: 'Reply From: the address written to, or the default', access: 'write', gate: 'destructive', scope: WRITE, route: 'PATCH /messages/identities/reply-policy' })
export class SetReplyFromPolicy {
  @Pick(['recipient', 'default'], 'Policy') reply_from_policy: string;
}
