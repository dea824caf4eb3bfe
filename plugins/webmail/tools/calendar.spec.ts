import { expect } from 'chai';
import { data, errorText, UUID, type Harness } from '../../../test/harness.js';
import { harnesses, mail, refused } from './helpers.spec.js';

describe('webmail: calendar', () => {
  let h: Harness;
  let open: Harness;
  before(async () => {
    ({ closed: h, open } = await harnesses());
  });
  const ev = { title: 'Q4 review', start: '2026-12-02T14:00:00Z', end: '2026-12-02T15:00:00Z', all_day: false, location: 'Room Lisbon', notes: 'Budget' };

  it('list_calendar_events GETs the range with paging in the query', async () => {
    mail().get('/api/v1/messages/calendar/events').query({ start: '2026-12-01T00:00:00Z', end: '2026-12-31T00:00:00Z', per_page: '50', cursor: 'NTA' })
      .reply(200, { data: [{ id: 1, ...ev }], next_cursor: null });
    expect(data(await h.call('list_calendar_events', { start: '2026-12-01T00:00:00Z', end: '2026-12-31T00:00:00Z', per_page: 50, cursor: 'NTA' }))).to.deep.equal({ data: [{ id: 1, ...ev }], next_cursor: null });
  });

  it('list_calendar_events needs both ends of the range, as date-times', async () => {
    expect(await refused(h, 'list_calendar_events', { start: '2026-12-01T00:00:00Z' })).to.contain('- end: ');
    expect(await refused(h, 'list_calendar_events', { start: 'next monday', end: '2026-12-31T00:00:00Z' })).to.contain('- start: must be an ISO 8601 date-time');
  });

  it('create_calendar_event POSTs the event', async () => {
    mail().post('/api/v1/messages/calendar/events', ev).matchHeader('idempotency-key', UUID).reply(201, { event: { id: 6, ...ev } });
    expect(data(await h.call('create_calendar_event', ev))).to.deep.equal({ event: { id: 6, ...ev } });
  });

  it('update_calendar_event PATCHes the given fields', async () => {
    mail().patch('/api/v1/messages/calendar/events/6', { title: 'Q4 review (moved)', start: '2026-12-03T14:00:00+01:00' }).matchHeader('idempotency-key', UUID).reply(200, { event: { id: 6 } });
    expect(data(await h.call('update_calendar_event', { event_id: 6, title: 'Q4 review (moved)', start: '2026-12-03T14:00:00+01:00' }))).to.deep.equal({ event: { id: 6 } });
  });

  it('delete_calendar_event needs TREKMAIL_ALLOW_DESTRUCTIVE, then DELETEs', async () => {
    expect(await refused(h, 'delete_calendar_event', { event_id: 6 })).to.contain('TREKMAIL_ALLOW_DESTRUCTIVE=true');
    mail().delete('/api/v1/messages/calendar/events/6').matchHeader('idempotency-key', UUID).reply(200, { deleted: true, id: 6 });
    expect(data(await open.call('delete_calendar_event', { event_id: 6 }))).to.deep.equal({ deleted: true, id: 6 });
  });

  it('an API error (end before start) is passed on with its fields', async () => {
    mail().post('/api/v1/messages/calendar/events').reply(422, { error: { code: 'validation_failed', message: 'Validation failed: end' }, errors: { end: 'must not be before start' } });
    expect(errorText(await h.call('create_calendar_event', { ...ev, end: '2026-12-01T00:00:00Z' }))).to.contain('Fields: {"end":"must not be before start"}');
  });
});
