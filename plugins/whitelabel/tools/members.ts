import type { ToolContext, ToolOutcome } from '../../../core/plugin-api.js';
import { ArrayMaxSize, IsEmail, IsInt, IsOptional, IsString, MaxLength, Min, MinLength } from '../../../core/plugin-api.js';
import { Bool, compose, Desc, localFailure, OneOf, Page, PerPage, recipientAllowed, SchemaExtra, Text, Tool } from '../../../core/plugin-api.js';
import { AnyOf, ASSIGNABLE_ROLES, Given, MemberId, ROLES, STATUSES } from './support.js';

const READ = 'members:read';
const WRITE = 'members:write';

/** Access fields of invite and update (the API's limits: 500 domains, 200 permissions of up to 100 characters). */
const DomainIds = () => compose(Given(), IsInt({ each: true }), Min(1, { each: true }), ArrayMaxSize(500), Desc('Domain ids'));
const Permissions = () =>
  compose(Given(), IsString({ each: true }), MinLength(1, { each: true }), MaxLength(100, { each: true }), ArrayMaxSize(200),
    SchemaExtra({ items: { type: 'string' } }), Desc('For role custom'));
const MemberNote = () => compose(IsOptional(), IsString(), MaxLength(120), SchemaExtra({ type: ['string', 'null'] }), Desc('null clears'));
const UPDATABLE = ['role', 'all_domains', 'domain_ids', 'permissions', 'note'];

@Tool({
  name: 'list_white_label_members', keywords: 'team members who is on team', description: 'Team members with role, status and access',
  access: 'read', scope: READ, route: 'GET /white-label/members',
})
export class ListWhiteLabelMembers {
  @Text('Name or email', 255, true) search?: string;
  @OneOf(ROLES, 'Role', true) role?: string;
  @OneOf(STATUSES, 'Status', true) status?: string;
  @Bool('Include removed') include_removed?: boolean;
  @Page() page?: number;
  @PerPage() per_page?: number;
}

@Tool({
  name: 'get_white_label_member', description: 'One member, with the actions allowed now',
  access: 'read', scope: READ, route: 'GET /white-label/members/{member_id}',
})
export class GetWhiteLabelMember {
  @MemberId() member_id: number;
}

@Tool({
  name: 'invite_white_label_member', keywords: 'invite colleague team member manage account', description: 'Email an invitation (one-time URL)',
  access: 'write', gate: 'sending', scope: WRITE, route: 'POST /white-label/members', checkRecipients: ['email'], revealKeys: ['url'],
})
export class InviteWhiteLabelMember {
  @compose(IsEmail({ allow_display_name: false }), MaxLength(255), Desc('Email')) email: string;
  @OneOf(ASSIGNABLE_ROLES, 'Role') role: string;
  @Bool('Every domain, else domain_ids', false) all_domains: boolean;
  @DomainIds() domain_ids?: number[];
  @Permissions() permissions?: string[];
  @MemberNote() note?: string | null;
}

@Tool({
  name: 'update_white_label_member', description: "Change a member's access or note",
  access: 'write', gate: 'destructive', scope: WRITE, route: 'PATCH /white-label/members/{member_id}',
})
export class UpdateWhiteLabelMember {
  @MemberId() @AnyOf(UPDATABLE) member_id: number;
  @OneOf(ASSIGNABLE_ROLES, 'Role', true) role?: string;
  @Bool('All domains') all_domains?: boolean;
  @DomainIds() domain_ids?: number[];
  @Permissions() permissions?: string[];
  @MemberNote() note?: string | null;
}

@Tool({
  name: 'suspend_white_label_member', keywords: 'freeze pause team member access', description: 'Suspend a member; revokes their keys',
  access: 'destructive', gate: 'destructive', scope: WRITE, route: 'POST /white-label/members/{member_id}:suspend', noBody: true,
})
export class SuspendWhiteLabelMember {
  @MemberId() member_id: number;
}

@Tool({
  name: 'resume_white_label_member', description: 'Resume a suspended member (keys stay revoked)',
  access: 'write', gate: 'destructive', scope: WRITE, route: 'POST /white-label/members/{member_id}:resume', noBody: true,
})
export class ResumeWhiteLabelMember {
  @MemberId() member_id: number;
}

@Tool({
  name: 'resend_white_label_invitation', description: 'Email a pending member a new invitation',
  access: 'write', gate: 'sending', scope: WRITE, route: 'POST /white-label/members/{member_id}:resend-invitation', noBody: true, revealKeys: ['url'],
})
export class ResendWhiteLabelInvitation {
  @MemberId() member_id: number;

  async execute(this: ResendWhiteLabelInvitation, ctx: ToolContext): Promise<ToolOutcome> {
    const allow = ctx.config.sendAllow;
    if (allow) {
      // The address is not an argument: read it first, and send nothing to one TREKMAIL_SEND_ALLOW refuses.
      const got = await ctx.request({ method: 'GET', path: `/white-label/members/${encodeURIComponent(this.member_id)}` });
      if (!got.ok) return got;
      const d = got.data as { email?: unknown; data?: { email?: unknown } } | null;
      const email = d?.email ?? d?.data?.email;
      if (typeof email !== 'string' || !recipientAllowed(email, allow)) {
        const who = typeof email === 'string' ? email : `member ${this.member_id} (address unknown)`;
        return localFailure('recipient_not_allowed', `Recipient not allowed by TREKMAIL_SEND_ALLOW: ${who}. Nothing was sent. Ask the user to add it to TREKMAIL_SEND_ALLOW.`);
      }
    }
    return ctx.call();
  }
}

@Tool({
  name: 'remove_white_label_member', keywords: 'remove team member access contractor', description: 'Remove a member; revokes their keys',
  access: 'destructive', gate: 'destructive', confirm: 'confirm_remove', scope: WRITE, route: 'DELETE /white-label/members/{member_id}',
})
export class RemoveWhiteLabelMember {
  @MemberId() member_id: number;
}

@Tool({
  name: 'restore_white_label_member', description: 'Restore a removed member (keys stay revoked)',
  access: 'write', gate: 'destructive', scope: WRITE, route: 'POST /white-label/members/{member_id}:restore', noBody: true,
})
export class RestoreWhiteLabelMember {
  @MemberId() member_id: number;
}
