// The 1.x SDK client: these helpers drive the e2e specs as a 2025-11-25 client would (the era matrix in
// test/eras.ts adds the v2 client in its three negotiation modes).
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { startSandbox, type Sandbox, type SandboxOptions } from '../sandbox/server.js';
import { freePort } from './ports.js';

/** The built entry point, next to this compiled file's parent (works for any outDir). */
export const ENTRY = fileURLToPath(new URL('../index.js', import.meta.url));

export interface Session {
  client: Client;
  stderr: () => string;
  /** Calls a tool; returns the result (isError results are returned, not thrown). */
  call(name: string, args?: Record<string, unknown>): Promise<{ isError?: boolean; content: { type: string; text: string }[]; structuredContent?: any; _meta?: Record<string, unknown> }>;
  close(): Promise<void>;
}

/** Starts a sandbox in this process (its state is inspectable through `engine`). */
export function sandbox(opts: SandboxOptions = {}): Promise<Sandbox> {
  return startSandbox(opts);
}

/**
 * Spawns the built server over stdio, pointed at `sb`, with the SDK client. `tokens` picks demo tokens by name
 * (`ops:pro`, `message:pro`, `ops:drive`); `env` adds flags (TREKMAIL_ALLOW_*).
 */
export async function connect(sb: Sandbox, tokens: string[], env: Record<string, string> = {}, args: string[] = [], capabilities: Record<string, unknown> = {}): Promise<Session> {
  const childEnv = envFor(sb, tokens, env);
  const transport = new StdioClientTransport({ command: process.execPath, args: [ENTRY, ...args], env: childEnv, stderr: 'pipe' });
  let err = '';
  transport.stderr?.on('data', (d: Buffer) => (err += d.toString()));
  // Capabilities such as elicitation are declared before connecting; their handlers may be set afterwards.
  const client = new Client({ name: 'trekmail-e2e', version: '1.0.0' }, { capabilities });
  await client.connect(transport);
  return {
    client,
    stderr: () => err,
    call: async (name, a = {}) => (await client.callTool({ name, arguments: a })) as any,
    close: () => client.close(),
  };
}

export function envFor(sb: Sandbox, tokens: string[], env: Record<string, string>): Record<string, string> {
  const childEnv: Record<string, string> = { PATH: process.env.PATH ?? '', TREKMAIL_BASE_URL: sb.url, TREKMAIL_LOG_LEVEL: 'warn', ...env };
  for (const name of tokens) {
    const t = sb.allTokens[name];
    if (!t) throw new Error(`no demo token ${name}`);
    childEnv[name.startsWith('ops') ? 'TREKMAIL_API_TOKEN' : 'TREKMAIL_MESSAGE_TOKEN'] = t;
  }
  return childEnv;
}

/**
 * Spawns the built server with `--http` (Streamable HTTP, stateless) pointed at `sb`, and connects the SDK client
 * over HTTP. Same shape as `connect`.
 */
export async function connectHttp(sb: Sandbox, tokens: string[], env: Record<string, string> = {}, capabilities: Record<string, unknown> = {}): Promise<Session> {
  const { url, stderr, kill } = await spawnHttp(envFor(sb, tokens, env));
  const client = new Client({ name: 'trekmail-e2e-http', version: '1.0.0' }, { capabilities });
  await client.connect(new StreamableHTTPClientTransport(new URL(url)));
  return {
    client,
    stderr,
    call: async (name, a = {}) => (await client.callTool({ name, arguments: a })) as any,
    close: async () => {
      await client.close();
      kill();
    },
  };
}

/** A running `--http` server process: its URL, its stderr so far, and a way to stop it. */
export interface HttpProcess {
  url: string;
  stderr: () => string;
  kill(): void;
}

/** The built server spawned with `--http` on a free loopback port, pointed at `sb` with these demo tokens. */
export function spawnHttpFor(sb: Sandbox, tokens: string[], env: Record<string, string> = {}, args: string[] = []): Promise<HttpProcess> {
  return spawnHttp(envFor(sb, tokens, env), args);
}

/** Spawns the built server with `--http` on a free port with exactly this environment (PATH added); resolves once it listens. */
export async function spawnHttp(env: Record<string, string>, args: string[] = []): Promise<HttpProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, [ENTRY, '--http', '--port', String(port), ...args], { env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`HTTP server did not start: ${err}`)), 15_000);
    child.stderr!.on('data', (d: Buffer) => {
      err += d.toString();
      const m = /MCP over Streamable HTTP at (\S+)/.exec(err);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.once('exit', (code) => reject(new Error(`HTTP server exited (${code}): ${err}`)));
  });
  return { url, stderr: () => err, kill: () => void child.kill() };
}

/** A direct API call against the sandbox (no MCP server in between), as the sandbox specs make them. */
export interface RawAnswer {
  status: number;
  body: any;
  headers: Headers;
}

/** A caller of the sandbox's API with one demo token (default `ops:pro`): `send('POST', '/verify', {...})`. */
export function rawApi(sb: Sandbox, token = 'ops:pro'): (method: string, path: string, body?: unknown, as?: string) => Promise<RawAnswer> {
  return async (method, path, body, as = token) => {
    const res = await fetch(`${sb.url}/api/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${sb.allTokens[as] ?? as}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // A non-JSON answer (CSV) stays text.
    }
    return { status: res.status, body: parsed, headers: res.headers };
  };
}

/** Polls `fn` until it returns a truthy value (bounded: `tries` × `ms`). */
export async function until<T>(fn: () => Promise<T | undefined | false>, tries = 50, ms = 100): Promise<T> {
  for (let i = 0; i < tries; i++) {
    const v = await fn();
    if (v) return v;
    await new Promise((r) => setTimeout(r, ms));
  }
  throw new Error('condition not reached in time');
}
