import { IsBase64, IsEmail, IsOptional, IsString, IsUrl, Matches, MaxLength, MinLength } from '../../../core/plugin-api.js';
import { Bool, compose, Desc, OneOf, SchemaExtra, Tool } from '../../../core/plugin-api.js';
import { DomainId, Given } from './support.js';

const READ = 'branding:read';
const WRITE = 'branding:write';
const SLOTS = ['light', 'dark', 'favicon'] as const;

/** CSS hex colours as the API takes them; the description states the form (the regex stays in validation only). */
const HEX = /^#(?:[0-9a-fA-F]{3,4}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})$/;
const Color = (what: string) =>
  compose(Given(), IsString(), Matches(HEX, { message: '$property must be a hex colour: #rgb, #rgba, #rrggbb or #rrggbbaa' }), SchemaExtra({ pattern: undefined }), Desc(what));
/** One DNS label: letters, digits and inner hyphens, at most 63. */
const LABEL = /^(?!-)[a-z0-9-]+(?<!-)$/i;
const Label = (what: string) =>
  compose(Given(), IsString(), MaxLength(63), Matches(LABEL, { message: '$property must be a DNS label: letters, digits, inner hyphens' }), SchemaExtra({ pattern: undefined, maxLength: undefined }), Desc(what));
/** Optional and nullable (null clears). */
const Clearable = (desc: string, ...rules: PropertyDecorator[]) => compose(IsOptional(), ...rules, SchemaExtra({ type: ['string', 'null'] }), Desc(desc));

@Tool({
  name: 'get_domain_branding', description: "A domain's brand, hosts and DNS records to add",
  access: 'read', scope: READ, route: 'GET /domains/{domain_id}/branding',
})
export class GetDomainBranding {
  @DomainId() domain_id: number;
}

@Tool({
  name: 'set_domain_branding', keywords: 'rebrand colors brand webmail name', description: "Change a domain's brand; only given fields",
  access: 'write', gate: 'destructive', scope: WRITE, route: 'PATCH /domains/{domain_id}/branding',
})
export class SetDomainBranding {
  @DomainId() domain_id: number;
  @OneOf(['off', 'inherit', 'custom'], 'inherit: account default', true) mode?: string;
  @compose(Given(), IsString(), MinLength(1), MaxLength(120), Desc('Name')) name?: string;
  @Color('Hex, e.g. #4f46e5') primary_color?: string;
  @Color('Hex') accent_color?: string;
  @Bool('Dashboard host') dashboard_enabled?: boolean;
  @Label('Default dashboard') dashboard_label?: string;
  @Bool('Webmail host') webmail_enabled?: boolean;
  @Label('Default mail') webmail_label?: string;
  @Bool('imap/smtp/dav hosts; mode custom or account_default') mail_zone_enabled?: boolean;
  @Clearable('null clears', IsEmail(), MaxLength(255)) support_email?: string | null;
  @Clearable('On a DKIM-verified domain; null clears', IsEmail(), MaxLength(255)) sender_email?: string | null;
  @Clearable('null clears', IsUrl({ require_protocol: true }), MaxLength(500)) support_url?: string | null;
  @OneOf(['domain', 'account_default', 'all'], 'all: every domain; account_default: also default', true) scope?: string;
}

@Tool({
  name: 'set_domain_brand_logo', keywords: 'logo favicon login page webmail branding', description: 'Upload a logo or favicon (PNG/JPG, ≤1 MB)',
  access: 'write', gate: 'destructive', scope: WRITE, route: 'PUT /domains/{domain_id}/branding/logo/{slot}',
})
export class SetDomainBrandLogo {
  @DomainId() domain_id: number;
  @OneOf(SLOTS, 'favicon may be ICO') slot: string;
  @compose(IsString(), IsBase64(), MaxLength(1_402_200), Desc('No SVG')) content_base64: string;
}

@Tool({
  name: 'verify_domain_branding_dns', description: "Check branded hosts' DNS; issue certificates",
  access: 'write', gate: 'destructive', scope: WRITE, route: 'POST /domains/{domain_id}/branding/verify-dns', noBody: true,
})
export class VerifyDomainBrandingDns {
  @DomainId() domain_id: number;
}

@Tool({
  name: 'create_branding_preview', description: 'One-time link previewing the brand',
  access: 'write', gate: 'destructive', scope: WRITE, route: 'POST /domains/{domain_id}/branding/preview', noBody: true, revealKeys: ['url'],
})
export class CreateBrandingPreview {
  @DomainId() domain_id: number;
}

@Tool({
  name: 'remove_domain_brand_logo', description: 'Delete a logo or favicon',
  access: 'destructive', gate: 'destructive', scope: WRITE, route: 'DELETE /domains/{domain_id}/branding/logo/{slot}',
})
export class RemoveDomainBrandLogo {
  @DomainId() domain_id: number;
  @OneOf(SLOTS, 'Slot') slot: string;
}

@Tool({
  name: 'remove_domain_branding', description: 'Turn branding off; assets kept as drafts',
  access: 'write', gate: 'destructive', scope: WRITE, route: 'DELETE /domains/{domain_id}/branding',
})
export class RemoveDomainBranding {
  @DomainId() domain_id: number;
  @OneOf(['domain', 'all'], 'all: every domain', true) scope?: string;
}
