import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { PLANS, type Plan } from '../core/config.js';
import { checkAccepts, validateFields, type Accepts } from './fields.js';
import { emptyStats, mulberry32, type Faults, type Stats } from './stats.js';

export { paginate, type Faults, type Stats } from './stats.js';

/** A demo token of the sandbox. */
export interface TokenInfo {
  token: string;
  kind: 'ops' | 'message';
  plan: Plan;
  scopes: Set<string>;
  /** Mailbox a message token is bound to. */
  mailboxId?: number;
  /** A key issued through agent signup (the only kind agent_reissue_key exchanges). */
  agentKey?: boolean;
  label: string;
}

export interface SbRequest {
  method: string;
  path: string;
  params: Record<string, string>;
  query: Record<string, string | string[]>;
  body: any;
  rawBody: Buffer;
  headers: IncomingMessage['headers'];
  token: TokenInfo;
  engine: SandboxEngine;
}

/** A handler's answer. A plain value is sent as 200 JSON. */
export interface SbResult {
  status?: number;
  body?: unknown;
  /** A non-JSON payload (CSV, vCard). */
  text?: string | Buffer;
  contentType?: string;
  headers?: Record<string, string>;
}
const RESULT = Symbol('sandbox-result');
export const reply = (r: SbResult): SbResult => Object.assign(r, { [RESULT]: true });

/** An API error in the TrekMail envelope. */
export class SbError extends Error {
  constructor(readonly status: number, readonly code: string, message: string, readonly extra: Record<string, unknown> = {}, readonly hint?: string) {
    super(message);
  }
}
export const notFound = (what: string) => new SbError(404, 'not_found', `${what} not found`);
export const invalid = (errors: Record<string, string>) =>
  new SbError(422, 'validation_failed', `Validation failed: ${Object.keys(errors).join(', ')}`, { errors });

export type Handler = (req: SbRequest) => unknown | Promise<unknown>;

export interface RouteOptions {
  /** Token kind; default: message for /messages paths, ops otherwise. */
  token?: 'ops' | 'message';
  /** Lowest plan for any call. */
  minPlan?: Plan;
  /** Lowest plan for a mutation (default pro). */
  writePlan?: Plan;
  /**
   * The body and query fields the API accepts (see fields.ts). Anything else is answered 422 validation_failed
   * before the handler runs, as a strict API would.
   */
  accepts?: Accepts;
  /** Keys (dotted paths) a replayed Idempotency-Key answers without: a secret shown once, such as `data.password`. */
  replayWithout?: string[];
}

interface Route extends RouteOptions {
  method: string;
  pattern: string;
  regex: RegExp;
  names: string[];
  scope: string;
  handler: Handler;
}

const planRank = (p: Plan) => PLANS.indexOf(p);

/** The TrekMail API v1 emulator: auth, scopes, plans, idempotency, rate limits, faults; packs add routes. */
export class SandboxEngine {
  readonly tokens = new Map<string, TokenInfo>();
  private readonly routes: Route[] = [];
  private readonly idem = new Map<string, { method: string; path: string; result: Promise<Sent> }>();
  private readonly windows = new Map<string, { start: number; count: number; burst: number }>();
  private readonly stores = new Map<string, unknown>();
  private offset = 0;
  private rng: () => number;
  faults: Faults = {};
  stats: Stats = emptyStats();
  rateLimit = { limit: 300, windowMs: 10_000 };
  account = { id: 1, name: 'Sandbox Demo Co', owner_email: 'owner@demo.trekmail.test' };

  constructor() {
    this.rng = mulberry32(1);
  }

  /** Current time of the emulated API (tests may advance it). */
  now(): number {
    return Date.now() + this.offset;
  }
  advance(ms: number): void {
    this.offset += ms;
  }
  iso(t = this.now()): string {
    return new Date(t).toISOString();
  }

  setFaults(f: Faults): void {
    this.faults = f;
    this.rng = mulberry32(f.seed ?? 1);
  }
  resetStats(): void {
    this.stats = emptyStats();
  }

  addToken(t: TokenInfo): void {
    this.tokens.set(t.token, t);
  }

  /** Per-pack state, created on first use. */
  store<T>(name: string, init: () => T): T {
    if (!this.stores.has(name)) this.stores.set(name, init());
    return this.stores.get(name) as T;
  }

  route(method: string, pattern: string, scope: string, handler: Handler, opts: RouteOptions = {}): void {
    if (opts.accepts) checkAccepts(opts.accepts);
    if (this.routes.some((r) => r.method === method && r.pattern === pattern)) throw new Error(`sandbox route ${method} ${pattern} registered twice`);
    const names: string[] = [];
    const regex = new RegExp(
      '^' + pattern.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{(\w+)\}/g, (_m, name: string) => {
        names.push(name);
        return '([^/:]+)';
      }) + '$',
    );
    this.routes.push({ method, pattern, regex, names, scope, handler, ...opts });
  }

  /** Every registered route: method, pattern, scope and what it accepts (for the parity and declaration tests). */
  routeList(): { method: string; pattern: string; scope: string; token?: 'ops' | 'message'; accepts?: Accepts; replayWithout?: string[] }[] {
    return this.routes.map(({ method, pattern, scope, token, accepts, replayWithout }) => ({ method, pattern, scope, token, accepts, replayWithout }));
  }

  /** Node http handler. */
  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    this.stats.requests++;
    const url = new URL(req.url ?? '/', 'http://sandbox');
    const rawBody = await readBody(req);
    const send = (s: Sent) => writeSent(res, s);
    try {
      if (!url.pathname.startsWith('/api/v1/')) throw new SbError(404, 'not_found', 'Unknown path');
      const path = url.pathname.slice('/api/v1'.length);
      const token = this.authenticate(req);
      const f = this.faults;
      if (f.latencyMs) await sleep(f.latencyMs);
      if (this.limited(token, send)) return;
      if (f.dropBefore && this.rng() < f.dropBefore) return this.drop(res, 'dropBefore');
      if (f.error503 && this.rng() < f.error503) {
        this.stats.faults.error503 = (this.stats.faults.error503 ?? 0) + 1;
        return send(errorSent(new SbError(503, 'service_unavailable', 'Temporarily unavailable (sandbox fault)', { retryable: true })));
      }
      const hang = f.hang && this.rng() < f.hang ? f.hangMs ?? 0 : 0;
      if (hang) this.stats.faults.hang = (this.stats.faults.hang ?? 0) + 1;
      const dropAfter = !!(f.dropAfter && this.rng() < f.dropAfter);
      const result = await this.dispatch(req, url, path, token, rawBody, hang);
      if (dropAfter) return this.drop(res, 'dropAfter');
      if (res.destroyed) return;
      send(result);
    } catch (err) {
      send(errorSent(err));
    }
  }

  private drop(res: ServerResponse, kind: string): void {
    this.stats.faults[kind] = (this.stats.faults[kind] ?? 0) + 1;
    res.socket?.destroy();
  }

  private authenticate(req: IncomingMessage): TokenInfo {
    const auth = req.headers.authorization ?? '';
    const m = /^Bearer (\S+)$/.exec(auth);
    if (!m) throw new SbError(401, 'unauthenticated', 'Missing bearer token');
    const t = this.tokens.get(m[1]);
    if (!t) throw new SbError(401, 'invalid_token', 'The token is invalid or revoked');
    return t;
  }

  private limited(token: TokenInfo, send: (s: Sent) => void): boolean {
    const now = Date.now();
    let w = this.windows.get(token.token);
    if (!w || now - w.start >= this.rateLimit.windowMs) {
      w = { start: now, count: 0, burst: w?.burst ?? 0 };
      this.windows.set(token.token, w);
    }
    w.count++;
    const f = this.faults;
    if (f.burst429 && w.burst === 0 && this.rng() < f.burst429) w.burst = f.burstLength ?? 3;
    let retryAfter: number | undefined;
    if (w.burst > 0) {
      w.burst--;
      this.stats.faults.burst429 = (this.stats.faults.burst429 ?? 0) + 1;
      retryAfter = f.retryAfterSeconds ?? 1;
    } else if (w.count > this.rateLimit.limit) {
      retryAfter = Math.max(1, Math.ceil((w.start + this.rateLimit.windowMs - now) / 1000));
    }
    if (retryAfter === undefined) return false;
    this.stats.rateLimited++;
    const s = errorSent(new SbError(429, 'rate_limited', 'Too many requests for this token', { retry_after: retryAfter, retryable: true }));
    s.headers['retry-after'] = String(retryAfter);
    send(s);
    return true;
  }

  private async dispatch(req: IncomingMessage, url: URL, path: string, token: TokenInfo, rawBody: Buffer, hang: number): Promise<Sent> {
    const method = req.method ?? 'GET';
    let match: { route: Route; params: Record<string, string> } | undefined;
    let pathKnown = false;
    for (const r of this.routes) {
      const m = r.regex.exec(path);
      if (!m) continue;
      pathKnown = true;
      if (r.method !== method) continue;
      const params: Record<string, string> = {};
      r.names.forEach((n, i) => (params[n] = decodeURIComponent(m[i + 1])));
      match = { route: r, params };
      break;
    }
    if (!match) throw pathKnown ? new SbError(405, 'method_not_allowed', `${method} is not allowed on ${path}`) : new SbError(404, 'not_found', `No route for ${method} ${path}`);
    const { route, params } = match;
    const routeKey = `${route.method} ${route.pattern}`;
    this.stats.byRoute[routeKey] = (this.stats.byRoute[routeKey] ?? 0) + 1;
    this.authorize(route, token, method, path);
    let body: any = undefined;
    // Raw-byte routes (upload parts) take any bytes, whatever their content type says.
    if (rawBody.length && !route.accepts?.raw && /json/.test(String(req.headers['content-type'] ?? ''))) {
      try {
        body = JSON.parse(rawBody.toString('utf8'));
      } catch {
        throw new SbError(400, 'invalid_json', 'The request body is not valid JSON');
      }
    }
    const query: Record<string, string | string[]> = {};
    for (const [k, v] of url.searchParams) {
      const key = k.endsWith('[]') ? k.slice(0, -2) : k;
      if (k.endsWith('[]')) query[key] = [...((query[key] as string[]) ?? []), v];
      else query[key] = v;
    }
    this.checkFields(route, routeKey, body, query, rawBody);
    const sbReq: SbRequest = { method, path, params, query, body: body ?? {}, rawBody, headers: req.headers, token, engine: this };
    const run = async (): Promise<Sent> => {
      if (hang) await sleep(hang);
      this.stats.executions[routeKey] = (this.stats.executions[routeKey] ?? 0) + 1;
      try {
        return toSent(await route.handler(sbReq));
      } catch (err) {
        return errorSent(err);
      }
    };
    if (method === 'GET') return run();
    const key = req.headers['idempotency-key'];
    if (typeof key !== 'string' || !key) {
      this.stats.mutationsWithoutKey++;
      return run();
    }
    const idemKey = `${token.token}|${key}`;
    const prior = this.idem.get(idemKey);
    if (prior) {
      if (prior.method !== method || prior.path !== path) {
        throw new SbError(422, 'idempotency_key_reused', 'This Idempotency-Key was used for a different request');
      }
      this.stats.replays++;
      const s = await prior.result;
      return { ...withoutKeys(s, route.replayWithout), headers: { ...s.headers, 'idempotent-replayed': 'true', 'x-idempotency-replayed': 'true' } };
    }
    const result = run();
    this.idem.set(idemKey, { method, path, result });
    const s = await result;
    // A failed attempt may be retried with the same key: only successes and client errors are remembered.
    if (s.status >= 500) this.idem.delete(idemKey);
    return s;
  }

  /** The strict part of the emulation: the route's declared fields, and nothing else. */
  private checkFields(route: Route, routeKey: string, body: unknown, query: Record<string, string | string[]>, rawBody: Buffer): void {
    const a = route.accepts;
    if (!a) return;
    let errors: Record<string, string> = {};
    if (a.query || Object.keys(query).length) Object.assign(errors, validateFields(a.query ?? {}, query, true));
    if (a.raw) {
      // Raw bytes: the handler checks them.
    } else if (a.body === false || a.body === undefined) {
      const empty = !rawBody.length || (body && typeof body === 'object' && !Array.isArray(body) && !Object.keys(body).length);
      if (!empty) errors = { ...errors, ...(body && typeof body === 'object' ? Object.fromEntries(Object.keys(body).map((k) => [k, 'is not a field of this endpoint'])) : { '(body)': 'this endpoint takes no body' }) };
    } else if (rawBody.length && body === undefined) {
      errors['(body)'] = 'must be JSON (Content-Type: application/json)';
    } else {
      Object.assign(errors, validateFields(a.body, body));
    }
    if (Object.keys(errors).length) {
      this.stats.validationFailures.push({ route: routeKey, errors });
      throw invalid(errors);
    }
  }

  private authorize(route: Route, token: TokenInfo, method: string, path: string): void {
    const kind = route.token ?? (path.startsWith('/messages') ? 'message' : 'ops');
    if (token.kind !== kind) {
      throw new SbError(403, 'wrong_token_type', `This endpoint needs a ${kind === 'ops' ? 'tm_live_ (ops)' : 'tm_msg_ (message)'} token`);
    }
    if (route.minPlan && planRank(token.plan) < planRank(route.minPlan)) {
      throw new SbError(403, 'feature_not_available', `This feature needs the ${route.minPlan} plan or higher`, { required_plan: route.minPlan });
    }
    if (method !== 'GET' && planRank(token.plan) < planRank(route.writePlan ?? 'pro')) {
      throw new SbError(403, 'plan_api_disabled', 'API writes need the Pro or Agency plan', { required_plan: route.writePlan ?? 'pro' });
    }
    // `a|b`: either scope; `a&b`: both.
    if (route.scope && !route.scope.split('|').some((alt) => alt.split('&').every((s) => token.scopes.has(s)))) {
      throw new SbError(403, 'insufficient_scope', `This token lacks the scope ${route.scope.split('|').join(' or ').split('&').join(' and ')}`, { required_scope: route.scope });
    }
  }
}

interface Sent {
  status: number;
  headers: Record<string, string>;
  payload: string | Buffer;
}

/** A replayed answer without the keys that are shown only once (the real API replays no secret). */
function withoutKeys(s: Sent, paths: string[] | undefined): Sent {
  if (!paths?.length || !String(s.headers['content-type'] ?? '').includes('json')) return s;
  const body = JSON.parse(String(s.payload)) as Record<string, unknown>;
  for (const p of paths) {
    const keys = p.split('.');
    let o: unknown = body;
    for (const k of keys.slice(0, -1)) o = o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined;
    if (o && typeof o === 'object') delete (o as Record<string, unknown>)[keys[keys.length - 1]];
  }
  return { ...s, payload: JSON.stringify(body) };
}

function toSent(v: unknown): Sent {
  const headers: Record<string, string> = {};
  if (v && typeof v === 'object' && (v as Record<symbol, unknown>)[RESULT]) {
    const r = v as SbResult;
    Object.assign(headers, r.headers);
    if (r.text !== undefined) {
      headers['content-type'] = r.contentType ?? 'text/plain; charset=utf-8';
      return { status: r.status ?? 200, headers, payload: r.text };
    }
    if (r.status === 204) return { status: 204, headers, payload: '' };
    headers['content-type'] = 'application/json';
    return { status: r.status ?? 200, headers, payload: JSON.stringify(r.body ?? {}) };
  }
  headers['content-type'] = 'application/json';
  return { status: 200, headers, payload: JSON.stringify(v ?? {}) };
}

function errorSent(err: unknown): Sent {
  const requestId = randomUUID();
  if (err instanceof SbError) {
    const { retryable, ...extra } = err.extra as { retryable?: boolean };
    const body = { error: { code: err.code, message: err.message, hint: err.hint, request_id: requestId, retryable }, ...extra };
    return { status: err.status, headers: { 'content-type': 'application/json', 'x-request-id': requestId }, payload: JSON.stringify(body) };
  }
  const body = { error: { code: 'server_error', message: `Sandbox error: ${(err as Error)?.message ?? err}`, request_id: requestId } };
  return { status: 500, headers: { 'content-type': 'application/json' }, payload: JSON.stringify(body) };
}

function writeSent(res: ServerResponse, s: Sent): void {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(s.status, s.headers);
  res.end(s.payload);
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
