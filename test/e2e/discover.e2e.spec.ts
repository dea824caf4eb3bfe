import { expect } from 'chai';
import { ElicitRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import type { Sandbox } from '../../sandbox/server.js';
import { connect, sandbox, type Session } from '../e2e.js';

/**
 * TREKMAIL_TOOLS=discover over stdio with the SDK client against the sandbox: the agent sees four tools and the
 * server's instructions, finds the tool for a task in plain words, reads with call_read_tool and writes with
 * call_write_tool, meeting the write's env gate and the person's confirmation exactly as a listed tool would.
 */
describe('e2e: discovery mode (stdio, SDK client, sandbox)', function () {
  this.timeout(20_000);
  let sb: Sandbox;
  let s: Session;
  const asked: string[] = [];
  const answers: ({ action: 'accept'; content: { approve: boolean } } | { action: 'decline' })[] = [];
  const routeCount = (key: string) => sb.engine.stats.byRoute[key] ?? 0;

  before(async () => {
    sb = await sandbox();
    s = await connect(sb, ['ops:pro', 'message:pro'], { TREKMAIL_TOOLS: 'discover', TREKMAIL_ALLOW_DESTRUCTIVE: 'true' }, [], { elicitation: {} });
    s.client.setRequestHandler(ElicitRequestSchema, async (req) => {
      asked.push(String(req.params.message));
      return answers.shift() ?? { action: 'decline' };
    });
  });
  after(async () => {
    await s?.close();
    await sb?.close();
  });

  it('lists the finder, the two executors (read-only and destructive) and the preview tool, in under 5 KB, with instructions for this deployment', async () => {
    const { tools } = await s.client.listTools();
    expect(tools.map((t) => [t.name, t.annotations])).to.deep.equal([
      ['call_read_tool', { readOnlyHint: true }],
      ['call_write_tool', { destructiveHint: true }],
      ['find_tools', { readOnlyHint: true, openWorldHint: false }],
      ['preview_tool_call', { readOnlyHint: true, openWorldHint: false }],
    ]);
    expect(Buffer.byteLength(JSON.stringify({ tools }))).to.be.at.most(5000);
    const text = s.client.getInstructions()!;
    expect(text).to.contain('find_tools').and.contain('TREKMAIL_ALLOW_SENDING').and.not.contain('TREKMAIL_ALLOW_DESTRUCTIVE');
    expect(text).to.contain('create_domain → get_dns_requirements').and.contain('create_delete_intent → confirm_delete_intent').and.contain('save_draft');
  });

  it('find → read → write: suspends sign-in of a mailbox after the person approves, through the same gates as a listed tool', async () => {
    const found = await s.call('find_tools', { query: "make sure nobody can log into bob's mailbox while he's away" });
    const match = found.structuredContent.matches.find((m: any) => m.name === 'suspend_mailbox_login');
    expect(match, JSON.stringify(found.structuredContent.matches.map((m: any) => m.name))).to.include({ available: true, run_with: 'call_write_tool' });
    expect(match.gate).to.contain('TREKMAIL_ALLOW_DESTRUCTIVE').and.contain('set');
    expect(match.inputSchema.required).to.deep.equal(['mailbox_id']);

    const listed = await s.call('call_read_tool', { tool: 'list_mailboxes', arguments: { status: 'active' } });
    expect(listed.isError, listed.content[0].text).to.not.equal(true);
    const mailbox = (listed.structuredContent.data ?? listed.structuredContent.mailboxes)[0];
    expect(mailbox.id).to.be.a('number');

    // The read executor never runs a write, and says which executor does.
    const before = routeCount('POST /mailboxes/{mailbox_id}:suspend-login');
    const wrong = await s.call('call_read_tool', { tool: 'suspend_mailbox_login', arguments: { mailbox_id: mailbox.id } });
    expect(wrong.isError).to.equal(true);
    expect(wrong.content[0].text).to.contain('call_write_tool');

    // The person declines: nothing is sent.
    answers.push({ action: 'decline' });
    const declined = await s.call('call_write_tool', { tool: 'suspend_mailbox_login', arguments: { mailbox_id: mailbox.id, reason: 'away' } });
    expect(declined.isError).to.equal(true);
    expect(declined.structuredContent.error.code).to.equal('declined');
    expect(routeCount('POST /mailboxes/{mailbox_id}:suspend-login')).to.equal(before);

    answers.push({ action: 'accept', content: { approve: true } });
    const done = await s.call('call_write_tool', { tool: 'suspend_mailbox_login', arguments: { mailbox_id: mailbox.id, reason: 'away' } });
    expect(done.isError, done.content[0].text).to.not.equal(true);
    expect(done.structuredContent.mailbox.id).to.equal(mailbox.id);
    expect(asked.at(-1)).to.contain('suspend_mailbox_login');
    expect(routeCount('POST /mailboxes/{mailbox_id}:suspend-login')).to.equal(before + 1);

    const after = await s.call('call_read_tool', { tool: 'get_mailbox', arguments: { mailbox_id: mailbox.id } });
    expect(JSON.stringify(after.structuredContent)).to.contain('"login_suspended":true');
  });

  it('a write behind a closed gate is refused with the variable to set, and nothing is sent', async () => {
    const sends = routeCount('POST /messages/send');
    const r = await s.call('call_write_tool', { tool: 'send_message', arguments: { to: ['x@example.com'], subject: 'hi', body_text: 'hi', confirm_send: true } });
    expect(r.isError).to.equal(true);
    expect(r.structuredContent.error.code).to.equal('gate_disabled');
    expect(r.content[0].text).to.contain('TREKMAIL_ALLOW_SENDING=true');
    expect(routeCount('POST /messages/send')).to.equal(sends);
  });

  it('tools that are not listed are not callable directly: only through an executor', async () => {
    let err: Error | undefined;
    await s.client.callTool({ name: 'list_domains', arguments: {} }).catch((e: Error) => (err = e));
    expect(err?.message).to.match(/Unknown tool/);
  });
});
