import { expect } from 'chai';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import nock from 'nock';
import { HttpClient, retryAfter, type ApiFailure, type ApiResponse } from './http.js';

const BASE = 'https://api.trekmail.test';
const TOKEN = 'tm_live_http_spec_token_abcdef';

function client(o: Partial<ConstructorParameters<typeof HttpClient>[0]> = {}, waits: number[] = []) {
  return new HttpClient({
    baseUrl: BASE, token: TOKEN, timeoutMs: 500, maxResponseBytes: 1024 * 1024,
    sleep: async (ms) => void waits.push(ms), random: () => 0.5, ...o,
  });
}

describe('HttpClient', () => {
  it('sends auth, JSON headers, a request id per attempt and the body', async () => {
    let seen: Record<string, string | string[] | undefined> = {};
    nock(BASE).post('/api/v1/things', { a: 1 }).reply(function () {
      seen = this.req.headers;
      return [201, { id: 1 }];
    });
    const res = (await client().request({ method: 'POST', path: '/things', body: { a: 1 } })) as ApiResponse;
    expect(res.ok).to.equal(true);
    expect(res.status).to.equal(201);
    expect(seen.authorization).to.equal(`Bearer ${TOKEN}`);
    expect(seen.accept).to.equal('application/json');
    expect(seen['content-type']).to.equal('application/json');
    expect(seen['user-agent']).to.match(/^trekmail-mcp\/\d/);
    expect(seen['x-request-id']).to.match(/^[0-9a-f-]{36}$/);
    expect(seen['idempotency-key']).to.match(/^[0-9a-f-]{36}$/);
  });

  it('sends no idempotency key on GET, and puts arrays in the query as key[]', async () => {
    nock(BASE).get('/api/v1/x').query({ 'ids[]': ['1', '2'], q: 'a b' }).matchHeader('idempotency-key', (v) => v === undefined).reply(200, {});
    const res = await client().request({ method: 'GET', path: '/x', query: { ids: [1, 2], q: 'a b', skip: undefined } });
    expect(res.ok).to.equal(true);
  });

  it('retries a 503 and then a timeout with the same idempotency key, and succeeds', async () => {
    const keys: string[] = [];
    const ids: string[] = [];
    const record = function (this: { req: { headers: Record<string, string> } }) {
      keys.push(this.req.headers['idempotency-key']);
      ids.push(this.req.headers['x-request-id']);
    };
    nock(BASE)
      .post('/api/v1/send').reply(function () { record.call(this as never); return [503, { error: { code: 'unavailable', message: 'try later' } }]; })
      .post('/api/v1/send').delay(800).reply(function () { record.call(this as never); return [200, { late: true }]; })
      .post('/api/v1/send').reply(function () { record.call(this as never); return [200, { sent: true }]; });
    const waits: number[] = [];
    const res = (await client({}, waits).request({ method: 'POST', path: '/send', body: { to: 'a@b.c' } })) as ApiResponse;
    expect(res.ok).to.equal(true);
    expect(res.data).to.deep.equal({ sent: true });
    expect(res.attempts).to.equal(3);
    expect(keys).to.have.length(3);
    expect(new Set(keys).size).to.equal(1);
    expect(new Set(ids).size).to.equal(3);
    expect(waits).to.have.length(2);
  });

  it('uses the caller-supplied idempotency key', async () => {
    nock(BASE).delete('/api/v1/x/1').matchHeader('idempotency-key', 'fixed-key').reply(204);
    const res = (await client().request({ method: 'DELETE', path: '/x/1', idempotencyKey: 'fixed-key' })) as ApiResponse;
    expect(res.status).to.equal(204);
    expect(res.data).to.deep.equal({ ok: true, status: 204 });
  });

  it('honours Retry-After in seconds, and in the body', async () => {
    nock(BASE)
      .get('/api/v1/r').reply(429, { error: { code: 'rate_limited', message: 'slow down' } }, { 'Retry-After': '3' })
      .get('/api/v1/r').reply(429, { error: { code: 'rate_limited', message: 'slow down' }, retry_after: 2 })
      .get('/api/v1/r').reply(200, { ok: 1 });
    const waits: number[] = [];
    const res = await client({}, waits).request({ method: 'GET', path: '/r' });
    expect(res.ok).to.equal(true);
    expect(waits).to.deep.equal([3000, 2000]);
  });

  it('gives up at once when Retry-After exceeds the cap, saying how long', async () => {
    nock(BASE).get('/api/v1/r').reply(429, { error: { code: 'rate_limited', message: 'Too many requests.' } }, { 'Retry-After': '3600' });
    const waits: number[] = [];
    const res = (await client({ maxRetryAfterMs: 60_000 }, waits).request({ method: 'GET', path: '/r' })) as ApiFailure;
    expect(res.ok).to.equal(false);
    expect(res.status).to.equal(429);
    expect(res.message).to.contain('wait 3600 s');
    expect(waits).to.deep.equal([]);
    expect(res.details).to.equal(undefined);
  });

  it('stops after the bounded number of attempts in a 429 storm', async () => {
    nock(BASE).get('/api/v1/r').times(4).reply(429, { error: { code: 'rate_limited', message: 'no' } }, { 'Retry-After': '1' });
    const waits: number[] = [];
    const res = (await client({ maxAttempts: 4 }, waits).request({ method: 'GET', path: '/r' })) as ApiFailure;
    expect(res.ok).to.equal(false);
    expect(res.attempts).to.equal(4);
    expect(waits).to.deep.equal([1000, 1000, 1000]);
  });

  it('uses bounded exponential backoff with jitter when no Retry-After is given', async () => {
    nock(BASE).get('/api/v1/b').times(4).reply(502, 'bad gateway');
    const waits: number[] = [];
    await client({ backoffBaseMs: 100, backoffMaxMs: 300, random: () => 1 }, waits).request({ method: 'GET', path: '/b' });
    expect(waits).to.deep.equal([100, 200, 300]);
  });

  it('does not retry when the API says retryable: false, nor on 4xx', async () => {
    nock(BASE).post('/api/v1/m').reply(503, { error: { code: 'migration_capacity', message: 'full', retryable: false } });
    nock(BASE).post('/api/v1/v').reply(422, { error: { code: 'validation_failed', message: 'bad' }, errors: { name: 'required' } });
    const a = (await client().request({ method: 'POST', path: '/m', body: {} })) as ApiFailure;
    expect(a.attempts).to.equal(1);
    const b = (await client().request({ method: 'POST', path: '/v', body: {} })) as ApiFailure;
    expect(b.attempts).to.equal(1);
    expect(b.code).to.equal('validation_failed');
    expect(b.details).to.deep.equal({ errors: { name: 'required' } });
  });

  it('turns an HTML answer into a clear error with a short sanitised snippet', async () => {
    nock(BASE).get('/api/v1/h').reply(200, '<html><body><h1>Welcome to nginx!</h1><script>x()</script></body></html>', { 'Content-Type': 'text/html' });
    const res = (await client().request({ method: 'GET', path: '/h' })) as ApiFailure;
    expect(res.ok).to.equal(false);
    expect(res.code).to.equal('invalid_response');
    expect(res.message).to.contain('text/html').and.contain('Welcome to nginx!').and.not.contain('<h1>');
  });

  it('reports an HTML error page from a proxy with its status', async () => {
    nock(BASE).get('/api/v1/h').times(4).reply(502, '<html>Bad Gateway</html>', { 'Content-Type': 'text/html' });
    const res = (await client().request({ method: 'GET', path: '/h' })) as ApiFailure;
    expect(res.status).to.equal(502);
    expect(res.message).to.contain('Bad Gateway');
  });

  it('returns a file answer (application/* that is no JSON or page) as base64 with its name; XML is still an error', async () => {
    const bytes = Buffer.from([0x30, 0x82, 0x01, 0x00, 0xff, 0x00]);
    nock(BASE).get('/api/v1/f').reply(200, bytes, { 'Content-Type': 'application/x-apple-aspen-config', 'Content-Disposition': 'attachment; filename="demo.mobileconfig"' });
    const ok = (await client().request({ method: 'GET', path: '/f' })) as ApiResponse;
    expect(ok.data).to.deep.equal({ content_type: 'application/x-apple-aspen-config', content_base64: bytes.toString('base64'), file_name: 'demo.mobileconfig' });
    nock(BASE).get('/api/v1/x').reply(200, '<?xml version="1.0"?><error/>', { 'Content-Type': 'application/xml' });
    expect(((await client().request({ method: 'GET', path: '/x' })) as ApiFailure).code).to.equal('invalid_response');
  });

  it('returns text payloads (CSV) as content_type + text', async () => {
    nock(BASE).get('/api/v1/c').reply(200, 'a,b\n1,2\n', { 'Content-Type': 'text/csv; charset=utf-8' });
    const res = (await client().request({ method: 'GET', path: '/c' })) as ApiResponse;
    expect(res.data).to.deep.equal({ content_type: 'text/csv', text: 'a,b\n1,2\n' });
  });

  it('refuses redirects (the token never goes to another origin)', async () => {
    nock(BASE).get('/api/v1/r').reply(302, '', { Location: 'https://evil.example/steal' });
    const res = (await client().request({ method: 'GET', path: '/r' })) as ApiFailure;
    expect(res.code).to.equal('redirect_refused');
  });

  it('sends Authorization only to the API origin (absolute upload URLs elsewhere get none)', async () => {
    nock('https://uploads.example').put('/part/1').matchHeader('authorization', (v) => v === undefined).reply(200, '', { ETag: '"e1"' });
    const res = (await client().request({ method: 'PUT', path: '', absoluteUrl: 'https://uploads.example/part/1', rawBody: new Uint8Array([1, 2]) })) as ApiResponse;
    expect(res.ok).to.equal(true);
    expect(res.headers.get('etag')).to.equal('"e1"');
  });

  it('refuses a response larger than the cap, declared or streamed', async () => {
    const big = 'x'.repeat(2048);
    nock(BASE).get('/api/v1/big').reply(200, JSON.stringify({ big }), { 'Content-Type': 'application/json' });
    const res = (await client({ maxResponseBytes: 1000 }).request({ method: 'GET', path: '/big' })) as ApiFailure;
    expect(res.code).to.equal('response_too_large');
  });

  it('maps connection failures to a retryable network error, bounded', async () => {
    nock(BASE).get('/api/v1/n').times(2).replyWithError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));
    const res = (await client({ maxAttempts: 2 }).request({ method: 'GET', path: '/n' })) as ApiFailure;
    expect(res.code).to.equal('network_error');
    expect(res.message).to.contain('ECONNRESET');
    expect(res.attempts).to.equal(2);
    expect(res.message).not.to.contain(TOKEN);
  });

  it('parses Retry-After as an HTTP date', () => {
    const ms = retryAfter(new Date(Date.now() + 5000).toUTCString(), undefined)!;
    expect(ms).to.be.within(3000, 5000);
    expect(retryAfter(null, { error: { retry_after: 1.5 } })).to.equal(1500);
    expect(retryAfter(null, {})).to.equal(undefined);
  });

  describe('over a real loopback connection (node:http transport)', () => {
    let server: Server;
    let base: string;
    before(async () => {
      server = createServer((req, res) => {
        if (req.url === '/api/v1/drop') {
          res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': '100' });
          res.write('{"partial":');
          setTimeout(() => req.socket.destroy(), 5);
        } else if (req.url === '/api/v1/stall') {
          res.writeHead(200, { 'Content-Type': 'application/json' });
          res.write('{');
        } else {
          res.writeHead(200, { 'Content-Type': 'application/json' });
          res.end(JSON.stringify({ method: req.method, auth: req.headers.authorization === `Bearer ${TOKEN}` }));
        }
      });
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    after(() => {
      server.closeAllConnections();
      server.close();
    });

    // Connection reuse is not asserted here: nock, loaded for the whole suite, wraps every request in its own socket.
    it('sends and answers JSON over a real socket', async () => {
      const c = client({ baseUrl: base });
      for (let i = 0; i < 3; i++) {
        const res = (await c.request({ method: 'POST', path: '/ok', body: { i } })) as ApiResponse;
        expect(res.data).to.deep.equal({ method: 'POST', auth: true });
      }
    });

    it('a connection dropped mid-body is a retryable network error, not a parse error', async () => {
      const res = (await client({ baseUrl: base, maxAttempts: 2 }).request({ method: 'GET', path: '/drop' })) as ApiFailure;
      expect(res.code).to.equal('network_error');
      expect(res.attempts).to.equal(2);
    });

    it('a body that stalls ends in a timeout that names TREKMAIL_TIMEOUT_MS', async () => {
      const res = (await client({ baseUrl: base, timeoutMs: 100, maxAttempts: 1 }).request({ method: 'GET', path: '/stall' })) as ApiFailure;
      expect(res.code).to.equal('timeout');
    });
  });
});
