import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { setTimeout as delay } from 'node:timers/promises';
import { isReplay, tokenIdentity } from './idempotency.js';
import { nodeTransport, ResponseTooLarge, type Answer, type Transport } from './transport.js';
import type { ApiClient, ApiFailure, ApiRequest, ApiResult } from './types.js';

export type { ApiFailure, ApiRequest, ApiResponse, ApiResult } from './types.js';

/** The version, kept in one place: package.json. */
export const VERSION: string = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

export interface HttpClientOptions {
  baseUrl: string;
  token: string;
  timeoutMs: number;
  maxResponseBytes: number;
  /** Total attempts per request (first + retries). */
  maxAttempts?: number;
  /** Longest Retry-After we are willing to wait, in ms. Longer: give up with a clear error. */
  maxRetryAfterMs?: number;
  /** Base of the exponential backoff, ms. */
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  random?: () => number;
  /** The connection pool to use (many short-lived clients of pass-through HTTP share one); default: a new one. */
  transport?: Transport;
}

const RETRY_STATUS = new Set([429, 502, 503, 504]);
const TEXT_TYPES = /^(text\/(csv|plain|calendar|vcard|x-vcard)|message\/rfc822|application\/(csv|vcard))/i;
/** File answers returned as base64: application/* other than JSON, HTML and XML pages (which signal a wrong URL), and images. */
const BINARY_TYPES = /^(application\/(?!(json|[\w.+-]*\+json|xhtml\+xml|xml|html)\b)[\w.+-]+|image\/[\w.+-]+)/i;

/** One client per token: base URL, bearer auth, idempotency, timeouts, bounded retries, error mapping. */
export class HttpClient implements ApiClient {
  private readonly origin: string;
  private opts: Required<Omit<HttpClientOptions, 'transport'>>;
  private readonly transport: Transport;

  constructor({ transport, ...options }: HttpClientOptions) {
    this.opts = {
      maxAttempts: 4,
      maxRetryAfterMs: 60_000,
      backoffBaseMs: 250,
      backoffMaxMs: 8_000,
      sleep: (ms, signal) => delay(ms, undefined, { signal }),
      random: Math.random,
      ...options,
    };
    this.origin = new URL(options.baseUrl).origin;
    this.transport = transport ?? nodeTransport();
  }

  /** Replaces the bearer token for every later request (a reissued key); the caller registers it as a secret. */
  setToken(token: string): void {
    this.opts = { ...this.opts, token };
    this.who = undefined;
  }

  private who: string | undefined;

  /** A hash of the current token (core/idempotency.ts): who derived idempotency keys belong to. Never the token. */
  identity(): string {
    return (this.who ??= tokenIdentity(this.opts.token));
  }

  /** Sends a request with retries that are safe: GETs, and mutations that carry their idempotency key. */
  async request(req: ApiRequest): Promise<ApiResult> {
    // A "." or ".." segment (also as %2e) is resolved away by URL parsing: the request would name another resource.
    if (req.path.split('/').some((seg) => /^(\.|%2e){1,2}$/i.test(seg))) {
      return fail(0, 'invalid_path', 'A path parameter is "." or "..", which would address another resource; nothing was sent.', 0);
    }
    const url = this.url(req);
    const mutation = req.method !== 'GET';
    const key = mutation ? req.idempotencyKey ?? randomUUID() : undefined;
    let last: ApiFailure | undefined;
    const maxAttempts = req.attempts ?? this.opts.maxAttempts;
    for (let attempt = 1; attempt <= maxAttempts; attempt++) {
      if (req.signal?.aborted) return fail(0, 'cancelled', 'The call was cancelled before it completed.', attempt - 1);
      const requestId = randomUUID();
      const outcome = await this.once(url, req, key, requestId, attempt);
      if (outcome.ok) return outcome;
      last = outcome;
      if (!outcome.retryable || attempt === maxAttempts) break;
      const wait = this.waitFor(outcome, attempt);
      if (wait === undefined) {
        const secs = Math.ceil(Number(outcome.details?._retryAfterMs ?? 0) / 1000);
        return { ...stripInternal(outcome), code: outcome.code, message: `${outcome.message} The API asks to wait ${secs} s, longer than this server waits; try again later.`, retryable: true };
      }
      try {
        await this.opts.sleep(wait, req.signal);
      } catch {
        return fail(0, 'cancelled', 'The call was cancelled while waiting to retry.', attempt);
      }
    }
    return stripInternal(last!);
  }

  private url(req: ApiRequest): URL {
    const url = new URL(req.absoluteUrl ?? `${this.opts.baseUrl}/api/v1${req.path}`);
    for (const [k, v] of Object.entries(req.query ?? {})) {
      if (v === undefined || v === null) continue;
      if (Array.isArray(v)) for (const x of v) url.searchParams.append(`${k}[]`, String(x));
      else url.searchParams.set(k, typeof v === 'object' ? JSON.stringify(v) : String(v));
    }
    return url;
  }

  private async once(url: URL, req: ApiRequest, key: string | undefined, requestId: string, attempt: number): Promise<ApiResult> {
    const headers: Record<string, string> = {
      Accept: 'application/json',
      'User-Agent': `trekmail-mcp/${VERSION}`,
      'X-Request-Id': requestId,
      ...req.headers,
    };
    // Credentials go to the API's own origin only (upload part URLs may be presigned elsewhere).
    if (url.origin === this.origin) headers.Authorization = `Bearer ${this.opts.token}`;
    if (key) headers['Idempotency-Key'] = key;
    let body: string | Uint8Array | undefined;
    if (req.rawBody) {
      body = req.rawBody;
      headers['Content-Type'] ??= 'application/octet-stream';
    } else if (req.body !== undefined) {
      body = JSON.stringify(req.body);
      headers['Content-Type'] = 'application/json';
    }
    const timeoutMs = req.timeoutMs ?? this.opts.timeoutMs;
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = req.signal ? AbortSignal.any([req.signal, timeout]) : timeout;
    let res: Answer;
    try {
      res = await this.transport(url, { method: req.method, headers, body, signal });
    } catch (err) {
      if (req.signal?.aborted) return fail(0, 'cancelled', 'The call was cancelled.', attempt, requestId);
      if (timeout.aborted) {
        return fail(0, 'timeout', `No answer from the API within ${timeoutMs} ms (TREKMAIL_TIMEOUT_MS).`, attempt, requestId, true);
      }
      const e = err as { code?: string; name?: string; cause?: { code?: string } };
      const cause = e.cause?.code ?? e.code ?? e.name;
      return fail(0, 'network_error', `Could not reach the TrekMail API (${cause}).`, attempt, requestId, true);
    }
    return this.read(res, requestId, attempt, timeout, timeoutMs);
  }

  private async read(res: Answer, requestId: string, attempt: number, timeout: AbortSignal, timeoutMs: number): Promise<ApiResult> {
    if (res.status >= 300 && res.status < 400) {
      res.discard();
      return fail(res.status, 'redirect_refused', `The API answered with a redirect (${res.status}); redirects are not followed so the token never leaves the configured origin. Check TREKMAIL_BASE_URL.`, attempt, requestId);
    }
    let bytes: Uint8Array;
    try {
      bytes = await res.bytes(this.opts.maxResponseBytes);
    } catch (err) {
      if (err instanceof ResponseTooLarge) {
        return fail(res.status, 'response_too_large', `The API response exceeds ${Math.round(this.opts.maxResponseBytes / 1048576)} MB (TREKMAIL_MAX_RESPONSE_BYTES); it was not loaded.`, attempt, requestId);
      }
      if (timeout.aborted) return fail(0, 'timeout', `The API response did not finish within ${timeoutMs} ms.`, attempt, requestId, true);
      return fail(0, 'network_error', 'The connection dropped while reading the API response.', attempt, requestId, true);
    }
    const ok = res.status >= 200 && res.status < 300;
    const type = res.headers.get('content-type') ?? '';
    const text = new TextDecoder().decode(bytes);
    const serverRequestId = res.headers.get('x-request-id') ?? requestId;
    let json: unknown;
    let parsed = false;
    if (text.length === 0) {
      json = ok ? { ok: true, status: res.status } : undefined;
      parsed = ok;
    } else if (/json/i.test(type) || /^[\s]*[{[]/.test(text)) {
      try {
        json = JSON.parse(text);
        parsed = true;
      } catch {
        parsed = false;
      }
    }
    if (ok) {
      if (parsed) return { ok: true, status: res.status, data: json, headers: res.headers, requestId: serverRequestId, attempts: attempt };
      if (TEXT_TYPES.test(type)) {
        return { ok: true, status: res.status, data: { content_type: type.split(';')[0], text }, headers: res.headers, requestId: serverRequestId, attempts: attempt };
      }
      // A file the API sends as such (an Apple configuration profile): its bytes, base64, with its name if given.
      if (BINARY_TYPES.test(type)) {
        const name = /filename="?([^";]+)"?/i.exec(res.headers.get('content-disposition') ?? '')?.[1];
        const data = { content_type: type.split(';')[0], content_base64: Buffer.from(bytes).toString('base64'), ...(name ? { file_name: name } : {}) };
        return { ok: true, status: res.status, data, headers: res.headers, requestId: serverRequestId, attempts: attempt };
      }
      return fail(res.status, 'invalid_response', `The API answered ${res.status} with ${type || 'no content type'} instead of JSON: "${snippet(text)}". Check TREKMAIL_BASE_URL.`, attempt, serverRequestId);
    }
    const retryAfterMs = retryAfter(res.headers.get('retry-after'), json);
    const envelope = (json && typeof json === 'object' ? (json as Record<string, unknown>) : undefined);
    const err = envelope?.error && typeof envelope.error === 'object' ? (envelope.error as Record<string, unknown>) : undefined;
    const retryableFlag = typeof err?.retryable === 'boolean' ? err.retryable : undefined;
    const retryable = retryableFlag ?? RETRY_STATUS.has(res.status);
    const details: Record<string, unknown> = {};
    if (envelope) for (const [k, v] of Object.entries(envelope)) if (k !== 'error') details[k] = v;
    if (err) for (const [k, v] of Object.entries(err)) if (!['code', 'message', 'hint', 'request_id', 'retryable'].includes(k)) details[k] = v;
    if (retryAfterMs !== undefined) details._retryAfterMs = retryAfterMs;
    const message = typeof err?.message === 'string' ? err.message
      : typeof envelope?.message === 'string' ? (envelope.message as string)
      : parsed ? `HTTP ${res.status}` : `HTTP ${res.status} with ${type || 'no content type'}: "${snippet(text)}"`;
    return {
      ok: false,
      status: res.status,
      code: typeof err?.code === 'string' ? err.code : typeof envelope?.error === 'string' ? (envelope.error as string) : statusCode(res.status),
      message,
      hint: typeof err?.hint === 'string' ? err.hint : undefined,
      requestId: typeof err?.request_id === 'string' ? err.request_id : serverRequestId,
      retryable,
      details: Object.keys(details).length ? details : undefined,
      attempts: attempt,
      ...(isReplay(res.headers) ? { replayed: true } : {}),
    };
  }

  /** Milliseconds to wait before the next attempt, or undefined when the API asks for longer than the cap. */
  private waitFor(f: ApiFailure, attempt: number): number | undefined {
    const ra = f.details?._retryAfterMs as number | undefined;
    if (ra !== undefined) return ra > this.opts.maxRetryAfterMs ? undefined : ra;
    const ceiling = Math.min(this.opts.backoffMaxMs, this.opts.backoffBaseMs * 2 ** (attempt - 1));
    return Math.round(ceiling / 2 + this.opts.random() * (ceiling / 2));
  }
}

function fail(status: number, code: string, message: string, attempts: number, requestId?: string, retryable = false): ApiFailure {
  return { ok: false, status, code, message, requestId, retryable, attempts };
}

function stripInternal(f: ApiFailure): ApiFailure {
  if (!f.details || !('_retryAfterMs' in f.details)) return f;
  const { _retryAfterMs, ...rest } = f.details;
  return { ...f, details: Object.keys(rest).length ? rest : undefined };
}

/** Retry-After as ms: header seconds or HTTP date, or `retry_after` (seconds) in the body. */
export function retryAfter(header: string | null, body: unknown): number | undefined {
  if (header) {
    const s = header.trim();
    if (/^\d+(\.\d+)?$/.test(s)) return Math.round(Number(s) * 1000);
    const t = Date.parse(s);
    if (!Number.isNaN(t)) return Math.max(0, t - Date.now());
  }
  const b = body as { retry_after?: unknown; error?: { retry_after?: unknown } } | undefined;
  const v = b?.retry_after ?? b?.error?.retry_after;
  if (typeof v === 'number' && v >= 0) return Math.round(v * 1000);
  return undefined;
}

/** A short, single-line, tag-free excerpt of a non-JSON body. */
function snippet(text: string): string {
  return text.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 120);
}

function statusCode(status: number): string {
  const names: Record<number, string> = { 400: 'bad_request', 401: 'unauthorized', 403: 'forbidden', 404: 'not_found', 409: 'conflict', 422: 'validation_failed', 429: 'rate_limited', 500: 'server_error', 502: 'bad_gateway', 503: 'service_unavailable', 504: 'gateway_timeout' };
  return names[status] ?? `http_${status}`;
}
