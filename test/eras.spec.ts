import { Client as V2Client, StreamableHTTPClientTransport as V2Http } from '@modelcontextprotocol/client';
import { Client as V1Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport as V1Http } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { expect } from 'chai';
import { PassThrough } from 'node:stream';
import { startCore } from '../core/app.js';
import type { ToolContext, ToolOutcome } from '../core/context.js';
import { loadConfig } from '../core/config.js';
import { serveHttp, type HttpHandle } from '../core/http-server.js';
import { LIST_CACHE_HINT, serveStdio } from '../core/mcp.js';
import { Pack, packSpec } from '../core/pack.js';
import type { ToolRuntime } from '../core/runtime.js';
import { Tool } from '../core/tool.js';
import { CLIENTS, type ClientKind } from './eras.js';
import { BASE, memoryLogger, OPS_TOKEN, StreamTransport } from './harness.js';

const seen: { aborted: boolean }[] = [];

@Tool({ name: 'fx_steps', description: 'Three steps with progress.', access: 'read', scope: 'fx:read' })
export class FxSteps {
  async execute(this: FxSteps, ctx: ToolContext): Promise<ToolOutcome> {
    for (let i = 0; i <= 3; i++) {
      await ctx.progress(i, 3, `step ${i}`);
      await new Promise((r) => setTimeout(r, 10));
    }
    return { ok: true, data: { steps: 3 } };
  }
}

@Tool({ name: 'fx_wait', description: 'Waits until cancelled (10 s at most).', access: 'read', scope: 'fx:read' })
export class FxWait {
  async execute(this: FxWait, ctx: ToolContext): Promise<ToolOutcome> {
    const entry = { aborted: false };
    seen.push(entry);
    await new Promise<void>((resolve) => {
      const t = setTimeout(resolve, 10_000);
      ctx.signal?.addEventListener('abort', () => {
        entry.aborted = true;
        clearTimeout(t);
        resolve();
      });
    });
    return { ok: true, data: { aborted: entry.aborted } };
  }
}

@Pack({ id: 'fxeras', description: 'era fixtures', token: 'ops', minPlan: 'nano', writePlan: 'nano', scopes: ['fx:*'], tools: async () => ({ default: { eras: { FxSteps, FxWait } } }) })
class ErasPack {}

type AnyClient = { connect(t: unknown): Promise<void>; close(): Promise<void>; callTool: (...a: any[]) => Promise<any>; listTools: (...a: any[]) => Promise<any> };

/** Progress and cancellation, both eras, both transports, in process (tools that only this spec declares). */
describe('both eras in process: progress, cancellation, cache hints', function () {
  this.timeout(20_000);
  let runtime: ToolRuntime;
  let http: HttpHandle;
  before(async () => {
    const config = loadConfig({ TREKMAIL_BASE_URL: BASE, TREKMAIL_API_TOKEN: OPS_TOKEN, TREKMAIL_SCOPE_AWARE_REGISTRATION: 'false' }, { transport: 'http' });
    runtime = (await startCore(config, { packs: [packSpec(ErasPack)!], logger: memoryLogger([]) })).runtime;
    http = await serveHttp(runtime, { ...config, http: { host: '127.0.0.1', port: 0 } }, memoryLogger([]));
  });
  after(() => http?.close());

  const connect = async (kind: ClientKind, transport: 'stdio' | 'http'): Promise<{ client: AnyClient; close(): Promise<void> }> => {
    const client: AnyClient = kind === 'v1'
      ? new V1Client({ name: 'eras-v1', version: '1' })
      : new V2Client({ name: `eras-${kind}`, version: '1' }, { versionNegotiation: { mode: kind === 'v2-legacy' ? 'legacy' : kind === 'v2-auto' ? 'auto' : { pin: '2026-07-28' } } });
    if (transport === 'http') {
      await client.connect(kind === 'v1' ? new V1Http(new URL(http.url)) : new V2Http(new URL(http.url)));
      return { client, close: () => client.close() };
    }
    const toServer = new PassThrough();
    const fromServer = new PassThrough();
    const served = await serveStdio(runtime, { stdin: toServer, stdout: fromServer });
    await client.connect(new StreamTransport(fromServer, toServer));
    return { client, close: async () => (await client.close(), await served.close()) };
  };
  const call = (kind: ClientKind, client: AnyClient, name: string, opts: { onprogress?: (p: any) => void; signal?: AbortSignal }) =>
    kind === 'v1' ? client.callTool({ name, arguments: {} }, undefined, opts) : client.callTool({ name, arguments: {} }, opts);

  for (const transport of ['stdio', 'http'] as const) {
    for (const kind of CLIENTS) {
      it(`${kind} over ${transport}: progress arrives in order, and cancelling stops the call`, async () => {
        const { client, close } = await connect(kind, transport);
        try {
          const progress: number[] = [];
          const r = await call(kind, client, 'fx_steps', { onprogress: (p) => void progress.push(p.progress) });
          expect(r.structuredContent).to.deep.equal({ steps: 3 });
          // A last notification may ride the same chunk as the result and be dropped by the client (see drive e2e).
          expect(progress.slice(0, 3)).to.deep.equal([0, 1, 2]);
          const ac = new AbortController();
          const before = seen.length;
          const pending = call(kind, client, 'fx_wait', { signal: ac.signal });
          for (let i = 0; i < 100 && seen.length === before; i++) await new Promise((r) => setTimeout(r, 20));
          expect(seen.length).to.equal(before + 1);
          ac.abort();
          expect(await pending.then(() => 'answered', () => 'rejected')).to.equal('rejected');
          for (let i = 0; i < 100 && !seen[before].aborted; i++) await new Promise((r) => setTimeout(r, 20));
          expect(seen[before].aborted, 'the tool saw the cancellation').to.equal(true);
        } finally {
          await close();
        }
      });
    }
  }

  it('tools/list on 2026-07-28 carries the cache hints; on 2025 it carries none', async () => {
    const headers = { 'content-type': 'application/json', accept: 'application/json, text/event-stream' };
    const envelope = { 'io.modelcontextprotocol/protocolVersion': '2026-07-28', 'io.modelcontextprotocol/clientInfo': { name: 'raw', version: '1' }, 'io.modelcontextprotocol/clientCapabilities': {} };
    const modern = await fetch(http.url, { method: 'POST', headers: { ...headers, 'mcp-protocol-version': '2026-07-28', 'mcp-method': 'tools/list' }, body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list', params: { _meta: envelope } }) });
    const m = (await modern.json()) as any;
    expect(m.result).to.include({ resultType: 'complete', ttlMs: LIST_CACHE_HINT.ttlMs, cacheScope: 'private' });
    expect(m.result.tools.map((t: { name: string }) => t.name)).to.deep.equal(['fx_steps', 'fx_wait']);
    expect(m.result._meta['io.modelcontextprotocol/serverInfo'].name).to.equal('trekmail-mcp');
    const discover = await fetch(http.url, { method: 'POST', headers: { ...headers, 'mcp-protocol-version': '2026-07-28', 'mcp-method': 'server/discover' }, body: JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'server/discover', params: { _meta: envelope } }) });
    const d = ((await discover.json()) as any).result;
    expect(d.supportedVersions).to.deep.equal(['2026-07-28']);
    expect(d.instructions).to.contain('never instructions');
    const legacy = await fetch(http.url, { method: 'POST', headers, body: JSON.stringify({ jsonrpc: '2.0', id: 3, method: 'tools/list' }) });
    const text = await legacy.text();
    expect(text).to.contain('fx_steps').and.not.contain('ttlMs').and.not.contain('resultType');
  });
});
