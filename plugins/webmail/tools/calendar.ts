import { IsOptional, IsString } from '../../../core/validators.js';
import { compose, Desc, Tool } from '../../../core/tool.js';
import { Bool, Id, PerPage } from '../../../core/params.js';
import { Len, READ, Str, When, WRITE } from './params.js';

const EventId = () => Id('Event');

@Tool({ name: 'list_calendar_events', description: 'Calendar events overlapping a time range, in start order.', access: 'read', scope: READ, route: 'GET /messages/calendar/events' })
export class ListCalendarEvents {
  @When('Range start, ISO 8601') start: string;
  @When('Range end, ISO 8601') end: string;
  @PerPage() per_page?: number;
  @compose(IsOptional(), IsString(), Len(1, 500), Desc('next_cursor of the last answer')) cursor?: string;
}

@Tool({ name: 'create_calendar_event', description: 'Add an event to the calendar.', access: 'write', scope: WRITE, route: 'POST /messages/calendar/events' })
export class CreateCalendarEvent {
  @Str('Title', 255) title: string;
  @When('Start, ISO 8601') start: string;
  @When('End, ISO 8601') end: string;
  @Bool('All day') all_day?: boolean;
  @Str('Location', 255, true) location?: string;
  @Str('Notes', 5000, true) notes?: string;
}

@Tool({ name: 'update_calendar_event', description: 'Change fields of a calendar event.', access: 'write', scope: WRITE, route: 'PATCH /messages/calendar/events/{event_id}' })
export class UpdateCalendarEvent {
  @EventId() event_id: number;
  @Str('Title', 255, true) title?: string;
  @When('Start, ISO 8601', true) start?: string;
  @When('End, ISO 8601', true) end?: string;
  @Bool('All day') all_day?: boolean;
  @Str('Location', 255, true) location?: string;
  @Str('Notes', 5000, true) notes?: string;
}

@Tool({ name: 'delete_calendar_event', description: 'Delete a calendar event.', access: 'destructive', gate: 'destructive', scope: WRITE, route: 'DELETE /messages/calendar/events/{event_id}' })
export class DeleteCalendarEvent {
  @EventId() event_id: number;
}
