import { expect } from 'chai';
import { data, harness, UUID, type Harness } from '../../../test/harness.js';
import { WebmailPack } from '../webmail.plugin.js';
import { harnesses, mail, refused, untrusted } from './helpers.spec.js';

describe('webmail: scheduled send', () => {
  let h: Harness;
  let open: Harness;
  before(async () => {
    ({ closed: h, open } = await harnesses());
  });
  const later = new Date(Date.now() + 86_400_000).toISOString();
  const msg = { to: ['ann@x.example'], subject: 'Reminder', text: 'See you', send_at: later, timezone: 'Europe/Berlin' };

  it('schedule_message POSTs the message with send_at (confirm flag not sent) once gate and confirm_send allow it', async () => {
    mail().post('/api/v1/messages/scheduled', msg).matchHeader('idempotency-key', UUID).reply(201, { scheduled: { id: 3, status: 'pending', send_at: later } });
    expect(untrusted(await open.call('schedule_message', { ...msg, confirm_send: true }))).to.deep.equal({ scheduled: { id: 3, status: 'pending', send_at: later } });
  });

  it('is refused with the sending gate off or without confirm_send; nothing is sent', async () => {
    expect(await refused(h, 'schedule_message', { ...msg, confirm_send: true })).to.match(/^Sending is disabled: schedule_message needs TREKMAIL_ALLOW_SENDING=true/);
    expect(await refused(open, 'schedule_message', msg)).to.match(/^Send not confirmed/);
  });

  it('refuses a past send_at, a malformed one and an unknown time zone, naming the field', async () => {
    expect(await refused(open, 'schedule_message', { ...msg, send_at: '2020-01-01T00:00:00Z', confirm_send: true })).to.contain('- send_at: must be in the future');
    expect(await refused(open, 'schedule_message', { ...msg, send_at: 'tomorrow 9am', confirm_send: true })).to.contain('- send_at: must be an ISO 8601 date-time');
    expect(await refused(open, 'schedule_message', { ...msg, timezone: 'Mars/Olympus', confirm_send: true })).to.contain('- timezone: ');
  });

  it('checks recipients against TREKMAIL_SEND_ALLOW', async () => {
    const strict = await harness(WebmailPack, { TREKMAIL_ALLOW_SENDING: 'true', TREKMAIL_SEND_ALLOW: 'ann@x.example' });
    expect(await refused(strict, 'schedule_message', { ...msg, cc: ['boss@y.example'], confirm_send: true })).to.contain('Recipient not allowed by TREKMAIL_SEND_ALLOW: boss@y.example');
  });

  it('list_scheduled GETs the queue without any gate', async () => {
    mail().get('/api/v1/messages/scheduled').reply(200, { data: [{ id: 3, status: 'pending' }] });
    expect(data(await h.call('list_scheduled'))).to.deep.equal({ data: [{ id: 3, status: 'pending' }] });
  });

  it('cancel_scheduled DELETEs the entry behind the destructive gate; an already sent one is a 409', async () => {
    expect(await refused(h, 'cancel_scheduled', { scheduled_id: 3 })).to.contain('TREKMAIL_ALLOW_DESTRUCTIVE=true');
    mail().delete('/api/v1/messages/scheduled/3').matchHeader('idempotency-key', UUID).reply(200, { cancelled: true, id: 3 });
    expect(data(await open.call('cancel_scheduled', { scheduled_id: 3 }))).to.deep.equal({ cancelled: true, id: 3 });
    mail().delete('/api/v1/messages/scheduled/4').reply(409, { error: { code: 'already_sent', message: 'Scheduled message 4 was already sent' } });
    expect((await open.call('cancel_scheduled', { scheduled_id: 4 })).content[0].text).to.contain('HTTP 409, already_sent');
  });
});
