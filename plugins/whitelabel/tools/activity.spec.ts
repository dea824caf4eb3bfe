import { expect } from 'chai';
import nock from 'nock';
import { api, BASE, data, errorText, harness, type Harness } from '../../../test/harness.js';
import { WhitelabelPack } from '../whitelabel.plugin.js';

describe('whitelabel tools: activity', () => {
  let h: Harness;
  before(async () => {
    h = await harness(WhitelabelPack);
  });

  it('list_white_label_activity sends its filters in the query; an action name is 64 characters at most', async () => {
    api().get('/api/v1/white-label/activity').query({ action: 'member.invited', member_id: '7', page: '2', per_page: '100' }).reply(200, { data: [{ id: 1 }], meta: {} });
    expect(data(await h.call('list_white_label_activity', { action: 'member.invited', member_id: 7, page: 2, per_page: 100 })).data).to.have.length(1);
    api().get('/api/v1/white-label/activity').query({}).reply(200, { data: [] });
    expect(data(await h.call('list_white_label_activity')).data).to.deep.equal([]);
    expect(errorText(await h.call('list_white_label_activity', { action: 'x'.repeat(65) }))).to.match(/action: .*64/);
    expect(errorText(await h.call('list_white_label_activity', { per_page: 101 }))).to.match(/per_page/);
  });

  it('get_white_label_member_activity GETs one member with a row limit of 1 to 100 per section', async () => {
    api().get('/api/v1/white-label/members/7/activity').query({ limit: '10' }).reply(200, { actions: [], sign_ins: [{ browser: 'Firefox' }] });
    expect(data(await h.call('get_white_label_member_activity', { member_id: 7, limit: 10 })).sign_ins[0].browser).to.equal('Firefox');
    api().get('/api/v1/white-label/members/7/activity').query({}).reply(200, { actions: [] });
    expect(data(await h.call('get_white_label_member_activity', { member_id: 7 })).actions).to.deep.equal([]);
    for (const limit of [0, 101]) expect(errorText(await h.call('get_white_label_member_activity', { member_id: 7, limit }))).to.match(/limit/);
  });

  it('get_white_label_member_activity needs both activity:read and members:read; the list needs activity:read only', async () => {
    const listed = async (scopes: string[]) => {
      nock(BASE).get('/api/v1/me').reply(200, { account: { plan: 'pro' }, capabilities: { effective_scopes: scopes, plan_allows_writes: true } });
      nock(BASE).get('/api/v1/messages/_me').reply(401, { error: { code: 'invalid_token', message: 'no' } });
      const s = await harness(WhitelabelPack, { TREKMAIL_SCOPE_AWARE_REGISTRATION: 'true' });
      return s.runtime.list().map((t) => t.name);
    };
    const one = await listed(['activity:read']);
    expect(one).to.include('list_white_label_activity').and.not.include('get_white_label_member_activity');
    expect(await listed(['activity:read', 'members:read'])).to.include('get_white_label_member_activity');
  });
});
