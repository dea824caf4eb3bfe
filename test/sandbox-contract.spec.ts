import { expect } from 'chai';
import { discoverPacks } from '../core/discovery.js';
import { toolClassesOf } from '../core/pack.js';
import { toolMeta, type ToolMeta } from '../core/tool.js';
import { startSandbox, type Sandbox } from '../sandbox/server.js';

/** `{x}` → `{}`: path parameter names are each side's own. Optional segments expand to both forms. */
const shapes = (path: string): string[] => {
  const parts = path.split(/(\[[^\]]*\])/);
  let out = [''];
  for (const p of parts) out = p.startsWith('[') ? out.flatMap((o) => [o, o + p.slice(1, -1)]) : out.map((o) => o + p);
  return out.map((o) => o.replace(/\{\w+\}/g, '{}'));
};

/**
 * The sandbox is the second, independent statement of the API contract: every route declares what it accepts, and
 * every tool's route exists there with the same scope.
 */
describe('sandbox contract: declared fields and route parity with the tools', () => {
  let sb: Sandbox;
  let tools: ToolMeta[];
  before(async () => {
    sb = await startSandbox();
    tools = [];
    for (const pack of await discoverPacks()) for (const { cls } of toolClassesOf((await pack.tools()).default)) tools.push(toolMeta(cls)!);
  });
  after(() => sb?.close());

  it('every sandbox route declares the body and query fields it accepts', () => {
    const undeclared = sb.engine.routeList().filter((r) => !r.accepts).map((r) => `${r.method} ${r.pattern}`);
    expect(undeclared).to.deep.equal([]);
  });

  /** Routes any token of its kind may call whatever its scopes: capability discovery reads /me before it knows them. */
  const OPEN_TO_EVERY_TOKEN = new Set(['GET /me']);

  it("every tool's method, path and scope has a sandbox route with the same scope", () => {
    const routes = new Map(sb.engine.routeList().map((r) => [`${r.method} ${r.pattern.replace(/\{\w+\}/g, '{}')}`, r]));
    const problems: string[] = [];
    for (const meta of tools.filter((m) => !m.local)) {
      for (const shape of shapes(meta.path)) {
        const r = routes.get(`${meta.method} ${shape}`);
        if (!r) problems.push(`${meta.name}: no sandbox route ${meta.method} ${shape}`);
        else if (r.scope !== meta.scope && !(r.scope === '' && OPEN_TO_EVERY_TOKEN.has(`${r.method} ${r.pattern}`))) problems.push(`${meta.name}: scope ${meta.scope}, sandbox route ${r.method} ${r.pattern} has ${r.scope}`);
      }
    }
    expect(problems).to.deep.equal([]);
  });

  it('the strict sandbox answers 422 validation_failed, field by field, for a wrong name, type, enum or limit', async () => {
    const post = async (path: string, body: unknown, token = sb.allTokens['ops:pro']) => {
      const res = await fetch(`${sb.url}/api/v1${path}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
      return { status: res.status, body: (await res.json()) as any };
    };
    const before = sb.engine.stats.validationFailures.length;
    const r = await post('/verify', { email: 'not an address', mode: 'full', extra: 1 });
    expect(r.status).to.equal(422);
    expect(r.body.error.code).to.equal('validation_failed');
    expect(r.body.errors).to.deep.equal({ email: 'must be an email address', mode: 'must be one of quick, deep', extra: 'is not a field of this endpoint' });
    const missing = await post('/verify/bulk', { emails: [] });
    expect(missing.body.errors).to.deep.equal({ emails: 'must have at least 1 item(s)' });
    const q = await fetch(`${sb.url}/api/v1/verify/bulk?per_page=101&state=done`, { headers: { authorization: `Bearer ${sb.allTokens['ops:pro']}` } });
    expect(q.status).to.equal(422);
    expect(((await q.json()) as any).errors).to.deep.equal({ state: 'is not a field of this endpoint', per_page: 'must be between 1 and 100' });
    expect(sb.engine.stats.validationFailures.length - before).to.equal(3);
    expect(sb.engine.stats.executions['POST /verify'] ?? 0).to.equal(0);
  });
});
