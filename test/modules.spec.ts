import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { expect } from 'chai';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Sandbox } from '../sandbox/server.js';
import { ENTRY, sandbox } from './e2e.js';

const HOOK = fileURLToPath(new URL('./record-modules.js', import.meta.url));

/**
 * Starts the built server over stdio with one demo token and the module-recording hook, then lists its tools and
 * (optionally) calls one. Returns the tools and which of our modules the process had loaded after each step.
 */
async function loadedBy(sb: Sandbox, token: string, call?: [string, Record<string, unknown>]): Promise<{ tools: string[]; atList: string[]; afterCall: string[]; depsAtList: string[] }> {
  const dir = mkdtempSync(join(tmpdir(), 'tm-modules-'));
  const log = join(dir, 'modules.log');
  const env = { PATH: process.env.PATH ?? '', TREKMAIL_BASE_URL: sb.url, TREKMAIL_API_TOKEN: sb.allTokens[token]!, TREKMAIL_MODULE_LOG: log };
  const all = () => readFileSync(log, 'utf8').split('\n');
  const ours = () => all().filter((u) => u.includes('/build') && !u.includes('node_modules'));
  const client = new Client({ name: 'modules-spec', version: '1.0.0' });
  await client.connect(new StdioClientTransport({ command: process.execPath, args: ['--import', HOOK, ENTRY], env, stderr: 'pipe' }));
  try {
    const tools = (await client.listTools()).tools.map((t) => t.name);
    const atList = ours();
    const depsAtList = all().filter((u) => u.includes('node_modules'));
    if (call) {
      const res = await client.callTool({ name: call[0], arguments: call[1] });
      expect(res.isError, JSON.stringify(res.content)).to.not.equal(true);
    }
    return { tools, atList, afterCall: ours(), depsAtList };
  } finally {
    await client.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const toolModulesOf = (modules: string[]) =>
  [...new Set(modules.map((u) => /\/plugins\/([^/]+)\/tools\//.exec(u)?.[1]).filter((p): p is string => !!p))].sort();

describe('lazy pack loading (module log of the real process)', () => {
  let sb: Sandbox;
  before(async () => {
    sb = await sandbox();
  });
  after(() => sb.close());

  it('a Nano token lists the verifier tools from the manifest, then imports the verifier tools only, and no sandbox code', async () => {
    const { tools, atList, afterCall, depsAtList } = await loadedBy(sb, 'ops:nano', ['verify_credits', {}]);
    expect(tools.filter((t) => t.startsWith('verify_'))).to.have.length(8);
    expect(tools.filter((t) => !t.startsWith('verify_'))).to.deep.equal(['preview_tool_call']);
    // Start-up reads declarations only: no tool code at all until the list has been answered.
    expect(toolModulesOf(atList)).to.deep.equal([]);
    // Nor the decorator and validation stack: that loads with the tools, behind the list.
    expect(depsAtList.filter((u) => /\/node_modules\/(reflect-metadata|class-validator|class-transformer|class-validator-jsonschema)\//.test(u))).to.deep.equal([]);
    expect(atList.some((m) => m.includes('/plugins/verifier/verifier.plugin.js'))).to.equal(true);
    expect(toolModulesOf(afterCall)).to.deep.equal(['verifier']);
    expect(afterCall.filter((m) => m.includes('/sandbox/'))).to.deep.equal([]);
  });

  it('a Drive-only token imports the drive tools only', async () => {
    const { tools, afterCall } = await loadedBy(sb, 'ops:drive', ['drive_spaces_list', {}]);
    expect(toolModulesOf(afterCall)).to.deep.equal(['drive']);
    expect(tools.filter((t) => !t.startsWith('drive_'))).to.deep.equal(['preview_tool_call']);
  });
});
