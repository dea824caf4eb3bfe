import { expect } from 'chai';
import nock from 'nock';
import { api, data, errorText, harness, UUID, type Harness } from '../../../test/harness.js';
import { InfraPack } from '../infra.plugin.js';

const NEW_PASSWORD = 'Shared-Back-2031';
const member = (id: number, email: string) => api().get(`/api/v1/mailboxes/${id}`).reply(200, { mailbox: { id, email } });

describe('infra tools: shared-mailboxes', () => {
  let h: Harness;
  let open: Harness;
  let strict: Harness;
  before(async () => {
    h = await harness(InfraPack);
    open = await harness(InfraPack, { TREKMAIL_ALLOW_DESTRUCTIVE: 'true' });
    strict = await harness(InfraPack, { TREKMAIL_ALLOW_DESTRUCTIVE: 'true', TREKMAIL_SEND_ALLOW: 'demo.trekmail.test' });
  });
  afterEach(() => nock.cleanAll());

  it('list_shared_mailbox_members GETs the members', async () => {
    api().get('/api/v1/mailboxes/9/members').reply(200, { data: [{ id: 1, member_mailbox_id: 2, email: 'sales@demo.trekmail.test', can_read: true, can_send: true }] });
    expect(data(await h.call('list_shared_mailbox_members', { mailbox_id: 9 })).data[0].member_mailbox_id).to.equal(2);
  });

  it('the writes are gated: nothing is sent while TREKMAIL_ALLOW_DESTRUCTIVE is off', async () => {
    const calls: [string, Record<string, unknown>][] = [
      ['add_shared_mailbox_member', { mailbox_id: 9, member_mailbox_id: 2 }], ['update_shared_mailbox_member', { mailbox_id: 9, member_id: 1, can_send: true }],
      ['remove_shared_mailbox_member', { mailbox_id: 9, member_id: 1 }], ['create_shared_mailbox', { domain_id: 1, local_part: 'team', display_name: 'Team', member_mailbox_ids: [2] }],
      ['convert_mailbox_to_shared', { mailbox_id: 3, member_mailbox_ids: [2] }], ['convert_shared_mailbox_to_regular', { mailbox_id: 9, password: NEW_PASSWORD }],
    ];
    for (const [name, args] of calls) expect(errorText(await h.call(name, args)), name).to.contain(`${name} needs TREKMAIL_ALLOW_DESTRUCTIVE=true`);
  });

  it('add_shared_mailbox_member POSTs the member, and can_send only when given', async () => {
    api().post('/api/v1/mailboxes/9/members', { member_mailbox_id: 2 }).matchHeader('idempotency-key', UUID).reply(201, { data: { id: 1, can_send: true } });
    expect(data(await open.call('add_shared_mailbox_member', { mailbox_id: 9, member_mailbox_id: 2 })).data.can_send).to.equal(true);
    api().post('/api/v1/mailboxes/9/members', { member_mailbox_id: 3, can_send: false }).reply(201, { data: { id: 2, can_send: false } });
    expect(data(await open.call('add_shared_mailbox_member', { mailbox_id: 9, member_mailbox_id: 3, can_send: false })).data.can_send).to.equal(false);
  });

  it('update_shared_mailbox_member PATCHes can_send and the label ("" clears); remove DELETEs the membership', async () => {
    api().patch('/api/v1/mailboxes/9/members/1', { can_send: false, custom_label: '' }).reply(200, { data: { id: 1, can_send: false, custom_label: null } });
    expect(data(await open.call('update_shared_mailbox_member', { mailbox_id: 9, member_id: 1, can_send: false, custom_label: '' })).data.custom_label).to.equal(null);
    expect(errorText(await open.call('update_shared_mailbox_member', { mailbox_id: 9, member_id: 1 }))).to.match(/can_send: /);
    expect(errorText(await open.call('update_shared_mailbox_member', { mailbox_id: 9, member_id: 1, can_send: true, custom_label: 'x'.repeat(121) }))).to.match(/custom_label: .*120/);
    api().delete('/api/v1/mailboxes/9/members/1').matchHeader('idempotency-key', UUID).reply(204);
    expect((await open.call('remove_shared_mailbox_member', { mailbox_id: 9, member_id: 1 })).isError).to.not.equal(true);
    api().delete('/api/v1/mailboxes/9/members/2').reply(422, { error: { code: 'last_member', message: 'needs at least one member' } });
    expect(errorText(await open.call('remove_shared_mailbox_member', { mailbox_id: 9, member_id: 2 }))).to.contain('HTTP 422, last_member');
  });

  it('create_shared_mailbox POSTs the row; storage_mb is needed when storage_shared is false', async () => {
    const body = { domain_id: 1, local_part: 'team', display_name: 'Team Inbox', member_mailbox_ids: [1, 2], storage_shared: false, storage_mb: 2048 };
    api().post('/api/v1/shared-mailboxes', body).matchHeader('idempotency-key', UUID).reply(201, { mailbox: { id: 9, type: 'shared' } });
    expect(data(await open.call('create_shared_mailbox', body)).mailbox.type).to.equal('shared');
    expect(errorText(await open.call('create_shared_mailbox', { ...body, storage_mb: undefined }))).to.contain('- storage_mb: required when storage_shared is false');
    expect(errorText(await open.call('create_shared_mailbox', { ...body, member_mailbox_ids: [] }))).to.match(/member_mailbox_ids: .*at least 1/);
    expect(errorText(await open.call('create_shared_mailbox', { ...body, local_part: 'Team' }))).to.match(/local_part: must use only a-z/);
  });

  it('convert_mailbox_to_shared POSTs the members; convert_shared_mailbox_to_regular sends the password and never shows it', async () => {
    api().post('/api/v1/mailboxes/3/convert-to-shared', { member_mailbox_ids: [1, 2] }).reply(200, { mailbox: { id: 3, type: 'shared' }, password_rotated: true });
    expect(data(await open.call('convert_mailbox_to_shared', { mailbox_id: 3, member_mailbox_ids: [1, 2] })).password_rotated).to.equal(true);
    api().post('/api/v1/mailboxes/3/convert-to-regular', { password: NEW_PASSWORD }).matchHeader('idempotency-key', UUID).reply(200, { mailbox: { id: 3 }, echo: NEW_PASSWORD });
    const res = await open.call('convert_shared_mailbox_to_regular', { mailbox_id: 3, password: NEW_PASSWORD });
    expect(JSON.stringify(res)).not.to.contain(NEW_PASSWORD);
    const weak = await open.call('convert_shared_mailbox_to_regular', { mailbox_id: 3, password: 'lowercase-only-words' });
    expect(errorText(weak)).to.contain('password: must contain an uppercase letter');
    expect(JSON.stringify(weak)).not.to.contain('lowercase-only-words');
  });

  it('with TREKMAIL_SEND_ALLOW, members who may send are looked up and checked before anything changes', async () => {
    member(2, 'sales@demo.trekmail.test');
    api().post('/api/v1/mailboxes/9/members', { member_mailbox_id: 2 }).reply(201, { data: { id: 1 } });
    expect(data(await strict.call('add_shared_mailbox_member', { mailbox_id: 9, member_mailbox_id: 2 })).data.id).to.equal(1);
    member(5, 'ext@other.example');
    const refused = await strict.call('add_shared_mailbox_member', { mailbox_id: 9, member_mailbox_id: 5 });
    expect(errorText(refused)).to.contain('Sender not allowed by TREKMAIL_SEND_ALLOW: ext@other.example. No request was sent.');
    // Read-only members send nothing: no lookup, no refusal.
    api().post('/api/v1/mailboxes/9/members', { member_mailbox_id: 5, can_send: false }).reply(201, { data: { id: 2 } });
    expect(data(await strict.call('add_shared_mailbox_member', { mailbox_id: 9, member_mailbox_id: 5, can_send: false })).data.id).to.equal(2);
    member(1, 'demo@demo.trekmail.test');
    member(5, 'ext@other.example');
    expect(errorText(await strict.call('create_shared_mailbox', { domain_id: 1, local_part: 'team', display_name: 'Team', member_mailbox_ids: [1, 5] }))).to.contain('ext@other.example');
    member(5, 'ext@other.example');
    expect(errorText(await strict.call('convert_mailbox_to_shared', { mailbox_id: 3, member_mailbox_ids: [5] }))).to.contain('ext@other.example');
    expect(nock.pendingMocks()).to.deep.equal([]);
  });

  it('with TREKMAIL_SEND_ALLOW, granting send to a membership checks its address; a failed lookup sends nothing', async () => {
    api().get('/api/v1/mailboxes/9/members').reply(200, { data: [{ id: 2, member_mailbox_id: 5, email: 'ext@other.example', can_send: false }] });
    expect(errorText(await strict.call('update_shared_mailbox_member', { mailbox_id: 9, member_id: 2, can_send: true }))).to.contain('Sender not allowed by TREKMAIL_SEND_ALLOW: ext@other.example');
    api().get('/api/v1/mailboxes/9/members').reply(200, { data: [] });
    expect(errorText(await strict.call('update_shared_mailbox_member', { mailbox_id: 9, member_id: 2, can_send: true }))).to.contain('not a member');
    api().get('/api/v1/mailboxes/77').reply(404, { error: { code: 'not_found', message: 'Mailbox not found' } });
    expect(errorText(await strict.call('add_shared_mailbox_member', { mailbox_id: 9, member_mailbox_id: 77 }))).to.contain('HTTP 404, not_found');
    api().patch('/api/v1/mailboxes/9/members/2', { can_send: false }).reply(200, { data: { id: 2, can_send: false } });
    expect(data(await strict.call('update_shared_mailbox_member', { mailbox_id: 9, member_id: 2, can_send: false })).data.can_send).to.equal(false);
    expect(nock.pendingMocks()).to.deep.equal([]);
  });
});
