import type { Plan } from '../core/config.js';

/** Every ops-token scope of the TrekMail API v1. */
export const OPS_SCOPES = [
  'account:read', 'billing:read',
  'domains:read', 'domains:create', 'domains:write', 'domains:delete', 'domains:dns:read', 'domains:dns:recheck',
  'mailboxes:read', 'mailboxes:create', 'mailboxes:write', 'mailboxes:delete', 'mailboxes:invites:create',
  'mailboxes:forwarding:read', 'mailboxes:forwarding:write', 'mailboxes:rules:read', 'mailboxes:rules:write',
  'mailboxes:auto-reply:read', 'mailboxes:auto-reply:write', 'mailboxes:message-tokens:manage',
  'smtp:read', 'smtp:write', 'tickets:read', 'tickets:write', 'migrations:read', 'migrations:write',
  'verify:read', 'verify:write', 'cloudflare:read', 'cloudflare:write', 'cloudflare:delete',
  'drive:account:read', 'drive:account:write', 'drive:account:share', 'drive:account:purge',
  'drive:mailbox:read', 'drive:mailbox:write', 'drive:mailbox:share', 'drive:mailbox:purge',
  'drive:addon:read', 'drive:devices:read', 'drive:devices:write',
  'branding:read', 'branding:write', 'members:read', 'members:write', 'activity:read', 'billing:autopay',
] as const;

export const MESSAGE_SCOPES = ['messages:read', 'messages:write', 'messages:send'] as const;

const isRead = (s: string) => s.endsWith(':read');

/** What a token created on each plan may hold (TrekMail's scope reference). */
export function scopesFor(kind: 'ops' | 'message', plan: Plan): string[] {
  if (kind === 'message') return plan === 'nano' ? [] : plan === 'starter' ? ['messages:read'] : [...MESSAGE_SCOPES];
  if (plan === 'nano') return ['verify:read', 'verify:write'];
  if (plan === 'starter') return OPS_SCOPES.filter((s) => isRead(s) || s.startsWith('verify:'));
  return [...OPS_SCOPES];
}

/** Scopes of an agent-signup key on Nano: the verifier, and buying (the key agent_reissue_key exchanges). */
export const AGENT_SCOPES = ['verify:read', 'verify:write', 'billing:autopay'];

/** Scopes of a Drive-only ops token. */
export const DRIVE_ONLY_SCOPES = OPS_SCOPES.filter((s) => s.startsWith('drive:'));
