import { expect } from 'chai';
import { execFile, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { VERSION } from '../core/http.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const read = (f: string) => JSON.parse(readFileSync(root + f, 'utf8'));

describe('distribution', () => {
  it('has one version: package.json, server.json and the running server agree', () => {
    const pkg = read('package.json');
    const server = read('server.json');
    expect(VERSION).to.equal(pkg.version);
    expect(server.version).to.equal(pkg.version);
    expect(server.packages.map((p: { version: string }) => p.version)).to.deep.equal(server.packages.map(() => pkg.version));
    expect(server.packages.map((p: { identifier: string }) => p.identifier)).to.deep.equal(server.packages.map(() => pkg.name));
    expect(read('manifest.json').version, 'the MCP bundle manifest').to.equal(pkg.version);
    expect(server.name).to.equal(pkg.mcpName);
  });

  it('exposes the trekmail-mcp bin as an executable script', () => {
    const pkg = read('package.json');
    expect(pkg.bin).to.deep.equal({ 'trekmail-mcp': 'build/index.js' });
    expect(readFileSync(root + 'build/index.js', 'utf8').startsWith('#!/usr/bin/env node\n')).to.equal(true);
  });

  it('packs the server, its packs and the sandbox, and no tests', async () => {
    const { stdout } = await promisify(execFile)('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: root });
    const files: string[] = JSON.parse(stdout.slice(stdout.indexOf('[')))[0].files.map((f: { path: string }) => f.path);
    for (const f of ['build/index.js', 'build/core/app.js', 'build/sandbox/server.js', 'build/plugins/verifier/verifier.plugin.js', 'build/plugins/verifier/tools/verifier.js', 'build/plugins/infra/apps/dns-setup.html', 'build/manifest.json', 'README.md', 'server.json', 'package.json']) {
      expect(files, f).to.include(f);
    }
    expect(files.filter((f) => f.includes('.spec.') || f.startsWith('build/test/') || f.startsWith('build/bench/'))).to.deep.equal([]);
  });

  it("the README's first command is safe in a client's config: npm stays silent and stdout carries protocol only", async () => {
    const first = readFileSync(root + 'README.md', 'utf8').split('```sh\n')[1].split('\n')[0];
    expect(first).to.match(/^npm ci --silent && npm run --silent sandbox\s+#/);
    // The command itself (npm ci built it, through prepare): it starts the built server and builds nothing.
    expect(JSON.parse(readFileSync(root + 'package.json', 'utf8')).scripts.sandbox).to.equal('node build/index.js --sandbox');
    const child = spawn('npm', ['run', '--silent', 'sandbox'], { cwd: root, stdio: ['pipe', 'pipe', 'ignore'], detached: true });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stdin.write(JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 't', version: '1' } } }) + '\n');
    child.stdin.write(JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' }) + '\n');
    child.stdin.write(JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'tools/list' }) + '\n');
    const deadline = Date.now() + 15_000;
    while (!out.includes('"id":2') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    // Closing stdin is how a client leaves: the server must exit by itself (no orphan), npm with it.
    child.stdin.end();
    const exited = await new Promise<boolean>((r) => {
      const t = setTimeout(() => r(false), 5_000);
      child.once('exit', () => (clearTimeout(t), r(true)));
    });
    if (!exited) process.kill(-child.pid!, 'SIGKILL');
    expect(exited, 'server exits when stdin closes').to.equal(true);
    const lines = out.trim().split('\n');
    expect(lines).to.have.length(2);
    for (const l of lines) expect(JSON.parse(l).jsonrpc).to.equal('2.0');
    expect(JSON.parse(lines[1]).result.tools.length).to.be.greaterThan(100);
  });
});
