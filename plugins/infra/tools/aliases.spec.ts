import { expect } from 'chai';
import { api, data, errorText, harness, UUID, type Harness } from '../../../test/harness.js';
import { InfraPack } from '../infra.plugin.js';

describe('infra tools: aliases', () => {
  let h: Harness;
  let open: Harness;
  before(async () => {
    h = await harness(InfraPack);
    open = await harness(InfraPack, { TREKMAIL_ALLOW_DESTRUCTIVE: 'true' });
  });

  it('list_aliases GETs the aliases of a mailbox', async () => {
    const body = { data: [{ id: 1, email: 'hello@demo.trekmail.test' }], meta: { total: 1 } };
    api().get('/api/v1/mailboxes/1/aliases').reply(200, body);
    expect(data(await h.call('list_aliases', { mailbox_id: 1 }))).to.deep.equal(body);
  });

  it('create_alias POSTs local part, domain and flags', async () => {
    api().post('/api/v1/mailboxes/1/aliases', { local_part: 'team', domain_id: 1, can_receive: false, can_send: true }).matchHeader('idempotency-key', UUID)
      .reply(201, { alias: { id: 3, email: 'team@demo.trekmail.test' } });
    expect(data(await h.call('create_alias', { mailbox_id: 1, local_part: 'team', domain_id: 1, can_receive: false, can_send: true })).alias.id).to.equal(3);
  });

  it('create_alias always sends both flags: receive on, send off unless given', async () => {
    api().post('/api/v1/mailboxes/1/aliases', { local_part: 'info.desk', domain_id: 2, can_receive: true, can_send: false })
      .reply(201, { alias: { id: 4, can_receive: true, can_send: false } });
    expect(data(await h.call('create_alias', { mailbox_id: 1, local_part: 'info.desk', domain_id: 2 })).alias.id).to.equal(4);
  });

  it('create_alias takes the API\'s characters (a-z 0-9 . _ -) and refuses others; a taken address is the API 409', async () => {
    for (const local_part of ['two words', 'Upper', 'plus+tag', 'x'.repeat(65), '']) {
      expect(errorText(await h.call('create_alias', { mailbox_id: 1, local_part, domain_id: 1 })), local_part).to.match(/^Invalid arguments for create_alias:\n- local_part: /);
    }
    api().post('/api/v1/mailboxes/1/aliases', (b) => b.local_part === '.dot_-1').reply(201, { alias: { id: 5 } });
    expect(data(await h.call('create_alias', { mailbox_id: 1, local_part: '.dot_-1', domain_id: 1 })).alias.id).to.equal(5);
    expect(errorText(await h.call('create_alias', { mailbox_id: 1, local_part: 'Upper', domain_id: 1 }))).to.contain('must use only a-z, 0-9, dot, hyphen and underscore');
    api().post('/api/v1/mailboxes/1/aliases').reply(409, { error: { code: 'address_taken', message: 'sales@demo.trekmail.test is already used' } });
    expect(errorText(await h.call('create_alias', { mailbox_id: 1, local_part: 'sales', domain_id: 1 }))).to.contain('HTTP 409, address_taken');
  });

  it('update_alias PATCHes only the given flags', async () => {
    api().patch('/api/v1/mailboxes/1/aliases/1', { is_active: false }).matchHeader('idempotency-key', UUID).reply(200, { alias: { id: 1, is_active: false } });
    expect(data(await h.call('update_alias', { mailbox_id: 1, alias_id: 1, is_active: false })).alias.is_active).to.equal(false);
    expect(errorText(await h.call('update_alias', { mailbox_id: 1, alias_id: 1, can_send: 'yes' }))).to.match(/can_send: .*boolean/);
  });

  it('delete_alias is refused with the gate off, and sends DELETE with it on', async () => {
    expect(errorText(await h.call('delete_alias', { mailbox_id: 1, alias_id: 1 }))).to.contain('Destructive operations are disabled: delete_alias needs TREKMAIL_ALLOW_DESTRUCTIVE=true');
    api().delete('/api/v1/mailboxes/1/aliases/1').matchHeader('idempotency-key', UUID).reply(200, { deleted: true, id: 1 });
    expect(data(await open.call('delete_alias', { mailbox_id: 1, alias_id: 1 }))).to.deep.equal({ deleted: true, id: 1 });
  });
});
