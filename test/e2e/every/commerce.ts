import { expect } from 'chai';
import { mintCredential } from '../../../plugins/commerce/sandbox/state.js';
import type { Result, Scenario } from './steps.js';

/** The price a first call learned, as the wallet needs it. */
const priceOf = (r: Result) => r.structuredContent.price as { amount: string; currency: string };

/**
 * Every commerce tool through the protocol (purchases on, confirmation by flag): each purchase learns its price
 * from the 402, pays with a credential minted for exactly that, and its effect shows in a read tool.
 */
export const SCENARIOS: Scenario[] = [
  {
    name: 'credits, a mail plan and the Drive add-on bought in two calls each; White Label already active; the demo key is not an agent key',
    steps: [
      { tool: 'verify_credits', check: (r, c) => void (c.saved.credits = r.structuredContent.credits_remaining) },
      {
        tool: 'agent_buy_verifier_credits', args: { quantity: 1000 },
        check: (r, c) => {
          expect(r.structuredContent.status).to.equal('payment_required');
          expect(priceOf(r)).to.deep.include({ amount: '10.00', currency: 'USD' });
          c.saved.spt = mintCredential('spt', priceOf(r).amount, priceOf(r).currency);
        },
        verify: { tool: 'verify_credits', check: (r, c) => expect(r.structuredContent.credits_remaining).to.equal(c.saved.credits) },
      },
      { tool: 'agent_buy_verifier_credits', args: (c) => ({ quantity: 1000, credential: c.saved.spt }), error: /Purchase not confirmed.*1000 verifier credits for 10\.00 USD/s },
      {
        tool: 'agent_buy_verifier_credits', args: (c) => ({ quantity: 1000, credential: c.saved.spt, confirm_purchase: true }),
        check: (r) => expect(r.structuredContent).to.include({ status: 'completed', credits_added: 1000 }),
        verify: { tool: 'verify_credits', check: (r, c) => expect(r.structuredContent.credits_remaining).to.equal(c.saved.credits + 1000) },
      },
      { tool: 'agent_subscribe_mail_plan', args: { plan: 'agency', period: 'yearly' }, check: (r, c) => void (c.saved.plan = mintCredential('pm', priceOf(r).amount, priceOf(r).currency)) },
      {
        tool: 'agent_subscribe_mail_plan', args: (c) => ({ plan: 'agency', period: 'yearly', credential: c.saved.plan, confirm_purchase: true }),
        check: (r) => expect(r.structuredContent).to.include({ status: 'active', plan: 'agency', amount_charged: '1990.00' }),
      },
      { tool: 'agent_subscribe_drive_addon', args: { size_gb: 1000, period: 'monthly' }, check: (r, c) => void (c.saved.drive = mintCredential('pm', priceOf(r).amount, priceOf(r).currency)) },
      {
        tool: 'agent_subscribe_drive_addon', args: (c) => ({ size_gb: 1000, period: 'monthly', credential: c.saved.drive, confirm_purchase: true }),
        verify: { tool: 'drive_addon_get', check: (r) => expect(r.structuredContent).to.include({ active: true, size_gb: 1000 }) },
      },
      { tool: 'agent_subscribe_white_label', args: { period: 'monthly' }, error: /HTTP 409, already_subscribed/ },
      { tool: 'agent_reissue_key', error: /HTTP 403, not_agent_key/ },
    ],
  },
];
