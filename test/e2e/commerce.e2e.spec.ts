import { ElicitRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mintCredential } from '../../plugins/commerce/sandbox/state.js';
import type { Sandbox } from '../../sandbox/server.js';
import { connect, ENTRY, sandbox, type Session } from '../e2e.js';

type Answer = { action: 'accept' | 'decline'; content?: { approve: boolean } };

/** Agent purchases end to end: off by default, the 402 round trip over stdio, the person deciding, the key swap. */
describe('e2e: purchases (commerce pack, ops:agent key, stdio, sandbox)', function () {
  this.timeout(30_000);
  let sb: Sandbox;
  before(async () => {
    sb = await sandbox();
  });
  after(() => sb?.close());

  it('with TREKMAIL_ALLOW_PURCHASES unset the pack is not loaded, no purchase tool exists, and --list-tools says why', async () => {
    const env = { PATH: process.env.PATH ?? '', TREKMAIL_BASE_URL: sb.url, TREKMAIL_API_TOKEN: sb.allTokens['ops:agent']! };
    const run = (args: string[]) => promisify(execFile)(process.execPath, [ENTRY, ...args], { env });
    const report = JSON.parse((await run(['--list-tools', '--json'])).stdout);
    const commerce = report.packs.find((p: { id: string }) => p.id === 'commerce');
    expect(commerce.decision).to.deep.equal({ ok: false, reasons: ['off unless TREKMAIL_ALLOW_PURCHASES=true (it spends money)'] });
    expect(report.tools.filter((t: string) => t.startsWith('agent_'))).to.deep.equal([]);
    expect((await run(['--list-tools'])).stdout).to.contain('✗ commerce: not loaded: off unless TREKMAIL_ALLOW_PURCHASES=true');
  });

  describe('with TREKMAIL_ALLOW_PURCHASES=true and a client that can ask the person', () => {
    let s: Session;
    const asked: string[] = [];
    const answers: Answer[] = [];
    before(async () => {
      s = await connect(sb, ['ops:agent'], { TREKMAIL_ALLOW_PURCHASES: 'true', TREKMAIL_ALLOW_DESTRUCTIVE: 'true' }, [], { elicitation: {} });
      s.client.setRequestHandler(ElicitRequestSchema, async (req) => {
        asked.push(String(req.params.message));
        return answers.shift() ?? { action: 'decline' };
      });
    });
    after(() => s?.close());
    const credits = async () => (await s.call('verify_credits')).structuredContent.credits_remaining as number;

    it('lists the purchase tools of a Nano agent key beside the verifier', async () => {
      const names = (await s.client.listTools()).tools.map((t) => t.name);
      expect(names.filter((n) => n.startsWith('agent_')).sort()).to.deep.equal(['agent_buy_verifier_credits', 'agent_reissue_key', 'agent_subscribe_drive_addon', 'agent_subscribe_mail_plan', 'agent_subscribe_white_label']);
    });

    it('walks one purchase through the 402 round trip: price first, the person declines (nothing bought), then approves', async () => {
      const start = await credits();
      const first = await s.call('agent_buy_verifier_credits', { quantity: 5000 });
      expect(first.structuredContent).to.deep.include({ status: 'payment_required', price: { amount: '40.00', currency: 'USD', network: 'stripe', description: '5000 verifier credits' } });
      const credential = mintCredential('spt', '40.00', 'usd');
      answers.push({ action: 'decline' });
      const declined = await s.call('agent_buy_verifier_credits', { quantity: 5000, credential });
      expect(declined.isError).to.equal(true);
      expect(declined.content[0].text).to.contain('The person declined').and.contain('Nothing was bought');
      expect(asked.at(-1)).to.contain('buy 5000 verifier credits for 40.00 USD (network stripe)');
      expect(await credits()).to.equal(start);
      answers.push({ action: 'accept', content: { approve: true } });
      const paid = await s.call('agent_buy_verifier_credits', { quantity: 5000, credential });
      expect(paid.structuredContent).to.include({ status: 'completed', credits_added: 5000 });
      expect(await credits()).to.equal(start + 5000);
      expect(JSON.stringify(paid)).not.to.contain(credential.slice(20, 60));
    });

    it('after buying a plan, agent_reissue_key swaps the key in this process at once; the old key is revoked', async () => {
      const plan = await s.call('agent_subscribe_mail_plan', { plan: 'pro', period: 'monthly' });
      const credential = mintCredential('pm', plan.structuredContent.price.amount, 'usd');
      answers.push({ action: 'accept', content: { approve: true } });
      expect((await s.call('agent_subscribe_mail_plan', { plan: 'pro', period: 'monthly', credential })).structuredContent.status).to.equal('active');
      const old = sb.allTokens['ops:agent']!;
      answers.push({ action: 'accept', content: { approve: true } });
      const r = await s.call('agent_reissue_key');
      expect(r.isError, r.content[0].text).to.not.equal(true);
      const fresh = r.structuredContent.api_token as string;
      expect(fresh).to.match(/^tm_live_agent_/);
      expect(r.structuredContent.next_step).to.contain('TREKMAIL_API_TOKEN');
      expect(sb.engine.tokens.has(old)).to.equal(false);
      expect(await credits()).to.be.a('number');
      expect(s.stderr()).not.to.contain(fresh);
    });
  });
});
