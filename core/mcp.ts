import { createHash, randomBytes } from 'node:crypto';
import {
  CLIENT_CAPABILITIES_META_KEY,
  ProtocolError,
  ProtocolErrorCode,
  SUPPORTED_PROTOCOL_VERSIONS,
  Server,
  createRequestStateCodec,
  inputRequired,
  inputResponse,
  type CacheHint,
  type ClientCapabilities,
  type ServerContext,
  type Tool,
} from '@modelcontextprotocol/server';
import { serveStdio as serveStdioEntry, StdioServerTransport } from '@modelcontextprotocol/server/stdio';
import { appCatalog, type AppCatalog } from './apps.js';
import { VERSION } from './http.js';
import { LineGuard, STDIO_LINE_LIMIT } from './stdio-guard.js';
import type { CallOptions, ToolRuntime } from './runtime.js';

/**
 * The one place that builds MCP servers (v2 SDK, low-level Server: tools/list answers our precomputed JSON Schemas,
 * tools/call goes to the runtime). One factory serves both protocol eras; the serving entries (stdio here, Streamable
 * HTTP in http-server.ts) let the client's first message pick the era:
 * - legacy (2025-11-25 and earlier): `initialize` handshake; the person's confirmation is a server-initiated
 *   `elicitation/create` request inside the call;
 * - modern (2026-07-28): stateless, `server/discover`, per-request `_meta` envelope; the confirmation is an
 *   `input_required` answer carrying the elicitation and our signed request state, and the client retries.
 */

export type Era = 'legacy' | 'modern';
export type Transport = 'stdio' | 'http';

/** The revision of the modern era we serve (the SDK implements exactly this one). */
export const MODERN_REVISION = '2026-07-28';
/** Every revision a client can get: the modern one through server/discover, the 2025 family through initialize. */
export const SERVED_REVISIONS: readonly string[] = [MODERN_REVISION, ...SUPPORTED_PROTOCOL_VERSIONS];

/**
 * The tool list depends only on the credentials this process holds (never on the connection), so a client may keep
 * it: private (it is per account), one hour. The same hint covers server/discover.
 */
export const LIST_CACHE_HINT: CacheHint = { ttlMs: 3_600_000, cacheScope: 'private' };

/** What the agent reads before any schema (Claude Code and Cursor load names and this string up front). */
export function instructionsFor(runtime: ToolRuntime): string {
  return runtime.instructions();
}

export interface McpServerOptions {
  transport?: Transport;
  era?: Era;
}

/** The form a person answers to approve one action (both eras ask with the same schema). */
const APPROVAL_SCHEMA = {
  type: 'object' as const,
  properties: { approve: { type: 'boolean' as const, title: 'Approve', description: 'Tick to let the agent go ahead' } },
  required: ['approve'],
};
/** Some clients report "accept" for a rejection: the content must say yes too. */
const approves = (action: string | undefined, content: unknown) => action === 'accept' && (content as { approve?: unknown } | undefined)?.approve === true;

/**
 * The state a 2026-07-28 confirmation round carries through the client: which call it belongs to (tool and a hash of
 * its arguments), the answers given so far (each bound to a hash of the text the person saw) and the question now
 * pending. Signed (HMAC, this process's random key) and short-lived: a forged, altered or stale state is refused by
 * the SDK before our handler runs, and an approval never carries over to other arguments or another text.
 */
interface ConfirmState {
  tool: string;
  args: string;
  answers: { text: string; ok: boolean }[];
  pending?: string;
}
const codecFor = (key: Uint8Array) => createRequestStateCodec<ConfirmState>({ key, ttlSeconds: 600 });
let stateCodec = codecFor(randomBytes(32));

/**
 * Signs confirmation state with a key derived from this secret instead of the process's random one: replicas behind
 * one load balancer that share it accept each other's rounds (the client's retry may reach any of them).
 */
export function useStateSecret(secret: string): void {
  stateCodec = codecFor(createHash('sha256').update(`trekmail-mcp request state\n${secret}`).digest());
}
const digest = (s: string) => createHash('sha256').update(s).digest('base64url');
/** A canonical JSON (sorted keys) so the same arguments always hash the same. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') return `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`).join(',')}}`;
  return JSON.stringify(v) ?? 'null';
}
const CONFIRM_KEY = 'confirm';

/** A v2 low-level Server over the runtime, for one era; all handlers are registered in `registerHandlers`. */
export function createMcpServer(runtime: ToolRuntime, transportOrOptions: Transport | McpServerOptions = 'stdio'): Server {
  const opts: McpServerOptions = typeof transportOrOptions === 'string' ? { transport: transportOrOptions } : transportOrOptions;
  // MCP Apps (io.modelcontextprotocol/ui): the packs' views as ui:// resources, linked from their tools' listing.
  // Clients without the extension ignore `_meta.ui` and keep the tools' text results.
  const apps = appCatalog(runtime);
  const server = new Server(
    { name: 'trekmail-mcp', version: VERSION },
    {
      capabilities: { tools: { listChanged: false }, ...(apps.resources.length ? { resources: { listChanged: false } } : {}) },
      instructions: instructionsFor(runtime),
      supportedProtocolVersions: [...SERVED_REVISIONS],
      cacheHints: { 'tools/list': LIST_CACHE_HINT, 'server/discover': LIST_CACHE_HINT },
      requestState: { verify: (state, ctx) => stateCodec.verify(state, ctx) },
    },
  );
  registerHandlers(server, runtime, apps, opts.transport ?? 'stdio', opts.era ?? 'legacy');
  return server;
}

/** Every request handler of the server, in one place (resources, discovery tools and the like join here). */
function registerHandlers(server: Server, runtime: ToolRuntime, apps: AppCatalog, transport: Transport, era: Era): void {
  // Our schemas are precomputed JSON Schemas (always `type: "object"`), handed over as they are; a tool with a view
  // carries its `_meta.ui` link.
  const tools = runtime.list().map((t) => {
    const meta = apps.toolMeta(t.name);
    return meta ? { ...t, _meta: meta } : t;
  }) as unknown as Tool[];
  if (apps.resources.length) {
    server.setRequestHandler('resources/list', async () => ({ resources: apps.resources }));
    server.setRequestHandler('resources/read', async (req) => {
      const found = await apps.read(req.params.uri);
      // -32002: the MCP spec's "resource not found".
      if (!found) throw new ProtocolError(-32002 as ProtocolErrorCode, `Resource not found: ${req.params.uri}`);
      return found;
    });
  }
  server.setRequestHandler('tools/list', async () => {
    // The list is answered from the build manifest; the tools' code loads right after, off the start-up path.
    runtime.warm();
    return { tools };
  });
  server.setRequestHandler('tools/call', async (req, ctx) => {
    const { name, arguments: args = {} } = req.params;
    if (!runtime.has(name)) throw new ProtocolError(ProtocolErrorCode.InvalidParams, `Unknown tool: ${name}. Call tools/list for the tools this server offers.`);
    const progress = progressOf(req.params._meta?.progressToken ?? ctx.mcpReq._meta?.progressToken, ctx);
    // A deliberate repeat (core/idempotency.ts): `_meta: {"trekmail/repeat": true}` on the call gives it fresh
    // idempotency keys instead of derived ones (the argument `_repeat: true` does the same).
    const freshKey = (req.params._meta as Record<string, unknown> | undefined)?.['trekmail/repeat'] === true;
    const base: CallOptions = { signal: ctx.mcpReq.signal, transport, progress, freshKey };
    const modern = era === 'modern' || ctx.mcpReq.envelope !== undefined;
    if (!modern) {
      return runtime.call(name, args, { ...base, elicit: canElicit(server, ctx) ? pushElicit(ctx) : undefined });
    }
    return callWithRounds(runtime, name, args, base, ctx, canElicit(server, ctx));
  });
}

type Progress = NonNullable<CallOptions['progress']>;
function progressOf(token: string | number | undefined, ctx: ServerContext): Progress | undefined {
  if (token === undefined) return undefined;
  return async (done, total, message) => {
    await ctx.mcpReq.notify({ method: 'notifications/progress', params: { progressToken: token, progress: done, total, message } });
  };
}

/** Whether this request's client declared form elicitation (the envelope on 2026-07-28, initialize before). */
function canElicit(server: Server, ctx: ServerContext): boolean {
  const envelope = ctx.mcpReq.envelope as Record<string, unknown> | undefined;
  const caps = (envelope?.[CLIENT_CAPABILITIES_META_KEY] as ClientCapabilities | undefined) ?? server.getClientCapabilities();
  const e = caps?.elicitation as { form?: unknown; url?: unknown } | undefined;
  // An empty elicitation object means form support (the pre-mode rule); url-only clients cannot show our form.
  return !!e && (e.form !== undefined || e.url === undefined);
}

/** 2025 era: ask inside the call with a server-initiated request, waiting up to five minutes for the person. */
function pushElicit(ctx: ServerContext): (message: string) => Promise<boolean> {
  return async (message) => {
    const r = await ctx.mcpReq.elicitInput({ mode: 'form', message, requestedSchema: APPROVAL_SCHEMA }, { timeout: 300_000, signal: ctx.mcpReq.signal });
    return approves(r.action, r.content);
  };
}

/**
 * 2026-07-28: a call that needs the person's approval answers `input_required` (the elicitation plus our signed
 * state) and ends there: nothing after the question runs, so nothing is sent. The client asks the person and calls
 * again with the answer; the runtime then runs the call from the start, and when it reaches the same question (same
 * tool, same arguments, same text) it gets the recorded answer. A declined, cancelled or unapproved answer reads as
 * "no"; a different text (the price changed, say) is asked anew.
 */
async function callWithRounds(runtime: ToolRuntime, name: string, args: Record<string, unknown>, base: CallOptions, ctx: ServerContext, elicitation: boolean) {
  const argsHash = digest(`${name}\n${canonical(args)}`);
  const prior = ctx.mcpReq.requestState<ConfirmState>();
  const answers = prior && prior.tool === name && prior.args === argsHash ? [...prior.answers] : [];
  if (prior?.pending && prior.tool === name && prior.args === argsHash) {
    const r = inputResponse(ctx.mcpReq.inputResponses, CONFIRM_KEY);
    if (r.kind === 'elicit') answers.push({ text: prior.pending, ok: approves(r.action, r.content) });
  }
  if (!elicitation) return runtime.call(name, args, base);
  let asked: string | undefined;
  let suspend!: () => void;
  const suspended = new Promise<undefined>((resolve) => (suspend = () => resolve(undefined)));
  let round = 0;
  const elicit = async (message: string): Promise<boolean> => {
    const seen = answers[round];
    if (seen && seen.text === digest(message)) {
      round++;
      return seen.ok;
    }
    answers.length = round;
    asked = message;
    suspend();
    // Never settles: the rest of the call (the request that needs the approval) must not run in this round.
    return new Promise<boolean>(() => {});
  };
  const result = await Promise.race([runtime.call(name, args, { ...base, elicit }), suspended]);
  if (result) return result;
  const state: ConfirmState = { tool: name, args: argsHash, answers, pending: digest(asked!) };
  return inputRequired({
    inputRequests: { [CONFIRM_KEY]: inputRequired.elicit({ mode: 'form', message: asked!, requestedSchema: APPROVAL_SCHEMA }) },
    requestState: await stateCodec.mint(state),
  });
}

/**
 * Serves MCP over stdio until stdin closes. The first message picks the era (initialize: 2025; server/discover or an
 * enveloped request: 2026-07-28) and the connection keeps it. A request line over the reader's limit gets an error
 * answer and a line on stderr; the connection lives on.
 */
export async function serveStdio(runtime: ToolRuntime, io: { stdin: NodeJS.ReadableStream; stdout: NodeJS.WritableStream } = process): Promise<{ close(): Promise<void> }> {
  const guard = new LineGuard(({ bytes, id }) => {
    const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MiB`;
    process.stderr.write(`[trekmail-mcp] refused a request line of ${mb(bytes)} (limit ${mb(STDIO_LINE_LIMIT)}); the server goes on\n`);
    const message = `Request too large: this line is ${mb(bytes)}, over the ${mb(STDIO_LINE_LIMIT)} a stdio request may carry. Nothing was done. Send large files in smaller parts.`;
    void wire.send({ jsonrpc: '2.0', id: id as string | number, error: { code: ProtocolErrorCode.InvalidRequest, message } }).catch(() => {});
  });
  io.stdin.pipe(guard);
  // The guard hands over one line at a time, each within the limit: the SDK reader's own bound is never reached.
  const wire = new StdioServerTransport(guard, io.stdout as import('node:stream').Writable, { maxBufferSize: 4 * STDIO_LINE_LIMIT });
  return serveStdioEntry(({ era }) => createMcpServer(runtime, { transport: 'stdio', era }), {
    transport: wire,
    // One line per report, control characters escaped (a message cannot forge a log line or reach the terminal raw).
    onerror: (err) => process.stderr.write(`[trekmail-mcp] stdio: ${JSON.stringify(String(err?.message ?? err).slice(0, 300)).slice(1, -1)}\n`),
  });
}
