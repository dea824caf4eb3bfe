import { compose, Tool } from '../../../core/plugin-api.js';
import { Id, Int } from '../../../core/plugin-api.js';
import { BODY_WIRE, Future, Pick, READ, ScheduleFields, SEND, SharedId, Str, When, Zone } from './params.js';

const SendTime = () => compose(When('Future; no offset: timezone, else UTC'), Future());
const SendZone = () => Zone('IANA zone of a time without offset');

@Tool({
  name: 'schedule_message', keywords: 'send later scheduled time tomorrow', description: 'Send an email later, at scheduled_for; no attachments',
  access: 'write', scope: SEND, route: 'POST /messages/scheduled', gate: 'sending', confirm: 'confirm_send', checkRecipients: true, wire: BODY_WIRE,
})
export class ScheduleMessage extends ScheduleFields {
  @SendTime() scheduled_for: string;
  @SendZone() timezone?: string;
}

@Tool({ name: 'list_scheduled', keywords: 'scheduled emails waiting to go out outbox', description: 'Messages waiting to be sent, by send time', access: 'read', scope: READ, route: 'GET /messages/scheduled' })
export class ListScheduled {
  @Str('From next_cursor', 2048, true) cursor?: string;
  @Int('Default 100', 1, 100, true) per_page?: number;
  @Pick(['pending', 'limit_reached', 'all'], 'Status', true) status?: string;
  @SharedId() shared_mailbox_id?: number;
}

@Tool({
  name: 'reschedule_message', keywords: 'change send time postpone scheduled', description: 'Change when a scheduled message is sent',
  access: 'write', scope: SEND, route: 'PATCH /messages/scheduled/{scheduled_id}', gate: 'sending', confirm: 'confirm_send',
})
export class RescheduleMessage {
  @Id('Scheduled') scheduled_id: number;
  @SendTime() scheduled_for: string;
  @SendZone() timezone?: string;
}

@Tool({ name: 'cancel_scheduled', keywords: 'dont send scheduled email cancel', description: 'Cancel a scheduled message before it is sent', access: 'destructive', gate: 'destructive', scope: SEND, route: 'DELETE /messages/scheduled/{scheduled_id}' })
export class CancelScheduled {
  @Id('Scheduled') scheduled_id: number;
  @SharedId() shared_mailbox_id?: number;
}
