#!/usr/bin/env node
import 'reflect-metadata';
import { formatReport, startCore } from './core/app.js';
import { ConfigError, loadConfig, type Config } from './core/config.js';
import { VERSION } from './core/http.js';
import { serveStdio } from './core/mcp.js';

const HELP = `trekmail-mcp ${VERSION}: MCP server for the TrekMail API

Usage: trekmail-mcp [--sandbox [--plan nano|starter|pro|agency|drive]] [--list-tools [--json]]

  --sandbox     run against the built-in TrekMail API emulator (demo data, no account needed)
  --plan P      sandbox plan of the demo tokens (default pro; "drive" = a Drive-only token)
  --list-tools  print which packs and tools load, and why the others do not, then exit
  --json        with --list-tools: machine-readable output

Environment: TREKMAIL_BASE_URL, TREKMAIL_API_TOKEN (tm_live_…), TREKMAIL_MESSAGE_TOKEN (tm_msg_…),
TREKMAIL_TIMEOUT_MS, TREKMAIL_ALLOW_DESTRUCTIVE, TREKMAIL_ALLOW_SENDING, TREKMAIL_ALLOW_MIGRATION.`;

function argValue(argv: string[], name: string): string | undefined {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
}

async function main(argv: string[]): Promise<void> {
  if (argv.includes('--help') || argv.includes('-h')) return void process.stdout.write(HELP + '\n');
  if (argv.includes('--version')) return void process.stdout.write(VERSION + '\n');
  const env = { ...process.env };
  let overrides: Partial<Config> = {};
  if (argv.includes('--sandbox')) {
    const { startSandbox } = await import('./sandbox/server.js');
    const plan = argValue(argv, '--plan') ?? 'pro';
    const sb = await startSandbox({ plan });
    overrides = { baseUrl: sb.url, apiToken: sb.tokens.ops, messageToken: sb.tokens.message };
    process.stderr.write(`[trekmail-mcp] sandbox: TrekMail API emulator on ${sb.url} (plan ${plan}); nothing leaves this machine\n`);
  }
  const config = loadConfig(env, overrides);
  const core = await startCore(config);
  if (argv.includes('--list-tools')) {
    if (argv.includes('--json')) {
      const caps = Object.fromEntries(Object.entries(core.report.capabilities).map(([k, c]) => [k, { plan: c?.plan, scopes: c?.scopes ? [...c.scopes] : undefined, label: c?.label }]));
      process.stdout.write(JSON.stringify({ ...core.report, capabilities: caps, tools: core.runtime.list().map((t) => t.name) }, null, 2) + '\n');
    } else {
      process.stdout.write(formatReport(core.report) + '\n');
    }
    process.exit(0);
  }
  await serveStdio(core.runtime);
}

main(process.argv.slice(2)).catch((err) => {
  const msg = err instanceof ConfigError ? `Configuration error: ${err.message}` : `Fatal: ${(err as Error)?.message ?? err}`;
  process.stderr.write(`[trekmail-mcp] ${msg}\n`);
  process.exit(1);
});
