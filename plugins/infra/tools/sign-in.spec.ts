import { expect } from 'chai';
import { api, data, errorText, harness, UUID, type Harness } from '../../../test/harness.js';
import { InfraPack } from '../infra.plugin.js';

describe('infra tools: sign-in', () => {
  let h: Harness;
  let open: Harness;
  before(async () => {
    h = await harness(InfraPack);
    open = await harness(InfraPack, { TREKMAIL_ALLOW_DESTRUCTIVE: 'true' });
  });

  it('all three are gated: nothing is sent while TREKMAIL_ALLOW_DESTRUCTIVE is off', async () => {
    for (const [name, args] of [['suspend_mailbox_login', { mailbox_id: 2 }], ['resume_mailbox_login', { mailbox_id: 2 }], ['set_mailboxes_login_access', { login_suspended: true, all: true }]] as const) {
      expect(errorText(await h.call(name, args)), name).to.contain(`${name} needs TREKMAIL_ALLOW_DESTRUCTIVE=true`);
    }
  });

  it('suspend_mailbox_login POSTs the reason, or an empty body without one', async () => {
    api().post('/api/v1/mailboxes/2:suspend-login', { reason: 'unpaid invoice 42' }).matchHeader('idempotency-key', UUID).reply(200, { mailbox: { id: 2, login_suspended: true }, app_passwords_revoked: 1 });
    expect(data(await open.call('suspend_mailbox_login', { mailbox_id: 2, reason: 'unpaid invoice 42' })).app_passwords_revoked).to.equal(1);
    api().post('/api/v1/mailboxes/3:suspend-login', (b) => JSON.stringify(b) === '{}').reply(200, { mailbox: { id: 3, login_suspended: true } });
    expect(data(await open.call('suspend_mailbox_login', { mailbox_id: 3 })).mailbox.login_suspended).to.equal(true);
    expect(errorText(await open.call('suspend_mailbox_login', { mailbox_id: 3, reason: 'x'.repeat(256) }))).to.match(/reason: .*255/);
  });

  it('resume_mailbox_login POSTs with no body at all', async () => {
    api().post('/api/v1/mailboxes/2:resume-login', (b) => b === '' || b === undefined).matchHeader('idempotency-key', UUID).reply(200, { mailbox: { id: 2, login_suspended: false } });
    expect(data(await open.call('resume_mailbox_login', { mailbox_id: 2 })).mailbox.login_suspended).to.equal(false);
  });

  it('set_mailboxes_login_access POSTs the flag, the reason and exactly one selector', async () => {
    api().post('/api/v1/mailboxes:login-access', { login_suspended: true, reason: 'unpaid', domain_id: 3 }).matchHeader('idempotency-key', UUID)
      .reply(200, { data: { login_suspended: true, matched: 1, updated: 1, skipped: 0 } });
    expect(data(await open.call('set_mailboxes_login_access', { login_suspended: true, reason: 'unpaid', domain_id: 3 })).data.updated).to.equal(1);
    api().post('/api/v1/mailboxes:login-access', { login_suspended: false, mailbox_ids: [2, 3] }).reply(200, { data: { matched: 2 } });
    expect(data(await open.call('set_mailboxes_login_access', { login_suspended: false, mailbox_ids: [2, 3] })).data.matched).to.equal(2);
    expect(errorText(await open.call('set_mailboxes_login_access', { login_suspended: true }))).to.contain('give one of mailbox_ids, domain_id, all');
    expect(errorText(await open.call('set_mailboxes_login_access', { login_suspended: true, domain_id: 1, all: true }))).to.contain('give only one of');
    expect(errorText(await open.call('set_mailboxes_login_access', { login_suspended: 'yes', all: true }))).to.match(/login_suspended: /);
  });
});
