import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { Sandbox } from '../../sandbox/server.js';
import { ENTRY, sandbox } from '../e2e.js';

const CATALOG = fileURLToPath(new URL('../../../../shared/spec/tools.tsv', import.meta.url));

interface Report {
  packs: { id: string; decision: { ok: boolean }; tools: { name: string; access: string; gate?: string; decision: { ok: boolean } }[] }[];
  tools: string[];
}

/** Both tokens of a Pro account with every scope: the whole catalog loads, with the catalog's access and gates. */
describe('e2e: full deployment (--list-tools, ops:pro + message:pro, sandbox)', () => {
  let sb: Sandbox;
  let report: Report;
  before(async () => {
    sb = await sandbox();
    const env = {
      PATH: process.env.PATH ?? '', TREKMAIL_BASE_URL: sb.url, TREKMAIL_API_TOKEN: sb.allTokens['ops:pro']!, TREKMAIL_MESSAGE_TOKEN: sb.allTokens['message:pro']!,
      TREKMAIL_ALLOW_PURCHASES: 'true',
    };
    const { stdout } = await promisify(execFile)(process.execPath, [ENTRY, '--list-tools', '--json'], { env });
    report = JSON.parse(stdout) as Report;
  });
  after(() => sb?.close());

  it('loads all eight packs and the 272 catalog tools (plus the preview tool)', () => {
    expect(report.packs.map((p) => [p.id, p.decision.ok])).to.deep.equal(['cloudflare', 'commerce', 'drive', 'infra', 'migrations', 'verifier', 'webmail', 'whitelabel'].map((id) => [id, true]));
    const loaded = report.packs.flatMap((p) => p.tools.filter((t) => t.decision.ok).map((t) => t.name));
    expect(loaded).to.have.length(272);
    expect(report.tools).to.have.length(273).and.include('preview_tool_call');
    expect([...report.tools].sort()).to.deep.equal([...loaded, 'preview_tool_call'].sort());
  });

  it("every row of the catalog is listed with the catalog's access and gate", function () {
    if (!existsSync(CATALOG)) this.skip();
    const [head, ...lines] = readFileSync(CATALOG, 'utf8').trim().split('\n');
    const cols = head.split('\t');
    const rows = lines.map((l) => Object.fromEntries(l.split('\t').map((v, i) => [cols[i], v])));
    const tools = new Map(report.packs.flatMap((p) => p.tools.map((t) => [t.name, t] as const)));
    const problems: string[] = [];
    for (const r of rows) {
      const t = tools.get(r.name);
      if (!t?.decision.ok) problems.push(`${r.name}: not loaded`);
      else if (t.access !== r.access || (t.gate ?? '') !== (r.gate === '-' ? '' : r.gate ?? '')) problems.push(`${r.name}: ${t.access}/${t.gate} vs ${r.access}/${r.gate}`);
    }
    expect(rows).to.have.length(272);
    expect(problems).to.deep.equal([]);
  });

  it('TREKMAIL_TOOLSETS=default lists the everyday areas, few enough for clients that cap tools (Cursor warns at 80)', async () => {
    const env = { PATH: process.env.PATH ?? '', TREKMAIL_BASE_URL: sb.url, TREKMAIL_API_TOKEN: sb.allTokens['ops:pro']!, TREKMAIL_MESSAGE_TOKEN: sb.allTokens['message:pro']!, TREKMAIL_TOOLSETS: 'default' };
    const { stdout } = await promisify(execFile)(process.execPath, [ENTRY, '--list-tools', '--json'], { env });
    const tools = (JSON.parse(stdout) as Report).tools;
    expect(tools.length).to.be.within(40, 80);
    expect(tools).to.include.members(['list_messages', 'send_message', 'list_domains', 'get_mailbox', 'verify_email', 'preview_tool_call']);
    expect(tools.some((t) => t.startsWith('drive_') || t.startsWith('agent_') || t.includes('white_label'))).to.equal(false);
  });

  it('a Nano token still gets the verifier pack only, and --list-tools says why the others are absent', async () => {
    const env = { PATH: process.env.PATH ?? '', TREKMAIL_BASE_URL: sb.url, TREKMAIL_API_TOKEN: sb.allTokens['ops:nano']!, TREKMAIL_ALLOW_PURCHASES: 'true' };
    const { stdout } = await promisify(execFile)(process.execPath, [ENTRY, '--list-tools', '--json'], { env });
    const nano = JSON.parse(stdout) as Report;
    expect(nano.packs.filter((p) => p.decision.ok).map((p) => p.id)).to.deep.equal(['verifier']);
    expect(nano.tools.filter((t) => !t.startsWith('verify_'))).to.deep.equal(['preview_tool_call']);
  });
});
