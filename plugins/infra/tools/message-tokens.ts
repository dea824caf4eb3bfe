import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsIn } from '../../../core/plugin-api.js';
import { compose, Desc, SchemaExtra, Tool } from '../../../core/plugin-api.js';
import { Id, OneOf, Page, PerPage, Text } from '../../../core/plugin-api.js';

export const MESSAGE_TOKEN_SCOPES = ['messages:read', 'messages:write', 'messages:send'];

@Tool({
  name: 'create_message_token', description: 'Create a token that lets an app read or send the mail of one mailbox; shown once.',
  access: 'write', scope: 'mailboxes:message-tokens:manage', route: 'POST /mailboxes/{mailbox_id}/message-tokens', revealKeys: ['token', 'plain_token'],
})
export class CreateMessageToken {
  @Id('Mailbox') mailbox_id: number;
  @Text('Token name', 255) name: string;
  @compose(IsIn(MESSAGE_TOKEN_SCOPES, { each: true }), ArrayMinSize(1), ArrayMaxSize(3), ArrayUnique(), SchemaExtra({ items: { type: 'string', enum: MESSAGE_TOKEN_SCOPES } }), Desc('Scopes to grant'))
  scopes: string[];
  @OneOf(['7d', '30d', '90d', 'never'], 'Lifetime (default never)', true) expires_in?: string;
}

@Tool({ name: 'list_message_tokens', description: 'List the message tokens of a mailbox (never their secrets).', access: 'read', scope: 'mailboxes:message-tokens:manage', route: 'GET /mailboxes/{mailbox_id}/message-tokens' })
export class ListMessageTokens {
  @Id('Mailbox') mailbox_id: number;
  @Page() page?: number;
  @PerPage(20) per_page?: number;
}

@Tool({ name: 'revoke_message_token', description: 'Revoke a message token at once; clients using it stop working.', access: 'destructive', gate: 'destructive', scope: 'mailboxes:message-tokens:manage', route: 'DELETE /message-tokens/{token_id}' })
export class RevokeMessageToken {
  @Id('Message token') token_id: number;
}
