import type { ApiFailure } from './types.js';

export type { ToolContext, ToolOutcome } from './types.js';

/** A failure decided by the server itself (no HTTP status). */
export function localFailure(code: string, message: string, hint?: string): ApiFailure {
  return { ok: false, status: 0, code, message, hint, attempts: 0 };
}
