import { expect } from 'chai';
import nock from 'nock';
import { gateVariable } from '../../core/gates.js';
import type { RegisteredTool, ToolRuntime } from '../../core/runtime.js';
import { allTools, recordAll, validArgs } from './support.js';

const ALL_ON = { TREKMAIL_ALLOW_DESTRUCTIVE: 'true', TREKMAIL_ALLOW_SENDING: 'true', TREKMAIL_ALLOW_MIGRATION: 'true', TREKMAIL_ALLOW_PURCHASES: 'true', TREKMAIL_CONFIRM: 'flag' };
const ALL_OFF = { TREKMAIL_CONFIRM: 'flag' };

describe('reliability: gate matrix (every gated tool × env gate on/off × confirm true/false/absent)', () => {
  let on: ToolRuntime;
  let off: ToolRuntime;
  let gated: RegisteredTool[];
  let checked = 0;

  before(async () => {
    const all = await allTools(ALL_ON);
    on = all.runtime;
    off = (await allTools(ALL_OFF)).runtime;
    gated = all.tools.filter((t) => t.meta.gate || t.meta.confirm);
  });
  after(() => console.log(`      gate matrix: ${checked} combinations over ${gated.length} gated tools`));

  it('makes a request only when both the env gate and the confirm flag allow it, and names what to set otherwise', async () => {
    expect(gated.length).to.be.greaterThan(0);
    const problems: string[] = [];
    for (const tool of gated) {
      const meta = tool.meta;
      const base = validArgs(tool.inputSchema, meta.name);
      if (meta.gate === 'destructive-if-delete') base.action = 'delete';
      if (meta.gate === 'destructive-if-discard') base.actions = [{ type: 'discard' }];
      const gate = meta.gate?.startsWith('destructive-if-') ? 'destructive' : (meta.gate as 'destructive' | 'sending' | 'migration' | undefined);
      for (const gateOpen of [true, false]) {
        for (const confirm of meta.confirm ? [true, false, undefined] : [undefined]) {
          checked++;
          const args = { ...base };
          if (meta.confirm) {
            if (confirm === undefined) delete args[meta.confirm];
            else args[meta.confirm] = confirm;
          }
          nock.cleanAll();
          const seen = recordAll();
          const res = await (gateOpen ? on : off).call(meta.name, args);
          const text = res.content[0].text;
          // A pack enabled by a gate (commerce: TREKMAIL_ALLOW_PURCHASES) is not even loaded while it is off.
          if (!gateOpen && !off.has(meta.name)) {
            if (seen.length || !/^Unknown tool/.test(text)) problems.push(`${meta.name}: callable while its pack's gate is off`);
            continue;
          }
          const allowed = (!gate || gateOpen) && (!meta.confirm || confirm === true);
          const label = `${meta.name} gate=${gate ?? '-'}:${gateOpen} confirm=${String(confirm)}`;
          if (allowed) {
            if (/is disabled|disabled:|not confirmed/i.test(text)) problems.push(`${label}: refused: ${text.slice(0, 100)}`);
            if (!(await tool.load()).prototype.execute && seen.length === 0) problems.push(`${label}: no request made`);
          } else {
            if (seen.length) problems.push(`${label}: ${seen.length} request(s) made while refused`);
            const must = gate && !gateOpen ? gateVariable(gate) : `${meta.confirm}: true`;
            if (!text.includes(must)) problems.push(`${label}: message does not name ${must}: ${text.slice(0, 100)}`);
          }
        }
      }
    }
    nock.cleanAll();
    expect(problems).to.deep.equal([]);
  });

  it('conditional gates apply only to the delete action, or to rules that discard or reject mail', async () => {
    const conditional = gated.filter((t) => t.meta.gate?.startsWith('destructive-if-'));
    expect(conditional.map((t) => t.meta.gate)).to.include('destructive-if-delete');
    for (const tool of conditional) {
      const harmless = tool.meta.gate === 'destructive-if-delete' ? { action: 'read' } : { actions: [{ type: 'fileinto', value: 'Receipts' }] };
      const args = { ...validArgs(tool.inputSchema, tool.meta.name), ...harmless };
      nock.cleanAll();
      const seen = recordAll();
      const res = await off.call(tool.meta.name, args);
      expect(res.content[0].text).not.to.contain('TREKMAIL_ALLOW_DESTRUCTIVE');
      expect(seen.length).to.equal(1);
    }
    nock.cleanAll();
  });
});
