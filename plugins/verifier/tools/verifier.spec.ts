import { expect } from 'chai';
import { api, data, errorText, harness, OPS_TOKEN, UUID, type Harness } from '../../../test/harness.js';
import { VerifierPack } from '../verifier.plugin.js';

describe('verifier tools', () => {
  let h: Harness;
  before(async () => {
    h = await harness(VerifierPack);
  });

  it('verify_email POSTs the address with auth and an idempotency key', async () => {
    const scope = api()
      .post('/api/v1/verify', { email: 'ann@example.com', mode: 'deep' })
      .matchHeader('authorization', `Bearer ${OPS_TOKEN}`)
      .matchHeader('idempotency-key', UUID)
      .matchHeader('content-type', 'application/json')
      .reply(200, { email: 'ann@example.com', status: 'valid', credits_remaining: 99 });
    const res = await h.call('verify_email', { email: 'ann@example.com', mode: 'deep' });
    expect(data(res)).to.deep.equal({ email: 'ann@example.com', status: 'valid', credits_remaining: 99 });
    expect(JSON.parse(res.content[0].text)).to.deep.equal(data(res));
    scope.done();
  });

  it('verify_email rejects a malformed address and a mode other than quick or deep, without a request', async () => {
    const text = errorText(await h.call('verify_email', { email: 'not-an-address' }));
    expect(text).to.match(/email: .*email/);
    expect(errorText(await h.call('verify_email', { email: 'a@x.io', mode: 'full' }))).to.match(/mode: must be one of .*quick, deep/);
  });

  it('verify_email_bulk sends the list, name and mode; the mode is left out when not given', async () => {
    api().post('/api/v1/verify/bulk', { emails: ['a@x.io', 'b@x.io'], name: 'Leads', mode: 'quick' }).reply(201, { job: { id: 7, status: 'pending' } });
    expect(data(await h.call('verify_email_bulk', { emails: ['a@x.io', 'b@x.io'], name: 'Leads', mode: 'quick' }))).to.deep.equal({ job: { id: 7, status: 'pending' } });
    api().post('/api/v1/verify/bulk', (b) => JSON.stringify(b) === '{"emails":["a@x.io"]}').reply(201, { job: { id: 8 } });
    expect(data(await h.call('verify_email_bulk', { emails: ['a@x.io'] })).job.id).to.equal(8);
    expect(errorText(await h.call('verify_email_bulk', { emails: ['a@x.io'], name: 'x'.repeat(256) }))).to.match(/name: .*255/);
  });

  it('verify_email_bulk names each bad entry', async () => {
    const text = errorText(await h.call('verify_email_bulk', { emails: ['ok@x.io', 'nope'] }));
    expect(text).to.contain('emails:');
    expect(errorText(await h.call('verify_email_bulk', { emails: [] }))).to.match(/emails: .*at least 1/);
  });

  it('verify_job_status GETs the job with its filters in the query; up to 500 a page, the API\'s verdicts only', async () => {
    api().get('/api/v1/verify/bulk/7').query({ page: '2', per_page: '500', status: 'safe', search: 'x.io' }).reply(200, { job: { id: 7 }, results: { data: [] } });
    const res = await h.call('verify_job_status', { job_id: 7, page: 2, per_page: 500, status: 'safe', search: 'x.io' });
    expect(data(res).job.id).to.equal(7);
    expect(errorText(await h.call('verify_job_status', { job_id: 7, status: 'unknown' }))).to.match(/status: must be one of .*safe, valid, risky, invalid/);
    expect(errorText(await h.call('verify_job_status', { job_id: 7, per_page: 501 }))).to.match(/per_page: /);
  });

  it('verify_job_download always sends its filter (default all), asks for CSV and answers the CSV as text', async () => {
    const csv = 'email,status,reason\na@x.io,safe,accepted\nb@x.io,risky,role_account\n';
    api().get('/api/v1/verify/bulk/7/download').query({ filter: 'all' }).matchHeader('accept', 'text/csv, application/json').reply(200, csv, { 'Content-Type': 'text/csv' });
    const res = await h.call('verify_job_download', { job_id: 7 });
    expect(res.content[0].text).to.equal(csv);
    expect(data(res)).to.deep.equal({ content_type: 'text/csv', filter: 'all', rows: 2, csv });
    api().get('/api/v1/verify/bulk/7/download').query({ filter: 'safe_risky' }).reply(200, 'email,status,reason\n', { 'Content-Type': 'text/csv' });
    expect(data(await h.call('verify_job_download', { job_id: 7, filter: 'safe_risky' })).rows).to.equal(0);
  });

  it('verify_job_download refuses a filter the API does not take', async () => {
    for (const filter of ['everything', 'valid', 'risky']) {
      expect(errorText(await h.call('verify_job_download', { job_id: 7, filter }))).to.match(/filter: must be one of .*all, safe, safe_risky/);
    }
  });

  it('verify_credits and verify_list_jobs are plain GETs; job statuses are the API\'s', async () => {
    api().get('/api/v1/verify/credits').reply(200, { credits_remaining: 12 });
    api().get('/api/v1/verify/bulk').query({ status: 'partial', per_page: '100' }).reply(200, { data: [{ id: 1 }] });
    expect(data(await h.call('verify_credits')).credits_remaining).to.equal(12);
    expect(data(await h.call('verify_list_jobs', { status: 'partial', per_page: 100 })).data).to.have.length(1);
    expect(errorText(await h.call('verify_list_jobs', { status: 'queued' }))).to.match(/status: must be one of/);
  });

  it('verify_cancel_job POSTs to the cancel route with an idempotency key', async () => {
    api().post('/api/v1/verify/bulk/9/cancel').matchHeader('idempotency-key', UUID).reply(200, { job: { id: 9, status: 'cancelled' } });
    expect(data(await h.call('verify_cancel_job', { job_id: 9 })).job.status).to.equal('cancelled');
  });

  it('verify_delete_job is refused while the destructive gate is off, with no request', async () => {
    const text = errorText(await h.call('verify_delete_job', { job_id: 9 }));
    expect(text).to.contain('TREKMAIL_ALLOW_DESTRUCTIVE=true');
  });

  it('verify_delete_job sends DELETE once the gate is on', async () => {
    const open = await harness(VerifierPack, { TREKMAIL_ALLOW_DESTRUCTIVE: 'true' });
    api().delete('/api/v1/verify/bulk/9').matchHeader('idempotency-key', UUID).reply(200, { deleted: true, id: 9 });
    expect(data(await open.call('verify_delete_job', { job_id: 9 }))).to.deep.equal({ deleted: true, id: 9 });
  });

  it('an API error becomes an isError result with code, message, hint and siblings', async () => {
    api().post('/api/v1/verify').reply(402, { error: { code: 'insufficient_credits', message: 'Needs 1 credit', hint: 'Buy credits', request_id: 'req-1' }, credits_remaining: 0 });
    const res = await h.call('verify_email', { email: 'a@x.io' });
    expect(res.isError).to.equal(true);
    expect(res.content[0].text).to.contain('HTTP 402, insufficient_credits').and.contain('Buy credits').and.contain('req-1');
    expect(res.structuredContent).to.deep.include({ error: { status: 402, code: 'insufficient_credits', message: 'Needs 1 credit', hint: 'Buy credits', request_id: 'req-1', credits_remaining: 0 } });
  });
});
