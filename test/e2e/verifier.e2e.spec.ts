import { expect } from 'chai';
import type { Sandbox } from '../../sandbox/server.js';
import { connect, sandbox, until, type Session } from '../e2e.js';

describe('e2e: verifier on a Nano account (stdio, SDK client, sandbox)', () => {
  let sb: Sandbox;
  let s: Session;
  before(async () => {
    sb = await sandbox();
    s = await connect(sb, ['ops:nano']);
  });
  after(async () => {
    await s?.close();
    await sb?.close();
  });

  it('lists exactly the 8 verifier tools (plus the preview tool), with annotations', async () => {
    const { tools } = await s.client.listTools();
    expect(tools.map((t) => t.name)).to.deep.equal([
      'preview_tool_call', 'verify_cancel_job', 'verify_credits', 'verify_delete_job', 'verify_email', 'verify_email_bulk', 'verify_job_download', 'verify_job_status', 'verify_list_jobs',
    ]);
    const del = tools.find((t) => t.name === 'verify_delete_job')!;
    expect(del.annotations).to.deep.equal({ destructiveHint: true, idempotentHint: true });
  });

  it('verifies an address, runs a bulk job to completion and downloads the CSV; credits go down', async () => {
    const before = (await s.call('verify_credits')).structuredContent.credits_remaining;
    const one = await s.call('verify_email', { email: 'bounce@example.com' });
    expect(one.structuredContent.status).to.equal('invalid');
    const started = await s.call('verify_email_bulk', { emails: ['a@example.com', 'info@example.com', 'x@gmail.com'], name: 'e2e' });
    const id = started.structuredContent.job.id;
    const done = await until(async () => {
      const r = await s.call('verify_job_status', { job_id: id });
      return r.structuredContent.job.status === 'completed' && r.structuredContent;
    });
    expect(done.job.counts).to.deep.equal({ safe: 1, valid: 1, risky: 1, invalid: 0 });
    const csv = await s.call('verify_job_download', { job_id: id, filter: 'safe' });
    expect(csv.content[0].text).to.equal('email,status,reason\na@example.com,safe,accepted\n');
    expect((await s.call('verify_credits')).structuredContent.credits_remaining).to.equal(before - 4);
  });

  it('refuses verify_delete_job with the gate off and sends nothing', async () => {
    const count = sb.engine.stats.byRoute['DELETE /verify/bulk/{job_id}'] ?? 0;
    const r = await s.call('verify_delete_job', { job_id: 101 });
    expect(r.isError).to.equal(true);
    expect(r.content[0].text).to.contain('TREKMAIL_ALLOW_DESTRUCTIVE=true');
    expect(sb.engine.stats.byRoute['DELETE /verify/bulk/{job_id}'] ?? 0).to.equal(count);
  });

  it('an unknown tool is a protocol error', async () => {
    let err: Error | undefined;
    await s.client.callTool({ name: 'no_such_tool', arguments: {} }).catch((e: Error) => (err = e));
    expect(err?.message).to.match(/Unknown tool/);
  });
});
