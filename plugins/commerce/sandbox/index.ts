import { randomBytes } from 'node:crypto';
import { demoAccount } from '../../../sandbox/account.js';
import { invalid, reply, SbError, type SandboxEngine, type SbRequest } from '../../../sandbox/engine.js';
import { scopesFor } from '../../../sandbox/scopes.js';
import { commerceState, NETWORK, OFFER, parseCredential } from './state.js';

const OPTS = { writePlan: 'nano' as const };
const PERIOD = 'monthly|yearly';

/**
 * Agent purchases (Machine Payments): the first call, without Payment-Authorization, answers 402 with the exact
 * amount, currency and network; the second carries a credential minted for exactly that (a single-use shared
 * payment token `spt_` for credits, a Stripe PaymentMethod `pm_` for subscriptions). A token containing "declined"
 * is refused by the network. Purchases entitle the account; agent_reissue_key exchanges an agent-signup key.
 */
export default function register(engine: SandboxEngine): void {
  const s = commerceState(engine);
  const account = () => demoAccount(engine).subscriptions;

  /** The 402 challenge, or the checked credential: one place decides what a purchase costs and how it is paid. */
  const pay = (req: SbRequest, amount: string, currency: string, kind: 'spt' | 'pm', description: string) => {
    const header = req.headers['payment-authorization'];
    const challenge = { amount, currency: currency.toLowerCase(), network: NETWORK, method: kind === 'spt' ? 'shared_payment_token' : 'payment_method', description };
    if (header === undefined) throw new SbError(402, 'payment_required', `Payment required: authorise ${amount} ${currency} for ${description}`, challenge, 'Mint a credential for exactly this amount and repeat the call with it in Payment-Authorization.');
    const c = parseCredential(Array.isArray(header) ? header[0] : header);
    if (!c) throw new SbError(402, 'invalid_credential', 'Payment-Authorization must be Payment credential="<base64url JSON>"', challenge);
    if (c.type !== kind || !c.token.startsWith(`${kind}_`)) {
      throw new SbError(402, 'wrong_credential_type', kind === 'spt' ? 'Credits take a shared payment token (spt_)' : 'Subscriptions take a Stripe PaymentMethod (pm_); a shared payment token cannot back recurring billing', challenge);
    }
    if (c.amount !== amount || c.currency.toLowerCase() !== challenge.currency) {
      throw new SbError(402, 'amount_mismatch', `The credential authorises ${c.amount} ${c.currency}, the price is ${amount} ${currency}`, challenge);
    }
    if (c.token.includes('declined')) throw new SbError(402, 'payment_declined', 'The payment network declined the credential', challenge);
    if (kind === 'spt') {
      if (s.spent.has(c.token)) throw new SbError(402, 'credential_used', 'This shared payment token was already spent (single use)', challenge);
      s.spent.add(c.token);
    }
    return { receipt_id: `rcpt_${String(s.receipts++).padStart(5, '0')}`, amount_charged: amount, currency: currency.toUpperCase() };
  };

  engine.route('POST', '/agent/verifier-credits/topup', 'billing:autopay', (req) => {
    const { quantity, currency = 'USD' } = req.body as { quantity: number; currency?: string };
    const tier = OFFER.credits[quantity];
    if (!tier) throw invalid({ quantity: `must be a published tier: ${Object.keys(OFFER.credits).join(', ')}` });
    const cur = currency.toUpperCase();
    if (!tier[cur]) throw invalid({ currency: `must be one of ${Object.keys(tier).join(', ')}` });
    const paid = pay(req, tier[cur], cur, 'spt', `${quantity} verifier credits`);
    account().credits += quantity;
    return reply({ status: 201, body: { status: 'completed', credits_added: quantity, credits_remaining: account().credits, ...paid } });
  }, { ...OPTS, accepts: { body: { quantity: 'int(1..)', currency: 'string(3..3)?' } } });

  engine.route('POST', '/agent/subscription', 'billing:autopay', (req) => {
    const { plan, period } = req.body as { plan: 'pro' | 'agency'; period: string };
    const a = account();
    if (a.mailPlan?.plan === plan && a.mailPlan.period === period) throw new SbError(409, 'already_subscribed', `The account already has the ${plan} plan (${period})`);
    const paid = pay(req, OFFER.plans[plan][period], 'USD', 'pm', `the ${plan} mail plan (${period})`);
    a.mailPlan = { plan, period: period as 'monthly' | 'yearly', started: engine.now() };
    return reply({ status: 201, body: { status: 'active', plan, period, ...paid, next_step: 'The account has the plan now; the key that bought it has not: call agent_reissue_key.' } });
  }, { ...OPTS, accepts: { body: { plan: 'pro|agency', period: PERIOD } } });

  engine.route('POST', '/agent/drive-addon', 'billing:autopay', (req) => {
    const { size_gb, period } = req.body as { size_gb: number; period: 'monthly' | 'yearly' };
    const price = OFFER.drive[size_gb];
    if (!price) throw invalid({ size_gb: `must be a published step: ${Object.keys(OFFER.drive).join(', ')}` });
    const addon = account().driveAddon;
    if (addon.active && addon.size_gb === size_gb && addon.period === period) throw new SbError(409, 'already_subscribed', `The Drive add-on is already ${size_gb} GB (${period})`);
    const paid = pay(req, price[period], 'USD', 'pm', `the ${size_gb} GB Drive add-on (${period})`);
    Object.assign(addon, { active: true, size_gb, period, started: engine.now() });
    return reply({ status: 201, body: { status: 'active', size_gb, period, ...paid } });
  }, { ...OPTS, accepts: { body: { size_gb: 'int(1..)', period: PERIOD } } });

  engine.route('POST', '/agent/white-label', 'billing:autopay', (req) => {
    const { period } = req.body as { period: 'monthly' | 'yearly' };
    const wl = account().whiteLabel;
    if (wl.active) throw new SbError(409, 'already_subscribed', 'White Label is already active on this account', { period: wl.period });
    const paid = pay(req, OFFER.whiteLabel[period], 'USD', 'pm', `White Label (${period})`);
    Object.assign(wl, { active: true, period, started: engine.now() });
    return reply({ status: 201, body: { status: 'active', period, ...paid } });
  }, { ...OPTS, accepts: { body: { period: PERIOD } } });

  engine.route('POST', '/agent/key/reissue', 'billing:autopay', (req) => {
    if (!req.token.agentKey) {
      throw new SbError(403, 'not_agent_key', 'Only a key issued through agent signup can be reissued', {}, 'A connector a person authorised must be re-authorised by that person in the dashboard.');
    }
    const plan = account().mailPlan?.plan ?? req.token.plan;
    const token = `tm_live_agent_${randomBytes(12).toString('hex')}`;
    const scopes = [...new Set([...scopesFor('ops', plan), 'billing:autopay'])];
    engine.addToken({ token, kind: 'ops', plan, scopes: new Set(scopes), label: `ops:agent:${plan}`, agentKey: true });
    // The old key stops at once.
    engine.tokens.delete(req.token.token);
    s.reissued.set(req.token.token, token);
    return { status: 'reissued', api_token: token, plan, scopes, old_key_revoked: true };
  }, { ...OPTS, accepts: { body: false } });
}
