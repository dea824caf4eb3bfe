import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsEmail, IsFQDN, Matches, MaxLength, ValidateBy, ValidateIf } from '../../../core/plugin-api.js';
import { compose, Desc, SchemaExtra, Tool } from '../../../core/plugin-api.js';
import { Bool, OneOf, Page, PerPage, Text } from '../../../core/plugin-api.js';
import { DomainId, Note } from './shared.js';
import type { ToolContext, ToolOutcome } from '../../../core/plugin-api.js';

const LOWER = /^[^A-Z]*$/;
const MailHosting = (optional = false) => OneOf(['trekmail', 'external'], 'external: send-only, no mailboxes', optional);
/** A domain name as the API takes it: a lowercase FQDN. */
const DomainName = (each: boolean) => {
  const o = { each };
  return compose(
    IsFQDN({ require_tld: true, allow_underscores: false }, o), MaxLength(253, o), Matches(LOWER, { ...o, message: '$property must be lowercase' }),
  );
};

@Tool({ name: 'list_domains', keywords: 'all domains show domains', description: 'Domains with status and DNS state, to find an id', access: 'read', scope: 'domains:read', route: 'GET /domains' })
export class ListDomains {
  @OneOf(['pending_dns', 'active', 'suspended'], 'Status', true) status?: string;
  @Text('Name contains', 255, true) search?: string;
  @Page() page?: number;
  @PerPage() per_page?: number;
}

@Tool({ name: 'get_domain', keywords: 'domain status details verified', description: 'One domain: status, DNS, DKIM, catch-all, note', access: 'read', scope: 'domains:read', route: 'GET /domains/{domain_id}' })
export class GetDomain {
  @DomainId() domain_id: number;
}

@Tool({ name: 'create_domain', keywords: 'add new domain register domain to account', description: 'Add a domain; then publish its DNS records and run dns_recheck', access: 'write', scope: 'domains:create', route: 'POST /domains' })
export class CreateDomain {
  @DomainName(false) @SchemaExtra({ format: 'hostname' }) @Desc('Lowercase, e.g. example.com') name: string;
  // Adopted from the official server (CHANGES.md, Decisions); sent only when given.
  @MailHosting(true) mail_hosting?: string;
}

@Tool({ name: 'delete_domain', keywords: 'remove domain no longer used', description: 'Delete a domain with no mailboxes, for good', access: 'destructive', gate: 'destructive', scope: 'domains:delete', route: 'DELETE /domains/{domain_id}' })
export class DeleteDomain {
  @DomainId() domain_id: number;
}

// The destination is where mail leaves the account: TREKMAIL_SEND_ALLOW applies, as to every other path out.
@Tool({ name: 'update_domain_catch_all', keywords: 'catch-all unknown nonexistent addresses wildcard', description: 'Send mail for unknown addresses of a domain to one address, or stop', access: 'write', scope: 'domains:write', route: 'PATCH /domains/{domain_id}/catch-all', checkRecipients: ['destination'] })
export class UpdateDomainCatchAll {
  @DomainId() domain_id: number;
  @Bool('Enabled', false) enabled: boolean;
  // Checked when given, and required (not null) when enabling: the API refuses a catch-all without a target.
  @ValidateIf((o: UpdateDomainCatchAll) => o.enabled === true || (o.destination !== undefined && o.destination !== null))
  @ValidateBy({ name: 'neededToEnable', validator: { validate: (v) => typeof v === 'string', defaultMessage: () => '$property is required when enabled is true' } })
  @IsEmail({ allow_display_name: false })
  @MaxLength(255)
  @SchemaExtra({ type: ['string', 'null'], format: 'email', $ref: undefined })
  @Desc('Needed to enable; null clears; external needs Pro')
  destination?: string | null;
}

@Tool({ name: 'retry_domain_dkim', keywords: 'dkim failing broken signature regenerate key', description: "Regenerate a domain's DKIM key when its DKIM check fails", access: 'write', scope: 'domains:write', route: 'POST /domains/{domain_id}/dkim:retry' })
export class RetryDomainDkim {
  @DomainId() domain_id: number;
}

@Tool({ name: 'update_domain_note', description: 'Set or clear the internal note of a domain', access: 'write', scope: 'domains:write', route: 'PATCH /domains/{domain_id}/note' })
export class UpdateDomainNote {
  @DomainId() domain_id: number;
  @Desc('null clears') @Note() note: string | null;
}

@Tool({ name: 'bulk_add_domains', keywords: 'add several many domains at once', description: 'Add up to 20 domains; each is reported created or failed', access: 'write', scope: 'domains:create', route: 'POST /domains:bulk-add' })
export class BulkAddDomains {
  @DomainName(true)
  @compose(ArrayMinSize(1), ArrayMaxSize(20), ArrayUnique(), SchemaExtra({ items: { type: 'string', format: 'hostname' } }), Desc('Lowercase names'))
  domains: string[];
}

@Tool({ name: 'get_domain_signature', keywords: 'company signature footer disclaimer', description: 'Signature of a domain: mode, position, HTML', access: 'read', scope: 'domains:read', route: 'GET /domains/{domain_id}/signature' })
export class GetDomainSignature {
  @DomainId() domain_id: number;
}

// Only given keys are sent: an omitted signature_html keeps the current HTML.
@Tool({ name: 'update_domain_signature', keywords: 'company signature footer every email disclaimer', description: 'Set a domain signature: off, default or enforced', access: 'write', gate: 'destructive', scope: 'domains:write', route: 'PATCH /domains/{domain_id}/signature' })
export class UpdateDomainSignature {
  @DomainId() domain_id: number;
  @OneOf(['off', 'default', 'enforced'], 'enforced overrides mailbox ones') signature_mode: string;
  @OneOf(['before_reply', 'after_reply'], 'Signature position', true) signature_position?: string;
  @Text('Omit to keep; "" with off clears', 65535, true) signature_html?: string;
}

@Tool({ name: 'set_domain_mail_hosting', keywords: 'stop hosting mail keep provider google workspace external send-only', description: "Host a domain's mail here, or leave it with its provider", access: 'write', gate: 'destructive', scope: 'domains:write', route: 'PATCH /domains/{domain_id}/mail-hosting' })
export class SetDomainMailHosting {
  @DomainId() domain_id: number;
  @MailHosting() mail_hosting: string;
  // An API field, not a local confirmation: the API wants it before a domain's mailboxes stop receiving.
  @Bool('Needed if mailboxes stop receiving') confirm_mailboxes_stop_receiving?: boolean;

  async execute(this: SetDomainMailHosting, ctx: ToolContext): Promise<ToolOutcome> {
    // Sent only as true, as the official server sends it.
    return ctx.call({ domain_id: this.domain_id, mail_hosting: this.mail_hosting, confirm_mailboxes_stop_receiving: this.confirm_mailboxes_stop_receiving === true ? true : undefined });
  }
}
