import nock from 'nock';
import { startCore, type StartOptions } from '../../core/app.js';
import { loadConfig } from '../../core/config.js';
import { discoverPacks } from '../../core/discovery.js';
import type { JsonSchema } from '../../core/schema.js';
import type { RegisteredTool, ToolRuntime } from '../../core/runtime.js';
import { BASE, memoryLogger, MSG_TOKEN, OPS_TOKEN } from '../harness.js';
import { EXAMPLES } from './examples.js';

/**
 * A runtime over every pack in plugins/, both tokens, discovery off (every tool registered), no real waiting.
 * `start` adds start-up options (e.g. noManifest).
 */
export async function allTools(env: Record<string, string> = {}, logs: string[] = [], start: StartOptions = {}): Promise<{ runtime: ToolRuntime; tools: RegisteredTool[] }> {
  const config = loadConfig({
    TREKMAIL_BASE_URL: BASE, TREKMAIL_API_TOKEN: OPS_TOKEN, TREKMAIL_MESSAGE_TOKEN: MSG_TOKEN,
    TREKMAIL_SCOPE_AWARE_REGISTRATION: 'false', TREKMAIL_TIMEOUT_MS: '3000', ...env,
  });
  const core = await startCore(config, { packs: await discoverPacks(), logger: memoryLogger(logs), http: { sleep: async () => {}, maxAttempts: 2 }, ...start });
  const tools = core.runtime.list().map((t) => core.runtime.get(t.name)).filter((t): t is RegisteredTool => !!t);
  return { runtime: core.runtime, tools };
}

export interface Seen {
  method: string;
  path: string;
  query: string;
  body: string;
  headers: Record<string, string | string[] | undefined>;
}

/** Intercepts every request to the API, answering 200 {} (or `reply`), and records it. */
export function recordAll(reply: (s: Seen) => [number, unknown, Record<string, string>?] = () => [200, {}]): Seen[] {
  const seen: Seen[] = [];
  for (const method of ['get', 'post', 'put', 'patch', 'delete'] as const) {
    nock(BASE).persist()[method](() => true).reply(function (uri, body) {
      const u = new URL(uri, BASE);
      const s: Seen = { method: method.toUpperCase(), path: u.pathname, query: u.search, body: typeof body === 'string' ? body : JSON.stringify(body ?? ''), headers: this.req.headers };
      seen.push(s);
      return reply(s) as never;
    });
  }
  return seen;
}

/** A value that satisfies a JSON Schema fragment (the simplest one). */
export function validValue(p: JsonSchema, key = ''): unknown {
  if (p.const !== undefined) return p.const;
  if (Array.isArray(p.enum)) return p.enum[0];
  const type = Array.isArray(p.type) ? p.type.find((t) => t !== 'null') : p.type;
  switch (type) {
    case 'integer':
    case 'number':
      return Math.max(Number(p.minimum ?? 1), 1) <= Number(p.maximum ?? Infinity) ? Math.max(Number(p.minimum ?? 1), 1) : Number(p.minimum);
    case 'boolean':
      return true;
    case 'array': {
      const n = Math.max(Number(p.minItems ?? 1), 1);
      return Array.from({ length: n }, (_, i) => {
        const v = validValue((p.items as JsonSchema) ?? { type: 'string' }, key);
        return typeof v === 'number' ? v + i : typeof v === 'string' && n > 1 ? v.replace(/^/, `${i}`) : v;
      });
    }
    case 'object':
      if (p.properties) return validArgs(p);
      return {};
    default: {
      if (p.format === 'email') return 'user@example.com';
      if (p.format === 'hostname') return 'example.com';
      if (p.format === 'date') return '2030-01-15';
      if (p.format === 'date-time') return '2030-01-15T10:00:00Z';
      const s = 'sample';
      return typeof p.maxLength === 'number' ? s.slice(0, p.maxLength as number) : s;
    }
  }
}

/** Required arguments with simple valid values; per-tool examples (test/reliability/examples.ts) win. */
export function validArgs(schema: JsonSchema, tool?: string): Record<string, unknown> {
  if (tool && EXAMPLES[tool]) return structuredClone(EXAMPLES[tool]);
  const out: Record<string, unknown> = {};
  const props = (schema.properties ?? {}) as Record<string, JsonSchema>;
  for (const key of (schema.required as string[] | undefined) ?? []) if (props[key]) out[key] = validValue(props[key], key);
  return out;
}

/** The catalog route as a regex over the request path below /api/v1 (path params match exactly one segment). */
export function routeRegex(path: string): RegExp {
  const esc = (s: string) => s.replace(/[.*+?^$()|\\]/g, '\\$&').replace(/\\\{\w+\\\}|\{\w+\}/g, '[^/?#]+');
  const body = path.split(/(\[[^\]]*\])/).map((part) => (part.startsWith('[') ? `(?:${esc(part.slice(1, -1))})?` : esc(part))).join('');
  return new RegExp(`^/api/v1${body}$`);
}
