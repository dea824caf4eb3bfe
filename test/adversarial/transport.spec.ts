import { expect } from 'chai';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import nock from 'nock';
import { startCore } from '../../core/app.js';
import { loadConfig } from '../../core/config.js';
import { HTTP_BODY_LIMIT, serveHttp, type HttpHandle } from '../../core/http-server.js';
import { requestId, STDIO_LINE_LIMIT } from '../../core/stdio-guard.js';
import type { ToolRuntime } from '../../core/runtime.js';
import type { Sandbox } from '../../sandbox/server.js';
import { ENTRY, envFor, sandbox, spawnHttpFor } from '../e2e.js';
import { memoryLogger } from '../harness.js';

const HEADERS = { 'content-type': 'application/json', accept: 'application/json, text/event-stream' };
const LIST = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' });

/** A JSON answer that is a JSON-RPC error, never an HTML page or a stack trace. */
async function rpcError(res: Response): Promise<{ code: number; message: string }> {
  expect(res.headers.get('content-type')).to.match(/^application\/json/);
  const text = await res.text();
  expect(text).to.not.match(/<html|<pre|at \w+ \(|node_modules/i);
  const body = JSON.parse(text) as { jsonrpc: string; error: { code: number; message: string } };
  expect(body.jsonrpc).to.equal('2.0');
  return body.error;
}

describe('adversarial: transports (HTTP bodies, bearer scheme, IPv6 bind, stdio line limit, protocol errors)', function () {
  this.timeout(60_000);
  let sb: Sandbox;
  let runtime: ToolRuntime;
  let open: HttpHandle;
  let guarded: HttpHandle;
  const TOKEN = 'http-endpoint-token-0123456789abcdef';
  const config = (extra: Record<string, string> = {}) => loadConfig({ TREKMAIL_BASE_URL: sb.url, TREKMAIL_API_TOKEN: sb.allTokens['ops:nano'], ...extra }, { transport: 'http' });

  before(async () => {
    sb = await sandbox();
    runtime = (await startCore(config(), { logger: memoryLogger([]) })).runtime;
    open = await serveHttp(runtime, { ...config(), http: { host: '127.0.0.1', port: 0 } }, memoryLogger([]));
    guarded = await serveHttp(runtime, { ...config(), http: { host: '127.0.0.1', port: 0, token: TOKEN } }, memoryLogger([]));
  });
  after(async () => {
    await open?.close();
    await guarded?.close();
    await sb?.close();
  });

  describe('HTTP', () => {
    for (const [label, body] of [['truncated JSON', '{"jsonrpc":"2.0","id":1,"method":'], ['not JSON at all', 'hello'], ['an empty body', ''], ['a lone bracket', '[']] as const) {
      it(`${label} gets a JSON-RPC parse error (-32700), not an HTML page`, async () => {
        const res = await fetch(open.url, { method: 'POST', headers: HEADERS, body });
        expect(res.status).to.equal(400);
        expect((await rpcError(res)).code).to.equal(-32700);
      });
    }

    it(`a body over ${HTTP_BODY_LIMIT / 1024 / 1024} MiB gets a JSON-RPC error (413) and the server goes on`, async () => {
      const big = JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'tools/call', params: { name: 'verify_email', arguments: { email: 'x'.repeat(HTTP_BODY_LIMIT) } } });
      const res = await fetch(open.url, { method: 'POST', headers: HEADERS, body: big });
      expect(res.status).to.equal(413);
      const err = await rpcError(res);
      expect(err.code).to.equal(-32600);
      expect(err.message).to.contain('Request too large').and.contain('Nothing was done');
      expect((await fetch(open.url, { method: 'POST', headers: HEADERS, body: LIST })).status).to.equal(200);
    });

    it('the bearer scheme is case-insensitive; another scheme, a wrong token or none is refused in JSON', async () => {
      for (const scheme of ['Bearer', 'bearer', 'BEARER', 'bEaReR']) {
        const res = await fetch(guarded.url, { method: 'POST', headers: { ...HEADERS, authorization: `${scheme} ${TOKEN}` }, body: LIST });
        expect(res.status, scheme).to.equal(200);
      }
      for (const authorization of [`Basic ${TOKEN}`, 'Bearer wrong', `Bearer${TOKEN}`, '', `Bearer ${TOKEN} extra`]) {
        const res = await fetch(guarded.url, { method: 'POST', headers: { ...HEADERS, ...(authorization ? { authorization } : {}) }, body: LIST });
        expect(res.status, authorization).to.equal(401);
        expect(res.headers.get('www-authenticate')).to.equal('Bearer');
        expect((await rpcError(res)).code).to.equal(-32001);
      }
    });

    it('other paths, methods and a stale session id get JSON-RPC errors', async () => {
      const base = open.url.replace(/\/mcp$/, '');
      expect((await rpcError(await fetch(`${base}/nope`))).message).to.contain('/mcp');
      const get = await fetch(open.url);
      expect(get.status).to.equal(405);
      expect(get.headers.get('allow')).to.equal('POST');
      await rpcError(get);
      const stale = await fetch(open.url, { method: 'POST', headers: { ...HEADERS, 'mcp-session-id': 'not-a-session' }, body: LIST });
      expect(stale.status).to.equal(404);
      await rpcError(stale);
    });

    it('a 2025-era initialize opens a session; DELETE ends it and the id is refused afterwards, in JSON', async () => {
      const init = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-11-25', capabilities: { elicitation: {} }, clientInfo: { name: 'raw', version: '1' } } });
      const res = await fetch(open.url, { method: 'POST', headers: HEADERS, body: init });
      expect(res.status).to.equal(200);
      await res.text();
      const sid = res.headers.get('mcp-session-id');
      expect(sid).to.match(/^[0-9a-f-]{36}$/);
      const inSession = await fetch(open.url, { method: 'POST', headers: { ...HEADERS, 'mcp-session-id': sid!, 'mcp-protocol-version': '2025-11-25' }, body: LIST });
      expect(inSession.status).to.equal(200);
      expect(await inSession.text()).to.contain('verify_credits');
      const del = await fetch(open.url, { method: 'DELETE', headers: { 'mcp-session-id': sid!, 'mcp-protocol-version': '2025-11-25' } });
      expect(del.status).to.equal(200);
      const after = await fetch(open.url, { method: 'POST', headers: { ...HEADERS, 'mcp-session-id': sid! }, body: LIST });
      expect(after.status).to.equal(404);
      expect((await rpcError(after)).message).to.contain('Session not found');
      // Without a session id, 2025-era requests are still served statelessly.
      expect((await fetch(open.url, { method: 'POST', headers: HEADERS, body: LIST })).status).to.equal(200);
    });

    it('an unknown tool is one clear message (no "MCP error -32602: MCP error -32602:")', async () => {
      const body = JSON.stringify({ jsonrpc: '2.0', id: 3, method: 'tools/call', params: { name: 'nope_tool', arguments: {} } });
      const res = await fetch(open.url, { method: 'POST', headers: { ...HEADERS, accept: 'application/json, text/event-stream' }, body });
      const text = await res.text();
      const message = /"message":"([^"]*)"/.exec(text)?.[1] ?? '';
      expect(message).to.contain('Unknown tool: nope_tool');
      expect(message).to.not.contain('MCP error');
    });

    for (const host of ['[::1]', '::1']) {
      it(`--host ${host} starts and serves on the IPv6 loopback`, async () => {
        const server = await spawnHttpFor(sb, ['ops:nano'], {}, ['--host', host]);
        try {
          expect(server.url).to.match(/^http:\/\/\[::1\]:\d+\/mcp$/);
          nock.enableNetConnect(/^(\[::1\]|::1)(:\d+)?$/);
          const res = await fetch(server.url, { method: 'POST', headers: HEADERS, body: LIST });
          expect(res.status).to.equal(200);
          expect(await res.text()).to.contain('verify_credits');
        } finally {
          server.kill();
          nock.disableNetConnect();
          nock.enableNetConnect(/^(127\.0\.0\.1|localhost)(:\d+)?$/);
        }
      });
    }
  });

  describe('stdio', () => {
    let child: ChildProcessWithoutNullStreams;
    let out = '';
    let err = '';
    const answers = () => out.split('\n').filter(Boolean).map((l) => JSON.parse(l) as { id?: unknown; result?: any; error?: { code: number; message: string } });
    const answer = async (id: unknown) => {
      for (let i = 0; i < 200; i++) {
        const a = answers().find((m) => m.id === id);
        if (a) return a;
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error(`no answer to ${String(id)}; stderr: ${err}`);
    };
    const send = (msg: unknown) => child.stdin.write(JSON.stringify(msg) + '\n');
    before(async () => {
      child = spawn(process.execPath, [ENTRY], { env: envFor(sb, ['ops:nano'], {}) });
      child.stdout.on('data', (d: Buffer) => (out += d.toString()));
      child.stderr.on('data', (d: Buffer) => (err += d.toString()));
      send({ jsonrpc: '2.0', id: 0, method: 'initialize', params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'raw', version: '1' } } });
      await answer(0);
      send({ jsonrpc: '2.0', method: 'notifications/initialized' });
    });
    after(() => child?.kill());

    it('a request line over the 10 MiB limit gets an error answer (id first or last), a line on stderr, and the server lives on', async () => {
      const pad = 'x'.repeat(STDIO_LINE_LIMIT + 1024);
      // The v1 SDK client serializes the id last; others put it first.
      child.stdin.write(`{"method":"tools/call","params":{"name":"verify_email","arguments":{"email":"${pad}"}},"jsonrpc":"2.0","id":41}\n`);
      const a = await answer(41);
      expect(a.error?.code).to.equal(-32600);
      expect(a.error?.message).to.contain('Request too large').and.contain('Nothing was done');
      child.stdin.write(`{"jsonrpc":"2.0","id":"forty-two","method":"tools/call","params":{"name":"verify_email","arguments":{"email":"${pad}"}}}\n`);
      expect((await answer('forty-two')).error?.code).to.equal(-32600);
      expect(err).to.match(/refused a request line of 10\.0 MiB \(limit 10\.0 MiB\)/);
      send({ jsonrpc: '2.0', id: 43, method: 'tools/list' });
      expect((await answer(43)).result.tools.map((t: { name: string }) => t.name)).to.include('verify_credits');
      const call = await (send({ jsonrpc: '2.0', id: 44, method: 'tools/call', params: { name: 'verify_credits', arguments: {} } }), answer(44));
      expect(call.result.structuredContent.credits_remaining).to.be.a('number');
      expect(child.exitCode).to.equal(null);
    });

    it('a line just under the limit still reaches the server (and is answered)', async () => {
      const pad = 'y'.repeat(STDIO_LINE_LIMIT - 1000);
      child.stdin.write(`{"jsonrpc":"2.0","id":45,"method":"tools/call","params":{"name":"verify_email","arguments":{"email":"${pad}"}}}\n`);
      const a = await answer(45);
      expect(a.error).to.equal(undefined);
      expect(a.result.isError).to.equal(true);
      expect(a.result.structuredContent.error.code).to.equal('invalid_arguments');
    });

    it('an unknown tool is one clear message', async () => {
      send({ jsonrpc: '2.0', id: 46, method: 'tools/call', params: { name: 'nope_tool', arguments: {} } });
      const a = await answer(46);
      expect(a.error?.code).to.equal(-32602);
      expect(a.error?.message).to.match(/^Unknown tool: nope_tool\./);
    });
  });

  it('reads the id of a refused line from its head or its tail, and only the top-level one', () => {
    expect(requestId('{"jsonrpc":"2.0","id":7,"method":"tools/call","params":{', '')).to.equal(7);
    expect(requestId('{"method":"tools/call","params":{"arguments":{"id":99', 'xxx"}},"jsonrpc":"2.0","id":"abc"}')).to.equal('abc');
    expect(requestId('{"method":"tools/call","params":{"id":99', 'xxx"}}}')).to.equal(null);
    expect(requestId('garbage', 'garbage')).to.equal(null);
  });
});
