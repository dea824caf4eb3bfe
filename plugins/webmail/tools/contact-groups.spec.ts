import { expect } from 'chai';
import { data, errorText, UUID, type Harness } from '../../../test/harness.js';
import { harnesses, mail, refused } from './helpers.spec.js';

describe('webmail: contact groups', () => {
  let h: Harness;
  let open: Harness;
  before(async () => {
    ({ closed: h, open } = await harnesses());
  });

  it('list_contact_groups GETs the groups', async () => {
    mail().get('/api/v1/messages/contact-groups').reply(200, { data: [{ id: 1, name: 'Partner GmbH', member_count: 2 }] });
    expect(data(await h.call('list_contact_groups'))).to.deep.equal({ data: [{ id: 1, name: 'Partner GmbH', member_count: 2 }] });
  });

  it('create_contact_group POSTs group_name; rename_contact_group PATCHes it', async () => {
    mail().post('/api/v1/messages/contact-groups', { group_name: 'Board' }).matchHeader('idempotency-key', UUID).reply(201, { group: { id: 2, name: 'Board' } });
    expect(data(await h.call('create_contact_group', { group_name: 'Board' }))).to.deep.equal({ group: { id: 2, name: 'Board' } });
    mail().patch('/api/v1/messages/contact-groups/2', { group_name: 'Advisory board' }).matchHeader('idempotency-key', UUID).reply(200, { group: { id: 2, name: 'Advisory board' } });
    expect(data(await h.call('rename_contact_group', { group_id: 2, group_name: 'Advisory board' }))).to.deep.equal({ group: { id: 2, name: 'Advisory board' } });
    expect(await refused(h, 'rename_contact_group', { group_id: 2 })).to.contain('- group_name: ');
    expect(await refused(h, 'create_contact_group', { name: 'Board' })).to.contain('- name: is not a parameter of this tool');
    expect(await refused(h, 'create_contact_group', { group_name: 'x'.repeat(101) })).to.contain('- group_name: must be at most 100 characters');
  });

  it('the official names update_contact_group, add_contact_group_members and remove_contact_group_members are accepted, unlisted', async () => {
    mail().patch('/api/v1/messages/contact-groups/2', { group_name: 'Board' }).reply(200, { group: { id: 2 } });
    mail().post('/api/v1/messages/contact-groups/2/members', { contact_ids: [5] }).reply(200, { added: 1 });
    mail().delete('/api/v1/messages/contact-groups/2/members', { contact_ids: [5] }).reply(200, { removed: 1 });
    expect(data(await h.call('update_contact_group', { group_id: 2, group_name: 'Board' }))).to.deep.equal({ group: { id: 2 } });
    expect(data(await h.call('add_contact_group_members', { group_id: 2, contact_ids: [5] }))).to.deep.equal({ added: 1 });
    expect(data(await h.call('remove_contact_group_members', { group_id: 2, contact_ids: [5] }))).to.deep.equal({ removed: 1 });
    const names = (await h.client.listTools()).tools.map((t) => t.name);
    expect(names).to.include('rename_contact_group').and.not.include.members(['update_contact_group', 'add_contact_group_members', 'remove_contact_group_members']);
  });

  it('delete_contact_group needs TREKMAIL_ALLOW_DESTRUCTIVE, then DELETEs', async () => {
    expect(await refused(h, 'delete_contact_group', { group_id: 2 })).to.contain('TREKMAIL_ALLOW_DESTRUCTIVE=true');
    mail().delete('/api/v1/messages/contact-groups/2').matchHeader('idempotency-key', UUID).reply(200, { deleted: true, id: 2 });
    expect(data(await open.call('delete_contact_group', { group_id: 2 }))).to.deep.equal({ deleted: true, id: 2 });
  });

  it('add_group_members POSTs the contact ids', async () => {
    mail().post('/api/v1/messages/contact-groups/1/members', { contact_ids: [3, 4] }).matchHeader('idempotency-key', UUID).reply(200, { added: 2 });
    expect(data(await h.call('add_group_members', { group_id: 1, contact_ids: [3, 4] }))).to.deep.equal({ added: 2 });
    expect(await refused(h, 'add_group_members', { group_id: 1, contact_ids: [] })).to.contain('- contact_ids: ');
    expect(await refused(h, 'add_group_members', { group_id: 1, contact_ids: [0] })).to.contain('- contact_ids: ');
    // The API sets no upper bound on the list.
    const many = Array.from({ length: 1500 }, (_, i) => i + 1);
    mail().post('/api/v1/messages/contact-groups/1/members', { contact_ids: many }).reply(200, { added: 1500 });
    expect(data(await h.call('add_group_members', { group_id: 1, contact_ids: many }))).to.deep.equal({ added: 1500 });
  });

  it('remove_group_members sends the ids as a JSON body on DELETE (no query)', async () => {
    mail().delete('/api/v1/messages/contact-groups/1/members', { contact_ids: [3] }).matchHeader('content-type', 'application/json').matchHeader('idempotency-key', UUID)
      .reply(function (uri) {
        expect(uri).to.equal('/api/v1/messages/contact-groups/1/members');
        return [200, { removed: 1 }];
      });
    expect(data(await h.call('remove_group_members', { group_id: 1, contact_ids: [3] }))).to.deep.equal({ removed: 1 });
  });

  it('an API error (unknown contact ids) is passed on with its fields', async () => {
    mail().post('/api/v1/messages/contact-groups/1/members').reply(422, { error: { code: 'validation_failed', message: 'Validation failed: contact_ids' }, errors: { contact_ids: 'unknown contact ids: 99' } });
    expect(errorText(await h.call('add_group_members', { group_id: 1, contact_ids: [99] }))).to.contain('HTTP 422, validation_failed').and.contain('unknown contact ids: 99');
  });

  it('list_contact_group_members GETs one group\'s members with page and per_page (1-100)', async () => {
    mail().get('/api/v1/messages/contact-groups/2/members').query({ page: '2', per_page: '10' }).reply(200, { data: [{ id: 5, email: 'a@x.example' }], meta: { page: 2 } });
    expect(data(await h.call('list_contact_group_members', { group_id: 2, page: 2, per_page: 10 }))).to.deep.equal({ data: [{ id: 5, email: 'a@x.example' }], meta: { page: 2 } });
    mail().get('/api/v1/messages/contact-groups/2/members').reply(200, { data: [] });
    expect(data(await h.call('list_contact_group_members', { group_id: 2 }))).to.deep.equal({ data: [] });
    expect(await refused(h, 'list_contact_group_members', { group_id: 2, per_page: 101, page: 0 })).to.contain('- per_page: ').and.contain('- page: ');
  });
});
