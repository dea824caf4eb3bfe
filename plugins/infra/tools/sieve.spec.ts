import { expect } from 'chai';
import { api, data, errorText, harness, UUID, type Harness } from '../../../test/harness.js';
import { InfraPack } from '../infra.plugin.js';

const SCRIPT = 'require ["fileinto"];\nif header :contains "subject" "[SPAM]" {\n  fileinto "Junk";\n  stop;\n}\n';

describe('infra tools: sieve', () => {
  let h: Harness;
  before(async () => {
    h = await harness(InfraPack);
  });

  it('get_sieve_script GETs the script', async () => {
    const body = { sieve: { mailbox_id: 1, script: SCRIPT, size_bytes: SCRIPT.length, updated_at: '2030-01-01T00:00:00.000Z' } };
    api().get('/api/v1/mailboxes/1/sieve').reply(200, body);
    expect(data(await h.call('get_sieve_script', { mailbox_id: 1 }))).to.deep.equal(body);
  });

  it('upload_sieve_script PUTs the script as given, with an idempotency key', async () => {
    const body = { sieve: { mailbox_id: 1, size_bytes: SCRIPT.length, valid: true } };
    api().put('/api/v1/mailboxes/1/sieve', { script: SCRIPT }).matchHeader('idempotency-key', UUID).reply(200, body);
    expect(data(await h.call('upload_sieve_script', { mailbox_id: 1, script: SCRIPT }))).to.deep.equal(body);
  });

  it('upload_sieve_script accepts exactly 10000 characters and refuses one more (characters, not bytes)', async () => {
    const max = '#'.repeat(10_000);
    api().put('/api/v1/mailboxes/1/sieve', { script: max }).reply(200, { sieve: { size_bytes: 10_000 } });
    expect(data(await h.call('upload_sieve_script', { mailbox_id: 1, script: max })).sieve.size_bytes).to.equal(10_000);
    expect(errorText(await h.call('upload_sieve_script', { mailbox_id: 1, script: max + '#' }))).to.match(/^Invalid arguments for upload_sieve_script:\n- script: .*10000/);
    // 10,000 "é" are 20,000 bytes of UTF-8 but 10,000 characters: within the API's limit.
    const accented = 'é'.repeat(10_000);
    api().put('/api/v1/mailboxes/1/sieve', { script: accented }).reply(200, { sieve: { size_bytes: 20_000 } });
    expect(data(await h.call('upload_sieve_script', { mailbox_id: 1, script: accented })).sieve.size_bytes).to.equal(20_000);
    expect(errorText(await h.call('upload_sieve_script', { mailbox_id: 1 }))).to.match(/- script: /);
  });

  it('a syntax error found by the API reaches the agent with its line', async () => {
    api().put('/api/v1/mailboxes/1/sieve').reply(422, { error: { code: 'sieve_syntax_error', message: 'Line 2: missing "}"' }, line: 2 });
    const res = await h.call('upload_sieve_script', { mailbox_id: 1, script: 'if true {\n  stop;\n' });
    expect(errorText(res)).to.contain('HTTP 422, sieve_syntax_error').and.contain('Line 2');
    expect(res.structuredContent?.error).to.include({ line: 2 });
  });
});
