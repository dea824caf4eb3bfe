import { Client as V2Client } from '@modelcontextprotocol/client';
import { StdioClientTransport as V2Stdio } from '@modelcontextprotocol/client/stdio';
import { StreamableHTTPClientTransport as V2Http } from '@modelcontextprotocol/client';
import { Client as V1Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport as V1Stdio } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport as V1Http } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { ElicitRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import type { Sandbox } from '../sandbox/server.js';
import { ENTRY, envFor, spawnHttpFor } from './e2e.js';

/** The clients of the era matrix: the v1 SDK client (2025-11-25), and the v2 client in its three negotiation modes. */
export const CLIENTS = ['v1', 'v2-legacy', 'v2-auto', 'v2-pinned'] as const;
export type ClientKind = (typeof CLIENTS)[number];

/** What the person answers to each confirmation, in order (missing answers: cancel). */
export type Answer = { action: 'accept' | 'decline' | 'cancel'; content?: Record<string, unknown> };
export interface Person {
  asked: string[];
  answers: Answer[];
}

export interface EraSession {
  kind: ClientKind;
  /** The protocol revision the connection speaks. */
  revision: () => string | undefined;
  listTools(): Promise<{ name: string }[]>;
  /** Calls a tool; isError results are returned; protocol errors throw. */
  call(name: string, args?: Record<string, unknown>, onprogress?: (p: { progress: number; total?: number }) => void): Promise<{ isError?: boolean; content: { type: string; text: string }[]; structuredContent?: any; _meta?: any }>;
  stderr: () => string;
  close(): Promise<void>;
}

/** Connects one client of the matrix to the built server (stdio: spawned by the client; http: spawned here). */
export async function connectAs(kind: ClientKind, transport: 'stdio' | 'http', sb: Sandbox, tokens: string[], env: Record<string, string> = {}, person?: Person): Promise<EraSession> {
  const childEnv = envFor(sb, tokens, env);
  const http = transport === 'http' ? await spawnHttpFor(sb, tokens, env) : undefined;
  const capabilities = person ? { elicitation: { form: {} } } : {};
  const answer = (message: string): Answer => {
    person!.asked.push(message);
    return person!.answers.shift() ?? { action: 'cancel' };
  };
  let err = '';
  const onStderr = (t: { stderr: { on(e: 'data', f: (d: Buffer) => void): void } | null }) => t.stderr?.on('data', (d: Buffer) => (err += d.toString()));
  const stderr = () => (http ? http.stderr() : err);
  const kill = () => http?.kill();
  if (kind === 'v1') {
    const client = new V1Client({ name: 'era-v1', version: '1.0.0' }, { capabilities });
    if (person) client.setRequestHandler(ElicitRequestSchema, async (req) => answer(String(req.params.message)) as never);
    const t = http ? new V1Http(new URL(http.url)) : new V1Stdio({ command: process.execPath, args: [ENTRY], env: childEnv, stderr: 'pipe' });
    if (!http) onStderr(t as V1Stdio);
    await client.connect(t);
    return {
      kind,
      revision: () => (t as { protocolVersion?: string }).protocolVersion ?? '2025-11-25',
      listTools: async () => (await client.listTools()).tools,
      call: async (name, args = {}, onprogress) => (await client.callTool({ name, arguments: args }, undefined, onprogress ? { onprogress } : undefined)) as any,
      stderr,
      close: async () => {
        await client.close();
        kill();
      },
    };
  }
  const mode = kind === 'v2-legacy' ? 'legacy' : kind === 'v2-auto' ? 'auto' : { pin: '2026-07-28' };
  const client = new V2Client({ name: `era-${kind}`, version: '1.0.0' }, { capabilities, versionNegotiation: { mode } });
  if (person) client.setRequestHandler('elicitation/create', async (req) => answer(String((req.params as { message: string }).message)) as never);
  const t = http ? new V2Http(new URL(http.url)) : new V2Stdio({ command: process.execPath, args: [ENTRY], env: childEnv, stderr: 'pipe' });
  if (!http) onStderr(t as V2Stdio);
  await client.connect(t);
  return {
    kind,
    revision: () => client.getNegotiatedProtocolVersion(),
    listTools: async () => (await client.listTools(undefined, { cacheMode: 'bypass' })).tools,
    call: async (name, args = {}, onprogress) => (await client.callTool({ name, arguments: args }, onprogress ? { onprogress } : undefined)) as any,
    stderr,
    close: async () => {
      await client.close();
      kill();
    },
  };
}
