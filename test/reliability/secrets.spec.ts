import { expect } from 'chai';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nock from 'nock';
import { MSG_TOKEN, OPS_TOKEN } from '../harness.js';
import { allTools, recordAll, validArgs } from './support.js';

/** Every tool with a credential parameter, with an API that echoes everything back, in success and in error. */
describe('reliability: secrets never leak', () => {
  it('credential arguments and tokens appear in no result, error, log line or audit line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tm-secrets-'));
    const audit = join(dir, 'audit.jsonl');
    const logs: string[] = [];
    const { runtime, tools } = await allTools({
      TREKMAIL_ALLOW_DESTRUCTIVE: 'true', TREKMAIL_ALLOW_SENDING: 'true', TREKMAIL_ALLOW_MIGRATION: 'true', TREKMAIL_ALLOW_PURCHASES: 'true', TREKMAIL_CONFIRM: 'flag',
      TREKMAIL_AUDIT_LOG: audit, TREKMAIL_LOG_LEVEL: 'debug',
    }, logs);
    const withSecrets = tools.filter((t) => t.meta.secrets.length);
    expect(withSecrets.length, 'tools with credential parameters').to.be.greaterThan(5);
    const outputs: string[] = [];
    const found: string[] = [];
    let n = 0;
    for (const tool of withSecrets) {
      for (const status of [200, 422, 500]) {
        const secret = `Leak-Me-${tool.meta.name}-${status}-xyz`;
        const args: Record<string, unknown> = { ...validArgs(tool.inputSchema, tool.meta.name) };
        for (const k of tool.meta.secrets) args[k] = secret;
        if (tool.meta.confirm) args[tool.meta.confirm] = true;
        nock.cleanAll();
        recordAll((s) => [status, { error: status === 200 ? undefined : { code: 'echo', message: `rejected ${secret} with ${s.headers.authorization}` }, echo: s.body, password: secret, api_token: secret, note: `your password is ${secret}` }]);
        const res = await runtime.call(tool.meta.name, args);
        n++;
        const out = JSON.stringify(res);
        outputs.push(out);
        if (out.includes(secret)) found.push(`${tool.meta.name} (${status})`);
      }
    }
    nock.cleanAll();
    await new Promise((r) => setTimeout(r, 50));
    const auditText = readFileSync(audit, 'utf8');
    const everything = [outputs.join('\n'), logs.join('\n'), auditText].join('\n');
    expect(found).to.deep.equal([]);
    expect(everything).not.to.contain('Leak-Me-');
    expect(everything).not.to.contain(OPS_TOKEN);
    expect(everything).not.to.contain(MSG_TOKEN);
    console.log(`      secrets: ${n} calls over ${withSecrets.length} tools with credentials; 0 secrets found in results, logs or audit`);
    rmSync(dir, { recursive: true, force: true });
  });
});
