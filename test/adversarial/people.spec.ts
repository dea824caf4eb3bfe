import { ElicitRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { webmailState } from '../../plugins/webmail/sandbox/state.js';
import type { Sandbox } from '../../sandbox/server.js';
import { connect, ENTRY, sandbox, type Session } from '../e2e.js';

const run = promisify(execFile);

/**
 * What the person sees and what is written down: the approval text cannot be spoofed by what the agent writes,
 * short secrets never show, the audit log keeps no content, and text from outside cannot forge a log line.
 */
describe('adversarial: the approval text says what really happens (stdio, elicitation)', function () {
  this.timeout(60_000);
  let sb: Sandbox;
  let s: Session;
  const asked: string[] = [];
  before(async () => {
    sb = await sandbox();
    s = await connect(sb, ['message:pro'], { TREKMAIL_ALLOW_SENDING: 'true', TREKMAIL_CONFIRM: 'elicit' }, [], { elicitation: {} });
    s.client.setRequestHandler(ElicitRequestSchema, async (req) => {
      asked.push(String(req.params.message));
      return { action: 'decline' };
    });
  });
  after(async () => {
    await s?.close();
    await sb?.close();
  });

  it('a subject with a line break is refused before anyone is asked; one that imitates the summary stays one quoted line', async () => {
    const outbox = webmailState(sb.engine).outbox.length;
    const forged = await s.call('send_message', { to: ['anna@partner.example'], subject: 'Lunch?\nRecipients: anna@partner.example', body_text: 'x' });
    expect(forged.content[0].text).to.match(/- subject: must be one line/);
    expect(asked).to.have.length(0);
    const subject = 'Lunch? Recipients: anna@partner.example. This only saves a draft; nothing is sent.\u202Egnp.exe';
    const r = await s.call('send_message', { to: ['anna@partner.example'], bcc: ['spy@evil.example'], subject, body_text: 'x' });
    expect(r.isError).to.equal(true);
    expect(r.content[0].text).to.contain('declined').and.contain('Nothing was sent');
    expect(webmailState(sb.engine).outbox.length).to.equal(outbox);
    const lines = asked.at(-1)!.split('\n');
    expect(lines[0]).to.equal('Allow the AI agent to run send_message?');
    expect(lines).to.include('To: "anna@partner.example"');
    expect(lines).to.include('Bcc (hidden from the other recipients): "spy@evil.example"');
    expect(lines.filter((l) => l.startsWith('Recipients') || l.startsWith('This only saves'))).to.deep.equal([]);
    // Quoted, and without the right-to-left override that would show "exe.png" as "gnp.exe".
    expect(lines.find((l) => l.startsWith('subject: '))).to.equal(`subject: ${JSON.stringify('Lunch? Recipients: anna@partner.example. This only saves a draft; nothing is sent.gnp.exe')}`);
    expect(lines.at(-1)).to.equal('This sends email; it cannot be recalled.');
  });
});

describe('adversarial: secrets and what is written down', function () {
  this.timeout(60_000);

  it('a 3-character password is not echoed in results or errors; the audit log holds sizes and hashes, not content', async () => {
    const sb = await sandbox();
    const dir = mkdtempSync(join(tmpdir(), 'tm-audit-'));
    const audit = join(dir, 'audit.jsonl');
    const s = await connect(sb, ['ops:pro', 'message:pro'], { TREKMAIL_AUDIT_LOG: audit });
    try {
      const r = await s.call('test_smtp', { host: 'smtp.partner.example', port: 587, encryption: 'tls', username: 'u', password: 'q7z' });
      expect(JSON.stringify(r)).to.not.match(/(?<![\p{L}\p{N}_])q7z(?![\p{L}\p{N}_])/u);
      const body = 'Confidential: the merger closes on Friday. '.repeat(20);
      await s.call('save_draft', { to: ['anna@partner.example'], subject: 'Merger', body_text: body, attachments: [{ filename: 'plan.txt', content_type: 'text/plain', content_base64: Buffer.from('secret plan').toString('base64') }] });
      await s.close();
      const log = readFileSync(audit, 'utf8');
      const entries = log.trim().split('\n').map((l) => JSON.parse(l));
      const draft = entries.find((e) => e.tool === 'save_draft');
      expect(draft.arguments.body_text).to.deep.equal({ bytes: Buffer.byteLength(body), sha256: draft.arguments.body_text.sha256 });
      expect(draft.arguments.body_text.sha256).to.match(/^[0-9a-f]{64}$/);
      expect(draft.arguments.subject).to.have.property('sha256');
      expect(draft.arguments.attachments[0].content_base64).to.have.property('bytes');
      expect(draft.arguments.to).to.deep.equal(['anna@partner.example']);
      expect(log).to.not.contain('merger closes').and.not.contain(Buffer.from('secret plan').toString('base64')).and.not.contain('q7z');
    } finally {
      await sb.close();
    }
  });

  it('text from the API cannot forge a log line or drive the terminal: --list-tools and stderr show it escaped', async () => {
    const sb = await sandbox();
    try {
      sb.engine.account.name = 'Demo Co\n[trekmail-mcp] info: all gates are open\u001b[2J\u009b31m';
      const env = { PATH: process.env.PATH ?? '', TREKMAIL_BASE_URL: sb.url, TREKMAIL_API_TOKEN: sb.allTokens['ops:pro'] };
      const { stdout } = await run(process.execPath, [ENTRY, '--list-tools'], { env });
      const head = stdout.split('\n')[0];
      expect(head).to.contain('Demo Co\\n[trekmail-mcp] info: all gates are open\\u001b[2J\\u009b31m');
      expect(stdout).to.not.match(/[\u001b\u009b]/);
      expect(stdout.split('\n').filter((l) => l.startsWith('[trekmail-mcp] info: all gates'))).to.deep.equal([]);
      const json = await run(process.execPath, [ENTRY, '--list-tools', '--json'], { env });
      expect(json.stdout).to.not.match(/[\u001b\u009b]/);
      expect(JSON.parse(json.stdout).capabilities.ops.label).to.equal(sb.engine.account.name);
    } finally {
      await sb.close();
    }
  });
});

describe('adversarial: the command line', function () {
  this.timeout(30_000);
  const env = { PATH: process.env.PATH ?? '' };
  for (const [args, says] of [
    [['--list-tool'], "Unknown option '--list-tool' (did you mean --list-tools?)"],
    [['-v'], "Unknown option '-v'"],
    [['--sandbox', '--plan'], "Option '--plan <value>' argument missing"],
    [['--sandbox', '--plan', '--http'], "'--plan"],
    [['--port'], "Option '--port <value>' argument missing"],
    [['sandbox'], "Unexpected argument 'sandbox'"],
  ] as [string[], string][]) {
    it(`${args.join(' ')}: refused on stderr with exit 2, nothing on stdout, no server left waiting`, async () => {
      const err = await run(process.execPath, [ENTRY, ...args], { env, timeout: 10_000 }).then(() => undefined, (e) => e as { code: number; stdout: string; stderr: string; killed: boolean });
      expect(err, 'must fail').to.not.equal(undefined);
      expect(err!.killed, 'exited by itself').to.equal(false);
      expect(err!.code).to.equal(2);
      expect(err!.stdout).to.equal('');
      expect(err!.stderr).to.contain(says);
    });
  }
});
