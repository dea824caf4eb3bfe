import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { freePort } from '../test/ports.js';

/**
 * `npm run conformance`: the official MCP conformance suite (@modelcontextprotocol/conformance) against the built
 * server in sandbox mode over Streamable HTTP, on an ephemeral 127.0.0.1 port. Runs the server scenarios that apply
 * to a tools-only server (the others need the suite's own test tools, prompts or resources); version 0.1.x has no
 * 2026-07-28 scenarios yet (the era e2e specs cover that revision). Exit code 1 when any scenario fails.
 */
export const SCENARIOS = ['server-initialize', 'ping', 'tools-list', 'dns-rebinding-protection'];

const entry = fileURLToPath(new URL('../index.js', import.meta.url));
const shim = fileURLToPath(new URL('../../scripts/conformance-shim.mjs', import.meta.url));
const suite = createRequire(import.meta.url).resolve('@modelcontextprotocol/conformance/package.json').replace(/package\.json$/, 'dist/index.js');

async function main(): Promise<number> {
  const server = spawn(process.execPath, [entry, '--sandbox', '--http', '--port', String(await freePort())], { stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  try {
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the server did not start: ${err}`)), 20_000);
      server.stderr!.on('data', (d: Buffer) => {
        err += d.toString();
        const m = /MCP over Streamable HTTP at (\S+)/.exec(err);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]!);
        }
      });
      server.once('exit', (code) => reject(new Error(`the server exited (${code}): ${err}`)));
    });
    let failed = 0;
    for (const scenario of SCENARIOS) {
      const code = await new Promise<number>((resolve) => {
        const run = spawn(process.execPath, ['--no-warnings', '--import', shim, suite, 'server', '--url', url, '--scenario', scenario], { stdio: 'inherit' });
        run.once('exit', (c) => resolve(c ?? 1));
      });
      if (code !== 0) failed++;
    }
    process.stdout.write(`\nconformance: ${SCENARIOS.length - failed}/${SCENARIOS.length} scenarios passed against ${url}\n`);
    return failed ? 1 : 0;
  } finally {
    server.kill();
  }
}

main().then(
  (code) => process.exit(code),
  (e) => {
    process.stderr.write(`conformance: ${(e as Error).message}\n`);
    process.exit(1);
  },
);
