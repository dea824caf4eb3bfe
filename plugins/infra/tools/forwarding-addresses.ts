import { ArrayMinSize, IsArray, IsBoolean, IsEmail, IsOptional, ValidateIf } from '../../../core/plugin-api.js';
import { compose, Desc, Tool } from '../../../core/plugin-api.js';
import { Bool, Id, Int, Text } from '../../../core/plugin-api.js';
import { DomainId } from './shared.js';

/** Domain forwarding addresses (catalog wave v1.10): mailbox-less addresses that hand mail straight on. */
const AddressId = () => Id('Address');
const Recipients = (desc: string, optional = false) =>
  compose(...(optional ? [IsOptional()] : []), IsArray(), IsEmail({}, { each: true }), ArrayMinSize(1), Desc(desc));

@Tool({ name: 'list_forwarding_addresses', keywords: 'forward-only addresses distribution lists', description: 'Forwarding addresses (no mailbox) of a domain', access: 'read', scope: 'domains:read', route: 'GET /domains/{domain_id}/forwarding-addresses' })
export class ListForwardingAddresses {
  @DomainId() domain_id: number;
}

@Tool({ name: 'get_forwarding_address_log', keywords: 'deliveries log forwarding address who received', description: 'Recent deliveries through a forwarding address', access: 'read', scope: 'domains:read', route: 'GET /domains/{domain_id}/forwarding-addresses/{address_id}/log' })
export class GetForwardingAddressLog {
  @DomainId() domain_id: number;
  @AddressId() address_id: number;
  @Int('Default 100', 1, 200, true) limit?: number;
}

// The recipients are where mail leaves the account: TREKMAIL_SEND_ALLOW applies (the core checks `recipients`).
@Tool({
  name: 'create_forwarding_address', keywords: 'forward-only address no inbox distribution list group address', description: 'Add an address that only forwards mail (no mailbox)',
  access: 'write', gate: 'destructive', scope: 'domains:write', route: 'POST /domains/{domain_id}/forwarding-addresses', checkRecipients: true,
})
export class CreateForwardingAddress {
  @DomainId() domain_id: number;
  @Text('Part before the @', 64) local_part: string;
  @Recipients('Recipients') recipients: string[];
  // Always sent, as the official server sends it.
  @Bool('false: paused (default true)') is_active?: boolean = true;
}

@Tool({
  name: 'update_forwarding_address', keywords: 'change recipients forward-only address', description: 'Change the recipients of a forwarding address, or pause it',
  access: 'write', gate: 'destructive', scope: 'domains:write', route: 'PATCH /domains/{domain_id}/forwarding-addresses/{address_id}', checkRecipients: true,
})
export class UpdateForwardingAddress {
  @DomainId() domain_id: number;
  @AddressId() address_id: number;
  @Recipients('Replaces all', true) recipients?: string[];
  // Checked when given, and asked for when recipients is missing too: a PATCH with nothing in it changes nothing.
  @ValidateIf((o: UpdateForwardingAddress) => o.is_active !== undefined || o.recipients === undefined)
  @IsBoolean({ message: (a) => (a.value === undefined ? 'give is_active, recipients or both' : '$property must be a boolean value') })
  @Desc('false pauses (mail bounces)')
  is_active?: boolean;
}

@Tool({ name: 'delete_forwarding_address', keywords: 'remove forward-only address', description: 'Delete a forwarding address (mail to it then bounces)', access: 'destructive', gate: 'destructive', scope: 'domains:write', route: 'DELETE /domains/{domain_id}/forwarding-addresses/{address_id}' })
export class DeleteForwardingAddress {
  @DomainId() domain_id: number;
  @AddressId() address_id: number;
}
