import type { ToolContext, ToolOutcome } from '../../../core/plugin-api.js';
import { Tool } from '../../../core/plugin-api.js';
import { Folder, READ, Uid } from './params.js';
import { sendable } from './render.js';

/** The message a compose helper starts from. */
class Source {
  @Uid() uid: number;
  @Folder() folder?: string;
}

@Tool({
  name: 'get_reply_data', description: 'A prefilled reply to the sender (to, subject, quoted body_text, reply_to_message_id) to pass to send_message.',
  access: 'read', scope: READ, route: 'GET /messages/{uid}/reply', aliases: ['prepare_reply'],
})
export class GetReplyData extends Source {
  async execute(this: GetReplyData, ctx: ToolContext): Promise<ToolOutcome> {
    return sendable(ctx, await ctx.call(), this, false);
  }
}

@Tool({
  name: 'get_reply_all_data', description: 'Like get_reply_data, addressed to the sender and every other recipient.',
  access: 'read', scope: READ, route: 'GET /messages/{uid}/reply-all', aliases: ['prepare_reply_all'],
})
export class GetReplyAllData extends Source {
  async execute(this: GetReplyAllData, ctx: ToolContext): Promise<ToolOutcome> {
    return sendable(ctx, await ctx.call(), this, false);
  }
}

@Tool({
  name: 'get_forward_data', description: 'A prefilled forward (subject, quoted body_text, attachments) for send_message or save_draft; add to.',
  access: 'read', scope: READ, route: 'GET /messages/{uid}/forward', aliases: ['prepare_forward'],
})
export class GetForwardData extends Source {
  async execute(this: GetForwardData, ctx: ToolContext): Promise<ToolOutcome> {
    return sendable(ctx, await ctx.call(), this, true);
  }
}
