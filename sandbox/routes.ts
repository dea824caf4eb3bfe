import type { SandboxEngine } from './engine.js';

/** Routes every deployment needs: capability discovery for both token kinds. */
export function registerCoreRoutes(engine: SandboxEngine): void {
  const caps = (t: { plan: string; scopes: Set<string> }) => ({
    effective_scopes: [...t.scopes].sort(),
    plan_allows_writes: t.plan === 'pro' || t.plan === 'agency',
  });
  engine.route('GET', '/me', '', (req) => ({
    account: { id: engine.account.id, name: engine.account.name, plan: req.token.plan },
    token: { name: `Sandbox ${req.token.label}`, type: 'ops' },
    capabilities: caps(req.token),
  }), { token: 'ops', accepts: {} });
  engine.route('GET', '/messages/_me', '', (req) => ({
    mailbox: { id: req.token.mailboxId, email: 'demo@demo.trekmail.test' },
    account: { id: engine.account.id, plan: req.token.plan },
    capabilities: caps(req.token),
  }), { token: 'message', accepts: {} });
}
