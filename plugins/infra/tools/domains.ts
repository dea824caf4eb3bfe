import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsEmail, IsFQDN, Matches, MaxLength, ValidateBy, ValidateIf } from '../../../core/plugin-api.js';
import { compose, Desc, SchemaExtra, Tool } from '../../../core/plugin-api.js';
import { Bool, OneOf, Page, PerPage, Text } from '../../../core/plugin-api.js';
import { DomainId, Note } from './shared.js';

const LOWER = /^[^A-Z]*$/;
/** A domain name as the API takes it: a lowercase FQDN. */
const DomainName = (each: boolean) => {
  const o = { each };
  return compose(
    IsFQDN({ require_tld: true, allow_underscores: false }, o), MaxLength(253, o), Matches(LOWER, { ...o, message: '$property must be lowercase' }),
  );
};

@Tool({ name: 'list_domains', description: 'List domains with their status and DNS state; use to find a domain id.', access: 'read', scope: 'domains:read', route: 'GET /domains' })
export class ListDomains {
  @OneOf(['pending_dns', 'active', 'suspended'], 'Status filter', true) status?: string;
  @Text('Part of the name', 255, true) search?: string;
  @Page() page?: number;
  @PerPage() per_page?: number;
}

@Tool({ name: 'get_domain', description: 'One domain: status, DNS results, DKIM, catch-all and note.', access: 'read', scope: 'domains:read', route: 'GET /domains/{domain_id}' })
export class GetDomain {
  @DomainId() domain_id: number;
}

@Tool({ name: 'create_domain', description: 'Add a domain; then publish get_dns_requirements records and run dns_recheck.', access: 'write', scope: 'domains:create', route: 'POST /domains' })
export class CreateDomain {
  @DomainName(false) @SchemaExtra({ format: 'hostname' }) @Desc('Lowercase domain name, e.g. example.com') name: string;
}

@Tool({ name: 'delete_domain', description: 'Remove a domain from the account for good (it must have no mailboxes).', access: 'destructive', gate: 'destructive', scope: 'domains:delete', route: 'DELETE /domains/{domain_id}' })
export class DeleteDomain {
  @DomainId() domain_id: number;
}

@Tool({ name: 'update_domain_catch_all', description: 'Send mail for unknown addresses of a domain to one address, or stop doing so.', access: 'write', scope: 'domains:write', route: 'PATCH /domains/{domain_id}/catch-all' })
export class UpdateDomainCatchAll {
  @DomainId() domain_id: number;
  @Bool('Catch-all on', false) enabled: boolean;
  // Checked when given, and required (not null) when enabling: the API refuses a catch-all without a target.
  @ValidateIf((o: UpdateDomainCatchAll) => o.enabled === true || (o.destination !== undefined && o.destination !== null))
  @ValidateBy({ name: 'neededToEnable', validator: { validate: (v) => typeof v === 'string', defaultMessage: () => '$property is required when enabled is true' } })
  @IsEmail({ allow_display_name: false })
  @MaxLength(255)
  @SchemaExtra({ type: ['string', 'null'], format: 'email', $ref: undefined })
  @Desc('Target, required to enable; null clears; external needs Pro')
  destination?: string | null;
}

@Tool({ name: 'retry_domain_dkim', description: 'Regenerate the DKIM key of a domain whose DKIM check fails.', access: 'write', scope: 'domains:write', route: 'POST /domains/{domain_id}/dkim:retry' })
export class RetryDomainDkim {
  @DomainId() domain_id: number;
}

@Tool({ name: 'update_domain_note', description: 'Set or clear the internal note on a domain.', access: 'write', scope: 'domains:write', route: 'PATCH /domains/{domain_id}/note' })
export class UpdateDomainNote {
  @DomainId() domain_id: number;
  @Note() note: string | null;
}

@Tool({ name: 'bulk_add_domains', description: 'Add up to 20 domains in one call; each is reported created or failed.', access: 'write', scope: 'domains:create', route: 'POST /domains:bulk-add' })
export class BulkAddDomains {
  @DomainName(true)
  @compose(ArrayMinSize(1), ArrayMaxSize(20), ArrayUnique(), SchemaExtra({ items: { type: 'string', format: 'hostname' } }), Desc('Lowercase domain names, 1-20'))
  domains: string[];
}
