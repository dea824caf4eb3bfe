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
    mail().get('/api/v1/messages/blocked-senders').reply(200, { data: [{ id: 1, email_or_domain: '@pharma.example', type: 'domain' }] });
    expect(data(await h.call('list_blocked_senders'))).to.deep.equal({ data: [{ id: 1, email_or_domain: '@pharma.example', type: 'domain' }] });
  });

  it('block_sender POSTs an address or an @domain as email_or_domain', async () => {
    mail().post('/api/v1/messages/blocked-senders', { email_or_domain: '@spam.example' }).matchHeader('idempotency-key', UUID).reply(201, { blocked: { id: 3, email_or_domain: '@spam.example' } });
    expect(data(await h.call('block_sender', { email_or_domain: '@spam.example' }))).to.deep.equal({ blocked: { id: 3, email_or_domain: '@spam.example' } });
    mail().post('/api/v1/messages/blocked-senders', { email_or_domain: 'eve@evil.example' }).reply(201, { blocked: { id: 4 } });
    expect(data(await h.call('block_sender', { email_or_domain: 'eve@evil.example' }))).to.deep.equal({ blocked: { id: 4 } });
    expect(await refused(h, 'block_sender', { address: 'eve@evil.example' })).to.contain('- address: is not a parameter of this tool');
  });

  it('block_sender refuses anything else, naming the field', async () => {
    for (const email_or_domain of ['spam.example', 'eve', '@', 'a b@c.example']) {
      expect(await refused(h, 'block_sender', { email_or_domain })).to.contain('- email_or_domain: must be an email address or @domain');
    }
    expect(await refused(h, 'block_sender', { email_or_domain: `a@${'x'.repeat(250)}.example` })).to.contain('- email_or_domain: ');
  });

  it('unblock_sender needs TREKMAIL_ALLOW_DESTRUCTIVE, then DELETEs', async () => {
    expect(await refused(h, 'unblock_sender', { block_id: 3 })).to.contain('TREKMAIL_ALLOW_DESTRUCTIVE=true');
    mail().delete('/api/v1/messages/blocked-senders/3').matchHeader('idempotency-key', UUID).reply(200, { deleted: true, id: 3 });
    expect(data(await open.call('unblock_sender', { block_id: 3 }))).to.deep.equal({ deleted: true, id: 3 });
  });

  it('an API error (already blocked, or the 50 entries used) is passed on', async () => {
    mail().post('/api/v1/messages/blocked-senders').reply(409, { error: { code: 'already_blocked', message: '@spam.example is already blocked' } });
    expect(errorText(await h.call('block_sender', { email_or_domain: '@spam.example' }))).to.contain('HTTP 409, already_blocked');
    mail().post('/api/v1/messages/blocked-senders').reply(422, { error: { code: 'limit_exceeded', message: 'A mailbox blocks 50 senders at most' }, limit: 50 });
    const res = await h.call('block_sender', { email_or_domain: '@more.example' });
    expect(errorText(res)).to.contain('HTTP 422, limit_exceeded');
    expect(res.structuredContent?.error).to.include({ limit: 50 });
  });
});
