import {
  Bool, compose, Desc, Int, IsOptional, IsString, Length, localFailure, OneOf, Secret, Tool, type ApiFailure, type ToolContext, type ToolOutcome, type ToolSpec,
} from '../../../core/plugin-api.js';

const SCOPE = 'billing:autopay';
const PERIOD = () => OneOf(['monthly', 'yearly'], 'Period');
const Credential = (kind: string) =>
  compose(IsOptional(), IsString(), Length(10, 8192), Secret(), Desc(`Omit to learn the price; then the wallet's ${kind} for that amount`));
const Confirm = () => Bool('true once the person approved the price');

/** The challenge of a 402: what to authorise. */
interface Price {
  amount: string;
  currency: string;
  network?: string;
  description?: string;
}

/** What a purchase tool shares: the two-call 402 flow, the person's approval of the exact amount, no guessing. */
abstract class Purchase {
  credential?: string;
  confirm_purchase?: boolean;

  /** What is bought, for the person approving it ("1000 verifier credits"). */
  protected abstract label(): string;

  /** The arguments that decide the price (every parameter but the credential and the flag). */
  private key(): string {
    const { credential: _c, confirm_purchase: _f, ...rest } = this as unknown as Record<string, unknown>;
    return JSON.stringify(Object.entries(rest).filter(([, v]) => v !== undefined).sort());
  }

  async execute(this: Purchase, ctx: ToolContext): Promise<ToolOutcome> {
    const { credential: _c, confirm_purchase: _f, ...args } = this as unknown as Record<string, unknown>;
    if (!this.credential) {
      const r = await ctx.call(args);
      if (r.ok) return r;
      const price = challengeOf(r);
      if (!price) return r;
      ctx.state.set(this.key(), price);
      return { ok: true, data: { status: 'payment_required', price, next_step: `Have your wallet mint a credential for exactly ${show(price)}, show the person that amount, then call ${ctx.meta.name} again with the same arguments and credential.` } };
    }
    const price = ctx.state.get(this.key()) as Price | undefined;
    if (!price) {
      return localFailure('price_unknown', `No price is known for this purchase: call ${ctx.meta.name} first without credential; the API answers the exact amount to authorise. Nothing was bought.`, 'Never guess an amount.');
    }
    const asked = await ctx.confirm(`Allow the AI agent to buy ${this.label()} for ${show(price)}?\nThis charges the account's payment method and cannot be undone.`);
    if (asked === 'declined') return localFailure('declined', `The person declined buying ${this.label()} for ${show(price)}. Nothing was bought. Do not retry unless they ask.`);
    if (asked === 'unavailable' && this.confirm_purchase !== true) {
      return localFailure('not_confirmed', `Purchase not confirmed: tell the person "${this.label()} for ${show(price)}" and call again with confirm_purchase: true once they agree. Nothing was bought.`);
    }
    const r = await ctx.call({ ...args, credential: this.credential });
    if (r.ok) {
      ctx.state.delete(this.key());
      return r;
    }
    // A refused credential comes back as a new challenge: keep the price the API states now.
    const again = challengeOf(r);
    if (again) ctx.state.set(this.key(), again);
    return r;
  }
}

function challengeOf(r: ApiFailure): Price | undefined {
  if (r.status !== 402) return undefined;
  const d = r.details ?? {};
  if (typeof d.amount !== 'string' && typeof d.amount !== 'number') return undefined;
  return { amount: String(d.amount), currency: String(d.currency ?? '').toUpperCase(), network: d.network as string | undefined, description: d.description as string | undefined };
}

const show = (p: Price) => `${p.amount} ${p.currency}${p.network ? ` (network ${p.network})` : ''}`;

const purchase: Pick<ToolSpec, 'access' | 'scope' | 'gate' | 'localParams' | 'payment' | 'wire'> = {
  access: 'write', scope: SCOPE, gate: 'purchases', localParams: ['confirm_purchase'], payment: { credential: 'credential' }, wire: { credential: 'header:Payment-Authorization' },
};

@Tool({
  ...purchase, name: 'agent_buy_verifier_credits', keywords: 'buy verification credits purchase', description: 'Buy verification credits: one call learns the price, a second pays',
  route: 'POST /agent/verifier-credits/topup',
})
export class AgentBuyVerifierCredits extends Purchase {
  @Int('A published tier', 1, 10_000_000) quantity: number;
  @compose(IsOptional(), IsString(), Length(3, 3), Desc('ISO code; default: the account\'s')) currency?: string;
  @Credential('spt_ shared payment token') credential?: string;
  @Confirm() confirm_purchase?: boolean;

  protected label(): string {
    return `${this.quantity} verifier credits`;
  }
}

@Tool({
  ...purchase, name: 'agent_subscribe_mail_plan', keywords: 'upgrade plan pro agency subscribe', description: 'Subscribe to the Pro or Agency mail plan; then call agent_reissue_key',
  route: 'POST /agent/subscription',
})
export class AgentSubscribeMailPlan extends Purchase {
  @OneOf(['pro', 'agency'], 'Plan') plan: string;
  @PERIOD() period: string;
  @Credential('pm_ Stripe PaymentMethod') credential?: string;
  @Confirm() confirm_purchase?: boolean;

  protected label(): string {
    return `the ${this.plan} mail plan (${this.period})`;
  }
}

@Tool({ ...purchase, name: 'agent_subscribe_drive_addon', keywords: 'more drive storage buy space', description: 'Subscribe the Drive storage add-on at a published size', route: 'POST /agent/drive-addon' })
export class AgentSubscribeDriveAddon extends Purchase {
  @Int('GB, a published step', 1, 1_000_000) size_gb: number;
  @PERIOD() period: string;
  @Credential('pm_ Stripe PaymentMethod') credential?: string;
  @Confirm() confirm_purchase?: boolean;

  protected label(): string {
    return `the ${this.size_gb} GB Drive add-on (${this.period})`;
  }
}

@Tool({ ...purchase, name: 'agent_subscribe_white_label', keywords: 'sign up white label subscribe', description: 'Subscribe the White Label add-on (no mail plan needed)', route: 'POST /agent/white-label' })
export class AgentSubscribeWhiteLabel extends Purchase {
  @PERIOD() period: string;
  @Credential('pm_ Stripe PaymentMethod') credential?: string;
  @Confirm() confirm_purchase?: boolean;

  protected label(): string {
    return `White Label (${this.period})`;
  }
}
