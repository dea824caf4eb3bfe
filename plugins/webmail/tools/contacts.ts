import type { ToolContext, ToolOutcome } from '../../../core/plugin-api.js';
import { compose, Desc, Tool } from '../../../core/plugin-api.js';
import { DateOnly, Email, Id, Page, PerPage } from '../../../core/plugin-api.js';
import { IsBase64, IsString } from '../../../core/plugin-api.js';
import { Len, Pick, READ, Str, WRITE } from './params.js';
import { exportedText } from './render.js';

/** The API imports files of up to 2 MB. */
const MAX_IMPORT_BASE64 = Math.ceil((2 * 1024 * 1024) / 3) * 4;

@Tool({ name: 'list_contacts', keywords: 'find contact phone number address book search', description: 'List or search the address book', access: 'read', scope: READ, route: 'GET /messages/contacts' })
export class ListContacts {
  @Str('Name or email', 100, true) q?: string;
  @Page() page?: number;
  @PerPage() per_page?: number;
}

// The fields of a contact besides its email, the same on create and update (no shared base: it would list first).
const Name = () => Str('Name', 255, true);
const Phone = () => Str('Phone', 50, true);
const Company = () => Str('Company', 255, true);
const JobTitle = () => Str('Job title', 255, true);
const Address = () => Str('Postal address', 500, true);
const Birthday = () => DateOnly('Birthday');
const Notes = () => Str('Notes', 5000, true);

/** What a contact holds besides its address (create and update share them). */
class ContactFields {
  @Name() name?: string;
  @Phone() phone?: string;
  @Company() company?: string;
  @JobTitle() job_title?: string;
  @Address() address?: string;
  @Birthday() birthday?: string;
  @Notes() notes?: string;
}

@Tool({ name: 'create_contact', keywords: 'add contact address book person', description: 'Add a contact (or update the one with that email)', access: 'write', scope: WRITE, route: 'POST /messages/contacts' })
export class CreateContact extends ContactFields {
  @Email('Email') email: string;
}

@Tool({ name: 'update_contact', description: 'Change fields of a contact', access: 'write', scope: WRITE, route: 'PATCH /messages/contacts/{contact_id}' })
export class UpdateContact extends ContactFields {
  @Id('Contact') contact_id: number;
  @Email('Email', true) email?: string;
}

@Tool({ name: 'delete_contact', description: 'Delete a contact', access: 'destructive', gate: 'destructive', scope: WRITE, route: 'DELETE /messages/contacts/{contact_id}' })
export class DeleteContact {
  @Id('Contact') contact_id: number;
}

@Tool({ name: 'import_contacts', keywords: 'import contacts csv vcard', description: 'Import a CSV or vCard file (2 MB max); known emails are updated', access: 'write', scope: WRITE, route: 'POST /messages/contacts/import' })
export class ImportContacts {
  @Pick(['csv', 'vcf'], 'vcf is vCard') format: string;
  @compose(IsString(), IsBase64(), Len(4, MAX_IMPORT_BASE64), Desc('Content, base64')) content_base64: string;
}

@Tool({ name: 'export_contacts', keywords: 'export contacts vcard csv backup', description: 'Export the address book as CSV or vCard text', access: 'read', scope: READ, route: 'GET /messages/contacts/export' })
export class ExportContacts {
  @Pick(['csv', 'vcard'], 'Default csv', true) format?: string;

  async execute(this: ExportContacts, ctx: ToolContext): Promise<ToolOutcome> {
    return exportedText(await ctx.call());
  }
}
