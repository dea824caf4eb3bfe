import type { Config } from './config.js';
import type { ToolMeta } from './tool.js';

/** A refusal decided before any request: the text tells exactly how to enable the call. */
export interface Refusal {
  code: 'gate_disabled' | 'not_confirmed' | 'declined' | 'recipient_not_allowed' | 'elicitation_unavailable';
  message: string;
}

const GATE_VAR = { destructive: 'TREKMAIL_ALLOW_DESTRUCTIVE', sending: 'TREKMAIL_ALLOW_SENDING', migration: 'TREKMAIL_ALLOW_MIGRATION', purchases: 'TREKMAIL_ALLOW_PURCHASES' } as const;
/** An env gate: the variable that opens it. */
export type EnvGate = keyof typeof GATE_VAR;
const LABEL: Record<EnvGate, string> = {
  destructive: 'Destructive operations are disabled', sending: 'Sending is disabled', migration: 'Migration writes are disabled', purchases: 'Purchases are disabled',
};

/** Mail rule actions that destroy incoming mail. */
const DISCARDING = new Set(['discard', 'reject']);

/**
 * The env gate that applies to this call, if any. Two are conditional: bulk_action's `delete`, and a mail rule
 * whose actions discard or reject mail (it destroys future mail as surely as a delete).
 */
export function gateFor(meta: ToolMeta, args: Record<string, unknown>): EnvGate | undefined {
  if (meta.gate === 'destructive-if-delete') return args.action === 'delete' ? 'destructive' : undefined;
  if (meta.gate === 'destructive-if-discard') {
    const actions = Array.isArray(args.actions) ? args.actions : [];
    return actions.some((a) => a && typeof a === 'object' && DISCARDING.has(String((a as { type?: unknown }).type))) ? 'destructive' : undefined;
  }
  return meta.gate;
}

export function gateVariable(gate: EnvGate): string {
  return GATE_VAR[gate];
}

/** Whether the env variable of a gate is set to true. */
export function gateOpen(gate: EnvGate, cfg: Config): boolean {
  return { destructive: cfg.allowDestructive, sending: cfg.allowSending, migration: cfg.allowMigration, purchases: cfg.allowPurchases }[gate];
}

/** The env gates whose variable is not set (for TREKMAIL_HIDE_GATED_TOOLS and packs enabled by a gate). */
export function closedGates(cfg: Config): Set<EnvGate> {
  return new Set((Object.keys(GATE_VAR) as EnvGate[]).filter((g) => !gateOpen(g, cfg)));
}

/** Env gate first, then the per-call confirmation flag. Undefined means the call may proceed. */
export function checkGates(meta: ToolMeta, args: Record<string, unknown>, cfg: Config, checkConfirm = true): Refusal | undefined {
  const gate = gateFor(meta, args);
  const nothing = meta.gate === 'sending' ? 'Nothing was sent.' : 'No request was sent.';
  if (gate && !gateOpen(gate, cfg)) {
    const variable = GATE_VAR[gate];
    const label = LABEL[gate];
    const then = meta.confirm ? `, then call ${meta.name} with ${meta.confirm}: true` : '';
    return { code: 'gate_disabled', message: `${label}: ${meta.name} needs ${variable}=true in the MCP server's environment (restart the server after setting it)${then}. ${nothing}` };
  }
  if (checkConfirm && meta.confirm && args[meta.confirm] !== true) {
    const label = meta.confirm === 'confirm_send' ? 'Send not confirmed' : 'Not confirmed';
    return { code: 'not_confirmed', message: `${label}: call ${meta.name} again with ${meta.confirm}: true once the details are right. ${nothing}` };
  }
  return undefined;
}

/** Whether a call needs a human (or flag) confirmation: it has a confirm flag or an env gate applies. */
export function needsConfirmation(meta: ToolMeta, args: Record<string, unknown>): boolean {
  // A purchase confirms itself, with the amount it learned (ToolSpec.payment).
  if (meta.payment) return false;
  return !!meta.confirm || gateFor(meta, args) !== undefined;
}
