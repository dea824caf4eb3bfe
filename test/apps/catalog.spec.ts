import { expect } from 'chai';
import { InfraPack } from '../../plugins/infra/infra.plugin.js';
import { VerifierPack } from '../../plugins/verifier/verifier.plugin.js';
import { harness } from '../harness.js';

describe('apps: packs’ views as ui:// resources', () => {
  it('lists a view and links it while one of its tools is registered', async () => {
    const h = await harness(InfraPack, { TREKMAIL_TOOLSETS: 'dns' });
    expect(h.client.getServerCapabilities()?.resources).to.deep.equal({ listChanged: false });
    const { tools } = await h.client.listTools();
    expect(tools.filter((t) => t._meta).map((t) => t.name)).to.deep.equal(['get_dns_check', 'get_dns_requirements']);
    expect((await h.client.listResources()).resources.map((r) => r.uri)).to.deep.equal(['ui://infra/dns-setup.html']);
  });

  it('has no resources at all when no tool shows a view (clients see what they saw before)', async () => {
    for (const h of [await harness(InfraPack, { TREKMAIL_TOOLSETS: 'account' }), await harness(VerifierPack)]) {
      expect(h.client.getServerCapabilities()?.resources).to.equal(undefined);
      expect((await h.client.listTools()).tools.some((t) => t._meta)).to.equal(false);
      // The server advertises no resources capability, so the client does not even ask (v2 client: an empty list).
      expect((await h.client.listResources()).resources).to.deep.equal([]);
    }
  });
});
