import type { PackSpec, ToolMeta } from '../types.js';

/** A tool result (the runtime's CallResult, structurally: this module imports nothing of the runtime). */
interface Result {
  content: { type: 'text'; text: string }[];
  structuredContent?: Record<string, unknown>;
  isError?: boolean;
  [k: string]: unknown;
}

interface Found {
  meta: ToolMeta;
  pack: Pick<PackSpec, 'token'>;
}

/** The part of the runtime an executor needs: look a tool up, and call it through the one path. */
export interface Dispatcher<O> {
  get(name: string): Found | undefined;
  call(name: string, args: unknown, opts: O): Promise<Result>;
}

const refuse = (text: string, code: string): Result => ({ content: [{ type: 'text', text }], structuredContent: { error: { code, message: text } }, isError: true });

/**
 * call_read_tool / call_write_tool: checks the executor's own arguments and that the tool is on its side of the
 * read/write line, then calls the tool by name through the runtime, as if the client had called it directly
 * (validation, gates, confirmation, allow-list, audit under the tool's own name). Never throws.
 */
export async function dispatch<O>(rt: Dispatcher<O>, executor: Found, rawArgs: unknown, opts: O): Promise<Result> {
  const via = executor.meta.name;
  const args = rawArgs && typeof rawArgs === 'object' && !Array.isArray(rawArgs) ? (rawArgs as Record<string, unknown>) : {};
  const unknownKeys = Object.keys(args).filter((k) => k !== 'tool' && k !== 'arguments');
  if (typeof args.tool !== 'string' || !args.tool || args.tool.length > 64) {
    return refuse(`Invalid arguments for ${via}: tool must be a tool name from find_tools. Nothing was run.`, 'invalid_arguments');
  }
  if (unknownKeys.length) {
    return refuse(`Invalid arguments for ${via}: unknown ${unknownKeys.join(', ')}; put the tool's own arguments under "arguments". Nothing was run.`, 'invalid_arguments');
  }
  const inner = args.arguments ?? {};
  if (!inner || typeof inner !== 'object' || Array.isArray(inner)) {
    return refuse(`Invalid arguments for ${via}: arguments must be an object (the tool's arguments). Nothing was run.`, 'invalid_arguments');
  }
  const target = rt.get(args.tool);
  if (!target || target.pack.token === 'none') {
    return refuse(`Unknown tool: ${args.tool.slice(0, 64)}. Find the tool for the task with find_tools first; only tools it marks available run here.`, 'unknown_tool');
  }
  const reads = target.meta.access === 'read';
  if (executor.meta.discovery === 'read' && !reads) {
    return refuse(`${target.meta.name} changes things: run it with call_write_tool. Nothing was run.`, 'wrong_executor');
  }
  if (executor.meta.discovery === 'write' && reads) {
    return refuse(`${target.meta.name} only reads: run it with call_read_tool. Nothing was run.`, 'wrong_executor');
  }
  return rt.call(target.meta.name, inner, opts);
}
