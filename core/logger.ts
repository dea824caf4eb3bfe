import { printable, redactText } from './redact.js';
import type { Logger as LoggerShape } from './types.js';

/** Structured logger (writes to stderr only). The same name is its DI token. */
export type Logger = LoggerShape;

export const Logger = Symbol('Logger');

const ORDER = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 } as const;
export type LogLevel = keyof typeof ORDER;

/** A logger that redacts the given secrets (tokens) from every line it writes. */
export function createLogger(level: LogLevel, secrets: () => Iterable<string>, write: (line: string) => void = (l) => process.stderr.write(l)): Logger {
  const log = (lvl: Exclude<LogLevel, 'silent'>, msg: string, fields?: Record<string, unknown>) => {
    if (ORDER[lvl] < ORDER[level]) return;
    const extra = fields && Object.keys(fields).length ? ' ' + JSON.stringify(fields) : '';
    // One line each, whatever the message holds: API text with a newline or a terminal escape is shown escaped.
    write(printable(redactText(`[trekmail-mcp] ${lvl}: ${msg}${extra}`, secrets())) + '\n');
  };
  return {
    debug: (m, f) => log('debug', m, f),
    info: (m, f) => log('info', m, f),
    warn: (m, f) => log('warn', m, f),
    error: (m, f) => log('error', m, f),
  };
}
