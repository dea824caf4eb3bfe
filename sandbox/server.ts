import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PLANS, type Plan } from '../core/config.js';
import { discoverPacks } from '../core/discovery.js';
import type { PackSpec } from '../core/pack.js';
import { SandboxEngine, type Faults } from './engine.js';
import { registerCoreRoutes } from './routes.js';
import { AGENT_SCOPES, DRIVE_ONLY_SCOPES, scopesFor } from './scopes.js';

export interface SandboxOptions {
  /** Plan of the demo tokens handed out (`drive`: a Drive-only ops token on Pro; `agent`: an agent-signup key on Nano that may buy). */
  plan?: string;
  port?: number;
  faults?: Faults;
  rateLimit?: { limit: number; windowMs: number };
  /** Pack declarations whose sandbox routes to mount (default: every pack in plugins/). */
  packs?: PackSpec[];
}

export interface Sandbox {
  url: string;
  engine: SandboxEngine;
  /** The demo tokens for the chosen plan. */
  tokens: { ops: string; message?: string };
  /** Every demo token, by name (`ops:pro`, `message:starter`, `ops:drive`). */
  allTokens: Record<string, string>;
  close(): Promise<void>;
}

/** Demo token value for a plan. Not a secret: it only opens the local emulator. */
export const demoToken = (kind: 'ops' | 'message', plan: string) => `${kind === 'ops' ? 'tm_live_' : 'tm_msg_'}sandbox_${plan}_demo`;

/** Starts the TrekMail API emulator on 127.0.0.1 (random port unless given). */
export async function startSandbox(opts: SandboxOptions = {}): Promise<Sandbox> {
  const plan = opts.plan ?? 'pro';
  if (plan !== 'drive' && plan !== 'agent' && !(PLANS as readonly string[]).includes(plan)) {
    throw new Error(`--plan must be one of ${PLANS.join(', ')}, drive, agent; got "${plan}"`);
  }
  const engine = new SandboxEngine();
  if (opts.faults) engine.setFaults(opts.faults);
  if (opts.rateLimit) engine.rateLimit = opts.rateLimit;
  const allTokens: Record<string, string> = {};
  for (const p of PLANS) {
    for (const kind of ['ops', 'message'] as const) {
      const token = demoToken(kind, p);
      engine.addToken({ token, kind, plan: p, scopes: new Set(scopesFor(kind, p)), mailboxId: kind === 'message' ? 1 : undefined, label: `${kind}:${p}` });
      allTokens[`${kind}:${p}`] = token;
    }
  }
  const drive = demoToken('ops', 'drive');
  engine.addToken({ token: drive, kind: 'ops', plan: 'pro', scopes: new Set(DRIVE_ONLY_SCOPES), label: 'ops:drive' });
  allTokens['ops:drive'] = drive;
  const agent = demoToken('ops', 'agent');
  engine.addToken({ token: agent, kind: 'ops', plan: 'nano', scopes: new Set(AGENT_SCOPES), label: 'ops:agent', agentKey: true });
  allTokens['ops:agent'] = agent;

  registerCoreRoutes(engine);
  const packs = opts.packs ?? (await discoverPacks());
  for (const pack of packs) {
    if (pack.sandbox) (await pack.sandbox()).default(engine);
  }

  const server: Server = createServer((req, res) => {
    engine.handle(req, res).catch(() => res.destroy());
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const tokens = plan === 'drive' ? { ops: drive } : plan === 'agent' ? { ops: agent } : { ops: demoToken('ops', plan), message: demoToken('message', plan) };
  return {
    url: `http://127.0.0.1:${port}`,
    engine,
    tokens,
    allTokens,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
