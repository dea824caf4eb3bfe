import { expect } from 'chai';
import { api, data, errorText, harness, OPS_TOKEN, type Harness } from '../../../test/harness.js';
import { DrivePack } from '../drive.plugin.js';

describe('drive tools: storage add-on (read-only)', () => {
  let h: Harness;
  before(async () => {
    h = await harness(DrivePack);
  });

  it('drive_addon_get GETs the add-on', async () => {
    const body = { active: true, in_grace: false, size_gb: 250 };
    api().get('/api/v1/drive/addon').matchHeader('authorization', `Bearer ${OPS_TOKEN}`).reply(200, body);
    expect(data(await h.call('drive_addon_get'))).to.deep.equal(body);
  });

  it('drive_addon_pricing puts the currency in the query', async () => {
    const body = { currency: 'EUR', steps: [{ size_gb: 250, monthly_amount: 460, yearly_amount: 4600 }] };
    api().get('/api/v1/drive/addon/pricing').query({ currency: 'EUR' }).reply(200, body);
    expect(data(await h.call('drive_addon_pricing', { currency: 'EUR' }))).to.deep.equal(body);
  });

  it('drive_addon_pricing without a currency sends no query (the API uses the account\'s)', async () => {
    api().get('/api/v1/drive/addon/pricing').reply(200, { currency: 'USD', steps: [] });
    expect(data(await h.call('drive_addon_pricing')).currency).to.equal('USD');
  });

  it('drive_addon_pricing refuses a currency that is not a 3-letter code', async () => {
    expect(errorText(await h.call('drive_addon_pricing', { currency: 'euro' }))).to.contain('- currency: must be a 3-letter currency code');
  });

  it('drive_addon_cancellation_preview GETs the preview', async () => {
    const body = { addon_size_gb: 250, plan_quota_bytes: 53687091200, over_quota_bytes: 0, at_risk_files: [], grace_days: 7 };
    api().get('/api/v1/drive/addon/cancellation-preview').reply(200, body);
    expect(data(await h.call('drive_addon_cancellation_preview'))).to.deep.equal(body);
  });

  it('only reads: no purchase, resize or cancel tool exists, and all three are read-only', () => {
    const addon = h.runtime.list().filter((t) => t.name.startsWith('drive_addon'));
    expect(addon.map((t) => t.name)).to.deep.equal(['drive_addon_cancellation_preview', 'drive_addon_get', 'drive_addon_pricing']);
    for (const t of addon) expect(t.annotations.readOnlyHint, t.name).to.equal(true);
  });

  it('an API error (no add-on on the account) is passed on', async () => {
    api().get('/api/v1/drive/addon').reply(404, { error: { code: 'addon_not_found', message: 'The account has no Drive add-on' } });
    expect(errorText(await h.call('drive_addon_get'))).to.contain('HTTP 404, addon_not_found');
  });
});
