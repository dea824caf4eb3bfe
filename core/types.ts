/**
 * The shared types of the core and the packs, in one leaf module: it imports nothing, so no module of the core
 * reaches another through it (no import rings, not even type-only ones). Values live in their own modules.
 */

/** What a tool (or the core) sends the API through: one client per token. */
export interface ApiClient {
  request(req: ApiRequest): Promise<ApiResult>;
}

export type Access = 'read' | 'write' | 'destructive';
export type Gate = 'destructive' | 'sending' | 'migration' | 'purchases' | 'destructive-if-delete' | 'destructive-if-discard';
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
export type TransportName = 'stdio' | 'http';

/** What a tool declares about itself; everything the core needs to list, gate, validate and call it. */
export interface ToolSpec {
  /** MCP tool name, fixed by the catalog. */
  name: string;
  /** One sentence for the agent: when to use it. */
  description: string;
  access: Access;
  /** Token scope it needs; `a|b` means either. */
  scope: string;
  /**
   * `METHOD /path/{param}[/{optional}]`, relative to /api/v1. A composite tool still names its main route. A tool of
   * the server itself (preview_tool_call) has none: it answers without any API request.
   */
  route?: `${HttpMethod} /${string}`;
  gate?: Gate;
  /** Name of the per-call confirmation parameter that must be `true`. */
  confirm?: string;
  /** Constant headers (e.g. X-Confirm-Delete). */
  headers?: Record<string, string>;
  /** Constant body fields (e.g. password_mode). */
  fixedBody?: Record<string, unknown>;
  /** Constant query fields (e.g. status=trashed). */
  fixedQuery?: Record<string, unknown>;
  /**
   * Parameters sent under another name than their own. `'body.text'` nests: the object `body` is sent when any of
   * its members is given, the members not given as null. `'mode'` renames. `'header:Payment-Authorization'` sends
   * the value as that request header instead of a field.
   */
  wire?: Record<string, string>;
  /** POST/PUT/PATCH without any body (the API takes none). */
  noBody?: boolean;
  /** Other names tools/call accepts for this tool (the official server's); tools/list never shows them. */
  aliases?: string[];
  /**
   * Parameters the server uses itself and never sends to the API (an inline size cap, a local file path, a
   * rendering choice). buildRequest leaves them out; the catalog check accepts them as ours.
   */
  localParams?: string[];
  /** Send the remaining parameters as a JSON body even on GET/DELETE. */
  jsonBody?: boolean;
  /** Transports on which the tool exists (default: all). */
  transports?: TransportName[];
  /** Secret-looking result keys that are the purpose of the result (shown once, e.g. a created token). */
  revealKeys?: string[];
  /**
   * The answer carries a secret only once and the API replays it without (app passwords, device passwords): each
   * call gets a fresh idempotency key instead of the derived one, so a re-call makes a new secret rather than
   * getting an answer without it (core/idempotency.ts).
   */
  freshKey?: boolean;
  /**
   * Recipients (to/cc/bcc/targets/recipients/recipient_email, redirect rule targets) are checked against
   * TREKMAIL_SEND_ALLOW; a list names further parameters that hold an address mail or an invitation goes to.
   */
  checkRecipients?: boolean | string[];
  /** The result carries third-party content (mail, tickets, file names): cleaned, delimited and marked. */
  untrusted?: boolean;
  /**
   * A purchase (HTTP 402 flow): the call without `credential` learns the price and spends nothing; the call with it
   * pays. The tool asks the person itself, with the amount (ctx.confirm), so the core's generic pre-call
   * confirmation does not apply.
   */
  payment?: { credential: string };
  /**
   * Words people use for this task that its name and description do not (TREKMAIL_TOOLS=discover searches them);
   * never listed, so they cost no context.
   */
  keywords?: string;
  /**
   * The server's own tools of TREKMAIL_TOOLS=discover (registered only in that mode): `find` searches the catalog,
   * `read` and `write` run a found tool through the same path as a listed one. Not for packs.
   */
  discovery?: 'find' | 'read' | 'write';
}

/** Metadata stored on a tool's input class. */
export interface ToolMeta extends ToolSpec {
  method: HttpMethod;
  path: string;
  /** No route: the tool answers locally and never reaches the API. */
  local?: boolean;
  /** Property names marked @Secret(). */
  secrets: string[];
}


export interface ToolClass<T = object> {
  new (): T;
  prototype: T & {
    execute?: (this: T, ctx: ToolContext) => Promise<ToolOutcome>;
    /** Addresses mail goes to that no parameter holds as such (a Sieve script's redirects), for TREKMAIL_SEND_ALLOW. */
    recipients?: (this: T) => string[];
  };
}


/** What a tool returns: data for the agent, or a failure it can act on (same shape as an API failure). */
export type ToolOutcome = { ok: true; data: unknown; text?: string } | ApiFailure;

/** What a tool's execute() gets: its declaration, the API client of its token, and services. */
export interface ToolContext {
  meta: ToolMeta;
  config: Config;
  logger: Logger;
  transport: 'stdio' | 'http';
  signal?: AbortSignal;
  /** Sends any API request with this token (each mutation gets its own idempotency key, reused by its retries). */
  request(req: ApiRequest): Promise<ApiResult>;
  /** Sends the tool's own route built from these arguments (default: the validated arguments). */
  call(args?: Record<string, unknown>): Promise<ApiResult>;
  /** Reports progress when the client asked for it; a no-op otherwise. */
  progress(done: number, total?: number, message?: string): Promise<void>;
  /** The API client of the tool's token (absent for the server's own tools, which never call the API). */
  http?: ApiClient;
  /**
   * Switches this tool's API client to a new token at once (a reissued key whose predecessor is already revoked).
   * The token joins the process's secrets: scrubbed from logs and later results.
   */
  replaceToken(token: string): void;
  /**
   * Asks the person to approve something the tool itself describes (an amount to pay): `approved`, `declined`, or
   * `unavailable` when no person can be asked (no elicitation in this client or transport, or TREKMAIL_CONFIRM=flag);
   * then the tool's own confirm flag decides. With TREKMAIL_CONFIRM=elicit and no way to ask, `declined`.
   */
  confirm(message: string): Promise<'approved' | 'declined' | 'unavailable'>;
  /** A small memory of this tool's earlier calls in this process (a price learned from a 402). */
  state: Map<string, unknown>;
  /** The server's view of its other tools (for its own tools such as preview_tool_call). */
  tools: {
    preview(name: string, args: Record<string, unknown>): Promise<ToolOutcome>;
    /** TREKMAIL_TOOLS=discover: the tools that best match a task, with schemas, gates and availability. */
    find(query: string, limit?: number): Promise<ToolOutcome>;
  };
}


export type TokenKind = 'ops' | 'message';

/** An area module: the tool classes of one area (plus anything else it exports). */
export type AreaModule = Record<string, unknown>;
/** What a pack's tool index default-exports: area name → area module. */
export type PackTools = Record<string, AreaModule>;

/** What a pack declares up front. Reading it imports no tool code. */
export interface PackSpec {
  id: string;
  description: string;
  /** The token its tools call the API with; `none` for the server's own tools, which make no API call. */
  token: TokenKind | 'none';
  /** Lowest plan that gets the pack at all. */
  minPlan: Plan;
  /** Lowest plan whose tokens may call write/destructive tools (default pro). */
  writePlan?: Plan;
  /** Scopes the pack's tools use; `prefix:*` matches a family. The token must hold at least one. */
  scopes: string[];
  /** Area names of its tools (TREKMAIL_TOOLSETS accepts them without importing the pack). */
  areas?: string[];
  /** Its everyday areas: what TREKMAIL_TOOLSETS=default loads (for clients that cap the number of tools). */
  defaultAreas?: string[];
  /** A condition the API decides on each call that --list-tools should tell (an add-on the account must have). */
  note?: string;
  /** What to tell the agent when one of this pack's calls fails with an API error code (before the API's own hint). */
  errorHints?: Record<string, string>;
  /** Env gates its tools use (for --list-tools and docs). */
  gates?: string[];
  /**
   * An env gate that must be open for the pack to load at all (TREKMAIL_ALLOW_PURCHASES for spending money); with
   * it closed the pack is not imported and --list-tools says why.
   */
  enabledBy?: { gate: 'purchases'; why: string };
  /** Every result of this pack carries third-party content (see ToolSpec.untrusted). */
  untrusted?: boolean;
  /** Views (MCP Apps, `io.modelcontextprotocol/ui`) that hosts with the extension show for some of its tools. */
  apps?: PackApp[];
  /**
   * Tasks that take several of its tools in order, one line each, naming the tools (the server's instructions tell
   * the agent the ones whose tools are all loaded): `create_domain → get_dns_requirements → …`.
   */
  workflows?: string[];
  /** Lazily imports the tool modules. */
  tools: () => Promise<{ default: PackTools }>;
  /** Lazily imports the sandbox routes (never loaded outside the sandbox). */
  sandbox?: () => Promise<{ default: (engine: any) => void }>;
}


/**
 * One MCP App view of a pack: a self-contained HTML file (no remote scripts, styles or fonts) served as a `ui://`
 * resource, and linked from the listing of the tools whose results it shows. Hosts without the extension ignore
 * the link and keep the tools' text.
 */
export interface PackApp {
  /** The resource's address, `ui://<pack>/<view>`. */
  uri: `ui://${string}`;
  name: string;
  title: string;
  description: string;
  /** The HTML file, beside the pack declaration (`new URL('./apps/x.html', import.meta.url)`); the build copies it. */
  file: URL;
  /** Tools whose listing links the view (`_meta.ui.resourceUri`). */
  tools: string[];
  /** Browser permissions the view asks the host for (`clipboardWrite` for copy buttons). */
  permissions?: { clipboardWrite?: Record<string, never> };
}

export interface ApiRequest {
  method: HttpMethod;
  /** Path below /api/v1, already encoded. */
  path: string;
  query?: Record<string, unknown>;
  body?: unknown;
  headers?: Record<string, string>;
  /** Idempotency key for a mutation; generated when absent. Reused by every retry of this request. */
  idempotencyKey?: string;
  signal?: AbortSignal;
  /** Raw bytes (a multipart part PUT to an absolute upload URL). */
  rawBody?: Uint8Array;
  /** Absolute URL (upload parts); Authorization is sent only when it has the API's origin. */
  absoluteUrl?: string;
  /** Overrides for this request: total attempts and per-attempt timeout. */
  attempts?: number;
  timeoutMs?: number;
}

export interface ApiResponse {
  ok: true;
  status: number;
  /** Parsed JSON, or for a text payload (CSV, vCard, RFC 822) `{ content_type, text }`. */
  data: unknown;
  headers: HeaderBag;
  requestId: string;
  attempts: number;
}

/** An API or transport failure, in a shape the runtime turns into an `isError` result. */
export interface ApiFailure {
  ok: false;
  status: number; // 0 for transport failures
  code: string;
  message: string;
  hint?: string;
  requestId?: string;
  retryable?: boolean;
  /** Siblings of `error` in the envelope (payment challenge, limits, field errors). */
  details?: Record<string, unknown>;
  attempts: number;
  /** The API replayed this answer for a repeated Idempotency-Key (core/idempotency.ts). */
  replayed?: boolean;
}

export type ApiResult = ApiResponse | ApiFailure;


export type Plan = 'nano' | 'starter' | 'pro' | 'agency';
export type Transport = 'stdio' | 'http';

export interface Config {
  baseUrl: string;
  apiToken?: string;
  messageToken?: string;
  timeoutMs: number;
  allowDestructive: boolean;
  allowSending: boolean;
  allowMigration: boolean;
  /** Spending money (TREKMAIL_ALLOW_PURCHASES): off by default; a pack enabled by it is not even loaded. */
  allowPurchases: boolean;
  /** false: skip capability discovery and register tools by token type alone. */
  scopeAware: boolean;
  /** Largest API response body accepted, in bytes. */
  maxResponseBytes: number;
  /** Most estimated tokens one tool result may carry; larger content is saved to downloadDir or left out. */
  maxResultTokens: number;
  transport: Transport;
  logLevel: 'debug' | 'info' | 'warn' | 'error' | 'silent';
  /** Local directories drive_file_upload may read from (stdio only). */
  uploadDirs: string[];
  /** Local directory where large attachments/downloads may be saved instead of returned inline (stdio only). */
  downloadDir?: string;
  /** Packs and areas to load (TREKMAIL_TOOLSETS); undefined = all. Checked against the packs at start. */
  toolsets?: string[];
  /** Register read tools only. */
  readOnly: boolean;
  /** TREKMAIL_TOOLS: list every tool (full), or a finder and executors over the same tools (discover). */
  toolMode: 'full' | 'discover';
  /** Leave tools whose env gate is off out of the list (saves context). */
  hideGated: boolean;
  /** Append one JSON line per tool call to this file. */
  auditLog?: string;
  /** How gated calls are confirmed: elicitation when the client supports it (auto), always (elicit), or flags only. */
  confirmMode: 'auto' | 'elicit' | 'flag';
  /** Recipient allow-list for sending, forwarding and invites (addresses and domains); undefined = no policy. */
  sendAllow?: string[];
  /**
   * Idempotency keys of mutations (TREKMAIL_IDEMPOTENCY): derived from token, tool and arguments so a re-call is
   * replayed by the API (default), or a fresh one per call.
   */
  idempotency?: 'derived' | 'per-call';
  /**
   * Streamable HTTP transport settings. `auth`: `static` (default) serves the server's own tokens behind
   * TREKMAIL_HTTP_TOKEN; `passthrough` takes each user's TrekMail tokens from the request (core/tenants.ts).
   */
  http: {
    host: string; port: number; token?: string; allowedHosts?: string[]; allowedOrigins?: string[]; auth?: 'static' | 'passthrough'; cacheTtlMs?: number; cacheSize?: number;
    /** TREKMAIL_HTTP_STATE_SECRET: the key that signs 2026-07-28 confirmation state, shared by replicas behind one balancer. */
    stateSecret?: string;
  };
}


/** Response headers, looked up case-insensitively (the part of a `Headers` object the client and tools use). */
export interface HeaderBag {
  get(name: string): string | null;
}


/** Structured logger. Writes to stderr only: in stdio mode stdout belongs to the protocol. */
export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
}
