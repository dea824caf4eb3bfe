import { Int } from '../../../core/plugin-api.js';
import type { ToolContext, ToolOutcome } from '../../../core/plugin-api.js';
import { Tool } from '../../../core/plugin-api.js';
import { DEFAULT_INLINE_BYTES, ExtId, Folder, MaxBytes, READ, Uid } from './params.js';
import { guardAttachment } from './render.js';

@Tool({ name: 'download_attachment', keywords: 'attachment pdf file save', description: 'One attachment as base64, with name, type and size', access: 'read', scope: READ, route: 'GET /messages/{uid}/attachments/{index}', localParams: ['max_bytes'] })
export class DownloadAttachment {
  @Uid() uid: number;
  @Int('From read_message', 0, 999) index: number;
  @Folder() folder?: string;
  @MaxBytes() max_bytes?: number;
  @ExtId() external_account_id?: number;

  async execute(this: DownloadAttachment, ctx: ToolContext): Promise<ToolOutcome> {
    const res = await ctx.call();
    return guardAttachment(res, this.max_bytes ?? DEFAULT_INLINE_BYTES, `Attachment ${this.index} of message ${this.uid}`);
  }
}

@Tool({ name: 'download_all_attachments', keywords: 'all attachments zip', description: 'All attachments of a message as one base64 ZIP', access: 'read', scope: READ, route: 'GET /messages/{uid}/attachments', localParams: ['max_bytes'] })
export class DownloadAllAttachments {
  @Uid() uid: number;
  @Folder() folder?: string;
  @MaxBytes() max_bytes?: number;
  @ExtId() external_account_id?: number;

  async execute(this: DownloadAllAttachments, ctx: ToolContext): Promise<ToolOutcome> {
    const res = await ctx.call();
    return guardAttachment(res, this.max_bytes ?? DEFAULT_INLINE_BYTES, `The ZIP of message ${this.uid}'s attachments`);
  }
}
