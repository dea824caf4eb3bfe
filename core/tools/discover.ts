import { IsInt, IsObject, IsOptional, IsString, Max, MaxLength, Min } from '../validators.js';
import type { ToolContext, ToolOutcome } from '../context.js';
import { compose, Desc, Tool } from '../tool.js';

/**
 * TREKMAIL_TOOLS=discover: instead of every tool, a finder and two executors. The executors keep the read/write
 * line a client's permission prompt draws: one runs read tools only (readOnlyHint), the other writes (destructive).
 * Both run the found tool through the runtime's one path: validation, gates, confirmation, allow-list, audit.
 */
@Tool({
  name: 'find_tools', description: 'Find the tools for a task in plain words: best matches with their input schemas, gates and availability',
  access: 'read', scope: '', discovery: 'find',
})
export class FindTools {
  @compose(IsString(), MaxLength(300), Desc('The task, e.g. "block sign-in for bob while he is away"')) query: string;
  @compose(IsOptional(), IsInt(), Min(1), Max(10), Desc('Matches to return (default 5)')) limit?: number;

  async execute(this: FindTools, ctx: ToolContext): Promise<ToolOutcome> {
    return ctx.tools.find(this.query, this.limit);
  }
}

/** Runs a found read tool; the runtime dispatches it (validation, audit) and refuses anything that writes. */
@Tool({ name: 'call_read_tool', description: 'Run a read tool found with find_tools', access: 'read', scope: '', discovery: 'read' })
export class CallReadTool {
  @compose(IsString(), MaxLength(64), Desc('Tool name from find_tools')) tool: string;
  @compose(IsOptional(), IsObject(), Desc('Its arguments, per its input schema')) arguments?: Record<string, unknown>;
}

/** Runs a found write tool, with its gates and confirmation exactly as when it is listed. */
@Tool({ name: 'call_write_tool', description: 'Run a tool found with find_tools that changes, sends or deletes something', access: 'destructive', scope: '', discovery: 'write' })
export class CallWriteTool {
  @compose(IsString(), MaxLength(64), Desc('Tool name from find_tools')) tool: string;
  @compose(IsOptional(), IsObject(), Desc('Its arguments, per its input schema')) arguments?: Record<string, unknown>;
}
