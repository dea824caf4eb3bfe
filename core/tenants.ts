import { createHash } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { auditOf, packEntries, planTools, type PackEntry, type Plan } from './app.js';
import type { Audit } from './audit.js';
import { probeToken, sharePlan, type Probe } from './capabilities.js';
import type { Config } from './config.js';
import { discoverPacks } from './discovery.js';
import type { Capabilities } from './eligibility.js';
import { HttpClient, type ApiRequest, type ApiResult, type HttpClientOptions } from './http.js';
import type { Logger } from './logger.js';
import { readManifest } from './manifest.js';
import type { PackSpec, TokenKind } from './pack.js';
import { redactText } from './redact.js';
import { ToolRuntime } from './runtime.js';
import { Secrets } from './secrets.js';
import { nodeTransport, type Transport } from './transport.js';

/**
 * Pass-through HTTP (TREKMAIL_HTTP_AUTH=passthrough): many users, each with their own TrekMail tokens, on one
 * stateless server. A request carries `Authorization: Bearer tm_live_…` or `tm_msg_…`, and optionally the other kind
 * in `X-TrekMail-Token`. The server holds no TrekMail secret: the tokens live as long as the request does (in that
 * request's API clients); what discovery learned of them is cached by a hash of the tokens (bounded LRU, short TTL).
 * Each user's tool list is what their own tokens can do. No SDK import here: http-server.ts calls resolve() from a
 * small hook.
 */

/** A request's runtime, or the HTTP refusal to answer instead (nothing was sent upstream for its call). */
export type Tenant =
  | { ok: true; runtime: ToolRuntime }
  | { ok: false; status: 401 | 503; headers: Record<string, string>; message: string };

export interface TenantOptions {
  /** Pack declarations instead of discovering plugins/ (tests). */
  packs?: PackSpec[];
  noManifest?: boolean;
  /** HTTP client tuning (tests: backoff, sleep). */
  http?: Partial<HttpClientOptions>;
  /** Clock (tests). */
  now?: () => number;
}

type Tokens = Partial<Record<TokenKind, string>>;

interface Entry {
  /** Discovery, shared by concurrent first requests of the same tokens. */
  plan: Promise<Plan | Refusal>;
  /** When the entry was answered (fresh until + TTL); undefined while discovery runs. */
  at?: number;
}

type Refusal = Extract<Tenant, { ok: false }>;

/** A TrekMail token as it may appear in a header: its prefix, then printable non-space characters. */
const TOKEN = /^tm_(live|msg)_[\x21-\x7e]{4,512}$/;
const REALM = 'Bearer realm="trekmail-mcp"';
/** After this long past its TTL an entry is no longer used even when discovery fails (stale-if-error). */
const STALE_MS = 10 * 60_000;

const hash = (tokens: Tokens) => createHash('sha256').update(`trekmail-mcp/tenant\0${tokens.ops ?? ''}\0${tokens.message ?? ''}`).digest('base64url');

function refuse(status: 401 | 503, message: string, challenge?: string, retryAfterS?: number): Refusal {
  const headers: Record<string, string> = {};
  if (challenge !== undefined) headers['WWW-Authenticate'] = challenge;
  if (retryAfterS !== undefined) headers['Retry-After'] = String(retryAfterS);
  return { ok: false, status, headers, message };
}

const invalidRequest = (why: string) => refuse(401, why, `${REALM}, error="invalid_request", error_description="${why.replace(/…/g, '...').replace(/[^\x20-\x7e]|"/g, '')}"`);

/** The tokens of a request, or why they are not acceptable. Never echoes a value. */
export function tokensOf(headers: IncomingHttpHeaders): Tokens | Refusal {
  const auth = headers.authorization;
  if (!auth) return refuse(401, 'Missing TrekMail token: send Authorization: Bearer tm_live_… (or tm_msg_…)', REALM);
  const bearer = /^Bearer[ ]+(\S+)$/i.exec(auth)?.[1];
  if (!bearer || !TOKEN.test(bearer)) return invalidRequest('Authorization must be Bearer with a TrekMail token (tm_live_… or tm_msg_…)');
  const tokens: Tokens = { [bearer.startsWith('tm_live_') ? 'ops' : 'message']: bearer };
  const extra = headers['x-trekmail-token'];
  if (extra !== undefined) {
    const v = Array.isArray(extra) || typeof extra !== 'string' ? '' : extra.trim();
    if (!TOKEN.test(v)) return invalidRequest('X-TrekMail-Token must be one TrekMail token (the other kind than the bearer)');
    const kind: TokenKind = v.startsWith('tm_live_') ? 'ops' : 'message';
    if (tokens[kind]) return invalidRequest('X-TrekMail-Token must be the other kind of token than the bearer (one tm_live_, one tm_msg_)');
    tokens[kind] = v;
  }
  return tokens;
}

/** An API client for one request: reports the API's 401 so the cached discovery of its tokens is dropped. */
class RequestClient extends HttpClient {
  constructor(options: HttpClientOptions, private readonly refused: () => void) {
    super(options);
  }

  override async request(req: ApiRequest): Promise<ApiResult> {
    const res = await super.request(req);
    if (!res.ok && res.status === 401) this.refused();
    return res;
  }
}

/** Resolves each request's tokens to a runtime of its own user's tools, or a 401/503. */
export class Tenants {
  private readonly cache = new Map<string, Entry>();
  private readonly transport: Transport = nodeTransport();
  private readonly entries = new Map<string, Promise<PackEntry[]>>();
  private packs?: Promise<PackSpec[]>;
  private readonly audit?: Audit;
  private readonly now: () => number;
  private readonly ttl: number;
  private readonly size: number;

  constructor(private readonly config: Config, private readonly logger: Logger, private readonly opts: TenantOptions = {}) {
    this.now = opts.now ?? Date.now;
    this.ttl = config.http.cacheTtlMs ?? 60_000;
    this.size = config.http.cacheSize ?? 500;
    this.audit = auditOf(config, logger);
  }

  /** Cached discoveries (for tests and /healthz). */
  get cached(): number {
    return this.cache.size;
  }

  async resolve(headers: IncomingHttpHeaders): Promise<Tenant> {
    const tokens = tokensOf(headers);
    if ('ok' in tokens) return tokens;
    const key = hash(tokens);
    const secrets = new Secrets(Object.values(tokens));
    const logger = redacting(this.logger, secrets);
    const clients: Partial<Record<TokenKind, RequestClient>> = {};
    for (const kind of Object.keys(tokens) as TokenKind[]) {
      clients[kind] = new RequestClient({ baseUrl: this.config.baseUrl, token: tokens[kind]!, timeoutMs: this.config.timeoutMs, maxResponseBytes: this.config.maxResponseBytes, ...this.opts.http, transport: this.transport }, () => this.forget(key));
    }
    const planned = await this.plan(key, clients);
    if (!('tools' in planned)) return planned;
    const tools = planned.tools.map((t) => ({ ...t, client: t.pack.token === 'none' ? undefined : clients[t.pack.token] }));
    return { ok: true, runtime: new ToolRuntime(this.config, logger, tools, this.audit, secrets, planned.extras) };
  }

  /** Drops the cached discovery of these tokens (the API refused one of them). */
  private forget(key: string): void {
    this.cache.delete(key);
  }

  /** The user's tools: from the cache while fresh, else discovered; a failed discovery may fall back to a stale entry. */
  private async plan(key: string, clients: Partial<Record<TokenKind, HttpClient>>): Promise<Plan | Refusal> {
    const hit = this.cache.get(key);
    const now = this.now();
    if (hit && (hit.at === undefined || now - hit.at < this.ttl)) {
      // Least recently used goes first: re-insert on every hit.
      this.cache.delete(key);
      this.cache.set(key, hit);
      return hit.plan;
    }
    const entry: Entry = { plan: this.discover(clients) };
    this.cache.delete(key);
    this.cache.set(key, entry);
    while (this.cache.size > this.size) this.cache.delete(this.cache.keys().next().value!);
    const result = await entry.plan;
    // A token the API refused stays refused (a revoked token is not revived): cached like an answer, so a client
    // that keeps trying costs one discovery per TTL.
    if ('tools' in result || result.status === 401) {
      entry.at = this.now();
      return result;
    }
    // A passing failure (429, 5xx, network) is not cached, and serves a recent entry if there is one.
    if (this.cache.get(key) === entry) this.cache.delete(key);
    if (result.status === 503 && hit?.at !== undefined && now - hit.at < this.ttl + STALE_MS) {
      this.cache.set(key, hit);
      return hit.plan;
    }
    return result;
  }

  private async discover(clients: Partial<Record<TokenKind, HttpClient>>): Promise<Plan | Refusal> {
    const caps: Capabilities = {};
    const kinds = Object.keys(clients) as TokenKind[];
    if (this.config.scopeAware) {
      const probes = await Promise.all(kinds.map((k) => probeToken(clients[k]!, k)));
      for (const [i, p] of probes.entries()) {
        if (!p.ok) return this.failure(kinds[i], p);
        caps[kinds[i]] = p.caps;
      }
    } else {
      for (const k of kinds) caps[k] = {};
    }
    const packs = await (this.packs ??= this.opts.packs ? Promise.resolve(this.opts.packs) : discoverPacks());
    const manifest = this.opts.noManifest ? null : readManifest();
    const entriesOf = (pack: PackSpec) => {
      let e = this.entries.get(pack.id);
      if (!e) this.entries.set(pack.id, (e = packEntries(pack, manifest?.[pack.id])));
      return e;
    };
    return planTools(this.config, 'http', packs, sharePlan(caps), entriesOf, manifest);
  }

  private failure(kind: TokenKind, p: Extract<Probe, { ok: false }>): Refusal {
    const which = kind === 'ops' ? 'The ops token (tm_live_)' : 'The message token (tm_msg_)';
    if (p.status === 401 || p.status === 403) {
      return refuse(401, `${which} was refused by the TrekMail API (invalid, expired or revoked): ${p.code}`, `${REALM}, error="invalid_token", error_description="The TrekMail token is invalid, expired or revoked"`);
    }
    const retry = Math.max(1, Math.ceil((p.retryAfterMs ?? 5000) / 1000));
    this.logger.warn(`Capability discovery failed for a pass-through ${kind} token (${p.reason}); answered 503`);
    return refuse(503, `${which} could not be checked with the TrekMail API (${p.reason}); try again in ${retry} s`, undefined, retry);
  }
}

/** A logger that also scrubs this request's tokens (besides every tm_live_/tm_msg_ pattern the base one removes). */
function redacting(base: Logger, secrets: Secrets): Logger {
  const wrap = (fn: Logger['info']): Logger['info'] => (msg, fields) => fn(redactText(msg, secrets.list()), fields && (JSON.parse(redactText(JSON.stringify(fields), secrets.list())) as Record<string, unknown>));
  return { debug: wrap(base.debug), info: wrap(base.info), warn: wrap(base.warn), error: wrap(base.error) };
}
