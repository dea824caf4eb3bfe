import type { ToolContext, ToolOutcome } from '../../../core/plugin-api.js';
import { compose, Desc, Tool } from '../../../core/plugin-api.js';
import { IsInt, Min } from '../../../core/plugin-api.js';
import { BODY_WIRE, DraftFields, Uid, WRITE } from './params.js';
import { newUidFirst } from './render.js';

@Tool({ name: 'save_draft', keywords: 'draft review later', description: 'Save a draft; answers the uid and uidvalidity update_draft needs', access: 'write', scope: WRITE, route: 'POST /messages/drafts', wire: BODY_WIRE })
export class SaveDraft extends DraftFields {}

@Tool({ name: 'update_draft', keywords: 'change draft', description: 'Replace a draft; it gets a new uid and uidvalidity', access: 'write', scope: WRITE, route: 'PUT /messages/drafts/{uid}', wire: BODY_WIRE })
export class UpdateDraft extends DraftFields {
  @Uid() uid: number;
  @compose(IsInt(), Min(1), Desc('From save_draft or read_message')) uidvalidity: number;

  async execute(this: UpdateDraft, ctx: ToolContext): Promise<ToolOutcome> {
    return newUidFirst(await ctx.call(), this.uid);
  }
}
