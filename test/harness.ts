import nock from 'nock';
import { startCore, type StartOptions } from '../core/app.js';
import { loadConfig } from '../core/config.js';
import type { Logger } from '../core/logger.js';
import type { PackSpec } from '../core/pack.js';
import { packSpec } from '../core/pack.js';
import type { CallResult, ToolRuntime } from '../core/runtime.js';

export const BASE = 'https://api.trekmail.test';
/** Fake tokens: long enough to be redacted, never valid anywhere. */
export const OPS_TOKEN = 'tm_live_unit_test_token_0123456789';
export const MSG_TOKEN = 'tm_msg_unit_test_token_0123456789';
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** nock scope for the API root: `api().get('/api/v1/domains')`. */
export const api = () => nock(BASE);

export interface Harness {
  runtime: ToolRuntime;
  logs: string[];
  call(name: string, args?: Record<string, unknown>): Promise<CallResult>;
}

/** A logger that keeps lines in memory (tests assert on them). */
export function memoryLogger(lines: string[]): Logger {
  const log = (lvl: string) => (msg: string, f?: Record<string, unknown>) => void lines.push(`${lvl}: ${msg}${f ? ' ' + JSON.stringify(f) : ''}`);
  return { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
}

/**
 * A core over the given pack classes, both tokens set, discovery off (every tool registered), retries without
 * real waiting. `env` sets flags such as TREKMAIL_ALLOW_DESTRUCTIVE.
 */
export async function harness(packs: Function | Function[], env: Record<string, string> = {}, opts: StartOptions = {}): Promise<Harness> {
  const specs = (Array.isArray(packs) ? packs : [packs]).map((p) => packSpec(p)).filter((p): p is PackSpec => !!p);
  const config = loadConfig({
    TREKMAIL_BASE_URL: BASE,
    TREKMAIL_API_TOKEN: OPS_TOKEN,
    TREKMAIL_MESSAGE_TOKEN: MSG_TOKEN,
    TREKMAIL_SCOPE_AWARE_REGISTRATION: 'false',
    TREKMAIL_TIMEOUT_MS: '2000',
    ...env,
  });
  const logs: string[] = [];
  const core = await startCore(config, { packs: specs, logger: memoryLogger(logs), http: { sleep: async () => {}, ...opts.http }, ...opts });
  return { runtime: core.runtime, logs, call: (name, args = {}) => core.runtime.call(name, args) };
}

/** The parsed JSON of a successful result's structured content. */
export function data(res: CallResult): any {
  if (res.isError) throw new Error(`tool failed: ${res.content[0]?.text}`);
  return res.structuredContent;
}

/** The error text of a failed result. */
export function errorText(res: CallResult): string {
  if (!res.isError) throw new Error(`expected an error, got ${JSON.stringify(res.structuredContent).slice(0, 200)}`);
  return res.content[0].text;
}
