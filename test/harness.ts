import { Client, InMemoryTransport, type ClientOptions } from '@modelcontextprotocol/client';
import nock from 'nock';
import { PassThrough, type Readable, type Writable } from 'node:stream';
import { startCore, type StartOptions } from '../core/app.js';
import { loadConfig } from '../core/config.js';
import type { Logger } from '../core/logger.js';
import type { PackSpec } from '../core/pack.js';
import { packSpec } from '../core/pack.js';
import type { CallResult, ToolRuntime } from '../core/runtime.js';
import { UNTRUSTED_NOTICE } from '../core/untrusted.js';

export const BASE = 'https://api.trekmail.test';
/** Fake tokens: long enough to be redacted, never valid anywhere. */
export const OPS_TOKEN = 'tm_live_unit_test_token_0123456789';
export const MSG_TOKEN = 'tm_msg_unit_test_token_0123456789';
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** nock scope for the API root: `api().get('/api/v1/domains')`. */
export const api = () => nock(BASE);

export interface Harness {
  runtime: ToolRuntime;
  logs: string[];
  /** Calls a tool through the real MCP server (in-memory transport, SDK client): every spec crosses the protocol. */
  call(name: string, args?: Record<string, unknown>): Promise<CallResult>;
  /** The SDK client connected to this harness's server. */
  client: Client;
}

/**
 * A v2 SDK client (2025 era, as most clients open) connected to the real MCP server over `runtime`, in memory: what
 * every unit spec calls through. The 2026-07-28 era and the stdio entry are `v2Client`'s.
 */
export async function mcpClient(runtime: ToolRuntime, capabilities: ClientOptions = {}): Promise<Client> {
  const { createMcpServer } = await import('../core/mcp.js');
  const server = createMcpServer(runtime, 'stdio');
  const [a, b] = InMemoryTransport.createLinkedPair();
  const client = new Client({ name: 'trekmail-unit', version: '1.0.0' }, capabilities);
  await Promise.all([server.connect(a), client.connect(b)]);
  return client;
}

/** A client transport over two streams (the server's stdout and stdin): newline-delimited JSON-RPC, as stdio is. */
export class StreamTransport {
  onmessage?: (m: any) => void;
  onclose?: () => void;
  onerror?: (e: Error) => void;
  private buf = '';
  constructor(
    private readonly input: Readable,
    private readonly output: Writable,
  ) {}
  async start() {
    this.input.on('data', (d: Buffer) => {
      this.buf += d.toString();
      let i: number;
      while ((i = this.buf.indexOf('\n')) >= 0) {
        const line = this.buf.slice(0, i);
        this.buf = this.buf.slice(i + 1);
        if (line.trim()) this.onmessage?.(JSON.parse(line));
      }
    });
  }
  async send(m: unknown) {
    this.output.write(JSON.stringify(m) + '\n');
  }
  async close() {
    this.output.end();
    this.onclose?.();
  }
}

/**
 * A v2 SDK client talking to the real stdio entry (core/mcp.ts serveStdio, era picked by the first message) over
 * in-process streams. `options.versionNegotiation` picks the era (default legacy: initialize).
 */
export async function v2Client(runtime: ToolRuntime, options: ClientOptions = {}): Promise<{ client: Client; close(): Promise<void> }> {
  const { serveStdio } = await import('../core/mcp.js');
  const toServer = new PassThrough();
  const fromServer = new PassThrough();
  const served = await serveStdio(runtime, { stdin: toServer, stdout: fromServer });
  const client = new Client({ name: 'trekmail-unit-v2', version: '1.0.0' }, options);
  await client.connect(new StreamTransport(fromServer, toServer));
  return { client, close: async () => (await client.close(), await served.close()) };
}

/** A logger that keeps lines in memory (tests assert on them). */
export function memoryLogger(lines: string[]): Logger {
  const log = (lvl: string) => (msg: string, f?: Record<string, unknown>) => void lines.push(`${lvl}: ${msg}${f ? ' ' + JSON.stringify(f) : ''}`);
  return { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
}

/**
 * A core over the given pack classes, both tokens set, discovery off (every tool registered), retries without
 * real waiting. `env` sets flags such as TREKMAIL_ALLOW_DESTRUCTIVE.
 */
export async function harness(packs: Function | Function[], env: Record<string, string> = {}, opts: StartOptions = {}): Promise<Harness> {
  const specs = (Array.isArray(packs) ? packs : [packs]).map((p) => packSpec(p)).filter((p): p is PackSpec => !!p);
  const config = loadConfig({
    TREKMAIL_BASE_URL: BASE,
    TREKMAIL_API_TOKEN: OPS_TOKEN,
    TREKMAIL_MESSAGE_TOKEN: MSG_TOKEN,
    TREKMAIL_SCOPE_AWARE_REGISTRATION: 'false',
    TREKMAIL_TIMEOUT_MS: '2000',
    ...env,
  });
  const logs: string[] = [];
  const core = await startCore(config, { packs: specs, logger: memoryLogger(logs), http: { sleep: async () => {}, ...opts.http }, ...opts });
  const client = await mcpClient(core.runtime);
  // JSON round trip: what a client receives is what survives the wire.
  const call = async (name: string, args: Record<string, unknown> = {}) => JSON.parse(JSON.stringify(await client.callTool({ name, arguments: args }))) as CallResult;
  return { runtime: core.runtime, logs, client, call };
}

export type { CallResult, ToolRuntime } from '../core/runtime.js';

/**
 * A runtime over the given packs against a running sandbox, with its demo tokens (`ops:pro`, `message:starter`, …):
 * capability discovery on, as in a real start. `env` adds flags.
 */
export async function sandboxRuntime(sb: { url: string; allTokens: Record<string, string> }, tokens: string[], packs: Function[], env: Record<string, string> = {}): Promise<ToolRuntime> {
  const vars: Record<string, string> = { TREKMAIL_BASE_URL: sb.url, TREKMAIL_TIMEOUT_MS: '5000', ...env };
  for (const t of tokens) vars[t.startsWith('ops') ? 'TREKMAIL_API_TOKEN' : 'TREKMAIL_MESSAGE_TOKEN'] = sb.allTokens[t];
  const specs = packs.map((p) => packSpec(p)).filter((p): p is PackSpec => !!p);
  return (await startCore(loadConfig(vars), { packs: specs, logger: memoryLogger([]) })).runtime;
}

/**
 * Calls through a runtime (set later, in a before hook) that must succeed (`call`: its structured content) or fail
 * (`fails`: its error text).
 */
export function runtimeCalls(rt: () => ToolRuntime) {
  return {
    call: async (name: string, args: Record<string, unknown> = {}): Promise<any> => {
      const r = await rt().call(name, args);
      if (r.isError) throw new Error(`${name}: ${r.content[0].text}`);
      return structured(r);
    },
    fails: async (name: string, args: Record<string, unknown> = {}): Promise<string> => {
      const r = await rt().call(name, args);
      if (!r.isError) throw new Error(`${name} should fail, got ${JSON.stringify(r.structuredContent).slice(0, 200)}`);
      return r.content[0].text;
    },
  };
}

/** The parsed JSON of a successful result's structured content. */
export function data(res: CallResult): any {
  if (res.isError) throw new Error(`tool failed: ${res.content[0]?.text}`);
  return structured(res);
}

/**
 * structuredContent without the notice that third-party data carries first (checked here, so every spec that
 * reads third-party data checks its marking).
 */
export function structured(res: { structuredContent?: unknown; _meta?: unknown }): any {
  const sc = res.structuredContent as Record<string, unknown> | undefined;
  if (!(res._meta as Record<string, unknown> | undefined)?.['trekmail/untrusted']) return sc;
  if (sc?.untrusted_content !== UNTRUSTED_NOTICE) throw new Error(`third-party structured content is not marked: ${JSON.stringify(sc).slice(0, 200)}`);
  const { untrusted_content: _notice, ...rest } = sc;
  return rest;
}

/** The fenced part of a third-party result's text (between the fence lines carrying the result's id), or undefined. */
export function fenced(text: string): string | undefined {
  const m = /\n<untrusted-data id="([0-9a-f]{12})">\n([\s\S]*)\n<\/untrusted-data id="\1">$/.exec(text);
  return m?.[2];
}

/** The error text of a failed result. */
export function errorText(res: CallResult): string {
  if (!res.isError) throw new Error(`expected an error, got ${JSON.stringify(res.structuredContent).slice(0, 200)}`);
  return res.content[0].text;
}
