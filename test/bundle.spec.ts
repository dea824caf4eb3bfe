import { expect } from 'chai';
import { execFile, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const root = fileURLToPath(new URL('../../', import.meta.url));
const manifest = JSON.parse(readFileSync(root + 'manifest.json', 'utf8'));
const cli = root + 'node_modules/@anthropic-ai/mcpb/dist/cli/cli.js';

/** What an MCPB host starts: mcp_config, with each field the person filled in (the others left as placeholders). */
function hostEnv(filled: Record<string, string>): Record<string, string> {
  const env: Record<string, string> = { PATH: process.env.PATH ?? '', TREKMAIL_LOG_LEVEL: 'warn' };
  for (const [k, v] of Object.entries(manifest.server.mcp_config.env as Record<string, string>)) {
    const key = /^\$\{user_config\.(\w+)\}$/.exec(v)?.[1];
    env[k] = key && key in filled ? filled[key] : v;
  }
  return env;
}

function start(env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const args = (manifest.server.mcp_config.args as string[]).map((a) => a.replace('${__dirname}', root.replace(/\/$/, '')));
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [...args, '--list-tools', '--json'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('MCP bundle manifest (manifest.json)', () => {
  it('passes the official CLI’s validation (mcpb validate)', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, [cli, 'validate', root + 'manifest.json']);
    expect(stdout).to.match(/validation passes/i);
  });

  it('asks for both tokens as secrets, defaults the base URL, and keeps every gate off', () => {
    const uc = manifest.user_config;
    expect([uc.api_token.sensitive, uc.message_token.sensitive]).to.deep.equal([true, true]);
    expect(Object.entries(uc).filter(([, f]: [string, any]) => f.sensitive).map(([k]) => k).sort()).to.deep.equal(['api_token', 'message_token']);
    expect(uc.base_url.default).to.equal('https://trekmail.net');
    for (const k of ['allow_destructive', 'allow_sending', 'allow_migration', 'allow_purchases', 'read_only', 'sandbox']) expect([k, uc[k].type, uc[k].default]).to.deep.equal([k, 'boolean', false]);
    // Every field reaches the server, and the server gets nothing the form doesn't ask for.
    const used = Object.values(manifest.server.mcp_config.env as Record<string, string>).map((v) => /^\$\{user_config\.(\w+)\}$/.exec(v)?.[1]);
    expect(used.slice().sort()).to.deep.equal(Object.keys(uc).sort());
    expect(manifest.server.entry_point).to.equal('build/index.js');
  });

  it('starts on the sandbox with every other field left blank (placeholders unexpanded)', async () => {
    const r = await start(hostEnv({ sandbox: 'true' }));
    expect(r.code, r.stderr).to.equal(0);
    expect(JSON.parse(r.stdout).tools.length).to.be.greaterThan(100);
  });

  it('with no token and no sandbox, stops with one clear line (a blank field is not taken as a value)', async () => {
    const r = await start(hostEnv({ sandbox: 'false', base_url: 'https://trekmail.net', allow_sending: 'false' }));
    expect(r.code).to.equal(1);
    expect(r.stderr).to.match(/Missing bearer token: set TREKMAIL_API_TOKEN or TREKMAIL_MESSAGE_TOKEN/);
    expect(r.stderr).not.to.include('${user_config');
  });

  it('passes what the person filled in: read-only and a toolset', async () => {
    const r = await start(hostEnv({ sandbox: 'true', read_only: 'true', toolsets: 'verifier' }));
    expect(r.code, r.stderr).to.equal(0);
    const report = JSON.parse(r.stdout);
    const on = report.packs.flatMap((p: any) => p.tools.filter((t: any) => t.decision.ok).map((t: any) => [p.id, t.access]));
    expect(on.length).to.be.greaterThan(0);
    expect(on.filter(([pack, access]: string[]) => pack !== 'verifier' || access !== 'read')).to.deep.equal([]);
    expect(report.tools).to.include('verify_credits');
  });
});
