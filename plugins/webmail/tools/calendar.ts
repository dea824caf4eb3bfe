import { IsOptional, IsString, ValidateBy } from '../../../core/plugin-api.js';
import { compose, Desc, Tool } from '../../../core/plugin-api.js';
import { Bool, Id, Int } from '../../../core/plugin-api.js';
import { Len, READ, Str, When, WRITE, Zone } from './params.js';

const EventId = () => Id('Event');

/** end_at, when given with start_at, is not before it (both in the same zone, so they compare as written). */
const NotBeforeStart = (): PropertyDecorator =>
  ValidateBy({
    name: 'notBeforeStart',
    validator: {
      validate: (v, a) => {
        const start = (a?.object as { start_at?: unknown }).start_at;
        return typeof v !== 'string' || typeof start !== 'string' || !(Date.parse(v) < Date.parse(start));
      },
      defaultMessage: () => 'must not be before start_at',
    },
  });

/** The event fields of create and update (the same types and limits; create requires title and start_at). */
const Title = (optional: boolean) => Str('Title', 255, optional);
const AllDay = () => Bool('All day');
const EventZone = () => Zone('IANA zone of the times; none: floating');
const Location = () => Str('Location', 500, true);
const Description = () => Str('Description', 5000, true);
const Color = () => Str('Hex, e.g. #6366f1', 20, true);
const Reminder = () => Int('Minutes before', 0, 10080, true);

@Tool({ name: 'list_calendar_events', keywords: 'calendar agenda schedule appointments next week', description: 'Events overlapping a time range, in start order', access: 'read', scope: READ, route: 'GET /messages/calendar/events' })
export class ListCalendarEvents {
  @When('Start') start: string;
  @When('End') end: string;
  @Int('Default 200', 1, 200, true) per_page?: number;
  @compose(IsOptional(), IsString(), Len(1, 2048), Desc('From next_cursor')) cursor?: string;
}

/** What an event holds besides its title and start (create and update share them). */
class EventFields {
  @compose(When('End', true), NotBeforeStart()) end_at?: string;
  @AllDay() all_day?: boolean;
  @EventZone() timezone?: string;
  @Location() location?: string;
  @Description() description?: string;
  @Color() color?: string;
  @Reminder() reminder_minutes?: number;
}

@Tool({ name: 'create_calendar_event', keywords: 'meeting appointment calendar event schedule', description: 'Add a calendar event', access: 'write', scope: WRITE, route: 'POST /messages/calendar/events' })
export class CreateCalendarEvent extends EventFields {
  @Title(false) title: string;
  @When('Start') start_at: string;
}

@Tool({ name: 'update_calendar_event', keywords: 'move reschedule appointment meeting time', description: 'Change a calendar event', access: 'write', scope: WRITE, route: 'PATCH /messages/calendar/events/{event_id}' })
export class UpdateCalendarEvent extends EventFields {
  @EventId() event_id: number;
  @Title(true) title?: string;
  @When('Start', true) start_at?: string;
}

@Tool({ name: 'delete_calendar_event', keywords: 'cancel meeting appointment calendar', description: 'Delete a calendar event', access: 'destructive', gate: 'destructive', scope: WRITE, route: 'DELETE /messages/calendar/events/{event_id}' })
export class DeleteCalendarEvent {
  @EventId() event_id: number;
}
