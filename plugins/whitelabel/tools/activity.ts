import { Int, Page, PerPage, SchemaExtra, Text, Tool } from '../../../core/plugin-api.js';
import { MemberId } from './support.js';

@Tool({
  name: 'list_white_label_activity', keywords: 'access history team changes', description: 'Access history: invites, changes, removals',
  access: 'read', scope: 'activity:read', route: 'GET /white-label/activity',
})
export class ListWhiteLabelActivity {
  @Text('Exact action name', 64, true) @SchemaExtra({ maxLength: undefined }) action?: string;
  @MemberId(true) member_id?: number;
  @Page() page?: number;
  @PerPage() per_page?: number;
}

@Tool({
  name: 'get_white_label_member_activity', keywords: 'what did member do recently activity', description: "A member's recent actions and sign-ins",
  access: 'read', scope: 'activity:read&members:read', route: 'GET /white-label/members/{member_id}/activity',
})
export class GetWhiteLabelMemberActivity {
  @MemberId() member_id: number;
  @Int('Rows per section', 1, 100, true) limit?: number;
}
