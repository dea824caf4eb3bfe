import { expect } from 'chai';
import { packSpec } from '../../core/plugin-api.js';
import { startSandbox, type Sandbox } from '../../sandbox/server.js';
import { rawApi } from '../../test/e2e.js';
import { VerifierPack } from './verifier.plugin.js';

/** The verifier emulator as the API's witness: credits by mode, jobs on the sandbox clock, what it refuses. */
describe('verifier sandbox', () => {
  let sb: Sandbox;
  const send = (method: string, path: string, body?: unknown, token?: string) => rawApi(sb)(method, path, body, token);
  before(async () => {
    sb = await startSandbox({ packs: [packSpec(VerifierPack)!] });
  });
  after(() => sb?.close());

  it('a deep check costs 2 credits, 1 at a free provider; quick costs 1', async () => {
    const credits = async () => (await send('GET', '/verify/credits')).body.credits_remaining as number;
    const start = await credits();
    expect((await send('POST', '/verify', { email: 'ann@example.com', mode: 'deep' })).body).to.include({ status: 'safe', mode: 'deep' });
    expect((await send('POST', '/verify', { email: 'ann@gmail.com', mode: 'deep' })).body.status).to.equal('valid');
    expect((await send('POST', '/verify', { email: 'info@example.com' })).body).to.include({ status: 'risky', mode: 'quick' });
    expect(await credits()).to.equal(start - 4);
  });

  it('a bulk job runs on the sandbox clock; only a finished or cancelled job may be deleted; download filters', async () => {
    const job = (await send('POST', '/verify/bulk', { emails: ['a@example.com', 'info@example.com', 'b@x.invalid'] })).body.job;
    expect(job.status).to.equal('pending');
    const early = await send('DELETE', `/verify/bulk/${job.id}`);
    expect([early.status, early.body.error.code]).to.deep.equal([409, 'job_running']);
    expect((await send('GET', `/verify/bulk/${job.id}/download`)).status).to.equal(409);
    sb.engine.advance(1_000);
    expect((await send('GET', `/verify/bulk/${job.id}`)).body.job).to.deep.include({ status: 'completed', counts: { safe: 1, valid: 0, risky: 1, invalid: 1 } });
    const csv = await send('GET', `/verify/bulk/${job.id}/download?filter=safe_risky`);
    expect(csv.headers.get('content-type')).to.match(/^text\/csv/);
    expect(csv.body).to.equal('email,status,reason\na@example.com,safe,accepted\ninfo@example.com,risky,role_account\n');
    expect((await send('DELETE', `/verify/bulk/${job.id}`)).body).to.deep.equal({ deleted: true, id: job.id });
  });

  it('refuses what the API refuses, field by field, before any credit is spent', async () => {
    const before = (await send('GET', '/verify/credits')).body.credits_remaining;
    const r = await send('POST', '/verify/bulk', { emails: ['ok@example.com', 'nope'], mode: 'full', name: 'x'.repeat(256) });
    expect(r.status).to.equal(422);
    expect(r.body.errors).to.deep.equal({ 'emails.1': 'must be an email address', mode: 'must be one of quick, deep', name: 'must be at most 255 characters' });
    expect((await send('GET', '/verify/bulk/101/download?filter=valid')).body.errors).to.deep.equal({ filter: 'must be one of all, safe, safe_risky' });
    expect((await send('GET', '/verify/credits')).body.credits_remaining).to.equal(before);
    expect((await send('POST', '/verify', { email: 'a@example.com' }, 'message:pro')).body.error.code).to.equal('wrong_token_type');
  });
});
