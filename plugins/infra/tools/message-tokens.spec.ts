import { expect } from 'chai';
import { api, data, errorText, harness, UUID, type Harness } from '../../../test/harness.js';
import { InfraPack } from '../infra.plugin.js';

const NEW_TOKEN = 'tm_msg_0123456789abcdef0123456789abcdef01234567';

describe('infra tools: message-tokens', () => {
  let h: Harness;
  let open: Harness;
  before(async () => {
    h = await harness(InfraPack);
    open = await harness(InfraPack, { TREKMAIL_ALLOW_DESTRUCTIVE: 'true' });
  });

  it('create_message_token POSTs name, scopes and expiry; the new token is shown once', async () => {
    const args = { name: 'Helpdesk bot', scopes: ['messages:read', 'messages:send'], expires_in: '30d' };
    api().post('/api/v1/mailboxes/1/message-tokens', args).matchHeader('idempotency-key', UUID)
      .reply(201, { message_token: { id: 2, name: 'Helpdesk bot', prefix: NEW_TOKEN.slice(0, 11) }, token: NEW_TOKEN, notice: 'Store this token now' });
    const res = await h.call('create_message_token', { mailbox_id: 1, ...args });
    expect(data(res).token).to.equal(NEW_TOKEN);
    expect(res.content[0].text).to.contain(NEW_TOKEN);
  });

  it('create_message_token checks scopes and expiry, with no request', async () => {
    const text = errorText(await h.call('create_message_token', { mailbox_id: 1, name: 'x', scopes: ['messages:read', 'domains:read'], expires_in: '30 days' }));
    expect(text).to.contain('- scopes:').and.contain('- expires_in:');
    expect(errorText(await h.call('create_message_token', { mailbox_id: 1, name: 'x', scopes: [] }))).to.match(/scopes: .*at least 1/);
    expect(errorText(await h.call('create_message_token', { mailbox_id: 1, name: 'x', scopes: ['messages:read', 'messages:read'] }))).to.match(/scopes: must not list the same item twice$/m);
    expect(errorText(await h.call('create_message_token', { mailbox_id: 1, name: 'x', scopes: ['messages:read'], expires_in: '1y' }))).to.match(/expires_in: must be one of/);
    expect(errorText(await h.call('list_message_tokens', { mailbox_id: 1, per_page: 21 }))).to.match(/per_page: .*20/);
  });

  it('list_message_tokens GETs the tokens of a mailbox with paging; anything shaped like a token is masked', async () => {
    const body = { data: [{ id: 1, name: 'Helpdesk integration', prefix: 'tm_msg_hd01', last_four: 'c0de' }], meta: { page: 1, per_page: 10, total: 1, last_page: 1 } };
    api().get('/api/v1/mailboxes/1/message-tokens').query({ page: '1', per_page: '10' }).reply(200, body);
    const res = await h.call('list_message_tokens', { mailbox_id: 1, page: 1, per_page: 10 });
    expect(data(res)).to.deep.equal({ ...body, data: [{ id: 1, name: 'Helpdesk integration', prefix: 'tm_msg_[redacted]', last_four: 'c0de' }] });
  });

  it('revoke_message_token is refused with the gate off and DELETEs with it on', async () => {
    expect(errorText(await h.call('revoke_message_token', { token_id: 1 }))).to.contain('revoke_message_token needs TREKMAIL_ALLOW_DESTRUCTIVE=true');
    api().delete('/api/v1/message-tokens/1').matchHeader('idempotency-key', UUID).reply(200, { revoked: true, id: 1, name: 'Helpdesk integration' });
    expect(data(await open.call('revoke_message_token', { token_id: 1 }))).to.deep.equal({ revoked: true, id: 1, name: 'Helpdesk integration' });
  });

  it('a token without the manage scope gets the API 403 with a hint', async () => {
    api().get('/api/v1/mailboxes/1/message-tokens').reply(403, { error: { code: 'insufficient_scope', message: 'This token lacks the scope mailboxes:message-tokens:manage' } });
    expect(errorText(await h.call('list_message_tokens', { mailbox_id: 1 }))).to.contain('HTTP 403, insufficient_scope').and.contain('Hint:');
  });

  it('update_message_token needs no gate, PATCHes only the given keys, and refuses an empty change locally', async () => {
    api().patch('/api/v1/message-tokens/1', { scopes: ['messages:read'], expires_in: '8h' }).matchHeader('idempotency-key', UUID).reply(200, { message_token: { id: 1, scopes: ['messages:read'] } });
    expect(data(await h.call('update_message_token', { token_id: 1, scopes: ['messages:read'], expires_in: '8h' })).message_token.scopes).to.deep.equal(['messages:read']);
    api().patch('/api/v1/message-tokens/1', { name: 'Renamed' }).reply(200, { message_token: { id: 1, name: 'Renamed' } });
    expect(data(await h.call('update_message_token', { token_id: 1, name: 'Renamed' })).message_token.name).to.equal('Renamed');
    expect(errorText(await h.call('update_message_token', { token_id: 1 }))).to.contain('give at least one of scopes, expires_in or name');
    expect(errorText(await h.call('update_message_token', { token_id: 1, expires_in: 'never' }))).to.match(/expires_in: must be one of/);
    expect(errorText(await h.call('update_message_token', { token_id: 1, scopes: [] }))).to.match(/scopes: .*at least 1/);
    expect(errorText(await h.call('update_message_token', { token_id: 1, name: '' }))).to.match(/name: /);
  });

  it('update_message_token passes on the API refusal of a widening', async () => {
    api().patch('/api/v1/message-tokens/1').reply(422, { error: { code: 'scope_widening', message: 'A token can only lose scopes', hint: 'Create a new token for more scopes.' } });
    expect(errorText(await h.call('update_message_token', { token_id: 1, scopes: ['messages:send'] }))).to.contain('scope_widening').and.contain('Create a new token');
  });
});
