import { IsString, MaxLength, MinLength, ValidateIf } from '../../../core/plugin-api.js';
import { compose, Desc, Secret, Tool } from '../../../core/plugin-api.js';
import { Id, Int, OneOf, Text } from '../../../core/plugin-api.js';
import { ExternalHost } from './shared.js';

export const ENCRYPTION = ['none', 'ssl', 'tls'] as const;
export const SmtpPassword = (desc = 'Password') => compose(Secret(), IsString(), MinLength(1), MaxLength(255), Desc(desc));
/** Required when mode is custom, checked when given otherwise. */
const IfCustom = () => ValidateIf((o: UpdateSmtpConfig, v: unknown) => o.mode === 'custom' || v !== undefined);

@Tool({ name: 'get_smtp_config', keywords: 'outgoing relay smtp server used sending route', description: 'Outgoing relay (platform or custom) and saved connections', access: 'read', scope: 'smtp:read', route: 'GET /smtp' })
export class GetSmtpConfig {}

@Tool({ name: 'update_smtp_config', keywords: 'own smtp server custom relay outgoing mail through', description: 'Use the platform relay or custom SMTP; test_smtp first', access: 'destructive', gate: 'destructive', scope: 'smtp:write', route: 'PUT /smtp' })
export class UpdateSmtpConfig {
  @OneOf(['platform', 'custom'], 'Mode') mode: string;
  @IfCustom() @ExternalHost('For custom') host?: string;
  @IfCustom() @Int('For custom', 1, 65535) port?: number;
  @IfCustom() @OneOf(ENCRYPTION, 'For custom') encryption?: string;
  @IfCustom() @Text('For custom', 255) username?: string;
  @ValidateIf((_o, v) => v !== undefined) @SmtpPassword('For a new connection') password?: string;
}

@Tool({ name: 'delete_smtp_connection', keywords: 'remove smtp relay connection', description: 'Delete a saved SMTP connection (platform relay takes over)', access: 'destructive', gate: 'destructive', scope: 'smtp:write', route: 'DELETE /smtp/{connection_id}' })
export class DeleteSmtpConnection {
  @Id('Connection') connection_id: number;
}

@Tool({ name: 'test_smtp', keywords: 'test smtp credentials login works', description: 'Test SMTP login settings; poll get_smtp_test_status', access: 'write', scope: 'smtp:write', route: 'POST /smtp:test' })
export class TestSmtp {
  @ExternalHost('Public host') host: string;
  @Int('Port', 1, 65535) port: number;
  @OneOf(ENCRYPTION, 'Encryption') encryption: string;
  @Text('Username', 255) username: string;
  @SmtpPassword() password: string;
}

@Tool({ name: 'get_smtp_test_status', keywords: 'smtp test result', description: 'Result of a test_smtp job', access: 'read', scope: 'smtp:read', route: 'GET /smtp:test-status/{job_id}' })
export class GetSmtpTestStatus {
  @Text('From test_smtp', 100) job_id: string;
}
