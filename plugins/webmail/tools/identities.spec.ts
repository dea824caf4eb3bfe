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
});
