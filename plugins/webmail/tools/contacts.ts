import type { ToolContext, ToolOutcome } from '../../../core/plugin-api.js';
import { compose, Desc, Tool } from '../../../core/plugin-api.js';
import { Email, Id, OneOf, Page, PerPage } from '../../../core/plugin-api.js';
import { IsBase64, IsString } from '../../../core/plugin-api.js';
import { Len, READ, Str, WRITE } from './params.js';
import { exportedText } from './render.js';

/** The API imports files of up to 2 MB. */
const MAX_IMPORT_BASE64 = Math.ceil((2 * 1024 * 1024) / 3) * 4;

@Tool({ name: 'list_contacts', description: 'List or search the address book.', access: 'read', scope: READ, route: 'GET /messages/contacts' })
export class ListContacts {
  @Str('Search name or email', 100, true) q?: string;
  @Page() page?: number;
  @PerPage() per_page?: number;
}

@Tool({ name: 'create_contact', description: 'Add a contact; an existing contact with the same email is updated.', access: 'write', scope: WRITE, route: 'POST /messages/contacts' })
export class CreateContact {
  @Email() email: string;
  @Str('Name', 255, true) name?: string;
  @Str('Phone', 50, true) phone?: string;
  @Str('Company', 255, true) company?: string;
  @Str('Notes', 5000, true) notes?: string;
}

@Tool({ name: 'update_contact', description: 'Change fields of a contact.', access: 'write', scope: WRITE, route: 'PATCH /messages/contacts/{contact_id}' })
export class UpdateContact {
  @Id('Contact') contact_id: number;
  @Email('Email address', true) email?: string;
  @Str('Name', 255, true) name?: string;
  @Str('Phone', 50, true) phone?: string;
  @Str('Company', 255, true) company?: string;
  @Str('Notes', 5000, true) notes?: string;
}

@Tool({ name: 'delete_contact', description: 'Delete a contact.', access: 'destructive', gate: 'destructive', scope: WRITE, route: 'DELETE /messages/contacts/{contact_id}' })
export class DeleteContact {
  @Id('Contact') contact_id: number;
}

@Tool({ name: 'import_contacts', description: 'Import contacts from a CSV or vCard file of up to 2 MB (existing emails are updated).', access: 'write', scope: WRITE, route: 'POST /messages/contacts/import' })
export class ImportContacts {
  @OneOf(['csv', 'vcf'], 'File format: csv or vcf (vCard)') format: string;
  @compose(IsString(), IsBase64(), Len(4, MAX_IMPORT_BASE64), Desc('File content, base64 (export_contacts answers it too)')) content_base64: string;
}

@Tool({ name: 'export_contacts', description: 'Export the address book as CSV or vCard text.', access: 'read', scope: READ, route: 'GET /messages/contacts/export' })
export class ExportContacts {
  @OneOf(['csv', 'vcard'], 'File format (default csv)', true) format?: string;

  async execute(this: ExportContacts, ctx: ToolContext): Promise<ToolOutcome> {
    return exportedText(await ctx.call());
  }
}
