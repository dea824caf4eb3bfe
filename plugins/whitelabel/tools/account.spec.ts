import { expect } from 'chai';
import { api, data, errorText, harness, OPS_TOKEN, type Harness } from '../../../test/harness.js';
import { WhitelabelPack } from '../whitelabel.plugin.js';
import { ADDON_HINT } from '../whitelabel.plugin.js';

describe('whitelabel tools: account', () => {
  let h: Harness;
  before(async () => {
    h = await harness(WhitelabelPack);
  });

  it('get_white_label GETs the overview with the ops token, no query', async () => {
    const overview = { entitlement: { state: 'active' }, default_brand: null, domains: [] };
    api().get('/api/v1/white-label').matchHeader('authorization', `Bearer ${OPS_TOKEN}`).query({}).reply(200, overview);
    expect(data(await h.call('get_white_label'))).to.deep.equal(overview);
  });

  it('get_white_label_access_catalog GETs the catalog and takes no arguments', async () => {
    api().get('/api/v1/white-label/access-catalog').query({}).reply(200, { roles: [{ role: 'client' }], permissions: [] });
    expect(data(await h.call('get_white_label_access_catalog')).roles[0].role).to.equal('client');
    expect(errorText(await h.call('get_white_label_access_catalog', { role: 'client' }))).to.match(/role/);
  });

  it('an inactive add-on is said plainly: a separate subscription, nothing works without it, how to buy it', async () => {
    api().get('/api/v1/white-label').reply(403, { error: { code: 'white_label_inactive', message: 'White Label is not active on this account' } });
    const res = await h.call('get_white_label');
    expect(res.structuredContent?.error).to.include({ status: 403, code: 'white_label_inactive', hint: ADDON_HINT });
    expect(errorText(res)).to.contain('separate add-on subscription').and.contain('no White Label tool works').and.contain('agent_subscribe_white_label').and.contain('dashboard');
    // The live API's code for the same state; its own hint is kept after ours.
    api().get('/api/v1/white-label/access-catalog').reply(403, { error: { code: 'scope_blocked_by_entitlement', message: 'Blocked', hint: 'Renew White Label.' } });
    expect((await h.call('get_white_label_access_catalog')).structuredContent?.error).to.have.property('hint').that.equals(`${ADDON_HINT} Renew White Label.`);
  });

  it('other failures keep the API\'s own words', async () => {
    api().get('/api/v1/white-label').reply(500, { error: { code: 'server_error', message: 'Boom', hint: 'Try later' } });
    expect((await h.call('get_white_label')).structuredContent?.error).to.include({ code: 'server_error', hint: 'Try later' });
  });
});
