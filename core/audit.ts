import { createHash } from 'node:crypto';
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

/** Fields whose values are content (bodies, files, scripts, subjects): the log keeps their size and hash only. */
const CONTENT_KEYS = new Set(['body', 'body_text', 'body_html', 'message', 'content_base64', 'script', 'data', 'description', 'notes', 'signature_html', 'subject', 'html', 'text']);
/** Longer strings are content too, whatever their name. */
const MAX_LOGGED_CHARS = 256;

const fingerprint = (s: string) => ({ bytes: Buffer.byteLength(s), sha256: createHash('sha256').update(s).digest('hex') });

function withoutContent(v: unknown, key?: string): unknown {
  if (typeof v === 'string') return (key && CONTENT_KEYS.has(key)) || v.length > MAX_LOGGED_CHARS ? fingerprint(v) : v;
  if (Array.isArray(v)) return v.map((x) => withoutContent(x, key));
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, withoutContent(x, k)]));
  return v;
}

/**
 * Arguments as they may be written down: secret parameters and secret-looking keys masked, tokens scrubbed, and
 * content (message bodies, attachments, scripts, subjects, any long string) as its size and SHA-256, never itself.
 */
export function auditArguments(args: Record<string, unknown>, secretParams: string[], secrets: string[]): Record<string, unknown> {
  const masked = Object.fromEntries(Object.entries(args).map(([k, v]) => [k, secretParams.includes(k) && v !== undefined ? REDACTED : v]));
  return withoutContent(redactValue(masked, secrets)) as Record<string, unknown>;
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
