import { expect } from 'chai';
import fc from 'fast-check';
import nock from 'nock';
import type { JsonSchema } from '../../core/schema.js';
import type { RegisteredTool, ToolRuntime } from '../../core/runtime.js';
import { MSG_TOKEN, OPS_TOKEN } from '../harness.js';
import { allTools, recordAll, routeRegex, validArgs, type Seen } from './support.js';

const ENV = { TREKMAIL_ALLOW_DESTRUCTIVE: 'true', TREKMAIL_ALLOW_SENDING: 'true', TREKMAIL_ALLOW_MIGRATION: 'true', TREKMAIL_ALLOW_PURCHASES: 'true', TREKMAIL_CONFIRM: 'flag' };
const NASTY = ['../', '..%2F', '%2F', '?x=1', '#frag', 'a/b', '..', '.', ' ', 'ü/ö', 'x\u200By', '%00', 'a?b=c&d', '/etc/passwd', 'C:\\x'];

/** Arguments for a call: the tool's valid args plus its confirm flag. */
function withConfirm(tool: RegisteredTool, args: Record<string, unknown>): Record<string, unknown> {
  return tool.meta.confirm ? { ...args, [tool.meta.confirm]: true } : args;
}

/** Invalid variants of one property, each paired with the field the error must name. */
function invalidValues(p: JsonSchema): unknown[] {
  const type = Array.isArray(p.type) ? p.type.find((t) => t !== 'null') : p.type;
  const out: unknown[] = type === 'object' ? ['not-an-object', [1]] : [{ nested: 'object' }];
  if (type === 'integer' || type === 'number') {
    out.push('12', true, 1.5);
    if (typeof p.minimum === 'number') out.push(p.minimum - 1);
    if (typeof p.maximum === 'number') out.push(p.maximum + 1);
  } else if (type === 'string') {
    out.push(42, false, ['x']);
    if (typeof p.maxLength === 'number') out.push('x'.repeat(p.maxLength + 1));
    if (p.format === 'email') out.push('not-an-email', 'a@', '@b.com');
    if (Array.isArray(p.enum)) out.push('definitely-not-in-enum');
  } else if (type === 'boolean') {
    out.push('true', 1);
  } else if (type === 'array') {
    out.push('not-an-array');
    if (typeof p.maxItems === 'number' && p.maxItems < 5000) out.push(Array.from({ length: p.maxItems + 1 }, () => (p.items as JsonSchema)?.type === 'integer' ? 1 : 'x'));
  }
  return out;
}

describe('reliability: schema-driven fuzzing over every tool', function () {
  let runtime: ToolRuntime;
  let tools: RegisteredTool[];
  let cases = 0;

  before(async () => {
    ({ runtime, tools } = await allTools(ENV));
  });
  afterEach(() => nock.cleanAll());
  after(() => console.log(`      fuzz: ${cases} calls over ${tools.length} tools`));

  const call = async (tool: RegisteredTool, args: unknown) => {
    cases++;
    const res = await runtime.call(tool.meta.name, args);
    const all = JSON.stringify(res);
    expect(all).not.to.contain(OPS_TOKEN);
    expect(all).not.to.contain(MSG_TOKEN);
    return res;
  };

  it('valid input reaches exactly the catalog route, with an idempotency key on mutations', async () => {
    const problems: string[] = [];
    for (const tool of tools) {
      nock.cleanAll();
      const seen = recordAll();
      const res = await call(tool, withConfirm(tool, validArgs(tool.inputSchema, tool.meta.name)));
      if (/^Invalid arguments/.test(res.content[0].text)) {
        problems.push(`${tool.meta.name}: synthesised args rejected (add an example): ${res.content[0].text.slice(0, 160)}`);
        continue;
      }
      const composite = !!(await tool.load()).prototype.execute;
      if (composite && seen.length === 0) continue;
      const first = seen[0];
      if (!first) problems.push(`${tool.meta.name}: no request`);
      else if (first.method !== tool.meta.method || !routeRegex(tool.meta.path).test(first.path)) {
        if (!composite) problems.push(`${tool.meta.name}: ${first.method} ${first.path} is not ${tool.meta.method} ${tool.meta.path}`);
      } else if (first.method !== 'GET' && !first.headers['idempotency-key']) problems.push(`${tool.meta.name}: no Idempotency-Key`);
    }
    expect(problems).to.deep.equal([]);
  });

  it('path parameters never escape their segment, whatever the string', async () => {
    const withStringPath = tools.filter((t) => /\{(\w+)\}/.test(t.meta.path) && [...t.meta.path.matchAll(/\{(\w+)\}/g)].some(([, n]) => ((t.inputSchema.properties as Record<string, JsonSchema>)[n]?.type === 'string')));
    for (const tool of withStringPath) {
      const names = [...tool.meta.path.matchAll(/\{(\w+)\}/g)].map(([, n]) => n).filter((n) => (tool.inputSchema.properties as Record<string, JsonSchema>)[n]?.type === 'string');
      await fc.assert(
        fc.asyncProperty(fc.oneof(fc.constantFrom(...NASTY), fc.string({ maxLength: 40 }), fc.string({ unit: 'grapheme', maxLength: 10 })), async (value) => {
          nock.cleanAll();
          const seen: Seen[] = recordAll();
          const args = withConfirm(tool, { ...validArgs(tool.inputSchema, tool.meta.name), [names[0]]: value });
          const res = await call(tool, args);
          if (res.isError && /^Invalid arguments/.test(res.content[0].text)) {
            expect(seen).to.have.length(0);
            return;
          }
          if (!seen.length) return;
          expect(seen[0].path).to.match(routeRegex(tool.meta.path));
          if (value !== '') expect(seen[0].path).to.contain(`/${encodeURIComponent(value)}`);
        }),
        { numRuns: 25, seed: 42 },
      );
    }
  });

  it('invalid input gets an error naming the field, and makes no request', async () => {
    const problems: string[] = [];
    for (const tool of tools) {
      const props = (tool.inputSchema.properties ?? {}) as Record<string, JsonSchema>;
      const valid = validArgs(tool.inputSchema, tool.meta.name);
      const variants: [string, Record<string, unknown>][] = [['unexpected_field', { ...valid, unexpected_field: 1 }]];
      for (const key of (tool.inputSchema.required as string[] | undefined) ?? []) {
        if (key === tool.meta.confirm) continue;
        const { [key]: _, ...rest } = valid;
        variants.push([key, rest]);
      }
      for (const [key, p] of Object.entries(props)) {
        if (key === tool.meta.confirm) continue;
        for (const bad of invalidValues(p)) variants.push([key, { ...valid, [key]: bad }]);
      }
      for (const [field, args] of variants) {
        nock.cleanAll();
        const seen = recordAll();
        const res = await call(tool, withConfirm(tool, args));
        const text = res.content[0].text;
        if (!res.isError || !text.startsWith('Invalid arguments') || !text.includes(`- ${field}`)) problems.push(`${tool.meta.name}.${field}=${JSON.stringify(args[field])?.slice(0, 40)}: ${text.slice(0, 120)}`);
        if (seen.length) problems.push(`${tool.meta.name}.${field}: request made for invalid input`);
      }
    }
    expect(problems).to.deep.equal([]);
  });

  it('arbitrary junk arguments never crash the server and always get an answer', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...tools), fc.anything({ maxDepth: 2 }), async (tool, junk) => {
        nock.cleanAll();
        recordAll();
        const res = await call(tool, junk);
        expect(res.content[0].type).to.equal('text');
      }),
      { numRuns: 300, seed: 7 },
    );
  });
});
