import type { Client as V2Client } from '@modelcontextprotocol/client';
import { expect } from 'chai';
import { CommercePack } from '../plugins/commerce/commerce.plugin.js';
import { FixturePack } from './fixtures/tools.js';
import { api, harness, v2Client, type Harness } from './harness.js';

const PIN = { versionNegotiation: { mode: { pin: '2026-07-28' } } } as const;
const APPROVE = { action: 'accept', content: { approve: true } };
type Raw = { resultType?: string; inputRequests?: Record<string, { method: string; params: { message: string; requestedSchema: unknown } }>; requestState?: string; isError?: boolean; content?: { text: string }[] };

/**
 * The person's confirmation on 2026-07-28 (input_required rounds), driven by hand: what the server asks, what its
 * request state binds, and that nothing is sent before an approval of exactly this call.
 */
describe('confirmation rounds on 2026-07-28 (input_required, signed request state)', () => {
  let h: Harness;
  let client: V2Client;
  let close: () => Promise<void>;
  before(async () => {
    h = await harness(FixturePack, { TREKMAIL_ALLOW_DESTRUCTIVE: 'true' });
    ({ client, close } = await v2Client(h.runtime, { ...PIN, capabilities: { elicitation: { form: {} } }, inputRequired: { autoFulfill: false } }));
    client.setRequestHandler('elicitation/create', async () => ({ action: 'cancel' }) as never);
  });
  after(() => close());
  const call = (params: Record<string, unknown>) => client.callTool(params as never, { allowInputRequired: true }) as Promise<Raw>;

  it('a gated call answers input_required with the approval form and sends nothing', async () => {
    const r = await call({ name: 'fx_delete', arguments: { thing_id: 5 } });
    expect(r.resultType).to.equal('input_required');
    const ask = r.inputRequests!.confirm!;
    expect(ask.method).to.equal('elicitation/create');
    expect(ask.params.message).to.contain('fx_delete').and.contain('DELETE /things/5');
    expect(ask.params.requestedSchema).to.deep.include({ required: ['approve'] });
    expect(r.requestState).to.be.a('string');
  });

  it('the approval sends the request exactly once; a decline or an unticked accept sends nothing', async () => {
    const first = await call({ name: 'fx_delete', arguments: { thing_id: 5 } });
    const declined = await call({ name: 'fx_delete', arguments: { thing_id: 5 }, inputResponses: { confirm: { action: 'decline' } }, requestState: first.requestState });
    expect(declined.isError).to.equal(true);
    expect(declined.content![0].text).to.match(/^The user declined fx_delete/);
    const unticked = await call({ name: 'fx_delete', arguments: { thing_id: 5 }, inputResponses: { confirm: { action: 'accept', content: { approve: false } } }, requestState: first.requestState });
    expect(unticked.isError).to.equal(true);
    const scope = api().delete('/api/v1/things/5').once().reply(200, { deleted: true });
    const ok = await call({ name: 'fx_delete', arguments: { thing_id: 5 }, inputResponses: { confirm: APPROVE }, requestState: first.requestState });
    expect(ok.isError, ok.content?.[0]?.text).to.not.equal(true);
    expect(ok.resultType).to.equal(undefined);
    expect(scope.isDone()).to.equal(true);
  });

  it('an approval never carries over to other arguments or another tool: the person is asked again', async () => {
    const first = await call({ name: 'fx_delete', arguments: { thing_id: 5 } });
    const other = await call({ name: 'fx_delete', arguments: { thing_id: 6 }, inputResponses: { confirm: APPROVE }, requestState: first.requestState });
    expect(other.resultType).to.equal('input_required');
    expect(other.inputRequests!.confirm!.params.message).to.contain('DELETE /things/6');
    const tool = await call({ name: 'fx_password', arguments: { thing_id: 5, password: 'S3cure-pass-1234' }, inputResponses: { confirm: APPROVE }, requestState: first.requestState });
    expect(tool.resultType).to.equal('input_required');
    // An answer without the state of its question is no approval either.
    const bare = await call({ name: 'fx_delete', arguments: { thing_id: 5 }, inputResponses: { confirm: APPROVE } });
    expect(bare.resultType).to.equal('input_required');
  });

  it('a forged or altered request state is refused before anything runs', async () => {
    const first = await call({ name: 'fx_delete', arguments: { thing_id: 5 } });
    const s = first.requestState!;
    const altered = s.slice(0, -4) + (s.endsWith('AAAA') ? 'BBBB' : 'AAAA');
    for (const requestState of [altered, 'forged', Buffer.from(JSON.stringify({ tool: 'fx_delete', answers: [{ ok: true }] })).toString('base64url')]) {
      const err = await call({ name: 'fx_delete', arguments: { thing_id: 5 }, inputResponses: { confirm: APPROVE }, requestState }).then(() => undefined, (e: Error) => e);
      expect(err?.message).to.contain('Invalid or expired requestState');
    }
  });

  it('a client that declares no elicitation gets no input_required: the gates and confirm flags decide (TREKMAIL_CONFIRM=auto)', async () => {
    const plain = await v2Client(h.runtime, { ...PIN, inputRequired: { autoFulfill: false } });
    try {
      const scope = api().delete('/api/v1/things/7').once().reply(200, { deleted: true });
      const r = (await plain.client.callTool({ name: 'fx_delete', arguments: { thing_id: 7 } }, { allowInputRequired: true })) as Raw;
      expect(r.resultType).to.equal(undefined);
      expect(r.isError, r.content?.[0]?.text).to.not.equal(true);
      expect(scope.isDone()).to.equal(true);
      const flagless = (await plain.client.callTool({ name: 'fx_cancel', arguments: { id: 3 } }, { allowInputRequired: true })) as Raw;
      expect(flagless.resultType).to.equal(undefined);
      expect(flagless.content![0].text).to.contain('confirm_cancel');
    } finally {
      await plain.close();
    }
  });
});

describe('purchases on 2026-07-28: the price is learned, then the person approves that amount (auto-fulfilled rounds)', () => {
  it('declining buys nothing; approving pays once', async () => {
    const h = await harness(CommercePack, { TREKMAIL_ALLOW_PURCHASES: 'true' });
    const asked: string[] = [];
    const answers = [{ action: 'decline' }, APPROVE];
    const { client, close } = await v2Client(h.runtime, { ...PIN, capabilities: { elicitation: { form: {} } } });
    client.setRequestHandler('elicitation/create', async (req) => {
      asked.push(String((req.params as { message: string }).message));
      return answers.shift() as never;
    });
    try {
      const challenge = { error: { code: 'payment_required', message: 'Payment required' }, amount: '40.00', currency: 'usd', network: 'stripe' };
      api().post('/api/v1/agent/verifier-credits/topup', { quantity: 5000 }).reply(402, challenge);
      const priced = (await client.callTool({ name: 'agent_buy_verifier_credits', arguments: { quantity: 5000 } })) as any;
      expect(priced.structuredContent?.status, JSON.stringify(priced).slice(0, 300)).to.equal('payment_required');
      const credential = 'Payment credential="eyJ0eXBlIjoic3B0In0"';
      const no = (await client.callTool({ name: 'agent_buy_verifier_credits', arguments: { quantity: 5000, credential } })) as any;
      expect(no.isError).to.equal(true);
      expect(no.content[0].text).to.contain('Nothing was bought');
      const scope = api().post('/api/v1/agent/verifier-credits/topup', { quantity: 5000 }).matchHeader('payment-authorization', credential).once().reply(201, { status: 'completed', credits_added: 5000 });
      const yes = (await client.callTool({ name: 'agent_buy_verifier_credits', arguments: { quantity: 5000, credential } })) as any;
      expect(yes.structuredContent?.credits_added, JSON.stringify(yes).slice(0, 300)).to.equal(5000);
      expect(scope.isDone()).to.equal(true);
      expect(asked).to.have.length(2);
      expect(asked[1]).to.contain('40.00');
    } finally {
      await close();
    }
  });
});
