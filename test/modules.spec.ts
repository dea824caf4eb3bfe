import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { Sandbox } from '../sandbox/server.js';
import { ENTRY, sandbox } from './e2e.js';

const run = promisify(execFile);
const HOOK = fileURLToPath(new URL('./record-modules.js', import.meta.url));
const PLUGINS = fileURLToPath(new URL('../plugins/', import.meta.url));

/** Starts the built server with one demo token, lists tools, and returns which of our modules it loaded. */
async function loadedBy(sb: Sandbox, token: string): Promise<{ tools: string[]; modules: string[] }> {
  const dir = mkdtempSync(join(tmpdir(), 'tm-modules-'));
  const log = join(dir, 'modules.log');
  const env = { PATH: process.env.PATH, TREKMAIL_BASE_URL: sb.url, TREKMAIL_API_TOKEN: sb.allTokens[token], TREKMAIL_MODULE_LOG: log };
  const { stdout } = await run(process.execPath, ['--import', HOOK, ENTRY, '--list-tools', '--json'], { env });
  const modules = readFileSync(log, 'utf8').split('\n').filter((u) => u.includes('/build') && !u.includes('node_modules'));
  rmSync(dir, { recursive: true, force: true });
  return { tools: JSON.parse(stdout).tools, modules };
}

const toolModulesOf = (modules: string[]) =>
  [...new Set(modules.map((u) => /\/plugins\/([^/]+)\/tools\//.exec(u)?.[1]).filter((p): p is string => !!p))].sort();

describe('lazy pack loading (module log of the real process)', () => {
  let sb: Sandbox;
  before(async () => {
    sb = await sandbox();
  });
  after(() => sb.close());

  it('a Nano token imports the verifier tools only, and no sandbox code', async () => {
    const { tools, modules } = await loadedBy(sb, 'ops:nano');
    expect(tools.filter((t) => t.startsWith('verify_'))).to.have.length(8);
    expect(tools.filter((t) => !t.startsWith('verify_'))).to.deep.equal(['preview_tool_call']);
    expect(toolModulesOf(modules)).to.deep.equal(['verifier']);
    expect(modules.filter((m) => m.includes('/sandbox/'))).to.deep.equal([]);
    expect(modules.some((m) => m.includes('/plugins/verifier/verifier.plugin.js'))).to.equal(true);
  });

  it('a Drive-only token imports the drive tools only', async function () {
    if (!existsSync(join(PLUGINS, 'drive'))) this.skip();
    const { tools, modules } = await loadedBy(sb, 'ops:drive');
    expect(toolModulesOf(modules)).to.deep.equal(['drive']);
    expect(tools.filter((t) => !t.startsWith('drive_'))).to.deep.equal(['preview_tool_call']);
  });
});
