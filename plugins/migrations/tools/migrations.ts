import { ArrayMaxSize, IsOptional, IsString, MaxLength, MinLength } from '../../../core/plugin-api.js';
import type { ToolContext, ToolOutcome } from '../../../core/plugin-api.js';
import { Bool, DateOnly, Email, Hostname, Id, Int, OneOf, Page, PerPage, Text } from '../../../core/plugin-api.js';
import { compose, Desc, SchemaExtra, Secret, Tool } from '../../../core/plugin-api.js';
import { csvSecrets, PublicHost, send } from './support.js';

const READ = 'migrations:read';
const WRITE = 'migrations:write';
export const PROVIDERS = ['gmail', 'outlook', 'yahoo', 'icloud', 'generic_imap'] as const;
/** The API's source security values (no starttls). */
export const SECURITY = ['ssl', 'tls', 'none'] as const;
export const MIGRATION_STATUSES = ['pending', 'validating', 'planning', 'processing', 'completed', 'failed', 'cancelled'] as const;
export const BATCH_STATUSES = ['queued', 'processing', 'paused', 'completed', 'completed_with_errors', 'cancelled'] as const;

const MigrationId = () => Id('Migration');
const BatchId = () => Id('Batch');
const Host = (optional = false) => compose(Hostname('IMAP host', optional), PublicHost());
// 1-65535 stays in validation; every agent knows a port's range, so the schema does not spend bytes on it.
const Port = (optional = false) => compose(Int('e.g. 993', 1, 65535, optional), SchemaExtra({ minimum: undefined, maximum: undefined }));
const Security = (optional = false) => OneOf(SECURITY, 'Source security', optional);
const Provider = (optional = false) => OneOf(PROVIDERS, 'Provider', optional);
const Password = () => compose(Secret(), IsString(), MinLength(1), MaxLength(255), Desc('Or an app password'));
const Since = () => DateOnly('Import since');
const SkipDuplicates = () => Bool('Default true');

/** The source IMAP account (shared by test and start). */
class SourceAccount {
  @Host() source_host: string;
  @Port() source_port: number;
  @Security() source_security: string;
  @Email('Login address') source_email: string;
  @Text('If not the address', 255, true) source_username?: string;
  @Password() source_password: string;
}

/** Bulk options (shared by preview and start). */
class BulkOptions {
  @compose(Secret(), IsString(), MinLength(1), MaxLength(1_000_000), Desc('CSV: source_email,source_password,destination_email[,host,port,security]'))
  data: string;
  @Provider(true) provider?: string;
  @Host(true) source_host?: string;
  @Port(true) source_port?: number;
  @Security(true) source_security?: string;
  @Bool('Rows carry host,port,security') per_row_server?: boolean;
  @OneOf(['all', 'standard', 'inbox_only'], 'Default all', true) folder_strategy?: string;
  @Since() import_since?: string;
  @SkipDuplicates() skip_duplicates?: boolean;
}

@Tool({ name: 'test_migration_connection', keywords: 'old provider imap login works before migrating', description: 'Test a source IMAP login; lists its folders', access: 'write', gate: 'migration', scope: WRITE, route: 'POST /migrations/test-connection' })
export class TestMigrationConnection extends SourceAccount {}

@Tool({ name: 'list_migrations', keywords: 'all migrations imports', description: 'Single-mailbox migrations, newest first', access: 'read', scope: READ, route: 'GET /migrations' })
export class ListMigrations {
  @OneOf(MIGRATION_STATUSES, 'Status', true) status?: string;
  @Id('Mailbox', true) mailbox_id?: number;
  @Page() page?: number;
  @PerPage() per_page?: number;
}

@Tool({ name: 'get_migration', keywords: 'migration progress how far import status', description: 'A migration\'s per-folder progress; poll it', access: 'read', scope: READ, route: 'GET /migrations/{migration_id}' })
export class GetMigration {
  @MigrationId() migration_id: number;
}

@Tool({ name: 'start_migration', keywords: 'move mail from old account gmail provider import copy mailbox', description: 'Copy mail from an IMAP account into a mailbox', access: 'write', gate: 'migration', confirm: 'confirm_start', scope: WRITE, route: 'POST /migrations' })
export class StartMigration extends SourceAccount {
  @Id('Mailbox') mailbox_id: number;
  @Provider() provider: string;
  // An empty list is valid: the API copies every folder, as when the list is omitted.
  @compose(IsOptional(), IsString({ each: true }), MinLength(1, { each: true }), MaxLength(255, { each: true }), ArrayMaxSize(500), Desc('Default: all'))
  selected_folders?: string[];
  @Since() import_since?: string;
  @SkipDuplicates() skip_duplicates?: boolean;

  execute(ctx: ToolContext): Promise<ToolOutcome> {
    return send(ctx, { start: true });
  }
}

@Tool({ name: 'cancel_migration', keywords: 'stop migration import', description: 'Stop a migration; copied mail stays', access: 'write', confirm: 'confirm_cancel', scope: WRITE, route: 'POST /migrations/{migration_id}:cancel' })
export class CancelMigration {
  @MigrationId() migration_id: number;
}

@Tool({ name: 'retry_migration', description: 'Rerun a failed or cancelled migration', access: 'write', gate: 'migration', confirm: 'confirm_retry', scope: WRITE, route: 'POST /migrations/{migration_id}:retry' })
export class RetryMigration {
  @MigrationId() migration_id: number;
}

@Tool({ name: 'delete_migration', description: 'Delete an ended migration\'s record', access: 'destructive', gate: 'migration', confirm: 'confirm_delete', scope: WRITE, route: 'DELETE /migrations/{migration_id}' })
export class DeleteMigration {
  @MigrationId() migration_id: number;
}

@Tool({ name: 'preview_bulk_migration', keywords: 'check csv spreadsheet errors before migration', description: 'Check a bulk CSV row by row; starts nothing', access: 'write', gate: 'migration', scope: WRITE, route: 'POST /migrations/bulk/preview' })
export class PreviewBulkMigration extends BulkOptions {
  execute(this: BulkOptions, ctx: ToolContext): Promise<ToolOutcome> {
    return send(ctx, { secrets: csvSecrets(this.data) });
  }
}

@Tool({ name: 'start_bulk_migration', keywords: 'migrate many users csv batch', description: 'Start a job per valid CSV row; preview first', access: 'write', gate: 'migration', confirm: 'confirm_start', scope: WRITE, route: 'POST /migrations/bulk' })
export class StartBulkMigration extends BulkOptions {
  @Text('Name', 100, true) name?: string;

  execute(ctx: ToolContext): Promise<ToolOutcome> {
    return send(ctx, { secrets: csvSecrets(this.data), start: true });
  }
}

@Tool({ name: 'list_bulk_migrations', description: 'Bulk batches, newest first', access: 'read', scope: READ, route: 'GET /migrations/bulk' })
export class ListBulkMigrations {
  @OneOf(BATCH_STATUSES, 'Status', true) status?: string;
  @Page() page?: number;
  @PerPage() per_page?: number;
}

@Tool({ name: 'get_bulk_migration', keywords: 'batch status jobs', description: 'A batch with each job\'s status and error', access: 'read', scope: READ, route: 'GET /migrations/bulk/{batch_id}' })
export class GetBulkMigration {
  @BatchId() batch_id: number;
}

@Tool({ name: 'cancel_bulk_migration', keywords: 'stop batch migration', description: 'Stop all pending jobs of a bulk batch', access: 'write', confirm: 'confirm_cancel', scope: WRITE, route: 'POST /migrations/bulk/{batch_id}:cancel' })
export class CancelBulkMigration {
  @BatchId() batch_id: number;
}

@Tool({ name: 'retry_bulk_migration', keywords: 'retry failed batch jobs', description: 'Rerun a batch\'s failed jobs', access: 'write', gate: 'migration', confirm: 'confirm_retry', scope: WRITE, route: 'POST /migrations/bulk/{batch_id}:retry' })
export class RetryBulkMigration {
  @BatchId() batch_id: number;
}

@Tool({ name: 'resume_bulk_migration', description: 'Resume a paused bulk batch', access: 'write', confirm: 'confirm_resume', scope: WRITE, route: 'POST /migrations/bulk/{batch_id}:resume' })
export class ResumeBulkMigration {
  @BatchId() batch_id: number;
}

@Tool({ name: 'delete_bulk_migration', description: 'Delete an ended bulk batch\'s record', access: 'destructive', gate: 'migration', confirm: 'confirm_delete', scope: WRITE, route: 'DELETE /migrations/bulk/{batch_id}' })
export class DeleteBulkMigration {
  @BatchId() batch_id: number;
}

@Tool({ name: 'update_bulk_migration_job_password', keywords: 'wrong old password batch job fix', description: 'Fix a failed job\'s source password, then retry', access: 'write', gate: 'migration', scope: WRITE, route: 'PATCH /migrations/bulk/{batch_id}/jobs/{job_id}/password' })
export class UpdateBulkMigrationJobPassword {
  @BatchId() batch_id: number;
  @Id('Job') job_id: number;
  @Password() source_password: string;
}
