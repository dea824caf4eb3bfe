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

  it('get_reply_data GETs /reply and answers exactly the fields send_message takes (bare emails, reply_to_message_id, no HTML part)', async () => {
    mail().get('/api/v1/messages/5/reply').query({ folder: 'INBOX' }).reply(200, {
      to: [{ name: 'Anna', email: 'anna@p.example' }], cc: [], subject: 'Re: Budget', in_reply_to: '<m5@x>', references: ['<m4@x>', '<m5@x>'],
      identity_id: 1, text: quote, html: '<blockquote>Budget attached</blockquote>',
    });
    const d = untrusted(await h.call('get_reply_data', { uid: 5, folder: 'INBOX' }));
    expect(d).to.deep.equal({ to: ['anna@p.example'], subject: 'Re: Budget', body_text: quote, reply_to_message_id: '<m5@x>', identity_id: 1 });
    // ... and send_message takes it as is: the API threads it from reply_to_message_id.
    mail().post('/api/v1/messages/send', { to: ['anna@p.example'], subject: 'Re: Budget', body: { text: `Thanks!${quote}`, html: null }, reply_to_message_id: '<m5@x>', identity_id: 1 })
      .matchHeader('idempotency-key', UUID).reply(202, { status: 'queued' });
    expect(data(await open.call('send_message', { ...d, body_text: `Thanks!${d.body_text}`, confirm_send: true }))).to.deep.equal({ status: 'queued' });
  });

  it('get_reply_data renders an HTML-only quote to text and unwraps a nested answer', async () => {
    mail().get('/api/v1/messages/6/reply').reply(200, { reply: { to: ['Anna <anna@p.example>'], subject: 'Re: Hi', in_reply_to: '<m6@x>', quoted_html: '<p>Hello <b>you</b></p>' } });
    expect(data(await h.call('get_reply_data', { uid: 6 }))).to.deep.equal({ to: ['anna@p.example'], subject: 'Re: Hi', body_text: 'Hello you', reply_to_message_id: '<m6@x>' });
  });

  it('get_reply_all_data GETs /reply-all and keeps every other recipient in cc', async () => {
    mail().get('/api/v1/messages/5/reply-all').reply(200, {
      to: [{ name: 'Anna', email: 'anna@p.example' }], cc: ['Ben <ben@p.example>', { email: 'chloe@a.example' }], subject: 'Re: Budget', in_reply_to: '<m5@x>', references: ['<m5@x>'], text: quote,
    });
    expect(data(await h.call('get_reply_all_data', { uid: 5 }))).to.deep.equal({
      to: ['anna@p.example'], cc: ['ben@p.example', 'chloe@a.example'], subject: 'Re: Budget', body_text: quote, reply_to_message_id: '<m5@x>',
    });
  });

  it('get_forward_data GETs /forward and lists the original attachments without their bytes; the rest goes to save_draft as is', async () => {
    mail().get('/api/v1/messages/5/forward').query({ folder: 'Projects/2026' }).reply(200, {
      to: [], subject: 'Fwd: Budget', text: '---------- Forwarded message ----------\nBudget attached',
      attachments: [{ index: 0, filename: 'budget.csv', content_type: 'text/csv', size: 4 }, { index: 1, filename: 'logo.png', size: 3 }],
    });
    const d = data(await h.call('get_forward_data', { uid: 5, folder: 'Projects/2026' }));
    expect(d).to.deep.equal({
      to: [], subject: 'Fwd: Budget', body_text: '---------- Forwarded message ----------\nBudget attached',
      original_attachments: [{ index: 0, filename: 'budget.csv', content_type: 'text/csv', size: 4 }, { index: 1, filename: 'logo.png', size: 3 }],
    });
    const { original_attachments: _files, ...compose } = d;
    mail().post('/api/v1/messages/drafts', { to: ['ben@p.example'], subject: d.subject, body: { text: d.body_text, html: null } })
      .matchHeader('idempotency-key', UUID).reply(201, { uid: 8, uidvalidity: 3, folder: 'Drafts' });
    expect(data(await h.call('save_draft', { ...compose, to: ['ben@p.example'] }))).to.deep.equal({ uid: 8, uidvalidity: 3, folder: 'Drafts' });
  });

  it('get_forward_data never returns attachment content, even when the API sends it, and carries no threading', async () => {
    const big = Buffer.alloc(3 * 1024 * 1024, 7).toString('base64');
    mail().get('/api/v1/messages/7/forward').reply(200, { subject: 'Fwd: x', text: 'x', in_reply_to: '<x@y>', attachments: [{ filename: 'n.bin', content_base64: big, content_type: 'application/octet-stream' }] });
    const res = await h.call('get_forward_data', { uid: 7 });
    expect(data(res)).to.deep.equal({ to: [], subject: 'Fwd: x', body_text: 'x', original_attachments: [{ index: 0, filename: 'n.bin', content_type: 'application/octet-stream', size: 3 * 1024 * 1024 }] });
    expect(JSON.stringify(res).length).to.be.below(2000);
  });

  it('the official names prepare_reply, prepare_reply_all and prepare_forward call the same tools, unlisted', async () => {
    mail().get('/api/v1/messages/5/reply').reply(200, { to: ['a@p.example'], subject: 'Re: x', in_reply_to: '<m5@x>', text: 'q' });
    mail().get('/api/v1/messages/5/reply-all').reply(200, { to: ['a@p.example'], subject: 'Re: x', text: 'q' });
    mail().get('/api/v1/messages/5/forward').reply(200, { subject: 'Fwd: x', text: 'q' });
    expect(data(await h.call('prepare_reply', { uid: 5 }))).to.include({ reply_to_message_id: '<m5@x>' });
    expect(data(await h.call('prepare_reply_all', { uid: 5 }))).to.include({ subject: 'Re: x' });
    expect(data(await h.call('prepare_forward', { uid: 5 }))).to.include({ subject: 'Fwd: x' });
    const names = (await h.client.listTools()).tools.map((t) => t.name);
    expect(names).to.include('get_reply_data').and.not.include.members(['prepare_reply', 'prepare_reply_all', 'prepare_forward']);
  });

  it('an API error of the source message is passed on', async () => {
    mail().get('/api/v1/messages/404/reply').reply(404, { error: { code: 'message_not_found', message: 'No message with UID 404 in INBOX' } });
    expect(errorText(await h.call('get_reply_data', { uid: 404 }))).to.contain('HTTP 404, message_not_found');
  });
});
