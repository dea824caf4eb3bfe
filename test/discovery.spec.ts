import { expect } from 'chai';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CommercePack } from '../plugins/commerce/commerce.plugin.js';
import { DrivePack } from '../plugins/drive/drive.plugin.js';
import { InfraPack } from '../plugins/infra/infra.plugin.js';
import { VerifierPack } from '../plugins/verifier/verifier.plugin.js';
import { WebmailPack } from '../plugins/webmail/webmail.plugin.js';
import { api, data, errorText, harness, type Harness } from './harness.js';

const PACKS = [InfraPack, WebmailPack, DrivePack, VerifierPack, CommercePack];
const discover = (env: Record<string, string> = {}) => harness(PACKS, { TREKMAIL_TOOLS: 'discover', ...env });
const names = async (h: Harness) => (await h.client.listTools()).tools.map((t) => t.name);
const found = async (h: Harness, query: string, limit = 10) => data(await h.call('find_tools', { query, limit })).matches as any[];

/** TREKMAIL_TOOLS=discover: what is listed, what the finder finds, and the executors' one path through the runtime. */
describe('discovery mode (TREKMAIL_TOOLS=discover)', () => {
  it('lists only the finder, the executors and the preview tool; full mode (the default) lists every tool and no finder', async () => {
    const h = await discover();
    expect(await names(h)).to.deep.equal(['call_read_tool', 'call_write_tool', 'find_tools', 'preview_tool_call']);
    const full = await harness(PACKS);
    const all = await names(full);
    expect(all).to.include.members(['list_domains', 'send_message', 'preview_tool_call']);
    expect(all).not.to.include.members(['find_tools']);
    expect(all.filter((n) => n.startsWith('call_'))).to.deep.equal([]);
    expect(errorText(await full.call('preview_tool_call', { tool: 'find_tools' }))).to.contain('Unknown tool');
  });

  it('rejects an unknown TREKMAIL_TOOLS value by name', async () => {
    let err: Error | undefined;
    await discover({ TREKMAIL_TOOLS: 'some' }).catch((e: Error) => (err = e));
    expect(err?.message).to.contain('TREKMAIL_TOOLS').and.contain('full, discover');
  });

  it('finds a tool by task with its schema, executor and gate; a tool this deployment cannot run is found with the reason', async () => {
    const h = await discover();
    const [first] = await found(h, 'delete a domain we no longer use', 3);
    expect(first).to.include({ name: 'delete_domain', available: true, run_with: 'call_write_tool' });
    expect(first.gate).to.equal('TREKMAIL_ALLOW_DESTRUCTIVE=true needed (not set: the call is refused)');
    expect(first.inputSchema.required).to.include('domain_id');
    const buy = (await found(h, 'buy more verification credits')).find((m) => m.name === 'agent_buy_verifier_credits');
    expect(buy).to.deep.include({ available: false, why: 'off unless TREKMAIL_ALLOW_PURCHASES=true (it spends money)' });
    expect(buy).not.to.have.property('inputSchema');
    const bulk = (await found(h, 'delete fifty messages of a folder at once')).find((m) => m.name === 'bulk_action');
    expect(bulk.gate).to.contain('when action is delete');
  });

  it('read-only mode and TREKMAIL_TOOLSETS narrow what is found, and read-only lists no write executor', async () => {
    const ro = await discover({ TREKMAIL_READ_ONLY: 'true' });
    expect(await names(ro)).to.deep.equal(['call_read_tool', 'find_tools']);
    const matches = await found(ro, 'delete remove trash a mailbox domain message file');
    expect(matches.length).to.be.greaterThan(0);
    expect(matches.filter((m) => m.run_with !== 'call_read_tool').map((m) => m.name)).to.deep.equal([]);
    const drive = await discover({ TREKMAIL_TOOLSETS: 'drive' });
    const inDrive = await found(drive, 'delete a domain or a mailbox or a file');
    expect(inDrive.length).to.be.greaterThan(0);
    expect(inDrive.filter((m) => !m.name.startsWith('drive_')).map((m) => m.name)).to.deep.equal([]);
  });

  it('call_read_tool runs a read tool exactly as tools/call would (same request, audited under its own name) and refuses writes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tm-discover-'));
    const audit = join(dir, 'audit.jsonl');
    const h = await discover({ TREKMAIL_AUDIT_LOG: audit });
    api().get('/api/v1/domains/7').reply(200, { domain: { id: 7, name: 'acme.test' } });
    expect(data(await h.call('call_read_tool', { tool: 'get_domain', arguments: { domain_id: 7 } }))).to.deep.equal({ domain: { id: 7, name: 'acme.test' } });
    expect(errorText(await h.call('call_read_tool', { tool: 'delete_domain', arguments: { domain_id: 7 } }))).to.contain('run it with call_write_tool');
    expect(errorText(await h.call('call_write_tool', { tool: 'get_domain', arguments: { domain_id: 7 } }))).to.contain('run it with call_read_tool');
    // Validation is the tool's own: the field and the rule are named.
    const invalid = await h.call('call_read_tool', { tool: 'get_domain', arguments: { domain_id: 'seven' } });
    expect(invalid.structuredContent!.error).to.include({ code: 'invalid_arguments' });
    await new Promise((r) => setTimeout(r, 50));
    const lines = readFileSync(audit, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => [l.tool, l.outcome])).to.deep.equal([['get_domain', 'ok'], ['get_domain', 'invalid']]);
    rmSync(dir, { recursive: true, force: true });
  });

  it("call_write_tool applies the tool's gate, confirmation flag and the recipient allow-list, and sends only when all are met", async () => {
    const msg = { to: ['ann@partner.test'], subject: 'Hi', body_text: 'Hello' };
    const closed = await discover();
    expect((await closed.call('call_write_tool', { tool: 'send_message', arguments: { ...msg, confirm_send: true } })).structuredContent!.error).to.include({ code: 'gate_disabled' });
    const open = await discover({ TREKMAIL_ALLOW_SENDING: 'true', TREKMAIL_SEND_ALLOW: 'partner.test' });
    expect((await open.call('call_write_tool', { tool: 'send_message', arguments: msg })).structuredContent!.error).to.include({ code: 'not_confirmed' });
    const stranger = await open.call('call_write_tool', { tool: 'send_message', arguments: { ...msg, to: ['eve@evil.test'], confirm_send: true } });
    expect(stranger.structuredContent!.error).to.include({ code: 'recipient_not_allowed' });
    let sent: any;
    api().post('/api/v1/messages/send', (b) => ((sent = b), true)).reply(200, { message_id: '<m1@x>' });
    expect(data(await open.call('call_write_tool', { tool: 'send_message', arguments: { ...msg, confirm_send: true } }))).to.deep.equal({ message_id: '<m1@x>' });
    expect(sent).to.deep.include({ to: ['ann@partner.test'], subject: 'Hi' });
  });

  it('the executors reject malformed calls clearly and never run the server\'s own tools', async () => {
    const h = await discover();
    expect(errorText(await h.call('call_read_tool', {}))).to.contain('tool must be a tool name');
    expect(errorText(await h.call('call_read_tool', { tool: 'get_domain', domain_id: 7 }))).to.contain('under "arguments"');
    expect(errorText(await h.call('call_read_tool', { tool: 'get_domain', arguments: [7] }))).to.contain('must be an object');
    expect(errorText(await h.call('call_read_tool', { tool: 'no_such_tool' }))).to.contain('find_tools');
    expect(errorText(await h.call('call_read_tool', { tool: 'find_tools', arguments: { query: 'x' } }))).to.contain('Unknown tool');
  });

  it('the instructions name what is loaded, the closed gates and the workflows whose tools are all here', async () => {
    const h = await discover({ TREKMAIL_ALLOW_SENDING: 'true' });
    const text = h.client.getInstructions()!;
    expect(text).to.match(/Loaded: drive, infra, verifier, webmail\./);
    expect(text).to.contain('Not loaded: commerce (off unless TREKMAIL_ALLOW_PURCHASES=true)');
    expect(text).to.contain('TREKMAIL_ALLOW_DESTRUCTIVE').and.not.contain('TREKMAIL_ALLOW_SENDING');
    expect(text).to.contain('save_draft → user approves → send_message').and.contain('find_tools');
    expect(Buffer.byteLength(text)).to.be.at.most(700);
    const ro = await harness([InfraPack], { TREKMAIL_READ_ONLY: 'true' });
    const roText = ro.client.getInstructions()!;
    expect(roText).to.contain('Loaded: infra (read-only).').and.not.contain('create_domain →').and.not.contain('find_tools');
  });
});
