import { expect } from 'chai';
import { mintCredential } from '../plugins/commerce/sandbox/state.js';
import { DEMO_CF_TOKEN, zoneId } from '../plugins/cloudflare/sandbox/index.js';
import { startSandbox, type Sandbox } from '../sandbox/server.js';
import { rawApi } from './e2e.js';

/** The demo account is one account: what one emulator does to it, the others see (sandbox/account.ts). */
describe('sandbox: one shared demo account across the emulators', () => {
  let sb: Sandbox;
  let send: ReturnType<typeof rawApi>;
  before(async () => {
    sb = await startSandbox();
    send = rawApi(sb);
  });
  after(() => sb?.close());

  it("suspending a mailbox's sign-in revokes its Drive device passwords (infra → drive)", async () => {
    const created = await send('POST', '/drive/devices', { label: 'Phone of demo', scopes: ['drive:mailbox:read'], mailbox_id: 1, expires_in_days: null });
    expect(created.status).to.equal(201);
    const id = created.body.data.id;
    const suspended = await send('POST', '/mailboxes/1:suspend-login', { reason: 'lost phone' });
    expect(suspended.body.drive_devices_revoked).to.equal(1);
    const list = (await send('GET', '/drive/devices')).body;
    const rows = (list.data ?? list.devices) as { id: number; status: string }[];
    expect(rows.find((d) => d.id === id)!.status).to.equal('revoked');
  });

  it('a zone Cloudflare connects as a new domain is a domain of the account (cloudflare → infra)', async () => {
    const r = await send('POST', '/cloudflare/connect', { api_token: DEMO_CF_TOKEN, selected: [{ zone_id: zoneId('shop-demo.example'), zone_name: 'shop-demo.example', trekmail_domain_id: null }] });
    const id = r.body.connected[0].trekmail_domain_id;
    const d = (await send('GET', `/domains/${id}`)).body.domain;
    expect(d).to.include({ id, name: 'shop-demo.example', status: 'pending_dns' });
  });

  it('credits an agent buys are the credits the verifier spends (commerce → verifier)', async () => {
    const before = (await send('GET', '/verify/credits')).body.credits_remaining;
    const bought = await fetch(`${sb.url}/api/v1/agent/verifier-credits/topup`, {
      method: 'POST', headers: { authorization: `Bearer ${sb.allTokens['ops:pro']}`, 'content-type': 'application/json', 'payment-authorization': mintCredential('spt', '10.00', 'usd') }, body: JSON.stringify({ quantity: 1000 }),
    });
    expect(bought.status).to.equal(201);
    expect((await send('GET', '/verify/credits')).body.credits_remaining).to.equal(before + 1000);
  });
});
