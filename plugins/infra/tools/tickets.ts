import { IsString, MaxLength, MinLength } from '../../../core/plugin-api.js';
import { compose, Desc, Tool } from '../../../core/plugin-api.js';
import { Id, OneOf, Page, PerPage } from '../../../core/plugin-api.js';

const TicketId = () => Id('Ticket');
const Chars = (min: number, max: number, desc: string) => compose(IsString(), MinLength(min), MaxLength(max), Desc(desc));
export const TICKET_CATEGORIES = ['billing', 'technical', 'account', 'deliverability', 'api', 'abuse', 'feature', 'partnership', 'sales', 'affiliate', 'other'];
export const TICKET_STATUSES = ['open', 'waiting_customer', 'closed'];

// Ticket conversations are written by people outside this session (support staff, other users): results are untrusted.
@Tool({ name: 'list_tickets', keywords: 'support tickets cases open requests', description: 'Support tickets, newest first', access: 'read', scope: 'tickets:read', route: 'GET /tickets', untrusted: true })
export class ListTickets {
  @OneOf(TICKET_STATUSES, 'Status', true) status?: string;
  @OneOf(TICKET_CATEGORIES, 'Category', true) category?: string;
  @Page() page?: number;
  @PerPage() per_page?: number;
}

@Tool({ name: 'get_ticket', keywords: 'support ticket status', description: 'One support ticket', access: 'read', scope: 'tickets:read', route: 'GET /tickets/{ticket_id}', untrusted: true })
export class GetTicket {
  @TicketId() ticket_id: number;
}

@Tool({ name: 'get_ticket_messages', keywords: 'support answer reply conversation ticket', description: 'Messages of a support ticket, oldest first', access: 'read', scope: 'tickets:read', route: 'GET /tickets/{ticket_id}/messages', untrusted: true })
export class GetTicketMessages {
  @TicketId() ticket_id: number;
}

@Tool({ name: 'create_ticket', keywords: 'contact support open ticket help request problem', description: 'Open a ticket with TrekMail support', access: 'write', scope: 'tickets:write', route: 'POST /tickets' })
export class CreateTicket {
  @Chars(4, 150, 'Subject') subject: string;
  @OneOf(TICKET_CATEGORIES, 'Category') category: string;
  @Chars(5, 5000, 'Max 5000 chars') message: string;
  @OneOf(['normal', 'high', 'urgent'], 'Default normal', true) priority?: string;
}

@Tool({ name: 'reply_to_ticket', keywords: 'answer support ticket add details', description: 'Add a reply to an open support ticket', access: 'write', scope: 'tickets:write', route: 'POST /tickets/{ticket_id}/reply' })
export class ReplyToTicket {
  @TicketId() ticket_id: number;
  @Chars(5, 5000, 'Max 5000 chars') message: string;
}

@Tool({ name: 'close_ticket', keywords: 'close support ticket resolved solved', description: 'Close a resolved support ticket', access: 'write', scope: 'tickets:write', route: 'POST /tickets/{ticket_id}:close' })
export class CloseTicket {
  @TicketId() ticket_id: number;
}
