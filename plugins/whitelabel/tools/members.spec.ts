import { expect } from 'chai';
import { api, data, errorText, harness, UUID, type Harness } from '../../../test/harness.js';
import { WhitelabelPack } from '../whitelabel.plugin.js';

const OPEN = { TREKMAIL_ALLOW_DESTRUCTIVE: 'true', TREKMAIL_ALLOW_SENDING: 'true', TREKMAIL_CONFIRM: 'flag' };
const URL_ONCE = 'https://dashboard.trekmail.test/invitations/4f1c2b9e0d7a6c5b';

/** Records the raw body of a request (empty for a POST without one). */
const bodyOf = (seen: { body?: string }) => function (this: unknown, _uri: string, body: unknown): [number, unknown] {
  seen.body = typeof body === 'string' ? body : JSON.stringify(body);
  return [200, { id: 7, status: 'suspended' }];
};

describe('whitelabel tools: members', () => {
  let h: Harness;
  let open: Harness;
  before(async () => {
    h = await harness(WhitelabelPack);
    open = await harness(WhitelabelPack, OPEN);
  });

  it('list_white_label_members sends its filters in the query; the filter knows owner and past roles', async () => {
    api().get('/api/v1/white-label/members').query({ search: 'client-one', role: 'owner', status: 'revoked', include_removed: 'true', page: '1', per_page: '50' })
      .reply(200, { data: [{ id: 1, role: 'owner' }], meta: { total: 1 } });
    const res = await h.call('list_white_label_members', { search: 'client-one', role: 'owner', status: 'revoked', include_removed: true, page: 1, per_page: 50 });
    expect(data(res).data[0].role).to.equal('owner');
    expect(errorText(await h.call('list_white_label_members', { role: 'superadmin' }))).to.match(/role: must be one of/);
    expect(errorText(await h.call('list_white_label_members', { status: 'removed' }))).to.match(/status: must be one of .*pending, active, suspended, revoked/);
    expect(errorText(await h.call('list_white_label_members', { per_page: 101 }))).to.match(/per_page/);
  });

  it('get_white_label_member GETs one member by id', async () => {
    api().get('/api/v1/white-label/members/7').reply(200, { id: 7, allowed_actions: ['suspend'] });
    expect(data(await h.call('get_white_label_member', { member_id: 7 })).allowed_actions).to.deep.equal(['suspend']);
    expect(errorText(await h.call('get_white_label_member', { member_id: 0 }))).to.match(/member_id/);
  });

  it('invite_white_label_member is refused while sending is off, and nothing is sent', async () => {
    const text = errorText(await h.call('invite_white_label_member', { email: 'a@client.test', role: 'client', all_domains: true }));
    expect(text).to.contain('TREKMAIL_ALLOW_SENDING=true').and.contain('Nothing was sent');
  });

  it('invite_white_label_member POSTs the access with a key and shows the one-time URL of the answer', async () => {
    const body = { email: 'a@client.test', role: 'custom', all_domains: false, domain_ids: [1, 3], permissions: ['mailboxes.view'], note: null };
    api().post('/api/v1/white-label/members', body).matchHeader('idempotency-key', UUID)
      .reply(201, { id: 9, email: 'a@client.test', status: 'pending', invitation: { url: URL_ONCE, expires_at: '2030-01-08T00:00:00Z' }, delivery: { status: 'sent' } });
    const res = data(await open.call('invite_white_label_member', body));
    expect(res).to.deep.include({ id: 9, status: 'pending' });
    expect(res.invitation.url).to.equal(URL_ONCE);
    // Only the given fields are sent.
    api().post('/api/v1/white-label/members', (b) => JSON.stringify(b) === '{"email":"b@client.test","role":"client","all_domains":true}').reply(201, { id: 10 });
    expect(data(await open.call('invite_white_label_member', { email: 'b@client.test', role: 'client', all_domains: true })).id).to.equal(10);
  });

  it('invite_white_label_member refuses what the API refuses, naming each field, with no request', async () => {
    const base = { email: 'a@client.test', role: 'client', all_domains: true };
    const bad: [Record<string, unknown>, RegExp][] = [
      [{ role: 'owner' }, /role: must be one of .*client, webmail_only, domain_admin, mailbox_operator, read_only, custom/],
      [{ email: 'not-an-address' }, /email/],
      [{ all_domains: undefined }, /all_domains/],
      [{ domain_ids: Array.from({ length: 501 }, (_, i) => i + 1) }, /domain_ids/],
      [{ domain_ids: [0] }, /domain_ids/],
      [{ domain_ids: null }, /domain_ids/],
      [{ permissions: null }, /permissions/],
      [{ permissions: ['x'.repeat(101)] }, /permissions/],
      [{ permissions: [''] }, /permissions/],
      [{ note: 'x'.repeat(121) }, /note: .*120/],
    ];
    for (const [change, re] of bad) expect(errorText(await open.call('invite_white_label_member', { ...base, ...change })), JSON.stringify(change).slice(0, 60)).to.match(re);
  });

  it('TREKMAIL_SEND_ALLOW decides who may be invited: a refused address sends nothing', async () => {
    const allow = await harness(WhitelabelPack, { ...OPEN, TREKMAIL_SEND_ALLOW: 'client.test' });
    const text = errorText(await allow.call('invite_white_label_member', { email: 'boss@elsewhere.test', role: 'client', all_domains: true }));
    expect(text).to.contain('TREKMAIL_SEND_ALLOW').and.contain('boss@elsewhere.test');
    api().post('/api/v1/white-label/members').reply(201, { id: 11 });
    expect(data(await allow.call('invite_white_label_member', { email: 'ok@client.test', role: 'client', all_domains: true })).id).to.equal(11);
  });

  it('resend_white_label_invitation POSTs with no body; under TREKMAIL_SEND_ALLOW it reads the address first', async () => {
    const seen: { body?: string } = {};
    api().post('/api/v1/white-label/members/9:resend-invitation').matchHeader('idempotency-key', UUID)
      .reply(function (_uri, body) {
        seen.body = String(body);
        return [200, { id: 9, invitation: { url: URL_ONCE } }];
      });
    expect(data(await open.call('resend_white_label_invitation', { member_id: 9 })).invitation.url).to.equal(URL_ONCE);
    expect(seen.body).to.equal('');
    const allow = await harness(WhitelabelPack, { ...OPEN, TREKMAIL_SEND_ALLOW: 'client.test' });
    api().get('/api/v1/white-label/members/9').reply(200, { id: 9, email: 'boss@elsewhere.test' });
    const text = errorText(await allow.call('resend_white_label_invitation', { member_id: 9 }));
    expect(text).to.contain('TREKMAIL_SEND_ALLOW').and.contain('boss@elsewhere.test').and.contain('Nothing was sent');
    api().get('/api/v1/white-label/members/10').reply(200, { id: 10, email: 'ok@client.test' });
    api().post('/api/v1/white-label/members/10:resend-invitation').reply(200, { id: 10, invitation: { url: URL_ONCE } });
    expect(data(await allow.call('resend_white_label_invitation', { member_id: 10 })).id).to.equal(10);
    // An unknown member: the read's 404 is the answer, nothing is resent.
    api().get('/api/v1/white-label/members/99').reply(404, { error: { code: 'not_found', message: 'Member not found' } });
    expect(errorText(await allow.call('resend_white_label_invitation', { member_id: 99 }))).to.contain('not_found');
    expect(errorText(await h.call('resend_white_label_invitation', { member_id: 9 }))).to.contain('TREKMAIL_ALLOW_SENDING=true');
  });

  it('update_white_label_member PATCHes only the given fields (null clears the note) and refuses an empty change', async () => {
    api().patch('/api/v1/white-label/members/7', (b) => JSON.stringify(b) === '{"role":"read_only","note":null}').matchHeader('idempotency-key', UUID).reply(200, { id: 7, role: 'read_only', note: null });
    expect(data(await open.call('update_white_label_member', { member_id: 7, role: 'read_only', note: null }))).to.deep.equal({ id: 7, role: 'read_only', note: null });
    expect(errorText(await open.call('update_white_label_member', { member_id: 7 }))).to.match(/give at least one of role, all_domains, domain_ids, permissions, note/);
    expect(errorText(await open.call('update_white_label_member', { member_id: 7, role: 'billing_manager' }))).to.match(/role: must be one of/);
    expect(errorText(await h.call('update_white_label_member', { member_id: 7, note: 'x' }))).to.contain('TREKMAIL_ALLOW_DESTRUCTIVE=true');
  });

  it('suspend, resume and restore POST to their literal :verb paths with no body and a key', async () => {
    for (const verb of ['suspend', 'resume', 'restore']) {
      const seen: { body?: string } = {};
      api().post(`/api/v1/white-label/members/7:${verb}`).matchHeader('idempotency-key', UUID).reply(bodyOf(seen));
      expect(data(await open.call(`${verb}_white_label_member`, { member_id: 7 })).id).to.equal(7);
      expect(seen.body, verb).to.equal('');
      expect(errorText(await h.call(`${verb}_white_label_member`, { member_id: 7 }))).to.contain('TREKMAIL_ALLOW_DESTRUCTIVE=true');
    }
  });

  it('remove_white_label_member needs the gate and confirm_remove; the flag is never sent', async () => {
    expect(errorText(await h.call('remove_white_label_member', { member_id: 7, confirm_remove: true }))).to.contain('TREKMAIL_ALLOW_DESTRUCTIVE=true');
    expect(errorText(await open.call('remove_white_label_member', { member_id: 7 }))).to.contain('confirm_remove: true');
    api().delete('/api/v1/white-label/members/7').query({}).matchHeader('idempotency-key', UUID).reply(200, { id: 7, status: 'revoked', keys_revoked: 2 });
    expect(data(await open.call('remove_white_label_member', { member_id: 7, confirm_remove: true }))).to.include({ status: 'revoked', keys_revoked: 2 });
  });
});
