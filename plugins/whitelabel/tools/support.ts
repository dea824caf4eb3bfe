import { Id, ValidateBy, ValidateIf } from '../../../core/plugin-api.js';

/** Parameter shapes every White Label area shares (not an area: it declares no tool). */
export const MemberId = (optional = false) => Id('Member', optional);
export const DomainId = () => Id('Domain');
/** Optional but not nullable: a given value must pass the other rules (IsOptional would let null through to the API). */
export const Given = () => ValidateIf((_o: object, v: unknown) => v !== undefined);

/** Roles a member can be given (invite, update); the list filter also knows the owner's and retired roles. */
export const ASSIGNABLE_ROLES = ['client', 'webmail_only', 'domain_admin', 'mailbox_operator', 'read_only', 'custom'] as const;
export const ROLES = ['owner', 'account_manager', 'domain_admin', 'client', 'webmail_only', 'mailbox_operator', 'support_agent', 'billing_manager', 'read_only', 'custom'] as const;
export const STATUSES = ['pending', 'active', 'suspended', 'revoked'] as const;

/**
 * A partial update must change something: reported on the decorated (required) property, naming the fields.
 * The API would refuse an empty change anyway; refusing here saves the request.
 */
export const AnyOf = (fields: string[]) =>
  ValidateBy({
    name: 'anyOf',
    validator: {
      validate: (_v, args) => fields.some((f) => (args?.object as Record<string, unknown>)[f] !== undefined),
      defaultMessage: () => `give at least one of ${fields.join(', ')}`,
    },
  });
