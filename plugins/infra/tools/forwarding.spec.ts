import { expect } from 'chai';
import { api, data, errorText, harness, UUID, type Harness } from '../../../test/harness.js';
import { InfraPack } from '../infra.plugin.js';

describe('infra tools: forwarding', () => {
  let h: Harness;
  before(async () => {
    h = await harness(InfraPack);
  });

  it('get_forwarding GETs the settings', async () => {
    const body = { forwarding: { mailbox_id: 2, enabled: true, targets: ['sales-team@example.com'], keep_copy: true } };
    api().get('/api/v1/mailboxes/2/forwarding').reply(200, body);
    expect(data(await h.call('get_forwarding', { mailbox_id: 2 }))).to.deep.equal(body);
  });

  it('set_forwarding PUTs enabled, targets and keep_copy with an idempotency key', async () => {
    const args = { enabled: true, targets: ['a@example.com', 'b@example.com'], keep_copy: false };
    api().put('/api/v1/mailboxes/1/forwarding', args).matchHeader('idempotency-key', UUID).reply(200, { forwarding: { mailbox_id: 1, ...args } });
    expect(data(await h.call('set_forwarding', { mailbox_id: 1, ...args })).forwarding).to.deep.equal({ mailbox_id: 1, ...args });
  });

  it('set_forwarding can turn forwarding off with no targets; keep_copy is always sent (default true)', async () => {
    api().put('/api/v1/mailboxes/1/forwarding', { enabled: false, keep_copy: true }).reply(200, { forwarding: { mailbox_id: 1, enabled: false, targets: [] } });
    expect(data(await h.call('set_forwarding', { mailbox_id: 1, enabled: false })).forwarding.enabled).to.equal(false);
    api().put('/api/v1/mailboxes/1/forwarding', { enabled: true, targets: ['a@example.com'], keep_copy: true }).reply(200, { forwarding: { mailbox_id: 1, enabled: true } });
    expect(data(await h.call('set_forwarding', { mailbox_id: 1, enabled: true, targets: ['a@example.com'] })).forwarding.enabled).to.equal(true);
  });

  it('set_forwarding needs a target to turn on, and lists no dangling $ref in its schema', async () => {
    expect(errorText(await h.call('set_forwarding', { mailbox_id: 1, enabled: true }))).to.contain('- targets: ').and.contain('at least one address');
    expect(errorText(await h.call('set_forwarding', { mailbox_id: 1, enabled: true, targets: [] }))).to.contain('at least one address');
    const tool = (await h.client.listTools()).tools.find((t) => t.name === 'set_forwarding')!;
    expect(JSON.stringify(tool.inputSchema)).not.to.contain('$ref');
  });

  it('set_forwarding checks targets: addresses, at most 30, no duplicates', async () => {
    expect(errorText(await h.call('set_forwarding', { mailbox_id: 1, enabled: true, targets: ['not-an-address'] }))).to.match(/targets: .*email/);
    const many = Array.from({ length: 31 }, (_, i) => `t${i}@example.com`);
    expect(errorText(await h.call('set_forwarding', { mailbox_id: 1, enabled: true, targets: many }))).to.match(/targets: .*30/);
    expect(errorText(await h.call('set_forwarding', { mailbox_id: 1, enabled: true, targets: ['a@example.com', 'a@example.com'] }))).to.match(/targets: must not list the same item twice$/m);
    expect(errorText(await h.call('set_forwarding', { mailbox_id: 1, targets: [] }))).to.match(/enabled: /);
  });

  it('set_forwarding targets obey TREKMAIL_SEND_ALLOW; an API 422 reaches the agent with its fields', async () => {
    const strict = await harness(InfraPack, { TREKMAIL_SEND_ALLOW: 'example.com' });
    const res = await strict.call('set_forwarding', { mailbox_id: 1, enabled: true, targets: ['ok@example.com', 'leak@elsewhere.example'] });
    expect(errorText(res)).to.contain('TREKMAIL_SEND_ALLOW: leak@elsewhere.example').and.contain('No request was sent');
    api().put('/api/v1/mailboxes/1/forwarding').reply(422, { error: { code: 'validation_failed', message: 'Validation failed: targets' }, errors: { targets: 'cannot include the mailbox itself (forwarding loop)' } });
    const loop = await h.call('set_forwarding', { mailbox_id: 1, enabled: true, targets: ['demo@demo.trekmail.test'] });
    expect(errorText(loop)).to.contain('HTTP 422').and.contain('forwarding loop');
  });
});
