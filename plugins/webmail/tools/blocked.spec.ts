import { expect } from 'chai';
import { data, errorText, UUID, type Harness } from '../../../test/harness.js';
import { harnesses, mail, refused } from './helpers.spec.js';

describe('webmail: blocked senders', () => {
  let h: Harness;
  let open: Harness;
  before(async () => {
    ({ closed: h, open } = await harnesses());
  });

  it('list_blocked_senders GETs the block list', async () => {
    mail().get('/api/v1/messages/blocked-senders').reply(200, { data: [{ id: 1, address: '@pharma.example', type: 'domain' }] });
    expect(data(await h.call('list_blocked_senders'))).to.deep.equal({ data: [{ id: 1, address: '@pharma.example', type: 'domain' }] });
  });

  it('block_sender POSTs an address or an @domain', async () => {
    mail().post('/api/v1/messages/blocked-senders', { address: '@spam.example' }).matchHeader('idempotency-key', UUID).reply(201, { blocked: { id: 3, address: '@spam.example' } });
    expect(data(await h.call('block_sender', { address: '@spam.example' }))).to.deep.equal({ blocked: { id: 3, address: '@spam.example' } });
    mail().post('/api/v1/messages/blocked-senders', { address: 'eve@evil.example' }).reply(201, { blocked: { id: 4 } });
    expect(data(await h.call('block_sender', { address: 'eve@evil.example' }))).to.deep.equal({ blocked: { id: 4 } });
  });

  it('block_sender refuses anything else, naming the field', async () => {
    for (const address of ['spam.example', 'eve', '@', 'a b@c.example']) {
      expect(await refused(h, 'block_sender', { address })).to.contain('- address: must be an email address or @domain');
    }
  });

  it('unblock_sender needs TREKMAIL_ALLOW_DESTRUCTIVE, then DELETEs', async () => {
    expect(await refused(h, 'unblock_sender', { block_id: 3 })).to.contain('TREKMAIL_ALLOW_DESTRUCTIVE=true');
    mail().delete('/api/v1/messages/blocked-senders/3').matchHeader('idempotency-key', UUID).reply(200, { deleted: true, id: 3 });
    expect(data(await open.call('unblock_sender', { block_id: 3 }))).to.deep.equal({ deleted: true, id: 3 });
  });

  it('an API error (already blocked) is passed on', async () => {
    mail().post('/api/v1/messages/blocked-senders').reply(409, { error: { code: 'already_blocked', message: '@spam.example is already blocked' } });
    expect(errorText(await h.call('block_sender', { address: '@spam.example' }))).to.contain('HTTP 409, already_blocked');
  });
});
