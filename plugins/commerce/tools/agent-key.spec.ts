import { expect } from 'chai';
import { api, data, errorText, harness, OPS_TOKEN, type Harness } from '../../../test/harness.js';
import { CommercePack } from '../commerce.plugin.js';

describe('commerce tools: agent_reissue_key', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await harness(CommercePack, { TREKMAIL_ALLOW_PURCHASES: 'true', TREKMAIL_ALLOW_DESTRUCTIVE: 'true' });
  });

  it('POSTs {} and switches this process to the new key at once; the key is shown once, never in logs', async () => {
    const fresh = 'tm_live_agent_fresh_key_0123456789abcdef';
    api().post('/api/v1/agent/key/reissue', {}).matchHeader('authorization', `Bearer ${OPS_TOKEN}`).reply(200, { status: 'reissued', api_token: fresh, plan: 'pro' });
    const d = data(await h.call('agent_reissue_key'));
    expect(d.api_token).to.equal(fresh);
    expect(d.next_step).to.contain('TREKMAIL_API_TOKEN');
    api().post('/api/v1/agent/key/reissue', {}).matchHeader('authorization', `Bearer ${fresh}`).reply(403, { error: { code: 'not_agent_key', message: `key ${fresh} was reissued already` } });
    const again = await h.call('agent_reissue_key');
    expect(errorText(again)).to.contain('not_agent_key').and.not.contain(fresh);
    expect(h.logs.join('\n')).not.to.contain(fresh);
  });

  it('is gated as destructive and keeps the old key when the API answers no usable key', async () => {
    const closed = await harness(CommercePack, { TREKMAIL_ALLOW_PURCHASES: 'true' });
    expect(errorText(await closed.call('agent_reissue_key'))).to.contain('TREKMAIL_ALLOW_DESTRUCTIVE=true');
    api().post('/api/v1/agent/key/reissue').reply(200, { status: 'reissued', api_token: 'not-a-key' });
    expect(errorText(await h.call('agent_reissue_key'))).to.contain('sent none this server can use');
  });
});
