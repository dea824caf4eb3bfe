import { IsObject, IsOptional, IsString, MaxLength } from '../validators.js';
import type { ToolContext, ToolOutcome } from '../context.js';
import { compose, Desc, Tool } from '../tool.js';

/** Dry run of any other tool: one preview tool serves every write, instead of a dry-run parameter on each schema. */
@Tool({
  name: 'preview_tool_call', description: 'Show the exact request another tool would send and which gates apply, without sending anything',
  access: 'read', scope: '',
})
export class PreviewToolCall {
  @compose(IsString(), MaxLength(64), Desc('Tool name')) tool: string;
  @compose(IsOptional(), IsObject(), Desc('Arguments as for that tool')) arguments?: Record<string, unknown>;

  async execute(this: PreviewToolCall, ctx: ToolContext): Promise<ToolOutcome> {
    return ctx.tools.preview(this.tool, this.arguments ?? {});
  }
}
