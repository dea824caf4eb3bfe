import { IsString, Matches, MaxLength } from '../../../core/plugin-api.js';
import { compose, Desc, SchemaExtra, Tool } from '../../../core/plugin-api.js';
import { Id } from '../../../core/plugin-api.js';
import { READ, WRITE } from './params.js';

const ADDRESS_OR_DOMAIN = /^([^\s@]+@|@)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;

@Tool({ name: 'list_blocked_senders', keywords: 'blocked senders', description: 'Blocked senders and domains', access: 'read', scope: READ, route: 'GET /messages/blocked-senders' })
export class ListBlockedSenders {}

@Tool({ name: 'block_sender', keywords: 'block sender domain spammer', description: 'Block an address or domain (50 entries at most)', access: 'write', scope: WRITE, route: 'POST /messages/blocked-senders' })
export class BlockSender {
  @compose(IsString(), MaxLength(255), Matches(ADDRESS_OR_DOMAIN, { message: 'must be an email address or @domain' }), SchemaExtra({ pattern: undefined }), Desc('Address or @domain'))
  email_or_domain: string;
}

@Tool({ name: 'unblock_sender', keywords: 'unblock sender mistake', description: 'Remove a sender or domain from the block list', access: 'destructive', gate: 'destructive', scope: WRITE, route: 'DELETE /messages/blocked-senders/{block_id}' })
export class UnblockSender {
  @Id('Block') block_id: number;
}
