import type { ToolMeta } from './tool.js';
import { gateFor } from './gates.js';

/** Parameter names that hold recipients, wherever they appear in a call. */
const RECIPIENT_KEYS = new Set(['to', 'cc', 'bcc', 'targets', 'recipients', 'recipient_email']);
/** Mail rule actions whose value is an address mail goes out to. */
const REDIRECTS = new Set(['redirect', 'redirect_copy']);

/**
 * Every recipient address in validated arguments (nested items included, and the targets of redirecting rules).
 * `extra` names further keys that hold recipients for this tool (an invitee's `email`).
 */
export function recipientsOf(args: unknown, extra: readonly string[] = [], key?: string): string[] {
  if (typeof args === 'string') return key && (RECIPIENT_KEYS.has(key) || extra.includes(key)) ? [args] : [];
  if (Array.isArray(args)) return args.flatMap((x) => recipientsOf(x, extra, key));
  if (args && typeof args === 'object') {
    const o = args as Record<string, unknown>;
    const redirect = REDIRECTS.has(String(o.type)) && typeof o.value === 'string' ? [o.value] : [];
    return [...redirect, ...Object.entries(o).flatMap(([k, v]) => recipientsOf(v, extra, k))];
  }
  return [];
}

/** Whether an address passes TREKMAIL_SEND_ALLOW entries (`a@b.com` exact, `b.com` or `@b.com` for a domain). */
export function recipientAllowed(address: string, allow: readonly string[]): boolean {
  const addr = address.trim().toLowerCase();
  const domain = addr.split('@').pop() ?? '';
  return allow.some((a) => {
    const entry = a.trim().toLowerCase();
    if (entry.includes('@') && !entry.startsWith('@')) return entry === addr;
    return entry.replace(/^@/, '') === domain;
  });
}

/** A short, exact summary of what a call will do, for the person asked to approve it. */
export function summarize(meta: ToolMeta, args: Record<string, unknown>, path: string): string {
  const lines = [`Allow the AI agent to run ${meta.name}?`, `Request: ${meta.method} ${path}`];
  const recipients = recipientsOf(args, Array.isArray(meta.checkRecipients) ? meta.checkRecipients : []);
  if (recipients.length) lines.push(`Recipients: ${recipients.join(', ')}`);
  for (const k of ['subject', 'name', 'source_email', 'action', 'scheduled_for', 'email']) {
    if (typeof args[k] === 'string') lines.push(`${k}: ${String(args[k]).slice(0, 120)}`);
  }
  const gate = gateFor(meta, args);
  if (gate === 'sending') lines.push('This sends email; it cannot be recalled.');
  else if (meta.access === 'destructive' || gate === 'destructive') lines.push('This cannot be undone.');
  else if (gate === 'migration') lines.push('This changes a mail migration.');
  return lines.join('\n');
}
