import { expect } from 'chai';
import { api, data, errorText, harness, OPS_TOKEN, MSG_TOKEN, UUID, type Harness } from '../test/harness.js';
import { FixturePack } from '../test/fixtures/tools.js';

describe('tool runtime', () => {
  let h: Harness;
  before(async () => {
    h = await harness(FixturePack);
  });

  it('lists tools sorted, with annotations derived from the declaration', () => {
    const list = h.runtime.list();
    expect(list.map((t) => t.name)).to.deep.equal([...list.map((t) => t.name)].sort());
    expect(list.find((t) => t.name === 'fx_read')!.annotations).to.deep.equal({ readOnlyHint: true });
    expect(list.find((t) => t.name === 'fx_send')!.annotations).to.deep.equal({});
    const send = list.find((t) => t.name === 'fx_send')!.inputSchema as any;
    expect(send.required).to.deep.equal(['to', 'confirm_send']);
    expect(send.properties.confirm_send).to.deep.equal({ const: true });
    // Unknown fields are rejected by validation (see below); the listed schema doesn't spend bytes saying so.
    expect(send).not.to.have.property('additionalProperties');
  });

  describe('validation', () => {
    it('names every bad field and makes no request', async () => {
      const res = await h.call('fx_read', { thing_id: 'abc', q: 'x'.repeat(60), extra: 1 });
      const text = errorText(res);
      expect(text).to.contain('thing_id:').and.contain('q:').and.contain('extra: is not a parameter of this tool');
      expect(res.structuredContent!.error).to.deep.include({ code: 'invalid_arguments' });
    });

    it('rejects non-object arguments and missing required fields', async () => {
      // MCP clients refuse non-object arguments before sending; the runtime still answers them.
      expect(errorText(await h.runtime.call('fx_read', [1, 2]))).to.contain('thing_id');
      expect(errorText(await h.call('fx_read', {}))).to.contain('thing_id');
    });
  });

  describe('gates', () => {
    it('destructive gate off: refused, names the variable, no request', async () => {
      const text = errorText(await h.call('fx_delete', { thing_id: 1 }));
      expect(text).to.contain('Destructive operations are disabled').and.contain('TREKMAIL_ALLOW_DESTRUCTIVE=true');
    });

    it('sending gate off: "Sending is disabled" even with confirm_send', async () => {
      expect(errorText(await h.call('fx_send', { to: 'a@b.io', confirm_send: true }))).to.match(/^Sending is disabled: .*TREKMAIL_ALLOW_SENDING=true.*Nothing was sent\./);
    });

    it('sending gate on but not confirmed: "Send not confirmed", no request', async () => {
      const open = await harness(FixturePack, { TREKMAIL_ALLOW_SENDING: 'true' });
      for (const confirm of [undefined, false, 'true', 1]) {
        expect(errorText(await open.call('fx_send', { to: 'a@b.io', confirm_send: confirm }))).to.match(/^Send not confirmed: .*confirm_send: true/);
      }
    });

    it('sending gate on and confirmed: exactly one request, confirm flag not sent', async () => {
      const open = await harness(FixturePack, { TREKMAIL_ALLOW_SENDING: 'true' });
      api().post('/api/v1/send', (b) => JSON.stringify(b) === JSON.stringify({ to: 'a@b.io' })).matchHeader('idempotency-key', UUID).reply(200, { sent: true });
      expect(data(await open.call('fx_send', { to: 'a@b.io', confirm_send: true }))).to.deep.equal({ sent: true });
    });

    it('confirm-only tools need their flag but no env gate', async () => {
      expect(errorText(await h.call('fx_cancel', { id: 3 }))).to.match(/^Not confirmed: call fx_cancel again with confirm_cancel: true/);
      api().post('/api/v1/migrations/3:cancel', {}).reply(200, { cancelled: true });
      expect(data(await h.call('fx_cancel', { id: 3, confirm_cancel: true }))).to.deep.equal({ cancelled: true });
    });

    it('the migration gate comes before the confirm flag', async () => {
      expect(errorText(await h.call('fx_migrate', { source_password: 'pw12345', confirm_start: true }))).to.contain('TREKMAIL_ALLOW_MIGRATION=true');
    });

    it('destructive-if-delete gates only the delete action', async () => {
      expect(errorText(await h.call('fx_bulk', { action: 'delete' }))).to.contain('TREKMAIL_ALLOW_DESTRUCTIVE=true');
      api().post('/api/v1/bulk', { action: 'read' }).reply(200, { done: 1 });
      expect(data(await h.call('fx_bulk', { action: 'read' }))).to.deep.equal({ done: 1 });
    });

    it('destructive-if-discard gates only rules that discard or reject mail', async () => {
      expect(errorText(await h.call('fx_rule', { actions: [{ type: 'fileinto' }, { type: 'discard' }] }))).to.contain('TREKMAIL_ALLOW_DESTRUCTIVE=true');
      expect(errorText(await h.call('fx_rule', { actions: [{ type: 'reject' }] }))).to.contain('No request was sent');
      api().post('/api/v1/rules', { actions: [{ type: 'fileinto' }] }).reply(201, { id: 1 });
      expect(data(await h.call('fx_rule', { actions: [{ type: 'fileinto' }] }))).to.deep.equal({ id: 1 });
    });
  });

  describe('secrets', () => {
    it('a secret argument echoed by the API never reaches the agent, in results or errors', async () => {
      const open = await harness(FixturePack, { TREKMAIL_ALLOW_DESTRUCTIVE: 'true' });
      api().post('/api/v1/things/1/password', { password: 'hunter2-Secret' }).reply(200, { ok: true, note: 'set to hunter2-Secret', password: 'hunter2-Secret' });
      const ok = await open.call('fx_password', { thing_id: 1, password: 'hunter2-Secret' });
      expect(JSON.stringify(ok)).not.to.contain('hunter2-Secret');
      expect(data(ok).note).to.equal('set to [redacted]');
      api().post('/api/v1/things/1/password').reply(422, { error: { code: 'weak', message: 'hunter2-Secret is too weak' }, password: 'hunter2-Secret' });
      const bad = await open.call('fx_password', { thing_id: 1, password: 'hunter2-Secret' });
      expect(bad.isError).to.equal(true);
      expect(JSON.stringify(bad)).not.to.contain('hunter2-Secret');
    });

    it('the configured tokens never appear in results, errors or logs', async () => {
      api().get('/api/v1/things/1').reply(200, { echo: `Bearer ${OPS_TOKEN}`, other: MSG_TOKEN });
      const res = await h.call('fx_read', { thing_id: 1 });
      api().get('/api/v1/things/2').reply(500, { error: { code: 'x', message: `bad token ${OPS_TOKEN}` } });
      const err = await h.call('fx_read', { thing_id: 2 });
      const boom = await h.call('fx_boom', {});
      for (const out of [JSON.stringify(res), JSON.stringify(err), JSON.stringify(boom), h.logs.join('\n')]) {
        expect(out).not.to.contain(OPS_TOKEN);
        expect(out).not.to.contain(MSG_TOKEN);
      }
    });

    it('a replaced token is used at once, shown once under its revealKeys key, and scrubbed everywhere after', async () => {
      const fresh = 'tm_live_reissued_token_value_0987654321';
      api().post('/api/v1/key/reissue').matchHeader('authorization', `Bearer ${OPS_TOKEN}`).reply(200, { status: 'reissued', api_token: fresh, note: `old key revoked; new ${fresh}` });
      const local = await harness(FixturePack);
      const d = data(await local.call('fx_reissue'));
      expect(d.api_token).to.equal(fresh);
      expect(d.note).to.equal('old key revoked; new tm_live_[redacted]');
      api().get('/api/v1/things/1').matchHeader('authorization', `Bearer ${fresh}`).reply(200, { echo: fresh });
      expect(data(await local.call('fx_read', { thing_id: 1 })).echo).to.equal('[redacted]');
      api().post('/api/v1/key/reissue').reply(500, { error: { code: 'boom', message: `failed for ${fresh}` } });
      expect(JSON.stringify(await local.call('fx_reissue'))).not.to.contain(fresh);
    });

    it('a token created by the call is shown when its key is declared in revealKeys', async () => {
      api().post('/api/v1/tokens').reply(201, { id: 5, token: 'tm_msg_brand_new_token_value', password: 'not-shown' });
      const d = data(await h.call('fx_token', { name: 'x' }));
      expect(d.token).to.equal('tm_msg_brand_new_token_value');
      expect(d.password).to.equal('[redacted]');
    });
  });

  describe('robustness', () => {
    it('a handler that throws becomes an isError result; the runtime keeps serving', async () => {
      const res = await h.call('fx_boom', {});
      expect(errorText(res)).to.match(/^Internal error in fx_boom: kaboom/);
      api().get('/api/v1/things/1').reply(200, { id: 1 });
      expect(data(await h.call('fx_read', { thing_id: 1 }))).to.deep.equal({ id: 1 });
    });

    it('an unknown tool is an error result from the runtime, and a protocol error (-32602) over MCP', async () => {
      expect(errorText(await h.runtime.call('nope', {}))).to.equal('Unknown tool: nope');
      const err = await h.call('nope', {}).then(() => undefined, (e: { code?: number; message?: string }) => e);
      expect(err?.code).to.equal(-32602);
      expect(err?.message).to.contain('Unknown tool: nope');
    });

    it('a handler controls its text and local failures carry a hint', async () => {
      api().get('/api/v1/local').reply(200, [1, 2]);
      const ok = await h.call('fx_local', {});
      expect(ok.content[0].text).to.equal('custom text');
      expect(ok.structuredContent).to.deep.equal({ wrapped: [1, 2] });
      api().get('/api/v1/local').reply(404, { error: { code: 'not_found', message: 'no' } });
      const bad = await h.call('fx_local', {});
      expect(errorText(bad)).to.contain('Local failure').and.contain('Hint: Do something else');
    });

    it('wraps a non-object API answer in { result }', async () => {
      api().get('/api/v1/things/4').reply(200, [{ id: 1 }]);
      expect(data(await h.call('fx_read', { thing_id: 4 }))).to.deep.equal({ result: [{ id: 1 }] });
    });

    it('a timeout becomes a clear error after bounded retries', async () => {
      const t = await harness(FixturePack, { TREKMAIL_TIMEOUT_MS: '50' });
      api().get('/api/v1/things/1').times(4).delay(200).reply(200, {});
      const text = errorText(await t.call('fx_read', { thing_id: 1 }));
      expect(text).to.contain('timeout').and.contain('50 ms');
    });

    it('plan errors get a hint naming the plan', async () => {
      api().post('/api/v1/tokens').reply(403, { error: { code: 'plan_api_disabled', message: 'Writes are disabled on this plan' } });
      const text = errorText(await h.call('fx_token', {}));
      expect(text).to.contain('HTTP 403, plan_api_disabled').and.contain('Pro or Agency');
    });
  });
});
