import 'reflect-metadata';
import { Type } from '../../../core/plugin-api.js';
import { IsInt, IsObject, IsOptional, Min, ValidateBy, ValidateIf, ValidateNested } from '../../../core/plugin-api.js';
import { type ToolContext, type ToolOutcome } from '../../../core/plugin-api.js';
import { compose, Desc, SchemaExtra, Tool } from '../../../core/plugin-api.js';
import { Bool, Int, IntList } from '../../../core/plugin-api.js';
import { BODY_WIRE, ExtId, Folder, Pick, READ, SEND, SendFields, Str, Uid, When, WRITE } from './params.js';
import { messageList, rawSource, readable } from './render.js';

@Tool({ name: 'list_messages', keywords: 'inbox emails new mail latest recent unread', description: "A folder's messages, newest first, with previews", access: 'read', scope: READ, route: 'GET /messages' })
export class ListMessages {
  @Folder() folder?: string;
  @Int('Default 20', 1, 50, true) limit?: number;
  @compose(IsOptional(), IsInt(), Min(1), Desc('From next_before_uid')) before_uid?: number;
  @When('Received since', true) since?: string;
  @Bool('Unread only') unread_only?: boolean;
  @Str('Subject keyword', 200, true) search?: string;
  @ExtId() external_account_id?: number;

  async execute(this: ListMessages, ctx: ToolContext): Promise<ToolOutcome> {
    const res = await ctx.call();
    return res.ok ? { ok: true, data: await messageList(res.data, this.folder ?? 'INBOX') } : res;
  }
}

@Tool({
  name: 'read_message', keywords: 'read email open message content', description: 'Read a message: headers, attachments, body as text', access: 'read', scope: READ, route: 'GET /messages/{uid}',
  localParams: ['include_html'],
})
export class ReadMessage {
  @Uid() uid: number;
  @Folder() folder?: string;
  @Bool('Also the HTML body') include_html?: boolean;
  @ExtId() external_account_id?: number;

  async execute(this: ReadMessage, ctx: ToolContext): Promise<ToolOutcome> {
    const res = await ctx.call();
    if (!res.ok) return res;
    const { data, text } = await readable(res.data, { folder: this.folder ?? 'INBOX', includeHtml: this.include_html === true });
    return { ok: true, data, text };
  }
}

@Tool({
  name: 'send_message', keywords: 'send email write mail to someone', description: 'Send an email now; a copy is filed in Sent',
  access: 'write', scope: SEND, route: 'POST /messages/send', gate: 'sending', confirm: 'confirm_send', checkRecipients: true, wire: BODY_WIRE,
})
export class SendMessage extends SendFields {}

@Tool({ name: 'delete_message', keywords: 'delete email trash message', description: 'Delete a message (to Trash; from Trash, for good)', access: 'destructive', gate: 'destructive', scope: WRITE, route: 'DELETE /messages/{uid}' })
export class DeleteMessage {
  @Uid() uid: number;
  @Folder() folder?: string;
  @ExtId() external_account_id?: number;
}

@Tool({ name: 'move_message', keywords: 'move email to folder', description: 'Move a message to another folder; answers its new UID', access: 'write', scope: WRITE, route: 'POST /messages/{uid}:move' })
export class MoveMessage {
  @Uid() uid: number;
  @Folder() folder?: string;
  @Folder('Target folder', false) destination: string;
  @ExtId() external_account_id?: number;
}

export class MessageFlags {
  @Bool('Read') seen?: boolean;
  @Bool('Starred') flagged?: boolean;
}

@Tool({ name: 'update_message_flags', keywords: 'mark read unread star flag', description: 'Mark a message read/unread or starred/unstarred', access: 'write', scope: WRITE, route: 'PATCH /messages/{uid}' })
export class UpdateMessageFlags {
  @Uid() uid: number;
  @Folder() folder?: string;
  @compose(
    IsObject(),
    ValidateNested(),
    Type(() => MessageFlags),
    ValidateBy({
      name: 'someFlag',
      validator: { validate: (v) => !!v && typeof v === 'object' && ['seen', 'flagged'].some((k) => k in (v as object)), defaultMessage: () => 'set seen and/or flagged' },
    }),
    Desc('Flags'),
  )
  flags: MessageFlags;
  @ExtId() external_account_id?: number;
}

/** Raw sources above this many bytes are not returned (attachments are inside them, base64). */
export const MAX_RAW_BYTES = 5 * 1024 * 1024;

@Tool({ name: 'get_raw_message', keywords: 'headers raw source eml', description: "A message's raw RFC 822 source (up to 5 MB)", access: 'read', scope: READ, route: 'GET /messages/{uid}/raw' })
export class GetRawMessage {
  @Uid() uid: number;
  @Folder() folder?: string;
  @ExtId() external_account_id?: number;

  async execute(this: GetRawMessage, ctx: ToolContext): Promise<ToolOutcome> {
    return rawSource(await ctx.call(), MAX_RAW_BYTES, this.uid);
  }
}

@Tool({ name: 'report_spam', keywords: 'spam junk report', description: 'Report spam; the message moves to Junk', access: 'write', scope: WRITE, route: 'POST /messages/{uid}:spam' })
export class ReportSpam {
  @Uid() uid: number;
  @Folder() folder?: string;
}

@Tool({ name: 'report_ham', keywords: 'not spam legit move to inbox', description: 'Report a Junk message as not spam; it moves to INBOX', access: 'write', scope: WRITE, route: 'POST /messages/{uid}:ham' })
export class ReportHam {
  @Uid() uid: number;
  @Folder('Default Junk') folder?: string;

  async execute(this: ReportHam, ctx: ToolContext): Promise<ToolOutcome> {
    // UIDs are per folder: never let an API default pick a message in another folder.
    return ctx.call({ uid: this.uid, folder: this.folder ?? 'Junk' });
  }
}

export const BULK_ACTIONS = ['read', 'unread', 'star', 'unstar', 'delete', 'move', 'spam', 'notspam'] as const;

@Tool({
  name: 'bulk_action', keywords: 'many messages mark read move delete at once', description: 'One action on up to 50 messages of a folder',
  access: 'write', scope: WRITE, route: 'POST /messages/bulk', gate: 'destructive-if-delete',
})
export class BulkAction {
  @Folder('Folder', false) folder: string;
  @IntList('UIDs', 1, 50) uids: number[];
  @Pick(BULK_ACTIONS, 'Action') action: string;
  @compose(
    ValidateIf((o: BulkAction, v) => o.action === 'move' || v !== undefined),
    ValidateBy({
      name: 'destination',
      validator: {
        validate: (v) => typeof v === 'string' && v.length >= 1 && v.length <= 255,
        defaultMessage: (a) => (a?.value === undefined ? 'is required when action is move' : 'must be a folder path of 1-255 characters'),
      },
    }),
    SchemaExtra({ type: 'string', maxLength: 255 }),
    Desc('Target folder (move)'),
  )
  destination?: string;
  // Native actions only: the API refuses spam/notspam on a connected account (they train this server's filter).
  @ExtId() external_account_id?: number;
}

@Tool({ name: 'get_message_delivery', keywords: 'delivered delivery status did email arrive', description: 'Delivery state of a message send_message accepted', access: 'read', scope: READ, route: 'GET /messages/deliveries/{request_id}' })
export class GetMessageDelivery {
  @Str('From send_message', 255) request_id: string;
}

@Tool({ name: 'get_mailbox_sending_limits', keywords: 'how many more people email today sending limit', description: 'Recipients left to send to today, and the send caps', access: 'read', scope: READ, route: 'GET /messages/sending-limits' })
export class GetMailboxSendingLimits {}
