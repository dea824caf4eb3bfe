import { Tool } from '../../../core/plugin-api.js';
import { Id } from '../../../core/plugin-api.js';
import { READ, Str, WRITE } from './params.js';

const TemplateId = () => Id('Template');

@Tool({ name: 'list_templates', keywords: 'saved templates', description: 'Saved message templates', access: 'read', scope: READ, route: 'GET /messages/templates' })
export class ListTemplates {}

@Tool({ name: 'create_template', keywords: 'template reusable canned response', description: 'Save a reusable message template', access: 'write', scope: WRITE, route: 'POST /messages/templates' })
export class CreateTemplate {
  @Str('Name', 255) name: string;
  @Str('Default subject', 500, true) subject?: string;
  @Str('Body, HTML', 50_000) body_html: string;
}

@Tool({ name: 'update_template', description: 'Change a message template', access: 'write', scope: WRITE, route: 'PATCH /messages/templates/{template_id}' })
export class UpdateTemplate {
  @TemplateId() template_id: number;
  @Str('Name', 255, true) name?: string;
  @Str('Default subject', 500, true) subject?: string;
  @Str('Body, HTML', 50_000, true) body_html?: string;
}

@Tool({ name: 'delete_template', description: 'Delete a message template', access: 'destructive', gate: 'destructive', scope: WRITE, route: 'DELETE /messages/templates/{template_id}' })
export class DeleteTemplate {
  @TemplateId() template_id: number;
}
