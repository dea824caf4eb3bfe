#!/usr/bin/env node
import { formatReport, startCore } from './core/app.js';
import { ConfigError, loadConfig, sandboxRequested, withoutPlaceholders, type Config } from './core/config.js';
import { VERSION } from './core/http.js';
import { parseArgs } from 'node:util';
import { printable, redactText } from './core/redact.js';

const HELP = `trekmail-mcp ${VERSION}: MCP server for the TrekMail API

Usage: trekmail-mcp [--sandbox [--plan P]] [--http [--host H] [--port N]] [--list-tools [--json]]

  --sandbox     run against the built-in TrekMail API emulator (demo data, no account needed)
  --plan P      sandbox demo tokens: nano, starter, pro (default), agency, drive (a Drive-only token) or agent
                (an agent-signup key that may buy; with TREKMAIL_ALLOW_PURCHASES=true)
  --http        serve Streamable HTTP (stateless) at http://HOST:PORT/mcp instead of stdio
  --host H      HTTP bind address (default 127.0.0.1; others need TREKMAIL_HTTP_TOKEN)
  --port N      HTTP port (default 3000)
  --list-tools  print which packs and tools load, and why the others do not, then exit
  --json        with --list-tools: machine-readable output

Environment: see README (TREKMAIL_BASE_URL, TREKMAIL_API_TOKEN, TREKMAIL_MESSAGE_TOKEN, TREKMAIL_ALLOW_*, …);
TREKMAIL_SANDBOX=true is the same as --sandbox.`;

const OPTIONS = {
  sandbox: { type: 'boolean' },
  plan: { type: 'string' },
  http: { type: 'boolean' },
  host: { type: 'string' },
  port: { type: 'string' },
  'list-tools': { type: 'boolean' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean' },
} as const;

/** A mistake on the command line: said on stderr, exit 2 (a typo never starts a server that waits forever). */
class UsageError extends Error {}

type Args = { [K in keyof typeof OPTIONS]?: (typeof OPTIONS)[K]['type'] extends 'boolean' ? boolean : string };

function parse(argv: string[]): Args {
  let values: Args;
  try {
    ({ values } = parseArgs({ args: argv, options: OPTIONS, strict: true, allowPositionals: false }) as { values: Args });
  } catch (err) {
    const msg = (err as Error).message;
    const opt = /'(-{1,2}[^' ]+)/.exec(msg)?.[1] ?? '';
    const near = Object.keys(OPTIONS).find((o) => opt.length > 2 && opt !== `--${o}` && (`--${o}`.startsWith(opt) || opt.startsWith(`--${o}`)));
    throw new UsageError(`${msg.replace(/\. To specify a positional argument.*$/s, '')}${near ? ` (did you mean --${near}?)` : ''}. See --help.`);
  }
  for (const k of ['plan', 'host', 'port'] as const) {
    if (values[k] !== undefined && (values[k] === '' || values[k]!.startsWith('-'))) throw new UsageError(`--${k} needs a value. See --help.`);
  }
  return values;
}

async function main(argv: string[]): Promise<void> {
  const args = parse(argv);
  if (args.help) return void process.stdout.write(HELP + '\n');
  if (args.version) return void process.stdout.write(VERSION + '\n');
  const env = withoutPlaceholders({ ...process.env });
  const http = !!args.http;
  if (args.host) env.TREKMAIL_HTTP_HOST = args.host;
  if (args.port) env.TREKMAIL_HTTP_PORT = args.port;
  let overrides: Partial<Config> = { transport: http ? 'http' : 'stdio' };
  if (args.sandbox || sandboxRequested(env)) {
    const { startSandbox } = await import('./sandbox/server.js');
    const plan = args.plan ?? 'pro';
    const sb = await startSandbox({ plan });
    overrides = { ...overrides, baseUrl: sb.url, apiToken: sb.tokens.ops, messageToken: sb.tokens.message };
    process.stderr.write(`[trekmail-mcp] sandbox: TrekMail API emulator on ${sb.url} (plan ${plan}); nothing leaves this machine\n`);
  }
  // Pass-through HTTP: each request brings its user's own tokens; the sandbox's demo tokens are not the server's.
  if (env.TREKMAIL_HTTP_AUTH?.trim().toLowerCase() === 'passthrough') overrides = { ...overrides, apiToken: undefined, messageToken: undefined };
  const config = loadConfig(env, overrides);
  if (config.http.auth === 'passthrough') {
    if (args['list-tools']) throw new ConfigError('TREKMAIL_HTTP_AUTH', 'passthrough has no tokens of its own to list tools for; each request brings its own');
    const [{ serveHttp }, { Tenants }, { createLogger }] = await Promise.all([import('./core/http-server.js'), import('./core/tenants.js'), import('./core/logger.js')]);
    const logger = createLogger(config.logLevel, () => []);
    const handle = await serveHttp(undefined, config, logger, new Tenants(config, logger));
    process.stderr.write(`[trekmail-mcp] MCP over Streamable HTTP at ${handle.url} (pass-through: each request's own TrekMail tokens)\n`);
    return;
  }
  // Load the MCP SDK while capability discovery waits on the network.
  const mcp = args['list-tools'] || http ? undefined : import('./core/mcp.js');
  mcp?.catch(() => {});
  const core = await startCore(config);
  if (args['list-tools']) {
    if (args.json) {
      const caps = Object.fromEntries(Object.entries(core.report.capabilities).map(([k, c]) => [k, { plan: c?.plan, scopes: c?.scopes ? [...c.scopes] : undefined, label: c?.label }]));
      // JSON escapes C0 controls itself; C1 controls and line separators are escaped too (still valid JSON).
      const json = JSON.stringify({ ...core.report, capabilities: caps, tools: core.runtime.list().map((t) => t.name) }, null, 2);
      process.stdout.write(json.replace(/[\x7f-\x9f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`) + '\n');
    } else {
      process.stdout.write(formatReport(core.report) + '\n');
    }
    process.exit(0);
  }
  if (http) {
    const { serveHttp } = await import('./core/http-server.js');
    const { LoggerToken } = await import('./core/container.js');
    const handle = await serveHttp(core.runtime, config, core.container.resolve(LoggerToken));
    process.stderr.write(`[trekmail-mcp] MCP over Streamable HTTP at ${handle.url} (${core.runtime.list().length} tools)\n`);
  } else {
    const { serveStdio } = await mcp!;
    await serveStdio(core.runtime);
    // The client went away: stop, or the sandbox's listener (and keep-alive sockets) would keep an orphan running.
    process.stdin.once('end', () => process.exit(0));
    process.stdin.once('close', () => process.exit(0));
  }
}

main(process.argv.slice(2)).catch((err) => {
  const msg = err instanceof ConfigError ? `Configuration error: ${err.message}` : err instanceof UsageError ? `Usage: ${err.message}` : `Fatal: ${(err as Error)?.message ?? err}`;
  process.stderr.write(`[trekmail-mcp] ${printable(redactText(msg, [process.env.TREKMAIL_API_TOKEN ?? '', process.env.TREKMAIL_MESSAGE_TOKEN ?? '', process.env.TREKMAIL_HTTP_TOKEN ?? '']))}\n`);
  process.exit(err instanceof UsageError ? 2 : 1);
});
