import { expect } from 'chai';
import { api, data, errorText, harness, OPS_TOKEN, UUID, type Harness } from '../../../test/harness.js';
import { InfraPack } from '../infra.plugin.js';

describe('infra tools: auto-reply', () => {
  let h: Harness;
  before(async () => {
    h = await harness(InfraPack);
  });

  it('get_auto_reply GETs the settings of a mailbox', async () => {
    const body = { auto_reply: { mailbox_id: 1, enabled: false, subject: null, body: null, start_date: null, end_date: null, skip_lists: true } };
    api().get('/api/v1/mailboxes/1/auto-reply').matchHeader('authorization', `Bearer ${OPS_TOKEN}`).reply(200, body);
    const res = await h.call('get_auto_reply', { mailbox_id: 1 });
    expect(data(res)).to.deep.equal(body);
    expect(JSON.parse(res.content[0].text)).to.deep.equal(body);
  });

  it('set_auto_reply PUTs the API\'s names (body, skip_lists) with an idempotency key', async () => {
    const args = { enabled: true, subject: 'Away', body: 'Back on Monday.', start_date: '2030-07-01', end_date: '2030-07-14', skip_lists: false };
    const reply = { auto_reply: { mailbox_id: 1, ...args, active_now: false } };
    api().put('/api/v1/mailboxes/1/auto-reply', args).matchHeader('idempotency-key', UUID).matchHeader('content-type', 'application/json').reply(200, reply);
    expect(data(await h.call('set_auto_reply', { mailbox_id: 1, ...args }))).to.deep.equal(reply);
  });

  it('set_auto_reply always sends skip_lists (default true); off needs enabled alone', async () => {
    api().put('/api/v1/mailboxes/2/auto-reply', { enabled: false, skip_lists: true }).reply(200, { auto_reply: { mailbox_id: 2, enabled: false } });
    expect(data(await h.call('set_auto_reply', { mailbox_id: 2, enabled: false })).auto_reply.enabled).to.equal(false);
  });

  it('the old names message and skip_mailing_lists are refused, with no request', async () => {
    const text = errorText(await h.call('set_auto_reply', { mailbox_id: 1, enabled: true, subject: 'Away', message: 'Back soon.', skip_mailing_lists: true }));
    expect(text).to.contain('- message: is not a parameter').and.contain('- skip_mailing_lists: is not a parameter').and.contain('- body: ');
  });

  it('set_auto_reply checks dates (YYYY-MM-DD, real days, end not before start) and lengths, with no request', async () => {
    const on = { mailbox_id: 1, enabled: true, subject: 'Away', body: 'Back soon.' };
    expect(errorText(await h.call('set_auto_reply', { ...on, start_date: '01/07/2030' }))).to.match(/- start_date: /);
    expect(errorText(await h.call('set_auto_reply', { ...on, start_date: '2030-02-30' }))).to.match(/- start_date: /);
    expect(errorText(await h.call('set_auto_reply', { ...on, start_date: '2030-07-10T00:00:00Z' }))).to.match(/- start_date: /);
    expect(errorText(await h.call('set_auto_reply', { ...on, start_date: '2030-07-10', end_date: '2030-07-01' }))).to.contain('- end_date: must not be before start_date');
    expect(errorText(await h.call('set_auto_reply', { ...on, subject: 'x'.repeat(501) }))).to.match(/subject: .*500/);
    expect(errorText(await h.call('set_auto_reply', { ...on, body: 'x'.repeat(5001) }))).to.match(/body: .*5000/);
    expect(errorText(await h.call('set_auto_reply', { ...on, skip_lists: 'yes' }))).to.match(/skip_lists: .*boolean/);
    expect(errorText(await h.call('set_auto_reply', { mailbox_id: 1 }))).to.match(/- enabled: /);
  });

  it('turning it on needs a subject and a body (no request); an API 422 reaches the agent with its fields', async () => {
    const text = errorText(await h.call('set_auto_reply', { mailbox_id: 1, enabled: true }));
    expect(text).to.match(/^Invalid arguments for set_auto_reply:/).and.contain('- subject:').and.contain('- body:');
    api().put('/api/v1/mailboxes/1/auto-reply').reply(422, { error: { code: 'validation_failed', message: 'Validation failed: end_date' }, errors: { end_date: 'must be after today' } });
    const res = await h.call('set_auto_reply', { mailbox_id: 1, enabled: true, subject: 'Away', body: 'Back soon.', end_date: '2001-01-01' });
    expect(errorText(res)).to.contain('HTTP 422, validation_failed').and.contain('must be after today');
    expect(res.structuredContent?.error).to.deep.include({ errors: { end_date: 'must be after today' } });
  });
});
