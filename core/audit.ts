import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import { dirname } from 'node:path';
import { REDACTED, redactValue } from './redact.js';

/** One audited tool call. */
export interface AuditEntry {
  time: string;
  tool: string;
  arguments: Record<string, unknown>;
  outcome: 'ok' | 'error' | 'refused' | 'invalid' | 'internal_error';
  status?: number;
  code?: string;
  request_id?: string;
  duration_ms: number;
  transport: 'stdio' | 'http';
}

export interface Audit {
  record(entry: AuditEntry): void;
  close(): Promise<void>;
}

/** Arguments as they may be written down: secret parameters and secret-looking keys masked, tokens scrubbed. */
export function auditArguments(args: Record<string, unknown>, secretParams: string[], secrets: string[]): Record<string, unknown> {
  const masked = Object.fromEntries(Object.entries(args).map(([k, v]) => [k, secretParams.includes(k) && v !== undefined ? REDACTED : v]));
  return redactValue(masked, secrets);
}

/**
 * Client-side audit log: one JSON line per tool call, appended (O_APPEND, owner-only permissions) through one
 * stream so lines never interleave. Write errors are reported once and never break a tool call.
 */
export function fileAudit(path: string, onError: (err: Error) => void): Audit {
  mkdirSync(dirname(path), { recursive: true });
  const stream: WriteStream = createWriteStream(path, { flags: 'a', mode: 0o600 });
  let failed = false;
  stream.on('error', (err) => {
    if (!failed) onError(err);
    failed = true;
  });
  return {
    record: (entry) => {
      if (!failed) stream.write(JSON.stringify(entry) + '\n');
    },
    close: () => new Promise((resolve) => stream.end(() => resolve())),
  };
}
