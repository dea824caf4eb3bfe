import { execFileSync, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * `npm run bundle`: builds trekmail-mcp.mcpb (an MCP bundle for Claude Desktop and other MCPB hosts) with the
 * official CLI (@anthropic-ai/mcpb). It holds manifest.json, the npm package's files (what `npm pack` ships: no
 * sources, tests or benches) and the production dependencies only; the CLI validates the manifest, and the unpacked
 * bundle must then answer a real tool call on the sandbox, started through the manifest's own mcp_config.
 */
const root = fileURLToPath(new URL('../../', import.meta.url));
const stage = join(root, 'build/mcpb');
const out = join(root, 'trekmail-mcp.mcpb');
const mcpb = join(root, 'node_modules/@anthropic-ai/mcpb/dist/cli/cli.js');
const run = (cmd: string, args: string[], cwd = root) => execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 64 << 20 });

const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const manifest = JSON.parse(readFileSync(join(root, 'manifest.json'), 'utf8'));
if (manifest.version !== pkg.version) throw new Error(`manifest.json version ${manifest.version} differs from package.json ${pkg.version}`);
if (!existsSync(join(root, 'build/manifest.json'))) throw new Error('build first: npm run build');

rmSync(stage, { recursive: true, force: true });
mkdirSync(stage, { recursive: true });
// 1. The npm package's own files.
const packed: { files: { path: string }[] }[] = JSON.parse(run('npm', ['pack', '--dry-run', '--json', '--ignore-scripts']).replace(/^[^[]*/, ''));
for (const { path } of packed[0].files) {
  mkdirSync(dirname(join(stage, path)), { recursive: true });
  cpSync(join(root, path), join(stage, path));
}
cpSync(join(root, 'manifest.json'), join(stage, 'manifest.json'));
// 2. Production dependencies (each package's folder; nested node_modules are listed, and copied, on their own),
// without what nothing runs: source maps, TypeScript sources and declarations, docs (licences stay).
const unused = /\.(map|[cm]?ts|tsx|md|markdown)$/i;
const prod = run('npm', ['ls', '--omit=dev', '--all', '--parseable']).split('\n').map((l) => l.trim()).filter((l) => l && l !== root.replace(/\/$/, ''));
let packages = 0;
for (const dir of prod) {
  const rel = relative(root, dir);
  if (!rel.startsWith(`node_modules${sep}`) || !existsSync(dir)) continue;
  cpSync(dir, join(stage, rel), { recursive: true, filter: (src) => !relative(dir, src).split(sep).includes('node_modules') && !unused.test(src) });
  packages++;
}
// 3. Validate and pack with the official CLI.
run(process.execPath, [mcpb, 'validate', join(stage, 'manifest.json')]);
rmSync(out, { force: true });
run(process.execPath, [mcpb, 'pack', stage, out]);

// 4. Smoke test: unpack, start it as a host would (mcp_config, blank fields left as placeholders), call a tool.
const unpacked = mkdtempSync(join(tmpdir(), 'trekmail-mcpb-'));
try {
  run(process.execPath, [mcpb, 'unpack', out, unpacked]);
  const cfg = JSON.parse(readFileSync(join(unpacked, 'manifest.json'), 'utf8')).server.mcp_config;
  const env: Record<string, string> = { PATH: process.env.PATH ?? '' };
  for (const [k, v] of Object.entries(cfg.env as Record<string, string>)) env[k] = v === '${user_config.sandbox}' ? 'true' : v;
  const args = (cfg.args as string[]).map((a) => a.replace('${__dirname}', unpacked));
  const answers = await session(cfg.command === 'node' ? process.execPath : cfg.command, args, env, [
    { method: 'tools/call', params: { name: 'get_dns_requirements', arguments: { domain_id: 3 } } },
    { method: 'resources/read', params: { uri: 'ui://infra/dns-setup.html' } },
  ]);
  const [call, read] = answers as any[];
  if (call?.result?.isError !== undefined || !call?.result?.structuredContent?.records?.length) throw new Error(`bundle smoke call failed: ${JSON.stringify(call).slice(0, 300)}`);
  if (!String(read?.result?.contents?.[0]?.text).startsWith('<!doctype html>')) throw new Error('bundle smoke: the DNS view is missing');
} finally {
  rmSync(unpacked, { recursive: true, force: true });
}
const bytes = statSync(out).size;
process.stdout.write(`trekmail-mcp.mcpb: ${(bytes / 1024 / 1024).toFixed(2)} MB (${bytes} bytes), ${packed[0].files.length} package files + ${packages} production packages; validated and smoke-tested\n`);

/** Initializes the server over stdio, sends the requests in turn, returns their answers. */
function session(command: string, args: string[], env: Record<string, string>, requests: { method: string; params: unknown }[]): Promise<unknown[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ['pipe', 'pipe', 'pipe'] });
    let buf = '';
    let err = '';
    const answers: unknown[] = [];
    const timer = setTimeout(() => (child.kill(), reject(new Error(`bundle smoke: no answer in time; stderr: ${err.slice(-500)}`))), 30_000);
    const send = (m: object) => child.stdin.write(JSON.stringify({ jsonrpc: '2.0', ...m }) + '\n');
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('exit', (code) => code && answers.length < requests.length && (clearTimeout(timer), reject(new Error(`bundle smoke: exited ${code}: ${err.slice(-500)}`))));
    child.stdout.on('data', (d: Buffer) => {
      buf += d.toString();
      for (let i = buf.indexOf('\n'); i >= 0; i = buf.indexOf('\n')) {
        const msg = JSON.parse(buf.slice(0, i));
        buf = buf.slice(i + 1);
        if (msg.id === 0) {
          send({ method: 'notifications/initialized' });
          send({ id: 1, ...requests[0] });
        } else if (typeof msg.id === 'number') {
          answers.push(msg);
          if (answers.length < requests.length) send({ id: answers.length + 1, ...requests[answers.length] });
          else (clearTimeout(timer), child.stdin.end(), resolve(answers));
        }
      }
    });
    send({ id: 0, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'mcpb-smoke', version: '1' } } });
  });
}
