import { Client as V2Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { expect } from 'chai';
import { webmailState } from '../../plugins/webmail/sandbox/state.js';
import type { Sandbox } from '../../sandbox/server.js';
import { sandbox, spawnHttpFor, type HttpProcess } from '../e2e.js';

type Raw = { resultType?: string; requestState?: string; isError?: boolean; content?: { text: string }[]; structuredContent?: any };

/**
 * Behind a load balancer a 2026-07-28 confirmation round may come back to another replica: replicas that share
 * TREKMAIL_HTTP_STATE_SECRET accept each other's signed state; one with its own random key refuses it (and sends
 * nothing).
 */
describe('e2e: a confirmation round answered on another replica (2026-07-28, HTTP)', function () {
  this.timeout(60_000);
  const SECRET = 'replica-shared-secret-0123456789abcdef';
  let sb: Sandbox;
  const servers: HttpProcess[] = [];
  const clients: V2Client[] = [];

  const connect = async (url: string) => {
    const client = new V2Client({ name: 'replica-test', version: '1.0.0' }, {
      capabilities: { elicitation: { form: {} } }, versionNegotiation: { mode: { pin: '2026-07-28' } }, inputRequired: { autoFulfill: false },
    } as never);
    await client.connect(new StreamableHTTPClientTransport(new URL(url)));
    clients.push(client);
    return (params: Record<string, unknown>) => client.callTool(params as never, { allowInputRequired: true } as never) as Promise<Raw>;
  };

  before(async () => {
    sb = await sandbox();
    const env = { TREKMAIL_ALLOW_DESTRUCTIVE: 'true', TREKMAIL_CONFIRM: 'elicit' };
    for (const secret of [SECRET, SECRET, undefined]) servers.push(await spawnHttpFor(sb, ['message:pro'], secret ? { ...env, TREKMAIL_HTTP_STATE_SECRET: secret } : env));
  });
  after(async () => {
    await Promise.all(clients.map((c) => c.close().catch(() => {})));
    for (const s of servers) s.kill();
    await sb?.close();
  });

  it('asked on replica A, approved on replica B (same secret): deleted once; replica C (own key) refuses the state', async () => {
    const [a, b, c] = [await connect(servers[0].url), await connect(servers[1].url), await connect(servers[2].url)];
    const contacts = () => [...webmailState(sb.engine).mailboxes.get(1)!.contacts.values()];
    const target = contacts()[0];
    const args = { name: 'delete_contact', arguments: { contact_id: target.id } };
    const asked = await a(args);
    expect(asked.resultType).to.equal('input_required');
    const answer = { ...args, inputResponses: { confirm: { action: 'accept', content: { approve: true } } }, requestState: asked.requestState };
    // Replica C did not sign this state: the round is refused, and the contact is still there.
    const elsewhere = await c(answer).then((r) => r, (e: Error) => ({ isError: true, content: [{ text: e.message }] }) as Raw);
    expect(elsewhere.resultType === undefined && !elsewhere.isError, 'replica C must not act on a state it did not sign').to.equal(false);
    expect(contacts().some((x) => x.id === target.id)).to.equal(true);
    const done = await b(answer);
    expect(done.isError, done.content?.[0]?.text).to.not.equal(true);
    expect(done.resultType).to.equal(undefined);
    expect(contacts().some((x) => x.id === target.id)).to.equal(false);
  });
});
