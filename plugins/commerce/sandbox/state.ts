import { DRIVE_ADDON_PRICES, DRIVE_ADDON_STEPS } from '../../../sandbox/account.js';
import type { SandboxEngine } from '../../../sandbox/engine.js';

/**
 * The emulated offer (ai-agents/offer.json in the real API): credit tiers, plan prices, the Drive add-on ladder and
 * White Label, in USD and EUR, amounts as decimal strings. Prices are decided here, never by the caller.
 */
export const OFFER = {
  credits: { 1000: { USD: '10.00', EUR: '9.50' }, 5000: { USD: '40.00', EUR: '38.00' }, 25000: { USD: '150.00', EUR: '142.00' } } as Record<number, Record<string, string>>,
  plans: { pro: { monthly: '49.00', yearly: '490.00' }, agency: { monthly: '199.00', yearly: '1990.00' } } as Record<string, Record<string, string>>,
  // The same ladder drive_addon_pricing shows (USD): a year costs ten months.
  drive: Object.fromEntries(DRIVE_ADDON_STEPS.map((gb, i) => [gb, { monthly: (DRIVE_ADDON_PRICES.USD[i] / 100).toFixed(2), yearly: ((DRIVE_ADDON_PRICES.USD[i] * 10) / 100).toFixed(2) }])) as Record<number, Record<string, string>>,
  whiteLabel: { monthly: '29.00', yearly: '290.00' } as Record<string, string>,
};

/** The payment network the emulated API names in its challenges. */
export const NETWORK = 'stripe';

export interface CommerceState {
  /** Single-use shared payment tokens already spent. */
  spent: Set<string>;
  receipts: number;
  /** Reissued keys: old token → new token (for the audit of the emulation). */
  reissued: Map<string, string>;
}

export const commerceState = (engine: SandboxEngine): CommerceState => engine.store('commerce', () => ({ spent: new Set<string>(), receipts: 1, reissued: new Map() }));

/** The credential of a Payment-Authorization header: `Payment credential="<base64url JSON>"`. */
export interface Credential {
  type: 'spt' | 'pm';
  token: string;
  amount: string;
  currency: string;
}

export function parseCredential(header: string | undefined): Credential | undefined {
  const m = /^Payment credential="([A-Za-z0-9_-]+={0,2})"$/.exec(header ?? '');
  if (!m) return undefined;
  try {
    const c = JSON.parse(Buffer.from(m[1], 'base64url').toString('utf8')) as Partial<Credential>;
    if ((c.type !== 'spt' && c.type !== 'pm') || typeof c.token !== 'string' || typeof c.amount !== 'string' || typeof c.currency !== 'string') return undefined;
    return c as Credential;
  } catch {
    return undefined;
  }
}

/** What a wallet would mint for a challenge (the sandbox's demo wallet; tests and the README use it). */
export function mintCredential(type: 'spt' | 'pm', amount: string, currency: string, token = `${type}_demo_${Math.random().toString(36).slice(2, 12)}`): string {
  return `Payment credential="${Buffer.from(JSON.stringify({ type, token, amount, currency: currency.toLowerCase() })).toString('base64url')}"`;
}
