import type { ApiFailure, ApiRequest, ApiResult, HttpClient } from './http.js';
import type { Config } from './config.js';
import type { Logger } from './logger.js';
import type { ToolMeta } from './tool.js';

/** What a tool returns: data for the agent, or a failure it can act on (same shape as an API failure). */
export type ToolOutcome = { ok: true; data: unknown; text?: string } | ApiFailure;

/** What a tool's execute() gets: its declaration, the API client of its token, and services. */
export interface ToolContext {
  meta: ToolMeta;
  config: Config;
  logger: Logger;
  transport: 'stdio' | 'http';
  signal?: AbortSignal;
  /** Sends any API request with this token (each mutation gets its own idempotency key, reused by its retries). */
  request(req: ApiRequest): Promise<ApiResult>;
  /** Sends the tool's own route built from these arguments (default: the validated arguments). */
  call(args?: Record<string, unknown>): Promise<ApiResult>;
  /** Reports progress when the client asked for it; a no-op otherwise. */
  progress(done: number, total?: number, message?: string): Promise<void>;
  /** The API client of the tool's token (absent for the server's own tools, which never call the API). */
  http?: HttpClient;
  /**
   * Switches this tool's API client to a new token at once (a reissued key whose predecessor is already revoked).
   * The token joins the process's secrets: scrubbed from logs and later results.
   */
  replaceToken(token: string): void;
  /** The server's view of its other tools (for its own tools such as preview_tool_call). */
  tools: { preview(name: string, args: Record<string, unknown>): Promise<ToolOutcome> };
}

/** A failure decided by the server itself (no HTTP status). */
export function localFailure(code: string, message: string, hint?: string): ApiFailure {
  return { ok: false, status: 0, code, message, hint, attempts: 0 };
}
