import { expect } from 'chai';
import { data, errorText, UUID, type Harness } from '../../../test/harness.js';
import { harnesses, mail, refused, untrusted } from './helpers.spec.js';

describe('webmail: drafts', () => {
  let h: Harness;
  before(async () => {
    ({ closed: h } = await harnesses());
  });
  const draft = { to: ['ann@x.example'], subject: 'Notes', text: 'Points:\n- a', in_reply_to: '<m1@x>', references: ['<m1@x>'] };

  it('save_draft POSTs the draft fields and answers its UID', async () => {
    mail().post('/api/v1/messages/drafts', draft).matchHeader('idempotency-key', UUID).reply(201, { uid: 41, folder: 'Drafts', message_id: '<d41@x>' });
    expect(untrusted(await h.call('save_draft', draft))).to.deep.equal({ uid: 41, folder: 'Drafts', message_id: '<d41@x>' });
  });

  it('save_draft accepts an empty draft; a bad address is named and nothing is sent', async () => {
    mail().post('/api/v1/messages/drafts', {}).reply(201, { uid: 42 });
    expect(data(await h.call('save_draft'))).to.deep.equal({ uid: 42 });
    expect(await refused(h, 'save_draft', { to: ['not an address'] })).to.match(/- to: .*must be an email/);
  });

  it('update_draft PUTs the new content and puts the NEW uid first', async () => {
    mail().put('/api/v1/messages/drafts/41', { ...draft, text: 'v2' }).matchHeader('idempotency-key', UUID)
      .reply(200, { replaced_uid: 41, draft: { uid: 57, folder: 'Drafts', subject: 'Notes' } });
    const d = data(await h.call('update_draft', { uid: 41, ...draft, text: 'v2' }));
    expect(Object.keys(d)).to.deep.equal(['uid', 'replaced_uid', 'note', 'draft']);
    expect(d).to.deep.equal({ uid: 57, replaced_uid: 41, note: 'The draft now has UID 57; UID 41 no longer exists.', draft: { uid: 57, folder: 'Drafts', subject: 'Notes' } });
  });

  it('update_draft understands a flat answer too', async () => {
    mail().put('/api/v1/messages/drafts/41', { subject: 'x' }).reply(200, { old_uid: 41, folder: 'Drafts', new_uid: 58 });
    expect(data(await h.call('update_draft', { uid: 41, subject: 'x' }))).to.deep.equal({ uid: 58, replaced_uid: 41, note: 'The draft now has UID 58; UID 41 no longer exists.', folder: 'Drafts' });
  });

  it('update_draft of a missing draft passes the API error on', async () => {
    mail().put('/api/v1/messages/drafts/99').reply(404, { error: { code: 'message_not_found', message: 'No message with UID 99 in Drafts' } });
    expect(errorText(await h.call('update_draft', { uid: 99 }))).to.contain('HTTP 404, message_not_found');
  });
});
