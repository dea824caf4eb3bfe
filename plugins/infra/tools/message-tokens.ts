import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsIn, IsOptional, IsString, MaxLength, MinLength } from '../../../core/plugin-api.js';
import { compose, Desc, SchemaExtra, Tool } from '../../../core/plugin-api.js';
import { Id, OneOf, Page, PerPage, Text } from '../../../core/plugin-api.js';
import { localFailure, type ToolContext, type ToolOutcome } from '../../../core/plugin-api.js';

export const MESSAGE_TOKEN_SCOPES = ['messages:read', 'messages:write', 'messages:send'];
const Scopes = (desc: string, optional = false) =>
  compose(
    ...(optional ? [IsOptional()] : []), IsIn(MESSAGE_TOKEN_SCOPES, { each: true }), ArrayMinSize(1), ArrayMaxSize(3), ArrayUnique(),
    SchemaExtra({ items: { type: 'string', enum: MESSAGE_TOKEN_SCOPES }, minItems: undefined, maxItems: undefined, uniqueItems: undefined }), Desc(desc),
  );

@Tool({
  name: 'create_message_token', keywords: 'api access app integration crm read mailbox token', description: "Token for an app to use one mailbox's mail; shown once",
  access: 'write', scope: 'mailboxes:message-tokens:manage', route: 'POST /mailboxes/{mailbox_id}/message-tokens', revealKeys: ['token', 'plain_token'],
})
export class CreateMessageToken {
  @Id('Mailbox') mailbox_id: number;
  @Text('Name', 255) name: string;
  @Scopes('Scopes') scopes: string[];
  @OneOf(['7d', '30d', '90d', 'never'], 'Default never', true) expires_in?: string;
}

@Tool({ name: 'list_message_tokens', keywords: 'api tokens apps with mailbox access', description: "A mailbox's message tokens (no secrets)", access: 'read', scope: 'mailboxes:message-tokens:manage', route: 'GET /mailboxes/{mailbox_id}/message-tokens' })
export class ListMessageTokens {
  @Id('Mailbox') mailbox_id: number;
  @Page() page?: number;
  @PerPage(20) per_page?: number;
}

@Tool({ name: 'revoke_message_token', keywords: 'revoke api token app access kill token', description: 'Revoke a message token at once', access: 'destructive', gate: 'destructive', scope: 'mailboxes:message-tokens:manage', route: 'DELETE /message-tokens/{token_id}' })
export class RevokeMessageToken {
  @Id('Token') token_id: number;
}

@Tool({ name: 'update_message_token', keywords: 'narrow token scopes expiry', description: 'Narrow a message token: scopes, expiry or name', access: 'write', scope: 'mailboxes:message-tokens:manage', route: 'PATCH /message-tokens/{token_id}' })
export class UpdateMessageToken {
  @Id('Token') token_id: number;
  @Scopes('Subset to keep', true) scopes?: string[];
  @OneOf(['1h', '2h', '4h', '8h', '7d', '30d', '90d'], 'From now; only sooner', true) expires_in?: string;
  @IsOptional() @IsString() @MinLength(1) @MaxLength(255) @Desc('Name') name?: string;

  /** It only ever narrows, so it needs no gate; a call that changes nothing is refused before any request. */
  async execute(this: UpdateMessageToken, ctx: ToolContext): Promise<ToolOutcome> {
    if (this.scopes === undefined && this.expires_in === undefined && this.name === undefined) {
      return localFailure('invalid_arguments', 'Invalid arguments for update_message_token:\n- scopes: give at least one of scopes, expires_in or name');
    }
    return ctx.call();
  }
}
