import { delimiter, isAbsolute, parse, resolve } from 'node:path';
import type { Config, Plan } from './types.js';

export type { Config, Plan, Transport } from './types.js';
export const PLANS: readonly Plan[] = ['nano', 'starter', 'pro', 'agency'];

/** A configuration mistake: one line that names the variable, never its secret value. */
export class ConfigError extends Error {
  constructor(readonly variable: string, message: string) {
    super(`${variable}: ${message}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

function flag(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const v = raw.trim().toLowerCase();
  if (v === 'true') return true;
  if (v === 'false') return false;
  throw new ConfigError(name, `must be "true" or "false", got "${raw.slice(0, 20)}"`);
}

function positiveInt(env: Env, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw.trim()) || Number(raw) <= 0 || !Number.isSafeInteger(Number(raw))) {
    throw new ConfigError(name, `must be a positive integer, got "${raw.slice(0, 20)}"`);
  }
  return Number(raw);
}

/**
 * A launcher's template left unexpanded counts as unset: MCP bundle hosts may pass `${user_config.x}` verbatim for a
 * field the person left blank.
 */
export function withoutPlaceholders(env: Env): Env {
  return Object.fromEntries(Object.entries(env).filter(([, v]) => !(typeof v === 'string' && /^\$\{user_config\.[\w-]+\}$/.test(v.trim()))));
}

/** TREKMAIL_SANDBOX=true does what --sandbox does (the MCP bundle's form offers it as a tick box). */
export function sandboxRequested(env: Env): boolean {
  return flag(env, 'TREKMAIL_SANDBOX', false);
}

const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i;

/** True for hosts that never leave this machine, where plain http is acceptable. */
export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK.test(hostname);
}

function baseUrl(env: Env): string {
  const raw = env.TREKMAIL_BASE_URL?.trim();
  if (!raw) throw new ConfigError('TREKMAIL_BASE_URL', 'is required (for example https://trekmail.net), or start with --sandbox');
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError('TREKMAIL_BASE_URL', `is not a valid URL: "${raw.slice(0, 80)}"`);
  }
  if (url.username || url.password) throw new ConfigError('TREKMAIL_BASE_URL', 'must not contain credentials');
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    throw new ConfigError('TREKMAIL_BASE_URL', `must use https:// (plain http is allowed for loopback only), got host ${url.hostname}`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new ConfigError('TREKMAIL_BASE_URL', `must be an https:// URL, got ${url.protocol}`);
  }
  if (url.search || url.hash) throw new ConfigError('TREKMAIL_BASE_URL', 'must not have a query or fragment');
  // The API lives under /api/v1; accept a base URL given with or without it.
  const path = url.pathname.replace(/\/+$/, '').replace(/\/api\/v1$/, '');
  return `${url.origin}${path}`;
}

function token(env: Env, name: string, prefix: string): string | undefined {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return undefined;
  const v = raw.trim();
  if (!v.startsWith(prefix)) {
    throw new ConfigError(name, `must start with "${prefix}" (the value is not shown)`);
  }
  if (v.length < prefix.length + 4 || /\s/.test(v)) throw new ConfigError(name, 'is malformed (the value is not shown)');
  return v;
}

/** Reads and validates the configuration; throws ConfigError on the first mistake. */
export function loadConfig(env: Env, overrides: Partial<Config> = {}): Config {
  const apiToken = overrides.apiToken ?? token(env, 'TREKMAIL_API_TOKEN', 'tm_live_');
  const messageToken = overrides.messageToken ?? token(env, 'TREKMAIL_MESSAGE_TOKEN', 'tm_msg_');
  const level = (env.TREKMAIL_LOG_LEVEL ?? 'info').toLowerCase();
  if (!['debug', 'info', 'warn', 'error', 'silent'].includes(level)) {
    throw new ConfigError('TREKMAIL_LOG_LEVEL', 'must be one of debug, info, warn, error, silent');
  }
  const auth = oneOf(env, 'TREKMAIL_HTTP_AUTH', ['static', 'passthrough'] as const, 'static');
  const cfg: Config = {
    baseUrl: overrides.baseUrl ?? baseUrl(env),
    apiToken,
    messageToken,
    timeoutMs: positiveInt(env, 'TREKMAIL_TIMEOUT_MS', 30000),
    allowDestructive: flag(env, 'TREKMAIL_ALLOW_DESTRUCTIVE', false),
    allowSending: flag(env, 'TREKMAIL_ALLOW_SENDING', false),
    allowMigration: flag(env, 'TREKMAIL_ALLOW_MIGRATION', false),
    allowPurchases: flag(env, 'TREKMAIL_ALLOW_PURCHASES', false),
    scopeAware: flag(env, 'TREKMAIL_SCOPE_AWARE_REGISTRATION', true),
    maxResponseBytes: positiveInt(env, 'TREKMAIL_MAX_RESPONSE_BYTES', 40 * 1024 * 1024),
    maxResultTokens: atLeast(env, 'TREKMAIL_MAX_RESULT_TOKENS', 20_000, 1_000),
    transport: 'stdio',
    uploadDirs: dirs(env, 'TREKMAIL_UPLOAD_DIRS') ?? [process.cwd()],
    downloadDir: dirs(env, 'TREKMAIL_DOWNLOAD_DIR')?.[0],
    toolsets: list(env.TREKMAIL_TOOLSETS),
    readOnly: flag(env, 'TREKMAIL_READ_ONLY', false),
    toolMode: oneOf(env, 'TREKMAIL_TOOLS', ['full', 'discover'] as const, 'full'),
    hideGated: flag(env, 'TREKMAIL_HIDE_GATED_TOOLS', false),
    auditLog: env.TREKMAIL_AUDIT_LOG?.trim() ? resolve(env.TREKMAIL_AUDIT_LOG.trim()) : undefined,
    confirmMode: oneOf(env, 'TREKMAIL_CONFIRM', ['auto', 'elicit', 'flag'] as const, 'auto'),
    sendAllow: list(env.TREKMAIL_SEND_ALLOW),
    idempotency: oneOf(env, 'TREKMAIL_IDEMPOTENCY', ['derived', 'per-call'] as const, 'derived'),
    http: {
      auth,
      cacheTtlMs: positiveInt(env, 'TREKMAIL_HTTP_CACHE_TTL_MS', 60_000),
      cacheSize: positiveInt(env, 'TREKMAIL_HTTP_CACHE_SIZE', 500),
      host: env.TREKMAIL_HTTP_HOST?.trim() || '127.0.0.1',
      port: port(env, 'TREKMAIL_HTTP_PORT', 3000),
      token: httpToken(env),
      stateSecret: secretOf(env, 'TREKMAIL_HTTP_STATE_SECRET'),
      allowedHosts: list(env.TREKMAIL_HTTP_ALLOWED_HOSTS),
      allowedOrigins: list(env.TREKMAIL_HTTP_ALLOWED_ORIGINS),
    },
    logLevel: level as Config['logLevel'],
    ...stripUndefined(overrides),
  };
  if (auth === 'passthrough') {
    // Each request brings its user's own TrekMail tokens (core/tenants.ts): the server holds none.
    if (cfg.transport !== 'http') throw new ConfigError('TREKMAIL_HTTP_AUTH', 'passthrough needs the HTTP transport (--http)');
    for (const name of ['TREKMAIL_API_TOKEN', 'TREKMAIL_MESSAGE_TOKEN'] as const) {
      if (env[name]?.trim()) throw new ConfigError(name, 'must not be set with TREKMAIL_HTTP_AUTH=passthrough: each request carries its user\'s own token (the value is not shown)');
    }
    if (cfg.http.token) throw new ConfigError('TREKMAIL_HTTP_TOKEN', 'does not apply with TREKMAIL_HTTP_AUTH=passthrough: the Authorization header carries the user\'s TrekMail token');
    return { ...cfg, apiToken: undefined, messageToken: undefined };
  }
  if (!cfg.apiToken && !cfg.messageToken) {
    throw new ConfigError('TREKMAIL_API_TOKEN', 'Missing bearer token: set TREKMAIL_API_TOKEN or TREKMAIL_MESSAGE_TOKEN');
  }
  return cfg;
}

/** Absolute local directories, separated by the platform's path delimiter; the filesystem root is refused. */
function dirs(env: Env, name: string): string[] | undefined {
  const raw = env[name]?.trim();
  if (!raw) return undefined;
  const list = raw.split(delimiter).map((d) => d.trim()).filter(Boolean);
  for (const d of list) {
    if (!isAbsolute(d)) throw new ConfigError(name, `must list absolute paths, got "${d.slice(0, 80)}"`);
    if (resolve(d) === parse(resolve(d)).root) throw new ConfigError(name, 'must not be the filesystem root');
  }
  return list.map((d) => resolve(d));
}

function oneOf<T extends string>(env: Env, name: string, values: readonly T[], fallback: T): T {
  const raw = env[name]?.trim().toLowerCase();
  if (!raw) return fallback;
  if (!(values as readonly string[]).includes(raw)) throw new ConfigError(name, `must be one of ${values.join(', ')}, got "${raw.slice(0, 20)}"`);
  return raw as T;
}

function list(raw: string | undefined): string[] | undefined {
  const items = raw?.split(',').map((s) => s.trim()).filter(Boolean);
  return items?.length ? items : undefined;
}

function atLeast(env: Env, name: string, fallback: number, min: number): number {
  const n = positiveInt(env, name, fallback);
  if (n < min) throw new ConfigError(name, `must be at least ${min}`);
  return n;
}

function port(env: Env, name: string, fallback: number): number {
  const p = positiveInt(env, name, fallback);
  if (p > 65535) throw new ConfigError(name, 'must be a port number, 1-65535');
  return p;
}

/** A signing secret: long enough to resist guessing (the value is never shown). */
function secretOf(env: Env, name: string): string | undefined {
  const raw = env[name]?.trim();
  if (!raw) return undefined;
  if (raw.length < 32) throw new ConfigError(name, 'must be at least 32 characters (the value is not shown)');
  return raw;
}

function httpToken(env: Env): string | undefined {
  const raw = env.TREKMAIL_HTTP_TOKEN?.trim();
  if (!raw) return undefined;
  if (raw.length < 24) throw new ConfigError('TREKMAIL_HTTP_TOKEN', 'must be at least 24 characters (the value is not shown)');
  return raw;
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
