import { expect } from 'chai';
import { api, data, errorText, harness, UUID, type Harness } from '../../../test/harness.js';
import { InfraPack } from '../infra.plugin.js';

describe('infra tools: delete-intents (two-step mailbox delete)', () => {
  let h: Harness;
  let open: Harness;
  before(async () => {
    h = await harness(InfraPack);
    open = await harness(InfraPack, { TREKMAIL_ALLOW_DESTRUCTIVE: 'true' });
  });

  it('both steps are refused while TREKMAIL_ALLOW_DESTRUCTIVE is off, saying how to enable them, with no request', async () => {
    const one = await h.call('create_delete_intent', { mailbox_id: 3 });
    expect(errorText(one)).to.equal(
      "Destructive operations are disabled: create_delete_intent needs TREKMAIL_ALLOW_DESTRUCTIVE=true in the MCP server's environment (restart the server after setting it). No request was sent.",
    );
    const two = await h.call('confirm_delete_intent', { intent_id: 501, confirm: true });
    expect(errorText(two)).to.contain('TREKMAIL_ALLOW_DESTRUCTIVE=true').and.contain('then call confirm_delete_intent with confirm: true');
    expect(two.structuredContent?.error).to.deep.equal({ code: 'gate_disabled' });
  });

  it('create_delete_intent POSTs to the literal :delete-intent path and returns the intent with its expiry', async () => {
    const body = { intent: { id: 501, mailbox_id: 3, email: 'support@demo.trekmail.test', status: 'pending', expires_at: '2030-01-01T00:10:00.000Z' } };
    api().post('/api/v1/mailboxes/3:delete-intent', {}).matchHeader('idempotency-key', UUID).reply(201, body);
    expect(data(await open.call('create_delete_intent', { mailbox_id: 3 }))).to.deep.equal(body);
  });

  it('confirm_delete_intent needs confirm: true on the call; confirm is never sent to the API', async () => {
    expect(errorText(await open.call('confirm_delete_intent', { intent_id: 501 }))).to.contain('Not confirmed: call confirm_delete_intent again with confirm: true');
    expect(errorText(await open.call('confirm_delete_intent', { intent_id: 501, confirm: false }))).to.contain('confirm: true');
    expect(errorText(await open.call('confirm_delete_intent', { intent_id: 501, confirm: 'true' }))).to.contain('confirm: true');
  });

  it('confirm_delete_intent POSTs with X-Confirm-Delete: true and an idempotency key, and an empty body', async () => {
    const body = { deleted: true, mailbox_id: 3, email: 'support@demo.trekmail.test' };
    api().post('/api/v1/delete-intents/501:confirm', (b) => JSON.stringify(b) === '{}')
      .matchHeader('x-confirm-delete', 'true').matchHeader('idempotency-key', UUID).matchHeader('authorization', /^Bearer tm_live_/)
      .reply(200, body);
    expect(data(await open.call('confirm_delete_intent', { intent_id: 501, confirm: true }))).to.deep.equal(body);
  });

  it('an expired intent is the API 410, passed on with its hint', async () => {
    api().post('/api/v1/delete-intents/502:confirm').reply(410, { error: { code: 'intent_expired', message: 'Delete intent 502 expired', hint: 'Create a new delete intent.' } });
    const res = await open.call('confirm_delete_intent', { intent_id: 502, confirm: true });
    expect(errorText(res)).to.contain('HTTP 410, intent_expired').and.contain('Create a new delete intent.');
    expect(errorText(await open.call('confirm_delete_intent', { intent_id: 0, confirm: true }))).to.match(/intent_id: /);
  });

  it('restore_mailbox is gated and POSTs to the literal :restore path with an idempotency key', async () => {
    expect(errorText(await h.call('restore_mailbox', { mailbox_id: 3 }))).to.contain('restore_mailbox needs TREKMAIL_ALLOW_DESTRUCTIVE=true');
    api().post('/api/v1/mailboxes/3:restore', {}).matchHeader('idempotency-key', UUID).reply(200, { restored: true, mailbox: { id: 3, status: 'active' } });
    expect(data(await open.call('restore_mailbox', { mailbox_id: 3 })).restored).to.equal(true);
    api().post('/api/v1/mailboxes/9:restore').reply(422, { error: { code: 'plan_limit_reached', message: 'The pro plan allows 250 mailboxes' } });
    expect(errorText(await open.call('restore_mailbox', { mailbox_id: 9 }))).to.contain('HTTP 422, plan_limit_reached');
  });

  it('list_trashed_mailboxes always adds status=trashed, which the caller cannot change', async () => {
    api().get('/api/v1/mailboxes').query({ status: 'trashed', domain_id: '1', per_page: '10' }).reply(200, { data: [{ id: 8, status: 'trashed' }], meta: { total: 1 } });
    expect(data(await h.call('list_trashed_mailboxes', { domain_id: 1, per_page: 10 })).data[0].id).to.equal(8);
    api().get('/api/v1/mailboxes').query({ status: 'trashed' }).reply(200, { data: [] });
    expect(data(await h.call('list_trashed_mailboxes')).data).to.deep.equal([]);
    expect(errorText(await h.call('list_trashed_mailboxes', { status: 'active' }))).to.contain('status: is not a parameter');
    expect(errorText(await h.call('list_trashed_mailboxes', { per_page: 101 }))).to.match(/per_page: /);
  });
});
