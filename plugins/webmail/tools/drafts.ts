import type { ToolContext, ToolOutcome } from '../../../core/context.js';
import { Tool } from '../../../core/tool.js';
import { DraftFields, Uid, WRITE } from './params.js';
import { newUidFirst } from './render.js';

@Tool({ name: 'save_draft', description: 'Save a new draft in Drafts; answers its UID.', access: 'write', scope: WRITE, route: 'POST /messages/drafts' })
export class SaveDraft extends DraftFields {}

@Tool({ name: 'update_draft', description: 'Replace a draft; it gets a NEW UID (answered first), the old UID is gone.', access: 'write', scope: WRITE, route: 'PUT /messages/drafts/{uid}' })
export class UpdateDraft extends DraftFields {
  @Uid() uid: number;

  async execute(this: UpdateDraft, ctx: ToolContext): Promise<ToolOutcome> {
    return newUidFirst(await ctx.call(), this.uid);
  }
}
