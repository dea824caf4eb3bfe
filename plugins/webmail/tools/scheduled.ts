import { compose, Tool } from '../../../core/plugin-api.js';
import { Id, Int } from '../../../core/plugin-api.js';
import { BODY_WIRE, Future, READ, ScheduleFields, SEND, Str, When, Zone } from './params.js';

@Tool({
  name: 'schedule_message', description: 'Send an email later, at scheduled_for (needs TREKMAIL_ALLOW_SENDING and confirm_send); no attachments.',
  access: 'write', scope: SEND, route: 'POST /messages/scheduled', gate: 'sending', confirm: 'confirm_send', checkRecipients: true, wire: BODY_WIRE,
})
export class ScheduleMessage extends ScheduleFields {
  @compose(When('Send time, ISO 8601, future (no offset: timezone, else UTC)'), Future()) scheduled_for: string;
  @Zone('IANA zone of a scheduled_for without offset') timezone?: string;
}

@Tool({ name: 'list_scheduled', description: 'List messages waiting to be sent later, by send time (cursor paging).', access: 'read', scope: READ, route: 'GET /messages/scheduled' })
export class ListScheduled {
  @Str('next_cursor of the last page', 2048, true) cursor?: string;
  @Int('Page size (default 100)', 1, 100, true) per_page?: number;
}

@Tool({ name: 'cancel_scheduled', description: 'Cancel a scheduled message before it is sent.', access: 'destructive', gate: 'destructive', scope: SEND, route: 'DELETE /messages/scheduled/{scheduled_id}' })
export class CancelScheduled {
  @Id('Scheduled message') scheduled_id: number;
}
