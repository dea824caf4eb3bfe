import { PLANS, type Plan } from './config.js';
import { gateVariable } from './gates.js';
import type { PackSpec, TokenKind } from './pack.js';
import type { ToolMeta, TransportName } from './tool.js';

/** What one configured token can do, as learned at start. Unknown fields mean "not known": the API decides. */
export interface TokenCaps {
  plan?: Plan;
  /** Effective scopes; undefined when discovery was skipped or failed. */
  scopes?: ReadonlySet<string>;
  /** Free-form facts for --list-tools (mailbox address, account name). */
  label?: string;
}

export interface Capabilities {
  ops?: TokenCaps;
  message?: TokenCaps;
}

export interface Decision {
  ok: boolean;
  reasons: string[];
}

export const planRank = (p: Plan): number => PLANS.indexOf(p);

/** True when `held` satisfies `wanted` (`a|b` = either, `a&b` = both; `prefix:*` in wanted matches the family). */
export function scopeHeld(wanted: string, held: ReadonlySet<string> | undefined): boolean {
  if (!held) return true;
  if (wanted.includes('&') && !wanted.includes('|')) return wanted.split('&').every((w) => scopeHeld(w, held));
  return wanted.split('|').some((w) => {
    if (w.endsWith(':*')) {
      const prefix = w.slice(0, -1);
      for (const h of held) if (h.startsWith(prefix)) return true;
      return false;
    }
    return held.has(w);
  });
}

const tokenVar = (t: TokenKind) => (t === 'ops' ? 'TREKMAIL_API_TOKEN' : 'TREKMAIL_MESSAGE_TOKEN');

/** What the user chose to expose (transport, TREKMAIL_TOOLSETS, read-only, hidden gates). */
export interface Selection {
  transport: TransportName;
  /** Pack ids, area names and pack/area names; undefined = everything. */
  toolsets?: ReadonlySet<string>;
  readOnly?: boolean;
  /** Env gates that are off and whose tools are to be left out of the list. */
  hiddenGates?: ReadonlySet<string>;
  /** Env gates that are off (a pack enabled by one of them does not load). */
  closedGates?: ReadonlySet<string>;
}

/** Whether a pack loads, and why (pure). */
export function decidePack(pack: PackSpec, caps: Capabilities, sel?: Selection): Decision {
  if (sel?.toolsets && !sel.toolsets.has(pack.id) && !(pack.areas ?? []).some((a) => sel.toolsets!.has(a) || sel.toolsets!.has(`${pack.id}/${a}`))) {
    return { ok: false, reasons: ['not selected by TREKMAIL_TOOLSETS'] };
  }
  if (pack.token === 'none') return { ok: true, reasons: [] };
  if (pack.enabledBy && (!sel?.closedGates || sel.closedGates.has(pack.enabledBy.gate))) {
    return { ok: false, reasons: [`off unless ${gateVariable(pack.enabledBy.gate)}=true (${pack.enabledBy.why})`] };
  }
  const tok = caps[pack.token];
  if (!tok) return { ok: false, reasons: [`needs ${tokenVar(pack.token)}`] };
  const reasons: string[] = [];
  if (tok.plan && planRank(tok.plan) < planRank(pack.minPlan)) {
    reasons.push(`needs the ${cap(pack.minPlan)} plan or higher, account is ${cap(tok.plan)}`);
  }
  if (tok.scopes && !pack.scopes.some((s) => scopeHeld(s, tok.scopes))) {
    reasons.push(`token holds none of its scopes (${pack.scopes.join(', ')})`);
  }
  return { ok: reasons.length === 0, reasons };
}

/** Whether one tool of a loaded pack registers, and why not (pure). */
export function decideTool(tool: ToolMeta, pack: PackSpec, caps: Capabilities, sel: Selection, area = pack.id): Decision {
  const tok = pack.token === 'none' ? undefined : caps[pack.token];
  const reasons: string[] = [];
  if (sel.toolsets && !sel.toolsets.has(pack.id) && !sel.toolsets.has(area) && !sel.toolsets.has(`${pack.id}/${area}`)) reasons.push(`area ${area} not selected by TREKMAIL_TOOLSETS`);
  if (sel.readOnly && tool.access !== 'read') reasons.push('read-only mode (TREKMAIL_READ_ONLY)');
  if (tool.gate && !tool.gate.startsWith('destructive-if-') && sel.hiddenGates?.has(tool.gate)) reasons.push(`hidden while its gate is off (TREKMAIL_HIDE_GATED_TOOLS)`);
  if (!scopeHeld(tool.scope, tok?.scopes)) reasons.push(`token lacks scope ${tool.scope.split('|').join(' or ').split('&').join(' and ')}`);
  if (tool.access !== 'read' && tok?.plan && planRank(tok.plan) < planRank(pack.writePlan ?? 'pro')) {
    reasons.push(`writes need the ${cap(pack.writePlan ?? 'pro')} plan or higher, account is ${cap(tok.plan)}`);
  }
  if (tool.transports && !tool.transports.includes(sel.transport)) reasons.push(`not available over ${sel.transport}`);
  return { ok: reasons.length === 0, reasons };
}

const cap = (s: string) => s[0].toUpperCase() + s.slice(1);
