import { Tool } from '../../../core/tool.js';
import { Id, IntList } from '../../../core/params.js';
import { READ, Str, WRITE } from './params.js';

const GroupId = () => Id('Contact group');
const ContactIds = () => IntList('Contact ids, 1-500', 1, 500);

@Tool({ name: 'list_contact_groups', description: 'List contact groups with their members.', access: 'read', scope: READ, route: 'GET /messages/contact-groups' })
export class ListContactGroups {}

@Tool({ name: 'create_contact_group', description: 'Create an empty contact group.', access: 'write', scope: WRITE, route: 'POST /messages/contact-groups' })
export class CreateContactGroup {
  @Str('Group name', 100) name: string;
}

@Tool({ name: 'rename_contact_group', description: 'Rename a contact group.', access: 'write', scope: WRITE, route: 'PATCH /messages/contact-groups/{group_id}' })
export class RenameContactGroup {
  @GroupId() group_id: number;
  @Str('New name', 100) name: string;
}

@Tool({ name: 'delete_contact_group', description: 'Delete a contact group (its contacts stay).', access: 'destructive', gate: 'destructive', scope: WRITE, route: 'DELETE /messages/contact-groups/{group_id}' })
export class DeleteContactGroup {
  @GroupId() group_id: number;
}

@Tool({ name: 'add_group_members', description: 'Add contacts to a group.', access: 'write', scope: WRITE, route: 'POST /messages/contact-groups/{group_id}/members' })
export class AddGroupMembers {
  @GroupId() group_id: number;
  @ContactIds() contact_ids: number[];
}

@Tool({ name: 'remove_group_members', description: 'Remove contacts from a group (the contacts stay).', access: 'write', scope: WRITE, route: 'DELETE /messages/contact-groups/{group_id}/members', jsonBody: true })
export class RemoveGroupMembers {
  @GroupId() group_id: number;
  @ContactIds() contact_ids: number[];
}
