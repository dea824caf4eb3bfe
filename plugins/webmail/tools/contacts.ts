import { IsOptional, IsString, ValidateBy, ValidateIf } from '../../../core/validators.js';
import type { ToolContext, ToolOutcome } from '../../../core/context.js';
import { compose, Desc, SchemaExtra, Tool } from '../../../core/tool.js';
import { Email, Id, OneOf, Page, PerPage } from '../../../core/params.js';
import { Len, READ, Str, WRITE } from './params.js';

const MAX_IMPORT_CHARS = 10 * 1024 * 1024;

@Tool({ name: 'list_contacts', description: 'List or search the address book.', access: 'read', scope: READ, route: 'GET /messages/contacts' })
export class ListContacts {
  @Str('Search name, email, company', 200, true) q?: string;
  @Page() page?: number;
  @PerPage() per_page?: number;
}

@Tool({ name: 'create_contact', description: 'Add a contact; an existing contact with the same email is updated.', access: 'write', scope: WRITE, route: 'POST /messages/contacts' })
export class CreateContact {
  @Email() email: string;
  @Str('Name', 200, true) name?: string;
  @Str('Phone', 50, true) phone?: string;
  @Str('Company', 200, true) company?: string;
  @Str('Notes', 5000, true) notes?: string;
}

@Tool({ name: 'update_contact', description: 'Change fields of a contact.', access: 'write', scope: WRITE, route: 'PATCH /messages/contacts/{contact_id}' })
export class UpdateContact {
  @Id('Contact') contact_id: number;
  @Email('Email address', true) email?: string;
  @Str('Name', 200, true) name?: string;
  @Str('Phone', 50, true) phone?: string;
  @Str('Company', 200, true) company?: string;
  @Str('Notes', 5000, true) notes?: string;
}

@Tool({ name: 'delete_contact', description: 'Delete a contact.', access: 'destructive', gate: 'destructive', scope: WRITE, route: 'DELETE /messages/contacts/{contact_id}' })
export class DeleteContact {
  @Id('Contact') contact_id: number;
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** content_base64, unless content is given instead (exactly one of the two). */
const ImportContent = () =>
  compose(
    ValidateIf((o: { content?: unknown }, v) => v !== undefined || o.content === undefined),
    ValidateBy({
      name: 'importContent',
      validator: {
        validate: (v, args) => {
          if (v === undefined || (args?.object as { content?: unknown }).content !== undefined) return false;
          return typeof v === 'string' && v.length % 4 === 0 && v.length <= MAX_IMPORT_CHARS && BASE64.test(v);
        },
        defaultMessage: (args) => {
          if (args?.value === undefined) return 'give content_base64 or content';
          if ((args?.object as { content?: unknown }).content !== undefined) return 'give only one of content_base64 and content';
          return `must be base64, at most ${MAX_IMPORT_CHARS} characters`;
        },
      },
    }),
    SchemaExtra({ type: 'string', format: 'base64' }),
    Desc('File content, base64'),
  );

@Tool({ name: 'import_contacts', description: 'Import contacts from CSV or vCard (existing emails are updated).', access: 'write', scope: WRITE, route: 'POST /messages/contacts/import' })
export class ImportContacts {
  @OneOf(['csv', 'vcf'], 'File format') format: string;
  @ImportContent() content_base64?: string;
  @compose(IsOptional(), IsString(), Len(1, MAX_IMPORT_CHARS), Desc('Or the file as text (as export_contacts gives it)')) content?: string;

  async execute(this: ImportContacts, ctx: ToolContext): Promise<ToolOutcome> {
    const content_base64 = this.content_base64 ?? Buffer.from(this.content ?? '', 'utf8').toString('base64');
    return ctx.call({ format: this.format, content_base64 });
  }
}

@Tool({ name: 'export_contacts', description: 'Export the address book as CSV or vCard text.', access: 'read', scope: READ, route: 'GET /messages/contacts/export' })
export class ExportContacts {
  @OneOf(['csv', 'vcf'], 'File format (default csv)', true) format?: string;
}
