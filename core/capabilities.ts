import { PLANS, type Plan } from './config.js';
import type { Clients } from './container.js';
import type { Capabilities, TokenCaps } from './eligibility.js';
import type { ApiResult } from './http.js';
import type { Logger } from './logger.js';

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj | undefined => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : undefined);

function planOf(body: Obj | undefined): Plan | undefined {
  const d = obj(body?.data) ?? body;
  const raw = obj(d?.account)?.plan ?? d?.plan ?? obj(obj(d?.account)?.plan)?.slug ?? obj(d?.plan)?.slug;
  const p = typeof raw === 'string' ? raw.toLowerCase() : undefined;
  return p && (PLANS as readonly string[]).includes(p) ? (p as Plan) : undefined;
}

function scopesOf(body: Obj | undefined): Set<string> | undefined {
  const d = obj(body?.data) ?? body;
  const raw = obj(d?.capabilities)?.effective_scopes ?? obj(d?.token)?.scopes ?? d?.scopes;
  return Array.isArray(raw) && raw.every((s) => typeof s === 'string') ? new Set(raw as string[]) : undefined;
}

function labelOf(body: Obj | undefined): string | undefined {
  const d = obj(body?.data) ?? body;
  const v = obj(d?.mailbox)?.email ?? d?.email ?? obj(d?.account)?.name;
  return typeof v === 'string' ? v : undefined;
}

const describe = (r: ApiResult) => (r.ok ? 'unexpected answer' : r.status ? `HTTP ${r.status} ${r.code}: ${r.message}` : r.message);

/**
 * Learns what each configured token can do: `GET /me` (ops) and `GET /messages/_me` (message), in parallel.
 * A failure is said in one line, and that token's tools then register by token type alone.
 */
export async function discoverCapabilities(clients: Clients, logger: Logger, scopeAware: boolean): Promise<Capabilities> {
  const caps: Capabilities = {};
  if (!scopeAware) {
    if (clients.ops) caps.ops = {};
    if (clients.message) caps.message = {};
    return caps;
  }
  const probe = async (kind: 'ops' | 'message', path: string, variable: string): Promise<void> => {
    const client = clients[kind];
    if (!client) return;
    const res = await client.request({ method: 'GET', path, attempts: 2, timeoutMs: 10_000 });
    const body = res.ok ? obj(res.data) : undefined;
    const scopes = scopesOf(body);
    if (!res.ok || !scopes) {
      logger.warn(`Capability discovery failed for ${variable} (${describe(res)}); registering its tools by token type alone.`);
      caps[kind] = {};
      return;
    }
    const tc: TokenCaps = { scopes, plan: planOf(body), label: labelOf(body) };
    if (!tc.plan && kind === 'ops') {
      const acc = await client.request({ method: 'GET', path: '/account', attempts: 2, timeoutMs: 10_000 });
      tc.plan = acc.ok ? planOf(obj(acc.data)) : undefined;
    }
    caps[kind] = tc;
  };
  await Promise.all([probe('ops', '/me', 'TREKMAIL_API_TOKEN'), probe('message', '/messages/_me', 'TREKMAIL_MESSAGE_TOKEN')]);
  // A message token shares its account's plan with the ops token when only one of them reports it.
  if (caps.message && !caps.message.plan && caps.ops?.plan) caps.message.plan = caps.ops.plan;
  return caps;
}
