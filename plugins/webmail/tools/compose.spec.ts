import { expect } from 'chai';
import { data, errorText, UUID, type Harness } from '../../../test/harness.js';
import { harnesses, mail, untrusted } from './helpers.spec.js';

describe('webmail: compose helpers', () => {
  let h: Harness;
  let open: Harness;
  before(async () => {
    ({ closed: h, open } = await harnesses());
  });
  const quote = '\n\nOn Fri, 20 Nov 2026 09:00:00 GMT, Anna <anna@p.example> wrote:\n> Budget attached';

  it('get_reply_data GETs /reply and answers exactly the fields send_message takes (bare emails, no HTML part)', async () => {
    mail().get('/api/v1/messages/5/reply').query({ folder: 'INBOX' }).reply(200, {
      to: [{ name: 'Anna', email: 'anna@p.example' }], cc: [], subject: 'Re: Budget', in_reply_to: '<m5@x>', references: ['<m4@x>', '<m5@x>'],
      identity_id: 1, text: quote, html: '<blockquote>Budget attached</blockquote>',
    });
    const d = untrusted(await h.call('get_reply_data', { uid: 5, folder: 'INBOX' }));
    expect(d).to.deep.equal({ to: ['anna@p.example'], subject: 'Re: Budget', text: quote, identity_id: 1, in_reply_to: '<m5@x>', references: ['<m4@x>', '<m5@x>'] });
    // ... and send_message takes it as is.
    mail().post('/api/v1/messages/send', { ...d, text: `Thanks!${d.text}` }).matchHeader('idempotency-key', UUID).reply(201, { sent: true });
    expect(data(await open.call('send_message', { ...d, text: `Thanks!${d.text}`, confirm_send: true }))).to.deep.equal({ sent: true });
  });

  it('get_reply_data renders an HTML-only quote to text and unwraps a nested answer', async () => {
    mail().get('/api/v1/messages/6/reply').reply(200, { reply: { to: ['Anna <anna@p.example>'], subject: 'Re: Hi', in_reply_to: '<m6@x>', quoted_html: '<p>Hello <b>you</b></p>' } });
    expect(data(await h.call('get_reply_data', { uid: 6 }))).to.deep.equal({ to: ['anna@p.example'], subject: 'Re: Hi', text: 'Hello you', in_reply_to: '<m6@x>' });
  });

  it('get_reply_all_data GETs /reply-all and keeps every other recipient in cc', async () => {
    mail().get('/api/v1/messages/5/reply-all').reply(200, {
      to: [{ name: 'Anna', email: 'anna@p.example' }], cc: ['Ben <ben@p.example>', { email: 'chloe@a.example' }], subject: 'Re: Budget', in_reply_to: '<m5@x>', references: ['<m5@x>'], text: quote,
    });
    expect(data(await h.call('get_reply_all_data', { uid: 5 }))).to.deep.equal({
      to: ['anna@p.example'], cc: ['ben@p.example', 'chloe@a.example'], subject: 'Re: Budget', text: quote, in_reply_to: '<m5@x>', references: ['<m5@x>'],
    });
  });

  it('get_forward_data GETs /forward, then fetches each attachment so save_draft takes the result as is', async () => {
    mail().get('/api/v1/messages/5/forward').query({ folder: 'Projects/2026' }).reply(200, {
      to: [], subject: 'Fwd: Budget', text: '---------- Forwarded message ----------\nBudget attached',
      attachments: [{ index: 0, filename: 'budget.csv', content_type: 'text/csv', size: 4 }, { index: 1, filename: 'logo.png', content_type: 'image/png', size: 3 }],
    });
    mail().get('/api/v1/messages/5/attachments/0').query({ folder: 'Projects/2026' }).reply(200, { filename: 'budget.csv', content_type: 'text/csv', size: 4, content_base64: 'YSxiCg==' });
    mail().get('/api/v1/messages/5/attachments/1').query({ folder: 'Projects/2026' }).reply(200, { filename: 'logo.png', content_type: 'image/png', size: 3, content_base64: 'iVBO' });
    const d = data(await h.call('get_forward_data', { uid: 5, folder: 'Projects/2026' }));
    expect(d).to.deep.equal({
      to: [], subject: 'Fwd: Budget', text: '---------- Forwarded message ----------\nBudget attached',
      attachments: [{ filename: 'budget.csv', content_base64: 'YSxiCg==', content_type: 'text/csv' }, { filename: 'logo.png', content_base64: 'iVBO', content_type: 'image/png' }],
    });
    mail().post('/api/v1/messages/drafts', { ...d, to: ['ben@p.example'] }).matchHeader('idempotency-key', UUID).reply(201, { uid: 8, folder: 'Drafts' });
    expect(data(await h.call('save_draft', { ...d, to: ['ben@p.example'] }))).to.deep.equal({ uid: 8, folder: 'Drafts' });
  });

  it('get_forward_data uses inline attachment content when the API sends it', async () => {
    mail().get('/api/v1/messages/7/forward').reply(200, { subject: 'Fwd: x', text: 'x', attachments: [{ filename: 'n.txt', content_base64: 'aGk=', content_type: 'text/plain' }] });
    expect(data(await h.call('get_forward_data', { uid: 7 })).attachments).to.deep.equal([{ filename: 'n.txt', content_base64: 'aGk=', content_type: 'text/plain' }]);
  });

  it('an API error of the source message, or of one of its attachments, is passed on', async () => {
    mail().get('/api/v1/messages/404/reply').reply(404, { error: { code: 'message_not_found', message: 'No message with UID 404 in INBOX' } });
    expect(errorText(await h.call('get_reply_data', { uid: 404 }))).to.contain('HTTP 404, message_not_found');
    mail().get('/api/v1/messages/5/forward').reply(200, { subject: 'Fwd: x', attachments: [{ index: 0, filename: 'a' }] });
    mail().get('/api/v1/messages/5/attachments/0').reply(404, { error: { code: 'attachment_not_found', message: 'gone' } });
    expect(errorText(await h.call('get_forward_data', { uid: 5 }))).to.contain('HTTP 404, attachment_not_found');
  });
});
