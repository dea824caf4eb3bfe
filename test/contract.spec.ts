import { expect } from 'chai';
import nock from 'nock';
import { mcpClient } from './harness.js';
import { allTools, recordAll, validArgs } from './reliability/support.js';

const OPEN = { TREKMAIL_ALLOW_DESTRUCTIVE: 'true', TREKMAIL_ALLOW_SENDING: 'true', TREKMAIL_ALLOW_MIGRATION: 'true', TREKMAIL_ALLOW_PURCHASES: 'true', TREKMAIL_CONFIRM: 'flag' };

/**
 * Listed means callable: every tool in tools/list answers tools/call over MCP with a result (an error result is
 * fine), never a protocol error, whether its arguments are valid, empty or junk. An alias answers like its tool.
 */
describe('contract: every listed tool answers tools/call with a result', () => {
  it('over the MCP protocol, for valid, empty and junk arguments', async () => {
    const { runtime } = await allTools(OPEN);
    const client = await mcpClient(runtime);
    const { tools } = await client.listTools();
    expect(tools.length).to.equal(runtime.list().length);
    const problems: string[] = [];
    for (const t of tools) {
      const registered = runtime.get(t.name)!;
      for (const [label, args] of [['valid', validArgs(registered.inputSchema, t.name)], ['empty', {}], ['junk', { __junk: [1, { a: null }] }]] as const) {
        nock.cleanAll();
        recordAll();
        try {
          const res = (await client.callTool({ name: t.name, arguments: { ...args, ...(registered.meta.confirm ? { [registered.meta.confirm]: true } : {}) } })) as { content?: { type: string }[] };
          if (!Array.isArray(res.content) || res.content[0]?.type !== 'text') problems.push(`${t.name} (${label}): no text content`);
        } catch (err) {
          problems.push(`${t.name} (${label}): protocol error ${(err as Error).message.slice(0, 120)}`);
        }
      }
    }
    nock.cleanAll();
    expect(problems).to.deep.equal([]);
  });

  it('tools/list never shows an alias; tools/call runs the tool it names', async () => {
    const { runtime } = await allTools(OPEN);
    const aliased = runtime.list().map((t) => runtime.get(t.name)!).filter((t) => t.meta.aliases?.length);
    const listed = new Set(runtime.list().map((t) => t.name));
    // The seven names the official server gives to tools of ours.
    expect(aliased.flatMap((t) => t.meta.aliases!)).to.have.members([
      'bulk_create_mailboxes', 'add_contact_group_members', 'remove_contact_group_members', 'update_contact_group', 'prepare_reply', 'prepare_reply_all', 'prepare_forward',
    ]);
    const client = await mcpClient(runtime);
    for (const t of aliased) {
      for (const alias of t.meta.aliases!) {
        expect(listed.has(alias), alias).to.equal(false);
        expect(runtime.get(alias)?.meta.name).to.equal(t.meta.name);
        nock.cleanAll();
        const seen = recordAll();
        const args = { ...validArgs(t.inputSchema, t.meta.name), ...(t.meta.confirm ? { [t.meta.confirm]: true } : {}) };
        const viaAlias = (await client.callTool({ name: alias, arguments: args })) as { isError?: boolean; content: { text: string }[] };
        expect(viaAlias.isError, `${alias}: ${viaAlias.content[0].text}`).to.not.equal(true);
        const first = seen[0];
        nock.cleanAll();
        const seen2 = recordAll();
        await client.callTool({ name: t.meta.name, arguments: args });
        expect(first && { method: first.method, path: first.path, body: first.body }, alias).to.deep.equal(seen2[0] && { method: seen2[0].method, path: seen2[0].path, body: seen2[0].body });
      }
    }
    nock.cleanAll();
  });
});
