import { IsString, IsTimeZone, IsOptional } from '../../../core/validators.js';
import { compose, Desc, Tool } from '../../../core/tool.js';
import { Id } from '../../../core/params.js';
import { Future, READ, SEND, SendFields, When } from './params.js';

@Tool({
  name: 'schedule_message', description: 'Send an email later, at send_at (needs TREKMAIL_ALLOW_SENDING and confirm_send).',
  access: 'write', scope: SEND, route: 'POST /messages/scheduled', gate: 'sending', confirm: 'confirm_send', checkRecipients: true,
})
export class ScheduleMessage extends SendFields {
  @compose(When('Send time, ISO 8601, future'), Future()) send_at: string;
  @compose(IsOptional(), IsString(), IsTimeZone(), Desc('IANA zone for send_at without offset')) timezone?: string;
}

@Tool({ name: 'list_scheduled', description: 'List messages waiting to be sent later.', access: 'read', scope: READ, route: 'GET /messages/scheduled' })
export class ListScheduled {}

@Tool({ name: 'cancel_scheduled', description: 'Cancel a scheduled message before it is sent.', access: 'destructive', gate: 'destructive', scope: SEND, route: 'DELETE /messages/scheduled/{scheduled_id}' })
export class CancelScheduled {
  @Id('Scheduled message') scheduled_id: number;
}
