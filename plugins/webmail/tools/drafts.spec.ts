import { expect } from 'chai';
import { data, errorText, UUID, type Harness } from '../../../test/harness.js';
import { harnesses, mail, refused, untrusted } from './helpers.spec.js';

describe('webmail: drafts', () => {
  let h: Harness;
  before(async () => {
    ({ closed: h } = await harnesses());
  });
  const draft = { to: ['ann@x.example'], subject: 'Notes', body_text: 'Points:\n- a', attachments: [{ filename: 'a.csv', content_type: 'text/csv', content_base64: 'YSxiCg==' }] };
  const wire = { to: ['ann@x.example'], subject: 'Notes', body: { text: 'Points:\n- a', html: null }, attachments: draft.attachments };

  it('save_draft POSTs the draft with body {text, html} and answers its uid and uidvalidity', async () => {
    mail().post('/api/v1/messages/drafts', wire).matchHeader('idempotency-key', UUID).reply(201, { uid: 41, uidvalidity: 7001, folder: 'Drafts', message_id: '<d41@x>' });
    expect(untrusted(await h.call('save_draft', draft))).to.deep.equal({ uid: 41, uidvalidity: 7001, folder: 'Drafts', message_id: '<d41@x>' });
  });

  it('save_draft sends no body object when neither part is given; an empty draft is fine', async () => {
    mail().post('/api/v1/messages/drafts', (b) => JSON.stringify(b) === '{"subject":"Only a subject"}').reply(201, { uid: 43 });
    expect(data(await h.call('save_draft', { subject: 'Only a subject' }))).to.deep.equal({ uid: 43 });
    mail().post('/api/v1/messages/drafts', (b) => JSON.stringify(b) === '{}').reply(201, { uid: 42 });
    expect(data(await h.call('save_draft'))).to.deep.equal({ uid: 42 });
  });

  it('save_draft refuses a bad address, 11 recipients, 21 files, a file without content_type, and threading fields', async () => {
    expect(await refused(h, 'save_draft', { to: ['not an address'] })).to.match(/- to: .*must be an email/);
    const many = Array.from({ length: 11 }, (_, i) => `r${i}@x.example`);
    expect(await refused(h, 'save_draft', { cc: many.slice(0, 6), bcc: many.slice(6) })).to.contain('- cc: to, cc and bcc together take 10 recipients at most (got 11)');
    const file = { filename: 'a.txt', content_type: 'text/plain', content_base64: 'aGk=' };
    expect(await refused(h, 'save_draft', { attachments: Array(21).fill(file) })).to.contain('- attachments: must contain no more than 20 elements');
    expect(await refused(h, 'save_draft', { attachments: [{ filename: 'a.txt', content_base64: 'aGk=' }] })).to.contain('- attachments[0].content_type: ');
    expect(await refused(h, 'save_draft', { subject: 'x', reply_to_message_id: '<a@x>' })).to.contain('- reply_to_message_id: is not a parameter of this tool');
  });

  it('save_draft takes 20 files and 25 MB together (more than a send)', async () => {
    const file = { filename: 'a.txt', content_type: 'text/plain', content_base64: 'aGk=' };
    mail().post('/api/v1/messages/drafts', (b) => b.attachments.length === 20).reply(201, { uid: 44 });
    expect(data(await h.call('save_draft', { attachments: Array(20).fill(file) }))).to.deep.equal({ uid: 44 });
    const big = Buffer.alloc(13 * 1024 * 1024).toString('base64');
    expect(await refused(h, 'save_draft', { attachments: [{ ...file, content_base64: big }, { ...file, content_base64: big }] })).to.contain('- attachments: must be 25 MB at most together');
  });

  it('update_draft PUTs uidvalidity with the new content and puts the NEW uid and uidvalidity first', async () => {
    mail().put('/api/v1/messages/drafts/41', { uidvalidity: 7001, to: ['ann@x.example'], subject: 'Notes', body: { text: null, html: '<p>v2</p>' } }).matchHeader('idempotency-key', UUID)
      .reply(200, { uid: 57, uidvalidity: 7001, folder: 'Drafts', replaced_uid: 41 });
    const d = data(await h.call('update_draft', { uid: 41, uidvalidity: 7001, to: ['ann@x.example'], subject: 'Notes', body_html: '<p>v2</p>' }));
    expect(Object.keys(d)).to.deep.equal(['uid', 'uidvalidity', 'replaced_uid', 'note', 'folder']);
    expect(d).to.deep.equal({ uid: 57, uidvalidity: 7001, replaced_uid: 41, note: 'The draft now has UID 57; UID 41 no longer exists.', folder: 'Drafts' });
  });

  it('update_draft needs the uidvalidity of the draft', async () => {
    expect(await refused(h, 'update_draft', { uid: 41, subject: 'x' })).to.contain('- uidvalidity: ');
    expect(await refused(h, 'update_draft', { uid: 41, uidvalidity: '7001', subject: 'x' })).to.contain('- uidvalidity: ');
  });

  it('update_draft understands a nested answer too', async () => {
    mail().put('/api/v1/messages/drafts/41', { uidvalidity: 9, subject: 'x' }).reply(200, { old_uid: 41, draft: { uid: 58, uidvalidity: 9 } });
    expect(data(await h.call('update_draft', { uid: 41, uidvalidity: 9, subject: 'x' }))).to.deep.equal({
      uid: 58, uidvalidity: 9, replaced_uid: 41, note: 'The draft now has UID 58; UID 41 no longer exists.', draft: { uid: 58, uidvalidity: 9 },
    });
  });

  it('update_draft of a missing draft, or with a stale uidvalidity, passes the API error on', async () => {
    mail().put('/api/v1/messages/drafts/99').reply(404, { error: { code: 'message_not_found', message: 'No message with UID 99 in Drafts' } });
    expect(errorText(await h.call('update_draft', { uid: 99, uidvalidity: 1 }))).to.contain('HTTP 404, message_not_found');
    mail().put('/api/v1/messages/drafts/41').reply(409, { error: { code: 'uidvalidity_mismatch', message: 'Drafts has UIDVALIDITY 8, not 7' } });
    expect(errorText(await h.call('update_draft', { uid: 41, uidvalidity: 7 }))).to.contain('HTTP 409, uidvalidity_mismatch');
  });
});
