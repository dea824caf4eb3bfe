import { expect } from 'chai';
import { discoverPacks } from '../../core/discovery.js';
import { toolClassesOf } from '../../core/pack.js';
import { toolMeta } from '../../core/tool.js';
import type { Sandbox } from '../../sandbox/server.js';
import { connect, connectHttp, sandbox, type Session } from '../e2e.js';
import { SCENARIOS as cloudflare } from './every/cloudflare.js';
import { SCENARIOS as commerce } from './every/commerce.js';
import { SCENARIOS as drive } from './every/drive.js';
import { SCENARIOS as infraDomains } from './every/infra-domains.js';
import { SCENARIOS as infraMailboxes } from './every/infra-mailboxes.js';
import { SCENARIOS as infra } from './every/infra.js';
import { SCENARIOS as migrations } from './every/migrations.js';
import type { Ctx, Result, Scenario } from './every/steps.js';
import { SCENARIOS as verifier } from './every/verifier.js';
import { SCENARIOS as webmail } from './every/webmail.js';
import { SCENARIOS as whitelabel } from './every/whitelabel.js';

/** Every gate open, confirmation by flag: the suite reaches every tool's request. */
const OPEN = {
  TREKMAIL_ALLOW_DESTRUCTIVE: 'true', TREKMAIL_ALLOW_SENDING: 'true', TREKMAIL_ALLOW_MIGRATION: 'true', TREKMAIL_ALLOW_PURCHASES: 'true', TREKMAIL_CONFIRM: 'flag',
};
/** Scenario files: [key, pack, scenarios]. A pack may have several files (infra's waves). */
const ALL: [string, string, Scenario[]][] = [
  ['verifier', 'verifier', verifier], ['infra', 'infra', infra], ['infra-domains', 'infra', infraDomains], ['infra-mailboxes', 'infra', infraMailboxes],
  ['cloudflare', 'cloudflare', cloudflare], ['migrations', 'migrations', migrations], ['drive', 'drive', drive], ['webmail', 'webmail', webmail],
  ['whitelabel', 'whitelabel', whitelabel], ['commerce', 'commerce', commerce],
];
/**
 * EVERY_PACKS=infra-domains,drive runs those scenario files only (a key or a pack id), and checks coverage of their
 * packs' tools only (for work on one pack).
 */
const ONLY = process.env.EVERY_PACKS?.split(',').map((s) => s.trim()).filter(Boolean);
const RUN = ONLY ? ALL.filter(([key, pack]) => ONLY.includes(key) || ONLY.includes(pack)) : ALL;
const PACKS = ONLY ? new Set(RUN.map(([, pack]) => pack)) : undefined;

/** Tool names of the selected packs (every pack, plus the server's own tools, when no selection is made). */
async function selectedTools(listed: string[]): Promise<Set<string>> {
  if (!PACKS) return new Set(listed);
  const names = new Set<string>();
  for (const pack of await discoverPacks()) {
    if (!PACKS.has(pack.id)) continue;
    for (const { cls } of toolClassesOf((await pack.tools()).default)) names.add(toolMeta(cls)!.name);
  }
  return names;
}

/**
 * The every-tool suite: a full deployment (both Pro tokens, every scope, gates open) drives every listed tool with
 * realistic arguments through the SDK client, over stdio and over Streamable HTTP, against the strict sandbox.
 * The sandbox must refuse nothing (its declared fields are an independent statement of the API), every listed tool
 * must be called, and each step's effect is shown by a read tool where there is one.
 */
for (const transport of ['stdio', 'http'] as const) {
  describe(`e2e: every tool through the protocol (${transport}, full deployment, strict sandbox)`, function () {
    this.timeout(60_000);
    let sb: Sandbox;
    let s: Session;
    let listed: string[];
    const called = new Set<string>();
    const saved: Record<string, any> = {};
    const ctx = (): Ctx => ({
      sb,
      saved,
      call: async (tool, args = {}) => {
        called.add(tool);
        return (await s.call(tool, args)) as Result;
      },
    });

    before(async () => {
      sb = await sandbox();
      s = await (transport === 'stdio' ? connect : connectHttp)(sb, ['ops:pro', 'message:pro'], OPEN);
      listed = (await s.client.listTools()).tools.map((t) => t.name);
    });
    after(async () => {
      await s?.close();
      await sb?.close();
    });

    for (const [key, , scenarios] of RUN) {
      for (const scenario of scenarios) {
        it(`${key}: ${scenario.name}`, async () => {
          const c = ctx();
          for (const [i, step] of scenario.steps.entries()) {
            const where = `step ${i + 1} (${step.tool})`;
            const args = typeof step.args === 'function' ? step.args(c) : step.args ?? {};
            const r = await c.call(step.tool, args);
            const text = r.content?.[0]?.text ?? '';
            if (step.error) {
              expect(r.isError, `${where} should fail: ${text.slice(0, 300)}`).to.equal(true);
              expect(text, where).to.match(step.error);
            } else {
              expect(r.isError, `${where} failed: ${text.slice(0, 500)}`).to.not.equal(true);
            }
            try {
              await step.check?.(r, c);
              if (step.verify) {
                const v = step.verify;
                const vr = await c.call(v.tool, typeof v.args === 'function' ? v.args(c) : v.args ?? {});
                expect(vr.isError, `${where}: read-back ${v.tool} failed: ${vr.content?.[0]?.text.slice(0, 300)}`).to.not.equal(true);
                await v.check(vr, c);
              }
            } catch (err) {
              (err as Error).message = `${where}: ${(err as Error).message}`;
              throw err;
            }
          }
        });
      }
    }

    it('called every listed tool, and the strict sandbox refused no request', async () => {
      const wanted = await selectedTools(listed);
      expect(listed.filter((t) => wanted.has(t) && !called.has(t)), 'listed tools never called').to.deep.equal([]);
      expect(sb.engine.stats.validationFailures, 'requests the strict sandbox refused').to.deep.equal([]);
    });
  });
}
