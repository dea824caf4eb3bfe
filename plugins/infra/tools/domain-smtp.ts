import { IsIn, IsInt, IsOptional, ValidateIf } from '../../../core/plugin-api.js';
import { compose, Desc, Tool } from '../../../core/plugin-api.js';
import { Bool, Id, Int, OneOf, Text } from '../../../core/plugin-api.js';
import { DomainId, ExternalHost } from './shared.js';
import { ENCRYPTION, SmtpPassword } from './smtp.js';

/**
 * Per-domain SMTP routing, the account default and saved SMTP profiles (catalog wave v1.10; area smtp). A profile is
 * account-wide and reusable; the API reaches it through any domain's path.
 */
const ProfileId = () => Id('Profile');
/** Required when the mode is profile, checked when given otherwise. */
const RouteProfile = () =>
  compose(ValidateIf((o: { smtp_mode?: string }, v: unknown) => o.smtp_mode === 'profile' || v !== undefined), Id('Profile'), Desc('Needed for profile'));
const ROUTES = ['platform', 'profile', 'not_configured'];
/** The ports the API accepts for a saved profile. */
const PORTS = [25, 465, 587, 2525];

@Tool({ name: 'get_domain_smtp', description: "A domain's outbound SMTP route and profile", access: 'read', scope: 'smtp:read', route: 'GET /domains/{domain_id}/smtp' })
export class GetDomainSmtp {
  @DomainId() domain_id: number;
}

@Tool({ name: 'set_domain_smtp', keywords: 'route domain outgoing mail smtp provider sendgrid', description: 'Set how a domain sends outbound mail', access: 'write', gate: 'destructive', scope: 'smtp:write', route: 'PUT /domains/{domain_id}/smtp' })
export class SetDomainSmtp {
  @DomainId() domain_id: number;
  @OneOf([...ROUTES, 'inherit'], 'inherit: the account default') smtp_mode: string;
  @RouteProfile() smtp_connection_id?: number;
}

@Tool({ name: 'get_account_smtp_default', description: 'Default SMTP route of new and inherit domains', access: 'read', scope: 'smtp:read', route: 'GET /smtp/default' })
export class GetAccountSmtpDefault {}

@Tool({ name: 'set_account_smtp_default', description: 'Set the default SMTP route of new and inherit domains', access: 'write', gate: 'destructive', scope: 'smtp:write', route: 'PUT /smtp/default' })
export class SetAccountSmtpDefault {
  @OneOf(ROUTES, 'SMTP mode') smtp_mode: string;
  @RouteProfile() smtp_connection_id?: number;
  @Bool('Also switch all domains now') apply_to_all?: boolean;
}

@Tool({ name: 'list_domain_smtp_profiles', keywords: 'smtp profiles providers', description: 'Saved SMTP profiles and their domain counts', access: 'read', scope: 'smtp:read', route: 'GET /domains/{domain_id}/smtp/profiles' })
export class ListDomainSmtpProfiles {
  @DomainId() domain_id: number;
}

@Tool({ name: 'get_domain_smtp_profile_usage', description: 'What uses an SMTP profile; check before changing it', access: 'read', scope: 'smtp:read', route: 'GET /domains/{domain_id}/smtp/profiles/{profile_id}/usage' })
export class GetDomainSmtpProfileUsage {
  @DomainId() domain_id: number;
  @ProfileId() profile_id: number;
}

// The API refuses a private or internal host (the official server refuses it before sending, as ExternalHost does).
@Tool({ name: 'create_domain_smtp_profile', keywords: 'sendgrid mailgun ses external smtp provider profile', description: 'Save an SMTP profile and route the domain through it', access: 'write', gate: 'destructive', scope: 'smtp:write', route: 'POST /domains/{domain_id}/smtp/profiles' })
export class CreateDomainSmtpProfile {
  @DomainId() domain_id: number;
  @Text('Name', 80) name: string;
  @ExternalHost('Host') host: string;
  @compose(IsInt(), IsIn(PORTS), Desc('Port')) port: number;
  @OneOf(ENCRYPTION, 'Encryption') encryption: string;
  @Text('Username', 255) username: string;
  @SmtpPassword() password: string;
}

// PUT replaces the profile: every field but the password is required.
@Tool({ name: 'update_domain_smtp_profile', description: 'Replace a saved SMTP profile; all domains using it change', access: 'write', gate: 'destructive', scope: 'smtp:write', route: 'PUT /domains/{domain_id}/smtp/profiles/{profile_id}' })
export class UpdateDomainSmtpProfile {
  @DomainId() domain_id: number;
  @ProfileId() profile_id: number;
  @Text('Name', 80) name: string;
  @ExternalHost('Host') host: string;
  @Int('Port', 1, 65535) port: number;
  @OneOf(ENCRYPTION, 'Encryption') encryption: string;
  @Text('Username', 255) username: string;
  @IsOptional() @SmtpPassword('Omit to keep it') password?: string;
}

@Tool({ name: 'delete_domain_smtp_profile', description: 'Delete a saved SMTP profile; its domains are reassigned', access: 'destructive', gate: 'destructive', scope: 'smtp:write', route: 'DELETE /domains/{domain_id}/smtp/profiles/{profile_id}' })
export class DeleteDomainSmtpProfile {
  @DomainId() domain_id: number;
  @ProfileId() profile_id: number;
}

// Unset optionals are left out of the body (the core sends only given keys); mode is always sent.
@Tool({ name: 'test_domain_smtp', description: "Test a domain's SMTP route; poll get_domain_smtp_test_status", access: 'write', gate: 'destructive', scope: 'smtp:write', route: 'POST /domains/{domain_id}/smtp:test' })
export class TestDomainSmtp {
  @DomainId() domain_id: number;
  @OneOf(['platform', 'custom'], 'custom (default): a profile or given settings', true) mode?: string = 'custom';
  @Id('Profile', true) smtp_connection_id?: number;
  @ExternalHost('Host', true) host?: string;
  @Int('Port', 1, 65535, true) port?: number;
  @OneOf(ENCRYPTION, 'Encryption', true) encryption?: string;
  @Text('Username', 255, true) username?: string;
  @IsOptional() @SmtpPassword() password?: string;
}

@Tool({ name: 'get_domain_smtp_test_status', description: 'Result of a test_domain_smtp job', access: 'read', scope: 'smtp:read', route: 'GET /domains/{domain_id}/smtp:test-status/{job_id}' })
export class GetDomainSmtpTestStatus {
  @DomainId() domain_id: number;
  @Text('From test_domain_smtp', 100) job_id: string;
}
