import { createHash, randomUUID } from 'node:crypto';
import type { ApiRequest } from './types.js';

/**
 * Idempotency keys of mutations. By default a key is *derived*: a hash of the token's identity, the tool, its
 * canonical arguments and the request, so an agent's re-call of the same tool with the same arguments (after its
 * client gave up waiting, possibly on another replica) carries the same key and the API answers with its replay
 * instead of doing it twice. Every retry of one request reuses its key in any case (core/http.ts).
 *
 * Exceptions get a fresh random key per call:
 *  - read tools that POST (Cloudflare zones and preview, external-account detection): a replay would answer a re-read
 *    with the first, stale answer; repeating a read is harmless, so it is never deduplicated;
 *  - tools whose answer carries a secret only once (`ToolSpec.freshKey`: app passwords, device passwords): a replay
 *    comes back without it, so a re-call must make a new one rather than lose it;
 *  - a deliberate repeat: the argument `_repeat: true` (accepted by every tool, listed by none: the note on a replayed
 *    answer tells the agent about it when it matters), or the client's `_meta: {"trekmail/repeat": true}`. It costs
 *    nothing in tools/list (an `idempotency_key` parameter on the 174 writes would cost 6.3 KB bare, 17.4 KB with a
 *    description), and a model does not fill it by habit, as it does optional listed arguments;
 *  - every call when the deployment asks for it (TREKMAIL_IDEMPOTENCY=per-call, the behaviour before derived keys).
 *
 * No SDK import here: the module is shared by every transport.
 */

export type IdempotencyMode = 'derived' | 'per-call';

/** JSON with object keys sorted at every depth (undefined members dropped, as JSON.stringify does). */
export function canonicalJson(value: unknown): string {
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map((x) => (x === undefined ? null : walk(x)));
    if (v instanceof Uint8Array) return { $bytes: sha256(v) };
    if (v && typeof v === 'object') {
      if (typeof (v as { toJSON?: unknown }).toJSON === 'function') return walk((v as { toJSON(): unknown }).toJSON());
      const out: Record<string, unknown> = {};
      for (const k of Object.keys(v).sort()) {
        const x = (v as Record<string, unknown>)[k];
        if (x !== undefined && typeof x !== 'function') out[k] = walk(x);
      }
      return out;
    }
    return v;
  };
  return JSON.stringify(walk(value)) ?? 'null';
}

const sha256 = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex');

/** Who calls, as the API sees it: a hash of the bearer token (the token itself is never part of a key). */
export function tokenIdentity(token: string): string {
  return sha256(`trekmail-mcp/token\0${token}`);
}

/** A UUID-shaped key (version 8, RFC 9562: custom) from a digest, so APIs that expect a UUID accept it. */
function uuidOf(hex: string): string {
  const h = hex.slice(0, 32).split('');
  h[12] = '8';
  h[16] = ((parseInt(h[16], 16) & 0x3) | 0x8).toString(16);
  const s = h.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20, 32)}`;
}

export interface KeyInput {
  /** tokenIdentity() of the token the request goes out with. */
  identity: string;
  tool: string;
  /** The call's validated arguments (the confirmation flag already removed). */
  args: Record<string, unknown>;
  request: Pick<ApiRequest, 'method' | 'path' | 'query' | 'body' | 'rawBody' | 'absoluteUrl'>;
  /** How many identical requests this call made before this one (0 for the first). */
  occurrence: number;
}

/** The derived key: the same on every replica for the same token, tool, arguments and request. */
export function derivedKey(k: KeyInput): string {
  const { method, path, query, body, rawBody, absoluteUrl } = k.request;
  const material = canonicalJson({ v: 1, who: k.identity, tool: k.tool, args: k.args, req: { method, path: absoluteUrl ?? path, query, body, raw: rawBody }, n: k.occurrence });
  return uuidOf(sha256(material));
}

/** Whether a tool's mutations take derived keys (else a fresh random key per call): see the exceptions above. */
export function derivesKeys(meta: { access: string; freshKey?: boolean }, mode: IdempotencyMode | undefined): boolean {
  return (mode ?? 'derived') === 'derived' && meta.access !== 'read' && !meta.freshKey;
}

/**
 * The key source of one tool call: call it for each request the call sends; GETs get none. Identical requests
 * within one call (a tool that sends the same thing twice on purpose) get distinct keys by their occurrence, in the
 * same order on a re-call.
 */
export function callKeys(opts: { mode: IdempotencyMode; fresh: boolean; tool: string; args: Record<string, unknown>; identity: () => string }): (req: ApiRequest) => string | undefined {
  if (opts.mode === 'per-call' || opts.fresh) {
    // One random key per request of this call (retries of a request reuse it in the HTTP client).
    return (req) => (req.method === 'GET' ? undefined : req.idempotencyKey ?? randomUUID());
  }
  const seen = new Map<string, number>();
  return (req) => {
    if (req.method === 'GET') return undefined;
    if (req.idempotencyKey) return req.idempotencyKey;
    const input = { identity: opts.identity(), tool: opts.tool, args: opts.args, request: req, occurrence: 0 };
    const base = derivedKey(input);
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    return n === 0 ? base : derivedKey({ ...input, occurrence: n });
  };
}

/** Whether an answer is the API's replay of an earlier request with the same key. */
export function isReplay(headers: { get(name: string): string | null }): boolean {
  return headers.get('idempotent-replayed') === 'true' || headers.get('x-idempotency-replayed') === 'true';
}

/** Tells the agent that nothing was done again, and how to repeat on purpose (in place, on a successful result). */
export function replayNote(result: { content: { type: 'text'; text: string }[]; _meta?: unknown; [k: string]: unknown }): void {
  result.content.push({ type: 'text', text: 'Note: the API answered this from an identical earlier call (same tool and arguments); it was not done again. To do it again on purpose (the state changed since, or the user asks again), call it with the same arguments plus "_repeat": true.' });
  result._meta = { ...(result._meta as Record<string, unknown> | undefined), 'trekmail/replayed': true };
}
