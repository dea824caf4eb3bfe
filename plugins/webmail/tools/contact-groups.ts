import { compose, Desc, Tool } from '../../../core/plugin-api.js';
import { Id, Int, Page } from '../../../core/plugin-api.js';
import { ArrayMinSize, IsArray, IsInt, Min } from '../../../core/plugin-api.js';
import { READ, Str, WRITE } from './params.js';

const GroupId = () => Id('Group');
// The API sets no upper bound on one call's list.
const ContactIds = () => compose(IsArray(), IsInt({ each: true }), Min(1, { each: true }), ArrayMinSize(1), Desc('From list_contacts'));
const GroupName = (desc: string) => Str(desc, 100);

@Tool({ name: 'list_contact_groups', description: 'Contact groups with their members', access: 'read', scope: READ, route: 'GET /messages/contact-groups' })
export class ListContactGroups {}

@Tool({ name: 'list_contact_group_members', keywords: 'who is in group members', description: 'The contacts of one group, a page at a time', access: 'read', scope: READ, route: 'GET /messages/contact-groups/{group_id}/members' })
export class ListContactGroupMembers {
  @GroupId() group_id: number;
  @Page() page?: number;
  @Int('Default 50', 1, 100, true) per_page?: number;
}

@Tool({ name: 'create_contact_group', keywords: 'contact group list board', description: 'Create an empty contact group', access: 'write', scope: WRITE, route: 'POST /messages/contact-groups' })
export class CreateContactGroup {
  @GroupName('Group name') group_name: string;
}

@Tool({
  name: 'rename_contact_group', description: 'Rename a contact group', access: 'write', scope: WRITE, route: 'PATCH /messages/contact-groups/{group_id}',
  aliases: ['update_contact_group'],
})
export class RenameContactGroup {
  @GroupId() group_id: number;
  @GroupName('Group name') group_name: string;
}

@Tool({ name: 'delete_contact_group', description: 'Delete a contact group (its contacts stay)', access: 'destructive', gate: 'destructive', scope: WRITE, route: 'DELETE /messages/contact-groups/{group_id}' })
export class DeleteContactGroup {
  @GroupId() group_id: number;
}

@Tool({
  name: 'add_group_members', keywords: 'add people to group', description: 'Add contacts to a group', access: 'write', scope: WRITE, route: 'POST /messages/contact-groups/{group_id}/members',
  aliases: ['add_contact_group_members'],
})
export class AddGroupMembers {
  @GroupId() group_id: number;
  @ContactIds() contact_ids: number[];
}

@Tool({
  name: 'remove_group_members', description: 'Remove contacts from a group (the contacts stay)', access: 'write', scope: WRITE,
  route: 'DELETE /messages/contact-groups/{group_id}/members', jsonBody: true, aliases: ['remove_contact_group_members'],
})
export class RemoveGroupMembers {
  @GroupId() group_id: number;
  @ContactIds() contact_ids: number[];
}
