import { expect } from 'chai';
import { data, errorText, UUID, type Harness } from '../../../test/harness.js';
import { harnesses, mail, refused } from './helpers.spec.js';

describe('webmail: calendar', () => {
  let h: Harness;
  let open: Harness;
  before(async () => {
    ({ closed: h, open } = await harnesses());
  });
  const ev = {
    title: 'Q4 review', start_at: '2026-12-02T14:00:00', end_at: '2026-12-02T15:00:00', all_day: false, timezone: 'Europe/Lisbon', location: 'Room Lisbon',
    description: 'Budget', color: '#6366f1', reminder_minutes: 15,
  };

  it('list_calendar_events GETs the range with paging in the query', async () => {
    mail().get('/api/v1/messages/calendar/events').query({ start: '2026-12-01T00:00:00Z', end: '2026-12-31T00:00:00Z', per_page: '200', cursor: 'NTA' })
      .reply(200, { data: [{ id: 1, ...ev }], next_cursor: null });
    expect(data(await h.call('list_calendar_events', { start: '2026-12-01T00:00:00Z', end: '2026-12-31T00:00:00Z', per_page: 200, cursor: 'NTA' }))).to.deep.equal({ data: [{ id: 1, ...ev }], next_cursor: null });
  });

  it('list_calendar_events needs both ends of the range, as date-times; per_page is 1-200', async () => {
    expect(await refused(h, 'list_calendar_events', { start: '2026-12-01T00:00:00Z' })).to.contain('- end: ');
    expect(await refused(h, 'list_calendar_events', { start: 'next monday', end: '2026-12-31T00:00:00Z' })).to.contain('- start: must be an ISO 8601 date-time');
    expect(await refused(h, 'list_calendar_events', { start: '2026-12-01T00:00:00Z', end: '2026-12-31T00:00:00Z', per_page: 201 })).to.contain('- per_page: ');
  });

  it('create_calendar_event POSTs start_at, end_at, description, timezone, color and reminder_minutes', async () => {
    mail().post('/api/v1/messages/calendar/events', ev).matchHeader('idempotency-key', UUID).reply(201, { event: { id: 6, ...ev } });
    expect(data(await h.call('create_calendar_event', ev))).to.deep.equal({ event: { id: 6, ...ev } });
    mail().post('/api/v1/messages/calendar/events', { title: 'Call', start_at: '2026-12-03T10:00:00Z' }).reply(201, { event: { id: 7 } });
    expect(data(await h.call('create_calendar_event', { title: 'Call', start_at: '2026-12-03T10:00:00Z' }))).to.deep.equal({ event: { id: 7 } });
  });

  it('create_calendar_event refuses the old names, an end before the start, an unknown zone and the API\'s limits', async () => {
    const old = await refused(h, 'create_calendar_event', { title: 'x', start: '2026-12-02T14:00:00Z', end: '2026-12-02T15:00:00Z', notes: 'n' });
    for (const k of ['start', 'end', 'notes']) expect(old).to.contain(`- ${k}: is not a parameter of this tool`);
    expect(old).to.contain('- start_at: ');
    expect(await refused(h, 'create_calendar_event', { ...ev, end_at: '2026-12-02T13:00:00' })).to.contain('- end_at: must not be before start_at');
    expect(await refused(h, 'create_calendar_event', { ...ev, timezone: 'Europe/Atlantis' })).to.contain('- timezone: ');
    expect(await refused(h, 'create_calendar_event', { ...ev, reminder_minutes: 10081 })).to.contain('- reminder_minutes: ');
    expect(await refused(h, 'create_calendar_event', { ...ev, reminder_minutes: -1 })).to.contain('- reminder_minutes: ');
    expect(await refused(h, 'create_calendar_event', { ...ev, color: '#'.padEnd(21, 'f') })).to.contain('- color: must be at most 20 characters');
    expect(await refused(h, 'create_calendar_event', { ...ev, location: 'x'.repeat(501) })).to.contain('- location: must be at most 500 characters');
    expect(await refused(h, 'create_calendar_event', { ...ev, description: 'x'.repeat(5001) })).to.contain('- description: must be at most 5000 characters');
    expect(await refused(h, 'create_calendar_event', { ...ev, title: 'x'.repeat(256) })).to.contain('- title: must be at most 255 characters');
  });

  it('update_calendar_event PATCHes only the given fields', async () => {
    mail().patch('/api/v1/messages/calendar/events/6', { title: 'Q4 review (moved)', start_at: '2026-12-03T14:00:00+01:00' }).matchHeader('idempotency-key', UUID).reply(200, { event: { id: 6 } });
    expect(data(await h.call('update_calendar_event', { event_id: 6, title: 'Q4 review (moved)', start_at: '2026-12-03T14:00:00+01:00' }))).to.deep.equal({ event: { id: 6 } });
    mail().patch('/api/v1/messages/calendar/events/6', { reminder_minutes: 0, color: '#ef4444' }).reply(200, { event: { id: 6 } });
    expect(data(await h.call('update_calendar_event', { event_id: 6, reminder_minutes: 0, color: '#ef4444' }))).to.deep.equal({ event: { id: 6 } });
    expect(await refused(h, 'update_calendar_event', { event_id: 6, notes: 'n' })).to.contain('- notes: is not a parameter of this tool');
  });

  it('delete_calendar_event needs TREKMAIL_ALLOW_DESTRUCTIVE, then DELETEs', async () => {
    expect(await refused(h, 'delete_calendar_event', { event_id: 6 })).to.contain('TREKMAIL_ALLOW_DESTRUCTIVE=true');
    mail().delete('/api/v1/messages/calendar/events/6').matchHeader('idempotency-key', UUID).reply(200, { deleted: true, id: 6 });
    expect(data(await open.call('delete_calendar_event', { event_id: 6 }))).to.deep.equal({ deleted: true, id: 6 });
  });

  it('an API error (end before start, seen by the API only) is passed on with its fields', async () => {
    mail().patch('/api/v1/messages/calendar/events/6').reply(422, { error: { code: 'validation_failed', message: 'Validation failed: end_at' }, errors: { end_at: 'must not be before start_at' } });
    expect(errorText(await h.call('update_calendar_event', { event_id: 6, end_at: '2026-12-01T00:00:00Z' }))).to.contain('Fields: {"end_at":"must not be before start_at"}');
  });
});
