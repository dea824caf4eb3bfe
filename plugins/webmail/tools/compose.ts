import type { ToolContext, ToolOutcome } from '../../../core/plugin-api.js';
import { Tool } from '../../../core/plugin-api.js';
import { ExtId, Folder, READ, Uid } from './params.js';
import { sendable } from './render.js';

/** The message a compose helper starts from. */
class Source {
  @Uid() uid: number;
  @Folder() folder?: string;
  @ExtId() external_account_id?: number;
}

@Tool({
  name: 'get_reply_data', keywords: 'reply to email answer', description: 'A prefilled reply to the sender, ready for send_message',
  access: 'read', scope: READ, route: 'GET /messages/{uid}/reply', aliases: ['prepare_reply'],
})
export class GetReplyData extends Source {
  async execute(this: GetReplyData, ctx: ToolContext): Promise<ToolOutcome> {
    return sendable(await ctx.call(), this, false);
  }
}

@Tool({
  name: 'get_reply_all_data', keywords: 'reply all everyone thread', description: 'A prefilled reply to the sender and all recipients',
  access: 'read', scope: READ, route: 'GET /messages/{uid}/reply-all', aliases: ['prepare_reply_all'],
})
export class GetReplyAllData extends Source {
  async execute(this: GetReplyAllData, ctx: ToolContext): Promise<ToolOutcome> {
    return sendable(await ctx.call(), this, false);
  }
}

@Tool({
  name: 'get_forward_data', keywords: 'forward email to someone', description: 'A prefilled forward (add to, then send); fetch original_attachments with download_attachment',
  access: 'read', scope: READ, route: 'GET /messages/{uid}/forward', aliases: ['prepare_forward'],
})
export class GetForwardData extends Source {
  async execute(this: GetForwardData, ctx: ToolContext): Promise<ToolOutcome> {
    return sendable(await ctx.call(), this, true);
  }
}
