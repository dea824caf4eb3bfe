import { Tool } from '../../../core/plugin-api.js';
import { Email, Id } from '../../../core/plugin-api.js';
import { READ, Str, WRITE } from './params.js';

const IdentityId = () => Id('Identity');
const Name = () => Str('Display name', 255, true);
const ReplyTo = () => Email('Reply-To address', true);
const Signature = () => Str('Signature, HTML', 10_000, true);

@Tool({ name: 'list_identities', description: 'List sender identities (from address, name, reply-to, signature).', access: 'read', scope: READ, route: 'GET /messages/identities' })
export class ListIdentities {}

@Tool({ name: 'create_identity', description: 'Add a sender identity for this mailbox (an address of its domain).', access: 'write', scope: WRITE, route: 'POST /messages/identities' })
export class CreateIdentity {
  @Email('From address') email: string;
  @Name() name?: string;
  @ReplyTo() reply_to?: string;
  @Signature() signature_html?: string;
}

@Tool({ name: 'update_identity', description: 'Change the name, reply-to or signature of an identity.', access: 'write', scope: WRITE, route: 'PATCH /messages/identities/{identity_id}' })
export class UpdateIdentity {
  @IdentityId() identity_id: number;
  @Name() name?: string;
  @ReplyTo() reply_to?: string;
  @Signature() signature_html?: string;
}

@Tool({ name: 'delete_identity', description: 'Delete a sender identity (not the default one).', access: 'destructive', gate: 'destructive', scope: WRITE, route: 'DELETE /messages/identities/{identity_id}' })
export class DeleteIdentity {
  @IdentityId() identity_id: number;
}
