import { Tool } from '../../../core/plugin-api.js';
import { Id } from '../../../core/plugin-api.js';
import { DomainId } from './shared.js';

/** Domain aliases, called matching addresses by the API (catalog wave v1.10): receive-only, no sending address. */

@Tool({ name: 'get_domain_alias', keywords: 'domain alias mirror', description: 'Whether a domain mirrors the addresses of a primary domain', access: 'read', scope: 'domains:read', route: 'GET /domains/{domain_id}/matching-addresses' })
export class GetDomainAlias {
  @DomainId() domain_id: number;
}

@Tool({ name: 'set_domain_alias', keywords: 'same addresses other domain mirror receive domain alias', description: 'Deliver name@ a domain as name@ a primary domain (receive-only)', access: 'write', gate: 'destructive', scope: 'domains:write', route: 'PUT /domains/{domain_id}/matching-addresses' })
export class SetDomainAlias {
  @DomainId() domain_id: number;
  @Id('Primary domain') primary_domain_id: number;
}

@Tool({
  name: 'remove_domain_alias', keywords: 'stop domain alias mirror', description: "Stop a domain mirroring its primary domain's addresses",
  access: 'destructive', gate: 'destructive', confirm: 'confirm_remove', scope: 'domains:write', route: 'DELETE /domains/{domain_id}/matching-addresses',
})
export class RemoveDomainAlias {
  @DomainId() domain_id: number;
}
