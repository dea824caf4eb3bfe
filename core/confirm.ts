import type { ToolMeta } from './tool.js';
import { gateFor } from './gates.js';
import { INVISIBLE } from './untrusted.js';

/** Parameter names that hold recipients, wherever they appear in a call. */
const RECIPIENT_KEYS = new Set(['to', 'cc', 'bcc', 'targets', 'recipients', 'recipient_email']);
/** Mail rule actions whose value is an address mail goes out to. */
const REDIRECTS = new Set(['redirect', 'redirect_copy']);

/** Recipients by where they stand: the parameter name, or "redirect" for a redirecting mail rule. */
export function recipientsByRole(args: unknown, extra: readonly string[] = []): Map<string, string[]> {
  const roles = new Map<string, string[]>();
  const add = (role: string, a: string) => roles.set(role, [...(roles.get(role) ?? []), a]);
  const walk = (v: unknown, key?: string) => {
    if (typeof v === 'string') {
      if (key && (RECIPIENT_KEYS.has(key) || extra.includes(key))) add(key, v);
    } else if (Array.isArray(v)) v.forEach((x) => walk(x, key));
    else if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if (REDIRECTS.has(String(o.type)) && typeof o.value === 'string') add('redirect', o.value);
      for (const [k, x] of Object.entries(o)) walk(x, k);
    }
  };
  walk(args);
  // An input class may know addresses no parameter holds as such (the redirects inside a Sieve script).
  const own = (args as { recipients?: () => string[] } | null)?.recipients;
  if (typeof own === 'function') for (const a of own.call(args)) add('script', a);
  return roles;
}

/**
 * Every recipient address in validated arguments (nested items included, and the targets of redirecting rules).
 * `extra` names further keys that hold recipients for this tool (an invitee's `email`).
 */
export function recipientsOf(args: unknown, extra: readonly string[] = []): string[] {
  return [...recipientsByRole(args, extra).values()].flat();
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

/**
 * A value the agent chose, as the person is shown it: quoted, on one line (a line break shows as \n, so nothing
 * it holds can pass for a line of ours), without invisible or direction-changing characters, at most 120 characters.
 */
export function shown(v: unknown): string {
  const s = String(v).replace(INVISIBLE, '');
  const cut = s.length > 120 ? `${s.slice(0, 120)}…` : s;
  return JSON.stringify(cut);
}

const ROLE_LABEL: Record<string, string> = {
  to: 'To', cc: 'Cc', bcc: 'Bcc (hidden from the other recipients)', targets: 'Forward to', recipients: 'Deliver to',
  recipient_email: 'Invitation to', redirect: 'Redirect to', script: 'Script sends to', destination: 'Deliver unknown addresses to', email: 'Address',
};

/** A short, exact summary of what a call will do, for the person asked to approve it. */
export function summarize(meta: ToolMeta, args: Record<string, unknown>, path: string): string {
  const lines = [`Allow the AI agent to run ${meta.name}?`, `Request: ${meta.method} ${path}`];
  for (const [role, list] of recipientsByRole(args, Array.isArray(meta.checkRecipients) ? meta.checkRecipients : [])) {
    lines.push(`${ROLE_LABEL[role] ?? role}: ${[...new Set(list)].map(shown).join(', ')}`);
  }
  for (const k of ['subject', 'name', 'source_email', 'action', 'scheduled_for', 'email']) {
    if (typeof args[k] === 'string' && !(Array.isArray(meta.checkRecipients) && meta.checkRecipients.includes(k))) lines.push(`${k}: ${shown(args[k])}`);
  }
  const gate = gateFor(meta, args);
  if (gate === 'sending') lines.push('This sends email; it cannot be recalled.');
  else if (meta.access === 'destructive' || gate === 'destructive') lines.push('This cannot be undone.');
  else if (gate === 'migration') lines.push('This changes a mail migration.');
  return lines.join('\n');
}
