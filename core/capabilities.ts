import { PLANS, type Plan } from './config.js';
import type { Clients } from './container.js';
import type { Capabilities, TokenCaps } from './eligibility.js';
import type { ApiResult } from './http.js';
import type { ApiClient } from './types.js';
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

/** What discovery learned of one token, or why it could not (the failed answer, or an unexpected shape). */
export type Probe = { ok: true; caps: TokenCaps } | { ok: false; status: number; code: string; reason: string; retryAfterMs?: number };

/** `GET /me` (ops) or `GET /messages/_me` (message) with one client; the plan from `/account` when /me lacks it. */
export async function probeToken(client: ApiClient, kind: 'ops' | 'message'): Promise<Probe> {
  const res = await client.request({ method: 'GET', path: kind === 'ops' ? '/me' : '/messages/_me', attempts: 2, timeoutMs: 10_000 });
  const body = res.ok ? obj(res.data) : undefined;
  const scopes = scopesOf(body);
  if (!res.ok || !scopes) {
    const retryAfterMs = res.ok ? undefined : (res.details?._retryAfterMs as number | undefined);
    return { ok: false, status: res.status, code: res.ok ? 'unexpected_answer' : res.code, reason: describe(res), retryAfterMs };
  }
  const tc: TokenCaps = { scopes, plan: planOf(body), label: labelOf(body) };
  if (!tc.plan && kind === 'ops') {
    const acc = await client.request({ method: 'GET', path: '/account', attempts: 2, timeoutMs: 10_000 });
    tc.plan = acc.ok ? planOf(obj(acc.data)) : undefined;
  }
  return { ok: true, caps: tc };
}

/** A message token shares its account's plan with the ops token when only one of them reports it. */
export function sharePlan(caps: Capabilities): Capabilities {
  if (caps.message && !caps.message.plan && caps.ops?.plan) caps.message.plan = caps.ops.plan;
  return caps;
}

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
  const probe = async (kind: 'ops' | 'message', variable: string): Promise<void> => {
    const client = clients[kind];
    if (!client) return;
    const p = await probeToken(client, kind);
    if (!p.ok) logger.warn(`Capability discovery failed for ${variable} (${p.reason}); registering its tools by token type alone.`);
    caps[kind] = p.ok ? p.caps : {};
  };
  await Promise.all([probe('ops', 'TREKMAIL_API_TOKEN'), probe('message', 'TREKMAIL_MESSAGE_TOKEN')]);
  return sharePlan(caps);
}
