import { expect } from 'chai';
import { execFile } from 'node:child_process';
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
    expect(server.packages.map((p: { version: string }) => p.version)).to.deep.equal([pkg.version]);
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
    for (const f of ['build/index.js', 'build/core/app.js', 'build/sandbox/server.js', 'build/plugins/verifier/verifier.plugin.js', 'build/plugins/verifier/tools/verifier.js', 'build/manifest.json', 'README.md', 'server.json', 'package.json']) {
      expect(files, f).to.include(f);
    }
    expect(files.filter((f) => f.includes('.spec.') || f.startsWith('build/test/') || f.startsWith('build/bench/'))).to.deep.equal([]);
  });
});
