import { expect } from 'chai';
import { data, errorText, UUID, type Harness } from '../../../test/harness.js';
import { harnesses, mail, refused } from './helpers.spec.js';

describe('webmail: identities', () => {
  let h: Harness;
  let open: Harness;
  before(async () => {
    ({ closed: h, open } = await harnesses());
  });

  it('list_identities GETs the identities', async () => {
    mail().get('/api/v1/messages/identities').reply(200, { data: [{ id: 1, email: 'demo@d.test', is_default: true }] });
    expect(data(await h.call('list_identities'))).to.deep.equal({ data: [{ id: 1, email: 'demo@d.test', is_default: true }] });
  });

  it('create_identity POSTs the identity; update_identity PATCHes it', async () => {
    const i = { email: 'team@d.test', name: 'Team', reply_to: 'demo@d.test', signature_html: '<p>The team</p>' };
    mail().post('/api/v1/messages/identities', i).matchHeader('idempotency-key', UUID).reply(201, { identity: { id: 3, ...i } });
    expect(data(await h.call('create_identity', i))).to.deep.equal({ identity: { id: 3, ...i } });
    mail().patch('/api/v1/messages/identities/3', { signature_html: '<p>Cheers</p>' }).matchHeader('idempotency-key', UUID).reply(200, { identity: { id: 3 } });
    expect(data(await h.call('update_identity', { identity_id: 3, signature_html: '<p>Cheers</p>' }))).to.deep.equal({ identity: { id: 3 } });
    expect(await refused(h, 'update_identity', { identity_id: 3, email: 'x@d.test' })).to.contain('- email: is not a parameter of this tool');
    expect(await refused(h, 'create_identity', { email: 'team@d.test', reply_to: 'nope' })).to.contain('- reply_to: ');
    expect(await refused(h, 'create_identity', { email: 'team@d.test', name: 'x'.repeat(256), signature_html: 'x'.repeat(10_001) })).to.contain('- name: must be at most 255 characters').and.contain('- signature_html: must be at most 10000 characters');
  });

  it('delete_identity needs TREKMAIL_ALLOW_DESTRUCTIVE; the API refuses the default identity', async () => {
    expect(await refused(h, 'delete_identity', { identity_id: 1 })).to.contain('TREKMAIL_ALLOW_DESTRUCTIVE=true');
    mail().delete('/api/v1/messages/identities/1').matchHeader('idempotency-key', UUID).reply(422, { error: { code: 'default_identity', message: 'The default identity cannot be deleted' } });
    expect(errorText(await open.call('delete_identity', { identity_id: 1 }))).to.contain('HTTP 422, default_identity');
    mail().delete('/api/v1/messages/identities/3').reply(200, { deleted: true, id: 3 });
    expect(data(await open.call('delete_identity', { identity_id: 3 }))).to.deep.equal({ deleted: true, id: 3 });
  });

  it('create_identity sends kind, signature_enabled and the SMTP route; send_as needs external_account_id, profile needs smtp_connection_id', async () => {
    const i = { email: 'demo@d.test', kind: 'send_as', signature_enabled: false, external_account_id: 11, smtp_mode: 'profile', smtp_connection_id: 7 };
    mail().post('/api/v1/messages/identities', i).reply(201, { identity: { id: 4, ...i } });
    expect(data(await h.call('create_identity', i))).to.deep.equal({ identity: { id: 4, ...i } });
    expect(await refused(h, 'create_identity', { email: 'demo@d.test', kind: 'send_as' })).to.contain('- external_account_id: is required for kind send_as');
    expect(await refused(h, 'create_identity', { email: 'demo@d.test', smtp_mode: 'profile' })).to.contain('- smtp_connection_id: is required when smtp_mode is profile');
    expect(await refused(h, 'create_identity', { email: 'demo@d.test', kind: 'alias', smtp_mode: 'custom' })).to.contain('- kind: ').and.contain('- smtp_mode: ');
  });

  it('update_identity sends is_default, the route (a null profile clears it) and the connected account of a Send As identity', async () => {
    mail().patch('/api/v1/messages/identities/4', { is_default: true, smtp_mode: 'domain', smtp_connection_id: null, external_account_id: 11 }).reply(200, { identity: { id: 4 } });
    expect(data(await h.call('update_identity', { identity_id: 4, is_default: true, smtp_mode: 'domain', smtp_connection_id: null, external_account_id: 11 }))).to.deep.equal({ identity: { id: 4 } });
    expect(await refused(h, 'update_identity', { identity_id: 4, smtp_mode: 'profile', smtp_connection_id: null })).to.contain('- smtp_connection_id: is required when smtp_mode is profile');
  });

  it('delete_identity of a Send As identity sends its connected account in a JSON body (none otherwise)', async () => {
    mail().delete('/api/v1/messages/identities/4', { external_account_id: 11 }).matchHeader('content-type', /json/).reply(200, { deleted: true, id: 4 });
    expect(data(await open.call('delete_identity', { identity_id: 4, external_account_id: 11 }))).to.deep.equal({ deleted: true, id: 4 });
    mail().delete('/api/v1/messages/identities/5', (b) => b === '' || b === undefined).reply(200, { deleted: true, id: 5 });
    expect(data(await open.call('delete_identity', { identity_id: 5 }))).to.deep.equal({ deleted: true, id: 5 });
  });

  it('list_identities takes shared_mailbox_id; set_reply_from_policy PATCHes the policy behind the destructive gate', async () => {
    mail().get('/api/v1/messages/identities').query({ shared_mailbox_id: '3' }).reply(200, { data: [], reply_from_policy: 'recipient' });
    expect(data(await h.call('list_identities', { shared_mailbox_id: 3 }))).to.deep.include({ reply_from_policy: 'recipient' });
    expect(await refused(h, 'set_reply_from_policy', { reply_from_policy: 'default' })).to.contain('TREKMAIL_ALLOW_DESTRUCTIVE=true');
    mail().patch('/api/v1/messages/identities/reply-policy', { reply_from_policy: 'default' }).matchHeader('idempotency-key', UUID).reply(200, { reply_from_policy: 'default' });
    expect(data(await open.call('set_reply_from_policy', { reply_from_policy: 'default' }))).to.deep.equal({ reply_from_policy: 'default' });
    expect(await refused(open, 'set_reply_from_policy', { reply_from_policy: 'sender' })).to.contain('- reply_from_policy: ');
  });
});
