import { expect } from 'chai';
import { PLANS, type Plan } from './config.js';
import { decidePack, decideTool, scopeHeld, type Capabilities } from './eligibility.js';
import type { ToolMeta } from './tool.js';
import { fixturePacks } from '../test/fixtures/packs.js';
import { DRIVE_ONLY_SCOPES, scopesFor } from '../sandbox/scopes.js';

const loaded = (caps: Capabilities) => fixturePacks.filter((p) => decidePack(p, caps).ok).map((p) => p.id);
const capsFor = (plan: Plan, tokens: ('ops' | 'message')[]): Capabilities =>
  Object.fromEntries(tokens.map((k) => [k, { plan, scopes: new Set(scopesFor(k, plan)) }]));
const tool = (access: ToolMeta['access'], scope: string, extra: Partial<ToolMeta> = {}): ToolMeta =>
  ({ name: 't', description: '', access, scope, route: 'GET /x', method: 'GET', path: '/x', secrets: [], ...extra }) as ToolMeta;

describe('eligibility', () => {
  describe('packs: plans × tokens × scopes', () => {
    const expected: Record<Plan, Record<string, string[]>> = {
      nano: { ops: ['verifier'], message: [], both: ['verifier'] },
      starter: { ops: ['verifier', 'infra', 'drive'], message: ['webmail'], both: ['verifier', 'infra', 'drive', 'webmail'] },
      pro: { ops: ['verifier', 'infra', 'cloudflare', 'migrations', 'drive'], message: ['webmail'], both: ['verifier', 'infra', 'cloudflare', 'migrations', 'drive', 'webmail'] },
      agency: { ops: ['verifier', 'infra', 'cloudflare', 'migrations', 'drive'], message: ['webmail'], both: ['verifier', 'infra', 'cloudflare', 'migrations', 'drive', 'webmail'] },
    };
    for (const plan of PLANS) {
      for (const [label, tokens] of [['ops', ['ops']], ['message', ['message']], ['both', ['ops', 'message']]] as const) {
        it(`${plan} with ${label} token(s) loads ${expected[plan][label].join(', ') || 'nothing'}`, () => {
          expect(loaded(capsFor(plan, [...tokens]))).to.deep.equal(expected[plan][label]);
        });
      }
    }

    it('a pack enabled by an env gate loads only when that gate is open, and says which variable', () => {
      const spend = { ...fixturePacks.find((p) => p.id === 'verifier')!, id: 'spend', enabledBy: { gate: 'purchases' as const, why: 'it spends money' } };
      const caps = capsFor('pro', ['ops']);
      expect(decidePack(spend, caps, { transport: 'stdio', closedGates: new Set(['purchases']) })).to.deep.equal({ ok: false, reasons: ['off unless TREKMAIL_ALLOW_PURCHASES=true (it spends money)'] });
      expect(decidePack(spend, caps).ok, 'unknown gate state counts as closed').to.equal(false);
      expect(decidePack(spend, caps, { transport: 'stdio', closedGates: new Set(['destructive']) }).ok).to.equal(true);
    });

    it('a Drive-only token loads the drive pack only', () => {
      expect(loaded({ ops: { plan: 'pro', scopes: new Set(DRIVE_ONLY_SCOPES) } })).to.deep.equal(['drive']);
    });

    it('says why a pack is absent', () => {
      const cf = fixturePacks.find((p) => p.id === 'cloudflare')!;
      expect(decidePack(cf, { ops: { plan: 'starter', scopes: new Set(['domains:read']) } }).reasons).to.deep.equal([
        'needs the Pro plan or higher, account is Starter',
        'token holds none of its scopes (cloudflare:*)',
      ]);
      expect(decidePack(fixturePacks.find((p) => p.id === 'webmail')!, { ops: {} }).reasons).to.deep.equal(['needs TREKMAIL_MESSAGE_TOKEN']);
    });

    it('with discovery off (plan and scopes unknown) every pack of a configured token loads', () => {
      expect(loaded({ ops: {}, message: {} })).to.have.length(fixturePacks.length);
      expect(loaded({ message: {} })).to.deep.equal(['webmail']);
    });
  });

  describe('tools', () => {
    const infra = fixturePacks.find((p) => p.id === 'infra')!;
    const verifier = fixturePacks.find((p) => p.id === 'verifier')!;
    const sel = { transport: 'stdio' as const };

    it('Starter gets reads only; Pro gets writes and destructive tools', () => {
      const starter: Capabilities = { ops: { plan: 'starter', scopes: new Set(['domains:read', 'domains:create', 'domains:delete']) } };
      const pro: Capabilities = { ops: { plan: 'pro', scopes: new Set(['domains:read', 'domains:create', 'domains:delete']) } };
      expect(decideTool(tool('read', 'domains:read'), infra, starter, sel).ok).to.equal(true);
      expect(decideTool(tool('write', 'domains:create'), infra, starter, sel).reasons).to.deep.equal(['writes need the Pro plan or higher, account is Starter']);
      expect(decideTool(tool('destructive', 'domains:delete'), infra, starter, sel).ok).to.equal(false);
      expect(decideTool(tool('write', 'domains:create'), infra, pro, sel).ok).to.equal(true);
      expect(decideTool(tool('destructive', 'domains:delete'), infra, pro, sel).ok).to.equal(true);
    });

    it('a pack may allow writes from a lower plan (the verifier on Nano)', () => {
      const nano: Capabilities = { ops: { plan: 'nano', scopes: new Set(['verify:read', 'verify:write']) } };
      expect(decideTool(tool('write', 'verify:write'), verifier, nano, sel).ok).to.equal(true);
    });

    it('a tool needs its scope (either of a|b)', () => {
      const caps: Capabilities = { ops: { plan: 'pro', scopes: new Set(['drive:mailbox:read']) } };
      expect(decideTool(tool('read', 'drive:account:read|drive:mailbox:read'), infra, caps, sel).ok).to.equal(true);
      expect(decideTool(tool('read', 'drive:account:purge|drive:mailbox:purge'), infra, caps, sel).reasons).to.deep.equal(['token lacks scope drive:account:purge or drive:mailbox:purge']);
    });

    it('a stdio-only tool is absent over HTTP', () => {
      const t = tool('write', 'x', { transports: ['stdio'] });
      expect(decideTool(t, infra, { ops: {} }, { transport: 'http' }).reasons).to.deep.equal(['not available over http']);
      expect(decideTool(t, infra, { ops: {} }, sel).ok).to.equal(true);
    });
  });

  it('scopeHeld handles families and unknown scopes', () => {
    expect(scopeHeld('drive:*', new Set(['drive:addon:read']))).to.equal(true);
    expect(scopeHeld('drive:*', new Set(['domains:read']))).to.equal(false);
    expect(scopeHeld('a|b', new Set(['b']))).to.equal(true);
    expect(scopeHeld('a', undefined)).to.equal(true);
    expect(scopeHeld('activity:read&members:read', new Set(['activity:read']))).to.equal(false);
    expect(scopeHeld('activity:read&members:read', new Set(['members:read', 'activity:read']))).to.equal(true);
  });
});
