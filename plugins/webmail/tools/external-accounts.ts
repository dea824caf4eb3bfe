import { compose, Desc, SchemaExtra, Secret, Tool } from '../../../core/plugin-api.js';
import { Bool, Email, Int } from '../../../core/plugin-api.js';
import { IsFQDN, IsInt, IsOptional, IsString, Min, ValidateBy } from '../../../core/plugin-api.js';
import { Len, Pick, READ, Str, WRITE } from './params.js';

/** Provider presets of the API (custom: a self-hosted IMAP server). */
export const PROVIDERS = ['gmail', 'yahoo', 'aol', 'icloud', 'outlook', 'zoho', 'gmx', 'yandex', 'fastmail', 'custom'] as const;
const opt = (optional: boolean, ...d: PropertyDecorator[]) => compose(...(optional ? [IsOptional()] : []), ...d);

/** Host names the API refuses to connect to (it resolves and range-checks too; this only fails fast on the obvious). */
const PRIVATE_HOST = /^(localhost|localhost\.localdomain|metadata)$|\.localhost$|^metadata\.|\.internal$/i;
const Host = (desc: string, optional = false) =>
  opt(
    optional,
    IsFQDN({ require_tld: true, allow_underscores: false }, { message: '$property must be a host name' }),
    Len(1, 255),
    SchemaExtra({ format: undefined }),
    ValidateBy({ name: 'publicHost', validator: { validate: (v) => typeof v !== 'string' || !PRIVATE_HOST.test(v), defaultMessage: () => '$property must not be a private or internal host' } }),
    Desc(desc),
  );
/** A port the API allows for the protocol. */
const Port = (ports: number[], desc: string, optional = false) => Pick(ports, desc, optional);
const Security = (desc: string, optional = false) => Pick(['ssl', 'tls'], desc, optional);
const Password = (desc: string, optional = false) => opt(optional, IsString(), Len(1, 1024), Desc(desc));
const AccountId = () => compose(IsInt(), Min(1), Desc('Connected account'));

/** What the API needs to reach an external mailbox: IMAP to read, SMTP to send. */
class Connection {
  @Email('Email') email: string;
  @Pick(PROVIDERS, 'Preset (detect_external_account)') provider: string;
  @Secret() @Password('Password or app password') password: string;
  @Host('IMAP host') imap_host: string;
  @Port([143, 993], 'IMAP port') imap_port: number;
  @Security('IMAP encryption') imap_encryption: string;
  @Str('Default: email', 255, true) imap_username?: string;
  @Host('SMTP host') smtp_host: string;
  @Port([465, 587, 2525], 'SMTP port') smtp_port: number;
  @Security('SMTP encryption') smtp_encryption: string;
  @Str('SMTP username', 255, true) smtp_username?: string;
  @Secret() @Password('Default: password', true) smtp_password?: string;
}

const Label = () => Str('Label', 255, true);
const Color = () => Str('Hex color', 16, true);
const Unified = () => Bool('In All inboxes (default true)');

@Tool({ name: 'list_external_accounts', keywords: 'connected external accounts', description: 'Connected external accounts (Gmail, Outlook, IMAP)', access: 'read', scope: READ, route: 'GET /messages/external-accounts' })
export class ListExternalAccounts {}

@Tool({ name: 'detect_external_account', keywords: 'gmail outlook settings connect detect', description: 'The IMAP/SMTP preset of an address, to connect it', access: 'read', scope: READ, route: 'POST /messages/external-accounts/detect' })
export class DetectExternalAccount {
  @Email('Email') email: string;
}

// A connected account sends mail as its address: that address obeys TREKMAIL_SEND_ALLOW.
@Tool({
  name: 'test_external_account', description: 'Try IMAP and SMTP credentials without saving them', access: 'write', gate: 'migration', scope: WRITE,
  route: 'POST /messages/external-accounts/test', checkRecipients: ['email'],
})
export class TestExternalAccount extends Connection {}

@Tool({
  name: 'create_external_account', keywords: 'connect gmail outlook yahoo account external', description: 'Connect an IMAP/SMTP account (tested before saving)', access: 'write', gate: 'destructive', scope: WRITE,
  route: 'POST /messages/external-accounts', checkRecipients: ['email'],
})
export class CreateExternalAccount extends Connection {
  @Label() label?: string;
  @Color() color?: string;
  @Unified() include_in_unified?: boolean;
}

@Tool({ name: 'update_external_account', description: 'Change a connected account (new details are re-tested)', access: 'write', gate: 'destructive', scope: WRITE, route: 'PATCH /messages/external-accounts/{account_id}' })
export class UpdateExternalAccount {
  @AccountId() account_id: number;
  @compose(Label(), SchemaExtra({ type: ['string', 'null'] })) label?: string | null;
  @Color() color?: string;
  @Unified() include_in_unified?: boolean;
  @Int('Sort order', 0, 1000, true) sort_order?: number;
  @Secret() @Password('Password', true) password?: string;
  @Secret() @Password('SMTP password', true) smtp_password?: string;
  @Host('IMAP host', true) imap_host?: string;
  @Port([143, 993], 'IMAP port', true) imap_port?: number;
  @Security('IMAP encryption', true) imap_encryption?: string;
  @Str('IMAP username', 255, true) imap_username?: string;
  @Host('SMTP host', true) smtp_host?: string;
  @Port([465, 587, 2525], 'SMTP port', true) smtp_port?: number;
  @Security('SMTP encryption', true) smtp_encryption?: string;
  @Str('SMTP username', 255, true) smtp_username?: string;
}

@Tool({ name: 'test_saved_external_account', description: 'Re-test the stored credentials of a connected account', access: 'write', gate: 'migration', scope: WRITE, route: 'POST /messages/external-accounts/{account_id}/test' })
export class TestSavedExternalAccount {
  @AccountId() account_id: number;
}

@Tool({ name: 'delete_external_account', description: 'Disconnect an account (its mail stays at the provider)', access: 'destructive', gate: 'destructive', scope: WRITE, route: 'DELETE /messages/external-accounts/{account_id}' })
export class DeleteExternalAccount {
  @AccountId() account_id: number;
}
