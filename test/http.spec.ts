import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { expect } from 'chai';
import { startCore } from '../core/app.js';
import { ConfigError, loadConfig } from '../core/config.js';
import { serveHttp, type HttpHandle } from '../core/http-server.js';
import type { ToolRuntime } from '../core/runtime.js';
import type { Sandbox } from '../sandbox/server.js';
import { sandbox } from './e2e.js';
import { memoryLogger } from './harness.js';

describe('Streamable HTTP transport', () => {
  let sb: Sandbox;
  let runtime: ToolRuntime;
  let handle: HttpHandle;
  const HTTP_TOKEN = 'http-endpoint-token-0123456789abcdef';

  const configFor = (extra: Record<string, string> = {}) =>
    loadConfig({ TREKMAIL_BASE_URL: sb.url, TREKMAIL_API_TOKEN: sb.allTokens['ops:nano'], TREKMAIL_HTTP_PORT: '1', ...extra }, { transport: 'http' });

  before(async () => {
    sb = await sandbox();
    const config = { ...configFor(), http: { host: '127.0.0.1', port: 0 } };
    runtime = (await startCore(config, { logger: memoryLogger([]) })).runtime;
    handle = await serveHttp(runtime, config, memoryLogger([]));
  });
  after(async () => {
    await handle?.close();
    await sb?.close();
  });

  it('lists and calls tools with the SDK client, statelessly', async () => {
    for (let i = 0; i < 2; i++) {
      const client = new Client({ name: 'http-test', version: '1.0.0' });
      await client.connect(new StreamableHTTPClientTransport(new URL(handle.url)));
      const { tools } = await client.listTools();
      expect(tools.map((t) => t.name)).to.include('verify_credits');
      const res = (await client.callTool({ name: "verify_credits", arguments: {} })) as unknown as { structuredContent: { credits_remaining: number } };
      expect(res.structuredContent.credits_remaining).to.be.a('number');
      await client.close();
    }
  });

  it('refuses a foreign Origin (DNS rebinding) and a foreign Host', async () => {
    const body = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' });
    const headers = { 'content-type': 'application/json', accept: 'application/json, text/event-stream' };
    const evil = await fetch(handle.url, { method: 'POST', headers: { ...headers, origin: 'https://evil.example' }, body });
    expect(evil.status).to.equal(403);
    expect(((await evil.json()) as any).error.message).to.contain('Origin https://evil.example is not allowed');
    const ok = await fetch(handle.url, { method: 'POST', headers: { ...headers, origin: 'http://localhost:6274' }, body });
    expect(ok.status).to.equal(200);
    const { request } = await import('node:http');
    const status = await new Promise<number>((resolve, reject) => {
      const u = new URL(handle.url);
      const r = request({ host: u.hostname, port: u.port, path: u.pathname, method: 'POST', headers: { ...headers, host: 'attacker.example' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      r.on('error', reject);
      r.end(body);
    });
    expect(status).to.equal(403);
  });

  it('answers GET with 405 (stateless: no SSE stream)', async () => {
    expect((await fetch(handle.url)).status).to.equal(405);
  });

  it('refuses to bind a non-loopback address without an access token', async () => {
    const config = { ...configFor(), http: { host: '0.0.0.0', port: 0 } };
    let err: unknown;
    await serveHttp(runtime, config, memoryLogger([])).catch((e) => (err = e));
    expect(err).to.be.instanceOf(ConfigError);
    expect((err as Error).message).to.contain('TREKMAIL_HTTP_TOKEN').and.contain('0.0.0.0');
  });

  it('with an access token, requires it as a Bearer token', async () => {
    const config = { ...configFor(), http: { host: '127.0.0.1', port: 0, token: HTTP_TOKEN } };
    const guarded = await serveHttp(runtime, config, memoryLogger([]));
    try {
      const body = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' });
      const headers = { 'content-type': 'application/json', accept: 'application/json, text/event-stream' };
      expect((await fetch(guarded.url, { method: 'POST', headers, body })).status).to.equal(401);
      expect((await fetch(guarded.url, { method: 'POST', headers: { ...headers, authorization: 'Bearer wrong' }, body })).status).to.equal(401);
      const ok = await fetch(guarded.url, { method: 'POST', headers: { ...headers, authorization: `Bearer ${HTTP_TOKEN}` }, body });
      expect(ok.status).to.equal(200);
    } finally {
      await guarded.close();
    }
  });

  it('a body that is not JSON, or a handler that throws, gets a JSON-RPC error: no HTML page, no stack, no body echoed', async () => {
    const headers = { 'content-type': 'application/json', accept: 'application/json, text/event-stream' };
    const bad = await fetch(handle.url, { method: 'POST', headers, body: '{"jsonrpc": "2.0", "secret-ish": tm_live_' });
    expect(bad.status).to.equal(400);
    expect(bad.headers.get('content-type')).to.match(/^application\/json/);
    const text = await bad.text();
    expect(JSON.parse(text)).to.deep.equal({ jsonrpc: '2.0', error: { code: -32700, message: 'Parse error: the request body is not valid JSON' }, id: null });
    expect(text).not.to.contain('tm_live_');

    // A handler that throws (here /healthz over a runtime whose listing fails): 500 as JSON-RPC, logged without a stack.
    const lines: string[] = [];
    const broken = { list: () => { throw new Error('listing exploded'); } } as unknown as ToolRuntime;
    const config = { ...configFor(), http: { host: '127.0.0.1', port: 0 } };
    const h = await serveHttp(broken, config, memoryLogger(lines));
    try {
      const res = await fetch(h.url.replace(/\/mcp$/, '/healthz'));
      expect(res.status).to.equal(500);
      const body = await res.text();
      expect(JSON.parse(body)).to.deep.equal({ jsonrpc: '2.0', error: { code: -32603, message: 'Internal server error' }, id: null });
      expect(body).not.to.contain('listing exploded').and.not.contain('at ');
      expect(lines.join('\n')).to.contain('listing exploded');
    } finally {
      await h.close();
    }
  });

  it('drops stdio-only tools over HTTP', async () => {
    const { decideTool } = await import('../core/eligibility.js');
    const fake = { name: 'x', access: 'write', transports: ['stdio'] } as never;
    expect(decideTool(fake, { token: 'ops' } as never, { ops: {} }, { transport: 'http' }).ok).to.equal(false);
  });
});
