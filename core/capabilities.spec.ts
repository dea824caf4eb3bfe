import { expect } from 'chai';
import { HttpClient } from './http.js';
import { discoverCapabilities } from './capabilities.js';
import { api, BASE, memoryLogger, MSG_TOKEN, OPS_TOKEN } from '../test/harness.js';

const client = (token: string) => new HttpClient({ baseUrl: BASE, token, timeoutMs: 1000, maxResponseBytes: 1e6, sleep: async () => {} });

describe('capability discovery', () => {
  it('asks /me and /messages/_me with their own tokens and reads plan and scopes', async () => {
    api().get('/api/v1/me').matchHeader('authorization', `Bearer ${OPS_TOKEN}`).reply(200, { account: { plan: 'Starter', name: 'Acme' }, capabilities: { effective_scopes: ['domains:read'] } });
    api().get('/api/v1/messages/_me').matchHeader('authorization', `Bearer ${MSG_TOKEN}`).reply(200, { data: { mailbox: { email: 'a@acme.io' }, capabilities: { effective_scopes: ['messages:read'] } } });
    const logs: string[] = [];
    const caps = await discoverCapabilities({ ops: client(OPS_TOKEN), message: client(MSG_TOKEN) }, memoryLogger(logs), true);
    expect(caps.ops).to.deep.equal({ plan: 'starter', scopes: new Set(['domains:read']), label: 'Acme' });
    expect(caps.message).to.deep.equal({ plan: 'starter', scopes: new Set(['messages:read']), label: 'a@acme.io' });
    expect(logs).to.deep.equal([]);
  });

  it('falls back to /account for the plan', async () => {
    api().get('/api/v1/me').reply(200, { capabilities: { effective_scopes: ['verify:read'] } });
    api().get('/api/v1/account').reply(200, { plan: 'nano' });
    const caps = await discoverCapabilities({ ops: client(OPS_TOKEN) }, memoryLogger([]), true);
    expect(caps.ops!.plan).to.equal('nano');
  });

  it('says in one line why discovery failed, without the token, and registers by token type', async () => {
    api().get('/api/v1/me').reply(401, { error: { code: 'invalid_token', message: 'The token is invalid' } });
    const logs: string[] = [];
    const caps = await discoverCapabilities({ ops: client(OPS_TOKEN) }, memoryLogger(logs), true);
    expect(caps.ops).to.deep.equal({});
    expect(logs).to.have.length(1);
    expect(logs[0]).to.contain('TREKMAIL_API_TOKEN').and.contain('HTTP 401 invalid_token').and.not.contain(OPS_TOKEN);
  });

  it('treats an unexpected shape as a failure', async () => {
    api().get('/api/v1/messages/_me').reply(200, '<html>login</html>', { 'Content-Type': 'text/html' });
    const logs: string[] = [];
    const caps = await discoverCapabilities({ message: client(MSG_TOKEN) }, memoryLogger(logs), true);
    expect(caps.message).to.deep.equal({});
    expect(logs[0]).to.contain('TREKMAIL_MESSAGE_TOKEN');
  });

  it('makes no request when scope-aware registration is off', async () => {
    const caps = await discoverCapabilities({ ops: client(OPS_TOKEN) }, memoryLogger([]), false);
    expect(caps).to.deep.equal({ ops: {} });
  });
});
