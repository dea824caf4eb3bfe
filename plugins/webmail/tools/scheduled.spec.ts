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
  const msg = { to: ['ann@x.example'], subject: 'Reminder', body_text: 'See you', scheduled_for: later, timezone: 'Europe/Berlin' };
  const wire = { to: ['ann@x.example'], subject: 'Reminder', body: { text: 'See you', html: null }, scheduled_for: later, timezone: 'Europe/Berlin' };

  it('schedule_message POSTs scheduled_for with body {text, html} (confirm flag not sent) once gate and confirm_send allow it', async () => {
    mail().post('/api/v1/messages/scheduled', wire).matchHeader('idempotency-key', UUID).reply(201, { scheduled: { id: 3, status: 'pending', scheduled_for: later } });
    expect(untrusted(await open.call('schedule_message', { ...msg, confirm_send: true }))).to.deep.equal({ scheduled: { id: 3, status: 'pending', scheduled_for: later } });
    mail().post('/api/v1/messages/scheduled', { to: ['ann@x.example'], scheduled_for: later }).reply(201, { scheduled: { id: 4 } });
    expect(data(await open.call('schedule_message', { to: ['ann@x.example'], scheduled_for: later, confirm_send: true }))).to.deep.equal({ scheduled: { id: 4 } });
  });

  it('is refused with the sending gate off or without confirm_send; nothing is sent', async () => {
    expect(await refused(h, 'schedule_message', { ...msg, confirm_send: true })).to.match(/^Sending is disabled: schedule_message needs TREKMAIL_ALLOW_SENDING=true/);
    expect(await refused(open, 'schedule_message', msg)).to.match(/^Send not confirmed/);
  });

  it('refuses a past scheduled_for (with an offset, or without one and without a zone), a malformed one and an unknown zone', async () => {
    expect(await refused(open, 'schedule_message', { ...msg, scheduled_for: '2020-01-01T00:00:00Z', confirm_send: true })).to.contain('- scheduled_for: must be in the future');
    const { timezone: _t, ...utc } = msg;
    expect(await refused(open, 'schedule_message', { ...utc, scheduled_for: '2020-01-01T09:00:00', confirm_send: true })).to.contain('- scheduled_for: must be in the future');
    expect(await refused(open, 'schedule_message', { ...msg, scheduled_for: 'tomorrow 9am', confirm_send: true })).to.contain('- scheduled_for: must be an ISO 8601 date-time');
    expect(await refused(open, 'schedule_message', { ...msg, timezone: 'Mars/Olympus', confirm_send: true })).to.contain('- timezone: ');
  });

  it('a wall-clock time without offset is sent with its zone for the API to read', async () => {
    mail().post('/api/v1/messages/scheduled', (b) => b.scheduled_for === '2099-03-01T09:00:00' && b.timezone === 'America/New_York').reply(201, { scheduled: { id: 5 } });
    expect(data(await open.call('schedule_message', { to: ['ann@x.example'], scheduled_for: '2099-03-01T09:00:00', timezone: 'America/New_York', confirm_send: true })).scheduled.id).to.equal(5);
  });

  it('takes no attachments, no threading and no send_at (the old name)', async () => {
    const text = await refused(open, 'schedule_message', { ...msg, attachments: [], reply_to_message_id: '<a@x>', send_at: later, confirm_send: true });
    for (const k of ['attachments', 'reply_to_message_id', 'send_at']) expect(text).to.contain(`- ${k}: is not a parameter of this tool`);
    const many = Array.from({ length: 11 }, (_, i) => `r${i}@x.example`);
    expect(await refused(open, 'schedule_message', { ...msg, to: many.slice(0, 1), bcc: many.slice(1), confirm_send: true })).to.contain('- to: to, cc and bcc together take 10 recipients at most (got 11)');
  });

  it('checks recipients against TREKMAIL_SEND_ALLOW', async () => {
    const strict = await harness(WebmailPack, { TREKMAIL_ALLOW_SENDING: 'true', TREKMAIL_SEND_ALLOW: 'ann@x.example' });
    expect(await refused(strict, 'schedule_message', { ...msg, cc: ['boss@y.example'], confirm_send: true })).to.contain('Recipient not allowed by TREKMAIL_SEND_ALLOW: boss@y.example');
  });

  it('list_scheduled GETs the queue without any gate, with cursor and per_page (1-100) in the query', async () => {
    mail().get('/api/v1/messages/scheduled').reply(200, { data: [{ id: 3, status: 'pending' }], next_cursor: 'Mg' });
    expect(data(await h.call('list_scheduled'))).to.deep.equal({ data: [{ id: 3, status: 'pending' }], next_cursor: 'Mg' });
    mail().get('/api/v1/messages/scheduled').query({ cursor: 'Mg', per_page: '100' }).reply(200, { data: [], next_cursor: null });
    expect(data(await h.call('list_scheduled', { cursor: 'Mg', per_page: 100 }))).to.deep.equal({ data: [], next_cursor: null });
    expect(await refused(h, 'list_scheduled', { per_page: 101 })).to.contain('- per_page: ');
    expect(await refused(h, 'list_scheduled', { cursor: 'x'.repeat(2049) })).to.contain('- cursor: must be at most 2048 characters');
  });

  it('cancel_scheduled DELETEs the entry behind the destructive gate; an already sent one is a 409', async () => {
    expect(await refused(h, 'cancel_scheduled', { scheduled_id: 3 })).to.contain('TREKMAIL_ALLOW_DESTRUCTIVE=true');
    mail().delete('/api/v1/messages/scheduled/3').matchHeader('idempotency-key', UUID).reply(200, { cancelled: true, id: 3 });
    expect(data(await open.call('cancel_scheduled', { scheduled_id: 3 }))).to.deep.equal({ cancelled: true, id: 3 });
    mail().delete('/api/v1/messages/scheduled/4').reply(409, { error: { code: 'already_sent', message: 'Scheduled message 4 was already sent' } });
    expect((await open.call('cancel_scheduled', { scheduled_id: 4 })).content[0].text).to.contain('HTTP 409, already_sent');
  });

  it('reschedule_message PATCHes scheduled_for and timezone behind the sending gate and confirm_send (nothing else is sent)', async () => {
    expect(await refused(h, 'reschedule_message', { scheduled_id: 3, scheduled_for: later, confirm_send: true })).to.match(/^Sending is disabled: reschedule_message needs TREKMAIL_ALLOW_SENDING=true/);
    expect(await refused(open, 'reschedule_message', { scheduled_id: 3, scheduled_for: later })).to.match(/^Send not confirmed/);
    mail().patch('/api/v1/messages/scheduled/3', { scheduled_for: '2099-03-01T09:00:00', timezone: 'Europe/Berlin' }).matchHeader('idempotency-key', UUID).reply(200, { scheduled: { id: 3 } });
    expect(data(await open.call('reschedule_message', { scheduled_id: 3, scheduled_for: '2099-03-01T09:00:00', timezone: 'Europe/Berlin', confirm_send: true }))).to.deep.equal({ scheduled: { id: 3 } });
    expect(await refused(open, 'reschedule_message', { scheduled_id: 3, scheduled_for: '2020-01-01T00:00:00Z', confirm_send: true })).to.contain('- scheduled_for: must be in the future');
    expect(await refused(open, 'reschedule_message', { scheduled_id: 3, scheduled_for: later, timezone: 'Nowhere/Else', subject: 'x', confirm_send: true })).to.contain('- timezone: ').and.contain('- subject: is not a parameter of this tool');
    mail().patch('/api/v1/messages/scheduled/4').reply(409, { error: { code: 'already_sent', message: 'Scheduled message 4 was already sent' } });
    expect((await open.call('reschedule_message', { scheduled_id: 4, scheduled_for: later, confirm_send: true })).content[0].text).to.contain('HTTP 409, already_sent');
  });
});
