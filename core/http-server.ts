import { timingSafeEqual, createHash } from 'node:crypto';
import type { Server as HttpServer } from 'node:http';
import type { ErrorRequestHandler } from 'express';
import type { AddressInfo } from 'node:net';
import { ConfigError, isLoopbackHost, type Config } from './config.js';
import type { Logger } from './logger.js';
import { createMcpServer } from './mcp.js';
import type { ToolRuntime } from './runtime.js';
import type { Tenants } from './tenants.js';

export interface HttpHandle {
  url: string;
  close(): Promise<void>;
}

const LOOPBACK_HOSTS = ['localhost', '127.0.0.1', '[::1]'];
const LOOPBACK_ORIGIN = /^https?:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d+)?$/i;

const rpcError = (code: number, message: string) => ({ jsonrpc: '2.0', error: { code, message }, id: null });
const digest = (s: string) => createHash('sha256').update(s).digest();

/**
 * Serves MCP over Streamable HTTP, stateless (a fresh transport per request, so replicas need no shared state).
 * Binds 127.0.0.1 by default; any other address needs TREKMAIL_HTTP_TOKEN. Host and Origin are checked against
 * allow-lists to stop DNS rebinding. Express and the SDK's HTTP transport load only in this mode.
 */
export async function serveHttp(runtime: ToolRuntime | undefined, config: Config, logger: Logger, tenants?: Tenants): Promise<HttpHandle> {
  const { host, port, token, allowedHosts, allowedOrigins } = config.http;
  const loopback = isLoopbackHost(host) || host === '::1';
  // Pass-through (issue 18): every request authenticates with its user's own TrekMail token, so no endpoint token.
  if (!loopback && !token && !tenants) {
    throw new ConfigError('TREKMAIL_HTTP_TOKEN', `is required to bind ${host}: without it anyone who can reach the port could act on the account. Set a long random value (clients send it as a Bearer token), or bind 127.0.0.1`);
  }
  const { default: express } = await import('express');
  const { hostHeaderValidation } = await import('@modelcontextprotocol/sdk/server/middleware/hostHeaderValidation.js');
  const { StreamableHTTPServerTransport } = await import('@modelcontextprotocol/sdk/server/streamableHttp.js');

  const app = express();
  app.disable('x-powered-by');
  const hosts = allowedHosts ?? (loopback ? LOOPBACK_HOSTS : undefined);
  if (hosts) app.use(hostHeaderValidation(hosts));
  app.use((req, res, next) => {
    const origin = req.headers.origin;
    if (origin && !(allowedOrigins ? allowedOrigins.includes(origin) : loopback && LOOPBACK_ORIGIN.test(origin))) {
      res.status(403).json(rpcError(-32000, `Origin ${origin.slice(0, 100)} is not allowed (TREKMAIL_HTTP_ALLOWED_ORIGINS)`));
      return;
    }
    next();
  });
  if (token) {
    const want = digest(token);
    app.use((req, res, next) => {
      const got = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
      if (!got || !timingSafeEqual(digest(got), want)) {
        res.status(401).set('WWW-Authenticate', 'Bearer').json(rpcError(-32001, 'Missing or wrong bearer token for this MCP endpoint'));
        return;
      }
      next();
    });
  }
  // Uploads and contact imports carry base64 payloads: well above express's 100 KB default.
  app.use(express.json({ limit: '50mb' }));
  app.post('/mcp', async (req, res) => {
    // --- Pass-through hook (issue 18, core/tenants.ts; SDK-free): the request's own TrekMail tokens pick its
    // runtime, or it is answered 401/503 here and nothing reaches the API. Static mode: the one runtime.
    const tenant = tenants ? await tenants.resolve(req.headers).catch(() => undefined) : runtime ? { ok: true as const, runtime } : undefined;
    if (!tenant?.ok) {
      res.status(tenant?.status ?? 500).set(tenant?.headers ?? {}).json(rpcError(-32001, tenant?.message ?? 'No runtime'));
      return;
    }
    // --- end of hook
    const server = createMcpServer(tenant.runtime, 'http');
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
    res.on('close', () => {
      void transport.close();
      void server.close();
    });
    try {
      await server.connect(transport);
      await transport.handleRequest(req, res, req.body);
    } catch (err) {
      logger.error('HTTP request failed', { error: String((err as Error)?.message ?? err) });
      if (!res.headersSent) res.status(500).json(rpcError(-32603, 'Internal server error'));
    }
  });
  app.all('/mcp', (_req, res) => {
    res.status(405).set('Allow', 'POST').json(rpcError(-32000, 'Method not allowed: this server is stateless, use POST'));
  });
  app.get('/healthz', (_req, res) => {
    res.json(runtime ? { ok: true, tools: runtime.list().length } : { ok: true, auth: 'passthrough' });
  });
  // --- Errors thrown in a handler or middleware (a body that is not JSON or is over the limit, a bug): a JSON-RPC
  // error, never express's HTML page with a stack trace, nor its console log of the request body. Port as is (v2).
  const onError: ErrorRequestHandler = (err, _req, res, _next) => {
    const e = (err ?? {}) as { type?: string; status?: number; message?: string };
    const status = typeof e.status === 'number' && e.status >= 400 && e.status < 600 ? e.status : 500;
    if (status >= 500) logger.error('HTTP request failed', { error: String(e.message ?? err) });
    if (res.headersSent) return void res.end();
    const [code, message] = e.type === 'entity.parse.failed' ? [-32700, 'Parse error: the request body is not valid JSON']
      : status === 413 ? [-32600, 'Request body too large'] : status < 500 ? [-32600, 'Invalid request'] : [-32603, 'Internal server error'];
    res.status(status).json(rpcError(code, message));
  };
  app.use(onError);
  // --- end of error hook

  const server: HttpServer = await new Promise((resolve, reject) => {
    const s = app.listen(port, host, (err?: Error) => (err ? reject(err) : resolve(s)));
    s.once('error', reject);
  });
  const addr = server.address() as AddressInfo;
  const shown = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
  return {
    url: `http://${shown}:${addr.port}/mcp`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
