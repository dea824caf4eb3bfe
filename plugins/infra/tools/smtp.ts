import { IsString, MaxLength, MinLength, ValidateIf } from '../../../core/plugin-api.js';
import { compose, Desc, Secret, Tool } from '../../../core/plugin-api.js';
import { Id, Int, OneOf, Text } from '../../../core/plugin-api.js';
import { ExternalHost } from './shared.js';

export const ENCRYPTION = ['none', 'ssl', 'tls'] as const;
const SmtpPassword = (desc = 'SMTP password') => compose(Secret(), IsString(), MinLength(1), MaxLength(255), Desc(desc));
/** Required when mode is custom, checked when given otherwise. */
const IfCustom = () => ValidateIf((o: UpdateSmtpConfig, v: unknown) => o.mode === 'custom' || v !== undefined);

@Tool({ name: 'get_smtp_config', description: 'Outgoing relay: platform or custom SMTP, and saved connections.', access: 'read', scope: 'smtp:read', route: 'GET /smtp' })
export class GetSmtpConfig {}

@Tool({ name: 'update_smtp_config', description: 'Switch outgoing mail between the platform relay and custom SMTP; test_smtp first.', access: 'destructive', gate: 'destructive', scope: 'smtp:write', route: 'PUT /smtp' })
export class UpdateSmtpConfig {
  @OneOf(['platform', 'custom'], 'Relay to use') mode: string;
  @IfCustom() @ExternalHost('Required for custom') host?: string;
  @IfCustom() @Int('Required for custom', 1, 65535) port?: number;
  @IfCustom() @OneOf(ENCRYPTION, 'Required for custom') encryption?: string;
  @IfCustom() @Text('Required for custom', 255) username?: string;
  @ValidateIf((_o, v) => v !== undefined) @SmtpPassword('Required for a new custom connection') password?: string;
}

@Tool({ name: 'delete_smtp_connection', description: 'Delete a saved custom SMTP connection (mail falls back to the platform relay).', access: 'destructive', gate: 'destructive', scope: 'smtp:write', route: 'DELETE /smtp/{connection_id}' })
export class DeleteSmtpConnection {
  @Id('SMTP connection') connection_id: number;
}

@Tool({ name: 'test_smtp', description: 'Start a connection and login test of SMTP settings; poll get_smtp_test_status.', access: 'write', scope: 'smtp:write', route: 'POST /smtp:test' })
export class TestSmtp {
  @ExternalHost('SMTP host (no private hosts)') host: string;
  @Int('Port', 1, 65535) port: number;
  @OneOf(ENCRYPTION, 'Encryption') encryption: string;
  @Text('SMTP username', 255) username: string;
  @SmtpPassword() password: string;
}

@Tool({ name: 'get_smtp_test_status', description: 'Result of an SMTP test started with test_smtp.', access: 'read', scope: 'smtp:read', route: 'GET /smtp:test-status/{job_id}' })
export class GetSmtpTestStatus {
  @Text('From test_smtp', 100) job_id: string;
}
