import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';

/**
 * Keeps a tool result within what an agent's context can take (issue: one 3 MiB attachment broke a session).
 * A result is measured in estimated tokens, text and structuredContent together. Over the cap, the largest strings
 * go first: saved as files under TREKMAIL_DOWNLOAD_DIR (stdio mode), otherwise replaced by their size and hash; then
 * structuredContent (the same data again) is dropped; a result still over the cap is refused with its size.
 */

export interface FitOptions {
  /** Most estimated tokens a result may carry (TREKMAIL_MAX_RESULT_TOKENS). */
  maxTokens: number;
  /** Where large content is saved, in stdio mode only (TREKMAIL_DOWNLOAD_DIR). */
  downloadDir?: string;
  transport: 'stdio' | 'http';
  tool: string;
}

export interface Fitted {
  data: unknown;
  /** The text form to answer: the tool's own, or the JSON of the (fitted) data. */
  text: string;
  /** Whether the structured copy may go along (false: the text alone carries the data). */
  structured: boolean;
  /** What was moved out of the result, for _meta. */
  spilled: { field: string; bytes: number; path?: string }[];
}

/** Strings shorter than this never move out: they are ordinary fields. */
const BLOB_CHARS = 2048;
/** Runs of base64-like characters tokenize at about 1.5 characters a token (o200k); prose and JSON at about 4. */
const DENSE_RUN = 64;

/** Whether a UTF-16 code is one of A-Z a-z 0-9 + / = (the base64 alphabet). */
const dense = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 47 && c <= 57) || c === 43 || c === 61;

/**
 * Estimated o200k tokens of a text: cheap, and on the high side for base64 (measured: 1.47 chars/token). A loop,
 * not a regular expression: a run of megabytes overflows the regex engine's stack.
 */
export function estimateTokens(text: string): number {
  let denseChars = 0;
  let run = 0;
  for (let i = 0; i < text.length; i++) {
    if (dense(text.charCodeAt(i))) run++;
    else {
      if (run >= DENSE_RUN) denseChars += run;
      run = 0;
    }
  }
  if (run >= DENSE_RUN) denseChars += run;
  return Math.ceil(denseChars / 1.4 + (text.length - denseChars) / 3.5);
}

interface Blob {
  parent: Record<string, unknown>;
  key: string;
  path: string;
  value: string;
}

function blobsOf(v: unknown, path: string, out: Blob[]): Blob[] {
  if (Array.isArray(v)) v.forEach((x, i) => blobsOf(x, `${path}[${i}]`, out));
  else if (v && typeof v === 'object') {
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
      const p = path ? `${path}.${k}` : k;
      if (typeof x === 'string' && x.length >= BLOB_CHARS) out.push({ parent: v as Record<string, unknown>, key: k, path: p, value: x });
      else blobsOf(x, p, out);
    }
  }
  return out;
}

const deepCopy = <T>(v: T): T => (v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T));

/** A file name from the API (a sender's choice): its last segment, printable, no leading dot, at most 100 characters. */
export function safeFileName(raw: unknown): string | undefined {
  if (typeof raw !== 'string') return undefined;
  const name = basename(raw.replace(/\\/g, '/'))
    .replace(/[\x00-\x1f\x7f-\x9f/\\:*?"<>|\u200B-\u200F\u202A-\u202E\u2066-\u2069]/g, '_')
    .replace(/^[.\s]+/, '')
    .trim();
  if (!name) return undefined;
  const ext = extname(name).slice(0, 16);
  return name.length > 100 ? name.slice(0, 100 - ext.length) + ext : name;
}

const isBase64Field = (b: Blob) => /base64$/i.test(b.key) || (['data', 'content'].includes(b.key) && typeof b.parent.content_type === 'string' && /^[A-Za-z0-9+/=\s]+$/.test(b.value.slice(0, 4096)));

async function save(dir: string, name: string, bytes: Buffer): Promise<string> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const ext = extname(name);
  const stem = name.slice(0, name.length - ext.length);
  for (let i = 0; i < 1000; i++) {
    const path = join(dir, i ? `${stem}-${i}${ext}` : name);
    try {
      // wx: never overwrite a file that is there (a second attachment of the same name gets -1, -2, …).
      await writeFile(path, bytes, { flag: 'wx', mode: 0o600 });
      return path;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
  }
  throw new Error(`no free file name for ${name} in ${dir}`);
}

const size = (n: number) => (n >= 1048576 ? `${(n / 1048576).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`);

/** Moves one large string out of the result, in place. */
async function spill(b: Blob, opts: FitOptions): Promise<{ bytes: number; path?: string }> {
  const base64 = isBase64Field(b);
  const bytes = base64 ? Buffer.from(b.value, 'base64') : Buffer.from(b.value, 'utf8');
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  delete b.parent[b.key];
  if (opts.downloadDir && opts.transport === 'stdio') {
    const fallback = `${opts.tool}-${sha256.slice(0, 12)}${base64 ? '.bin' : b.key === 'raw' ? '.eml' : '.txt'}`;
    const named = safeFileName(b.parent.filename ?? b.parent.file_name ?? b.parent.name);
    const path = await save(opts.downloadDir, named ?? fallback, bytes);
    b.parent[`${b.key}_file`] = { path, bytes: bytes.length, sha256 };
    return { bytes: bytes.length, path };
  }
  const how = opts.transport === 'http'
    ? 'Content this large is not returned over this connection; ask for less (a smaller page, one item), or use the server in stdio mode with TREKMAIL_DOWNLOAD_DIR set.'
    : 'Ask the user to set TREKMAIL_DOWNLOAD_DIR (a folder) in this MCP server\'s environment: content this large is then saved there and its path returned.';
  b.parent[`${b.key}_omitted`] = {
    bytes: bytes.length,
    sha256,
    reason: `${size(bytes.length)}, above this server's inline limit of about ${opts.maxTokens} tokens (TREKMAIL_MAX_RESULT_TOKENS)`,
    ...(base64 ? {} : { head: b.value.slice(0, 1000) }),
    how,
  };
  return { bytes: bytes.length };
}

/**
 * Fits `data` and its text form under the cap: the tool's own text (`own`) when it gave one, else the JSON of the
 * data. Over the cap the data is copied (the caller's is never modified), its large strings move out, and the text
 * becomes the JSON of what is left. An error text when even the text alone is too large.
 */
export async function fitResult(data: unknown, own: string | undefined, opts: FitOptions): Promise<Fitted | { error: string }> {
  const json = JSON.stringify(data) ?? 'null';
  const text = own ?? json;
  const textTokens = estimateTokens(text);
  // The structured copy carries an object's JSON once more (a plain value goes as {result}, not counted).
  const copyTokens = !data || typeof data !== 'object' ? 0 : own === undefined ? textTokens : estimateTokens(json);
  if (textTokens + copyTokens <= opts.maxTokens) return { data, text, structured: true, spilled: [] };
  const copy = deepCopy(data);
  const blobs = blobsOf(copy, '', []).sort((a, b) => b.value.length - a.value.length);
  const spilled: Fitted['spilled'] = [];
  let left = JSON.stringify(copy) ?? 'null';
  let t = estimateTokens(left);
  for (const b of blobs) {
    // Text and structured copy count alike: stop once both together fit.
    if (t * 2 <= opts.maxTokens) break;
    spilled.push({ field: b.path, ...(await spill(b, opts)) });
    left = JSON.stringify(copy) ?? 'null';
    t = estimateTokens(left);
  }
  if (t * 2 <= opts.maxTokens) return { data: copy, text: left, structured: true, spilled };
  if (t <= opts.maxTokens) return { data: copy, text: left, structured: false, spilled };
  return {
    error: `The result of ${opts.tool} is about ${t} tokens, above this server's limit of ${opts.maxTokens} per result (TREKMAIL_MAX_RESULT_TOKENS), so it was not returned. Ask for less: a smaller page (per_page, limit), a narrower filter or one item at a time.`,
  };
}
