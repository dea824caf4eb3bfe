import type { Sandbox } from '../../../sandbox/server.js';

/** A tool result as the SDK client hands it back. */
export interface Result {
  isError?: boolean;
  content: { type: string; text: string }[];
  structuredContent?: any;
}

/** What a scenario carries from one step to the next, as an agent would. */
export interface Ctx {
  /** Calls a tool over the session's transport (counts towards coverage like any step). */
  call(tool: string, args?: Record<string, unknown>): Promise<Result>;
  /** Values saved by earlier steps (ids, uids). */
  saved: Record<string, any>;
  /** The in-process sandbox (to advance its clock; read tools prove effects, not its state). */
  sb: Sandbox;
}

/**
 * One call of the every-tool suite. `args` may depend on what earlier steps saved. `check` asserts on the result
 * (and may save values); `verify` is a read tool call that shows the step's effect. A step expects success unless
 * `error` says otherwise (a RegExp the error text must match).
 */
export interface Step {
  tool: string;
  args?: Record<string, unknown> | ((c: Ctx) => Record<string, unknown>);
  check?: (r: Result, c: Ctx) => unknown;
  verify?: { tool: string; args?: Record<string, unknown> | ((c: Ctx) => Record<string, unknown>); check: (r: Result, c: Ctx) => unknown };
  error?: RegExp;
}

/** A named, ordered list of steps over one pack (or one area of it). */
export interface Scenario {
  name: string;
  steps: Step[];
}

/** Polls a read tool until `done` holds for its result (the sandbox's jobs progress with time). */
export async function poll(c: Ctx, tool: string, args: Record<string, unknown>, done: (r: Result) => boolean, tries = 60, ms = 50): Promise<Result> {
  let r: Result | undefined;
  for (let i = 0; i < tries; i++) {
    r = await c.call(tool, args);
    if (!r.isError && done(r)) return r;
    await new Promise((res) => setTimeout(res, ms));
  }
  throw new Error(`${tool} did not reach the expected state: ${r?.content[0]?.text.slice(0, 300)}`);
}
