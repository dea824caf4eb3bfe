import { randomUUID, timingSafeEqual, createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server as HttpServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ConfigError, isLoopbackHost, type Config } from './config.js';
import type { Logger } from './logger.js';
import { createMcpServer, useStateSecret, type Era } from './mcp.js';
import type { ToolRuntime } from './runtime.js';
import type { Tenants } from './tenants.js';

export interface HttpHandle {
  url: string;
  close(): Promise<void>;
}

const LOOPBACK_HOSTS = ['localhost', '127.0.0.1', '[::1]'];
const LOOPBACK_ORIGIN = /^https?:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d+)?$/i;
/** Uploads and contact imports carry base64 payloads. */
export const HTTP_BODY_LIMIT = 50 * 1024 * 1024;
/** 2025-era sessions: idle lifetime and how many at once (past that, initialize is served statelessly). */
const SESSION_IDLE_MS = 30 * 60_000;
const MAX_SESSIONS = 200;

const rpcError = (code: number, message: string, id: string | number | null = null) => ({ jsonrpc: '2.0', error: { code, message }, id });
const digest = (s: string) => createHash('sha256').update(s).digest();

type Sdk = typeof import('@modelcontextprotocol/server');
/** A 2025-era session; `owner` is a hash of the credentials that opened it (pass-through: only they may use it). */
type LegacySession = { transport: InstanceType<Sdk['WebStandardStreamableHTTPServerTransport']>; close(): Promise<void>; seen: number; owner: string };

/**
 * Serves MCP over Streamable HTTP at /mcp, both eras from one endpoint:
 * - 2026-07-28 requests (the `_meta` envelope) go to the SDK's stateless modern handler, a fresh server per request;
 * - a 2025-era `initialize` opens a session (Mcp-Session-Id): within it the server can ask the person inside a call
 *   and the client can cancel a call; 2025-era requests without a session id are served statelessly (a fresh server
 *   per request), as before, so a client that ignores the session still works (without confirmation).
 * Binds 127.0.0.1 by default; any other address needs TREKMAIL_HTTP_TOKEN (a Bearer token, scheme case-insensitive).
 * Host and Origin are checked against allow-lists to stop DNS rebinding. Every refusal, a malformed body and an
 * oversize body get a JSON-RPC error, never an HTML page.
 */
export async function serveHttp(runtime: ToolRuntime | undefined, config: Config, logger: Logger, tenants?: Tenants): Promise<HttpHandle> {
  const { port, token, allowedHosts, allowedOrigins } = config.http;
  const bindHost = config.http.host.replace(/^\[(.*)\]$/, '$1');
  const loopback = isLoopbackHost(config.http.host) || isLoopbackHost(`[${bindHost}]`);
  // Pass-through (core/tenants.ts): every request authenticates with its user's own TrekMail token, so no endpoint token.
  if (!loopback && !token && !tenants) {
    throw new ConfigError('TREKMAIL_HTTP_TOKEN', `is required to bind ${config.http.host}: without it anyone who can reach the port could act on the account. Set a long random value (clients send it as a Bearer token), or bind 127.0.0.1`);
  }
  const sdk = await import('@modelcontextprotocol/server');
  if (config.http.stateSecret) useStateSecret(config.http.stateSecret);
  const hosts = allowedHosts ?? (loopback ? LOOPBACK_HOSTS : undefined);
  const want = token && !tenants ? digest(token) : undefined;
  const onerror = (err: Error) => logger.debug('MCP HTTP', { error: String(err?.message ?? err).slice(0, 300) });

  // One factory per runtime: the era comes from the request's classification.
  const factoryFor = (rt: ToolRuntime) => ({ era }: { era: Era }) => createMcpServer(rt, { transport: 'http', era });
  const handlers = new Map<ToolRuntime, { modern: ReturnType<Sdk['createMcpHandler']>; legacy: ReturnType<Sdk['legacyStatelessFallback']> }>();
  const handlersFor = (rt: ToolRuntime) => {
    let h = handlers.get(rt);
    if (!h) {
      h = {
        modern: sdk.createMcpHandler(factoryFor(rt), { legacy: 'reject', onerror, maxRequestBodySize: HTTP_BODY_LIMIT }),
        legacy: sdk.legacyStatelessFallback(factoryFor(rt), onerror, { maxRequestBodySize: HTTP_BODY_LIMIT }),
      };
      // Pass-through builds a runtime per request: its handlers are not kept (the map would only grow).
      if (!tenants) handlers.set(rt, h);
    }
    return h;
  };
  const sessions = new Map<string, LegacySession>();
  const sweep = setInterval(() => {
    for (const [id, s] of sessions) if (Date.now() - s.seen > SESSION_IDLE_MS) void s.close();
  }, 60_000);
  sweep.unref();

  const openSession = async (rt: ToolRuntime, owner: string): Promise<LegacySession> => {
    const server = createMcpServer(rt, { transport: 'http', era: 'legacy' });
    let id: string | undefined;
    const transport = new sdk.WebStandardStreamableHTTPServerTransport({
      sessionIdGenerator: randomUUID,
      maxRequestBodySize: HTTP_BODY_LIMIT,
      onsessioninitialized: (sid) => {
        id = sid;
        sessions.set(sid, session);
      },
      onsessionclosed: (sid) => void sessions.delete(sid),
    });
    const session: LegacySession = {
      transport,
      seen: Date.now(),
      owner,
      close: async () => {
        if (id) sessions.delete(id);
        await transport.close().catch(() => {});
        await server.close().catch(() => {});
      },
    };
    await server.connect(transport);
    return session;
  };

  const serve = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const path = (req.url ?? '/').split('?')[0];
    const host = req.headers.host;
    if (hosts && !sdk.validateHostHeader(host, hosts).ok) return json(res, 403, rpcError(-32000, `Host ${String(host ?? '').slice(0, 100)} is not allowed (TREKMAIL_HTTP_ALLOWED_HOSTS)`));
    const origin = req.headers.origin;
    if (origin && !(allowedOrigins ? allowedOrigins.includes(origin) : loopback && LOOPBACK_ORIGIN.test(origin))) {
      return json(res, 403, rpcError(-32000, `Origin ${origin.slice(0, 100)} is not allowed (TREKMAIL_HTTP_ALLOWED_ORIGINS)`));
    }
    if (path === '/healthz' && req.method === 'GET') return json(res, 200, runtime ? { ok: true, tools: runtime.list().length } : { ok: true, auth: 'passthrough' });
    if (path !== '/mcp') return json(res, 404, rpcError(-32000, `Not found: the MCP endpoint is /mcp`));
    if (want) {
      const got = /^bearer[ \t]+(\S+)[ \t]*$/i.exec(req.headers.authorization ?? '')?.[1];
      if (!got || !timingSafeEqual(digest(got), want)) {
        res.setHeader('WWW-Authenticate', 'Bearer');
        return json(res, 401, rpcError(-32001, 'Missing or wrong bearer token for this MCP endpoint'));
      }
    }
    // --- Pass-through hook (core/tenants.ts, SDK-free): the request's own TrekMail tokens pick its runtime, or it is
    // answered 401/503 here and nothing reaches the API. Static mode: the one runtime.
    const tenant = tenants ? await tenants.resolve(req.headers).catch(() => undefined) : runtime ? { ok: true as const, runtime } : undefined;
    if (!tenant?.ok) {
      for (const [k, v] of Object.entries(tenant?.headers ?? {})) res.setHeader(k, v);
      return json(res, tenant?.status ?? 500, rpcError(-32001, tenant?.message ?? 'No runtime'));
    }
    const rt = tenant.runtime;
    // A session belongs to the credentials that opened it: another user's token cannot ride on its id.
    const owner = tenants ? digest(`${req.headers.authorization ?? ''}\n${header(req, 'x-trekmail-token') ?? ''}`).toString('hex') : '';
    // --- end of hook
    const sid = header(req, 'mcp-session-id');
    if (req.method !== 'POST') {
      const found = sid ? sessions.get(sid) : undefined;
      const session = found?.owner === owner ? found : undefined;
      if (session && (req.method === 'GET' || req.method === 'DELETE')) return pipe(res, await session.transport.handleRequest(webRequest(req, abortOn(res))));
      if (sid && !session) return json(res, 404, rpcError(-32001, 'Session not found (it ended or expired): initialize again'));
      res.setHeader('Allow', 'POST');
      return json(res, 405, rpcError(-32000, 'Method not allowed: POST JSON-RPC to /mcp (GET and DELETE need the Mcp-Session-Id of a 2025-era session)'));
    }
    const raw = await readBody(req, HTTP_BODY_LIMIT);
    if (raw === undefined) return json(res, 413, rpcError(-32600, `Request too large: the body is over the ${HTTP_BODY_LIMIT / 1024 / 1024} MiB this endpoint reads. Nothing was done. Send large files in smaller parts.`));
    let body: unknown;
    try {
      body = JSON.parse(raw);
    } catch {
      // No detail from the parser: its message quotes the body, which may hold a secret.
      return json(res, 400, rpcError(-32700, 'Parse error: the request body is not valid JSON'));
    }
    const signal = abortOn(res);
    const request = webRequest(req, signal, raw);
    if (!(await sdk.isLegacyRequest(request, body, { maxRequestBodySize: HTTP_BODY_LIMIT }))) return pipe(res, await handlersFor(rt).modern.fetch(request, { parsedBody: body }));
    if (sid) {
      const found = sessions.get(sid);
      const session = found?.owner === owner ? found : undefined;
      if (!session) return json(res, 404, rpcError(-32001, 'Session not found (it ended or expired): initialize again'));
      session.seen = Date.now();
      return pipe(res, await session.transport.handleRequest(request, { parsedBody: body }));
    }
    if (opensSession(body) && sessions.size < MAX_SESSIONS) {
      const session = await openSession(rt, owner);
      return pipe(res, await session.transport.handleRequest(request, { parsedBody: body }));
    }
    return pipe(res, await handlersFor(rt).legacy(request, { parsedBody: body }));
  };

  const server: HttpServer = createServer((req, res) => {
    serve(req, res).catch((err) => {
      logger.error('HTTP request failed', { error: String((err as Error)?.message ?? err).slice(0, 300) });
      if (!res.headersSent) json(res, 500, rpcError(-32603, 'Internal server error'));
      else res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, bindHost, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const addr = server.address() as AddressInfo;
  const shown = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
  return {
    url: `http://${shown}:${addr.port}/mcp`,
    close: async () => {
      clearInterval(sweep);
      await Promise.all([...sessions.values()].map((s) => s.close()));
      await Promise.all([...handlers.values()].map((h) => h.modern.close()));
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A 2025-era initialize: it opens a session (a single JSON-RPC message, not a batch). */
function opensSession(body: unknown): boolean {
  return (body as { method?: unknown } | undefined)?.method === 'initialize';
}

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

/** An abort signal that fires when the client goes away before the answer is complete (cancels the call). */
function abortOn(res: ServerResponse): AbortSignal {
  const ac = new AbortController();
  res.once('close', () => {
    if (!res.writableFinished) ac.abort();
  });
  return ac.signal;
}

/** The body as text, or undefined when it passes `limit` bytes (the rest is drained, never buffered). */
function readBody(req: IncomingMessage, limit: number): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) over = true;
      if (!over) chunks.push(c);
    });
    req.on('end', () => resolve(over ? undefined : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** The web-standard Request the SDK's handlers take, from node's request (the body already read, when given). */
function webRequest(req: IncomingMessage, signal: AbortSignal, body?: string): Request {
  const headers = new Headers();
  for (const [k, v] of Object.entries(req.headers)) {
    if (v === undefined) continue;
    for (const one of Array.isArray(v) ? v : [v]) headers.append(k, one);
  }
  headers.delete('content-length');
  return new Request(`http://localhost${(req.url ?? '/mcp').split('?')[0]}`, { method: req.method, headers, body, signal });
}

/** Writes a web Response to node's response, streaming (an SSE answer flushes event by event). */
async function pipe(res: ServerResponse, answer: Response): Promise<void> {
  const headers: Record<string, string> = {};
  answer.headers.forEach((v, k) => (headers[k] = v));
  res.writeHead(answer.status, headers);
  if (!answer.body) return void res.end();
  const reader = answer.body.getReader();
  res.once('close', () => void reader.cancel().catch(() => {}));
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      res.write(value);
    }
  } finally {
    res.end();
  }
}
