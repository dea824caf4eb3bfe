import { constants } from 'node:fs';
import { open, realpath, stat, type FileHandle } from 'node:fs/promises';
import { homedir } from 'node:os';
import { basename, extname, isAbsolute, parse, relative, resolve, sep } from 'node:path';
import { isLoopbackHost } from '../../../core/plugin-api.js';
import { localFailure, type ToolContext, type ToolOutcome } from '../../../core/plugin-api.js';
import type { ApiFailure, ApiResponse } from '../../../core/plugin-api.js';
import { Tool } from '../../../core/plugin-api.js';
import { Text } from '../../../core/plugin-api.js';
import { ItemName, OptionalFolder, Space, WRITE } from './params.js';
import { MAX_BYTES, MAX_PARTS } from './uploads.js';

/** client_mime from the file extension when the caller gives none; an unknown extension sends none (the API decides). */
const MIME: Record<string, string> = {
  '.pdf': 'application/pdf', '.txt': 'text/plain', '.md': 'text/markdown', '.csv': 'text/csv', '.json': 'application/json',
  '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.gif': 'image/gif', '.webp': 'image/webp', '.zip': 'application/zip',
  '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

const inside = (dir: string, p: string) => {
  const rel = relative(dir, p);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
};
/** A dot-named segment below the allowed directory (.env, .ssh/, .git/): such files are never uploaded. */
const hidden = (dir: string, p: string) => relative(dir, p).split(sep).some((s) => s.startsWith('.'));
/** Too broad to be an upload directory, however configured: the filesystem root and the home directory itself. */
const tooBroad = (d: string) => parse(d).root === d || d === resolve(homedir());

export interface LocalFile { ok: true; path: string; size: number; handle: FileHandle }

/**
 * Opens a local file the tool may read: a regular file inside one of the upload directories (TREKMAIL_UPLOAD_DIRS;
 * default: the server's working directory), also after symlinks are resolved, with no `..` and no hidden (dot-named)
 * file or folder on the way. The filesystem root and the home directory itself never count as upload directories
 * (a subfolder such as ~/Documents does), so a server started from `/` or `~` reads nothing until
 * TREKMAIL_UPLOAD_DIRS names a folder. An uploaded file can be shared publicly: the default stays narrow.
 * Refusals happen before any request.
 */
export async function openUploadFile(localPath: string, configured: string[]): Promise<LocalFile | ApiFailure> {
  const dirs = configured.map((d) => resolve(d)).filter((d) => !tooBroad(d));
  const allowed = dirs.length ? `allowed: ${dirs.join(', ')}` : 'no upload directory is configured; the filesystem root and the home directory itself never count';
  const refuse = (what: string) =>
    localFailure('path_not_allowed', `local_path ${what} (${allowed}). Nothing was uploaded.`, 'Copy the file into an allowed directory, or ask the user to set TREKMAIL_UPLOAD_DIRS in the MCP server\'s environment.');
  if (!dirs.length) return refuse('cannot be read');
  if (localPath.includes('\0')) return refuse('is not a valid path');
  if (localPath.split(/[\\/]/).includes('..')) return refuse('must not contain ".." segments');
  const wanted = resolve(dirs[0], localPath);
  const home = dirs.find((d) => inside(d, wanted));
  if (!home) return refuse(`${wanted} is outside the upload directories`);
  if (hidden(home, wanted)) return refuse(`${wanted} is a hidden file or inside a hidden folder; those are never uploaded`);
  const unreadable = (err: unknown) => {
    const code = (err as NodeJS.ErrnoException).code;
    return localFailure(code === 'ENOENT' ? 'file_not_found' : 'file_unreadable', `local_path ${wanted}: ${code === 'ENOENT' ? 'no such file' : `cannot be read (${code})`}. Nothing was uploaded.`);
  };
  let real: string;
  try {
    real = await realpath(wanted);
  } catch (err) {
    return unreadable(err);
  }
  const realDirs = (await Promise.all(dirs.map((d) => realpath(d).catch(() => d)))).filter((d) => !tooBroad(d));
  const realHome = realDirs.find((d) => inside(d, real));
  if (!realHome) return refuse(`${wanted} leads (through a link) to ${real}, outside the upload directories`);
  if (hidden(realHome, real)) return refuse(`${wanted} leads to a hidden file or folder (${real})`);
  const notFile = (isDir: boolean) => refuse(`${wanted} is ${isDir ? 'a directory' : 'not a regular file'}; name one file`);
  let handle: FileHandle;
  try {
    // stat before open: opening a FIFO or a device would block or never end.
    const st = await stat(real);
    if (!st.isFile()) return notFile(st.isDirectory());
    // Swapped since (for a link or a FIFO)? O_NOFOLLOW and O_NONBLOCK keep open() from following or waiting.
    handle = await open(real, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0));
  } catch (err) {
    return unreadable(err);
  }
  const st = await handle.stat();
  if (!st.isFile() || st.size > MAX_BYTES) {
    await handle.close();
    return st.isFile() ? localFailure('file_too_large', `${real} has ${st.size} bytes; Drive takes at most ${MAX_BYTES}.`) : notFile(st.isDirectory());
  }
  return { ok: true, path: real, size: st.size, handle };
}


interface PartUrl { part_number: number; url: string }

/**
 * The initiate answer: `{ file_id, multipart, upload_url, headers, part_size_bytes, parts: [{ part_number, upload_url }],
 * expires_at }`. A small file gets one PUT URL (`multipart: false`), a large one a part size and part URLs.
 */
export interface UploadPlan {
  fileId?: number | string;
  multipart: boolean;
  url?: string;
  headers: Record<string, string>;
  partSize?: number;
  parts: PartUrl[];
}

export function readInitiate(data: unknown): UploadPlan {
  const d = (data && typeof data === 'object' ? data : {}) as Record<string, any>;
  const fileId = typeof d.file_id === 'number' || typeof d.file_id === 'string' ? d.file_id : undefined;
  const parts = readParts(d.parts);
  const url = typeof d.upload_url === 'string' && d.upload_url ? d.upload_url : undefined;
  const multipart = d.multipart === true || (d.multipart !== false && !url && parts.length > 0);
  const given = Number(d.part_size_bytes);
  const headers: Record<string, string> = {};
  if (d.headers && typeof d.headers === 'object') {
    for (const [k, v] of Object.entries(d.headers as Record<string, unknown>)) if (typeof v === 'string' && !UNSAFE_HEADER.test(k)) headers[k] = v;
  }
  return { fileId, multipart, url, headers, partSize: given > 0 ? given : undefined, parts };
}

/** Headers a storage answer may not set on the PUT: credentials and framing stay ours. */
const UNSAFE_HEADER = /^(authorization|cookie|host|content-length|transfer-encoding|connection|idempotency-key)$/i;

function readParts(list: unknown): PartUrl[] {
  if (!Array.isArray(list)) return [];
  return list
    .map((p: any) => ({ part_number: Number(p?.part_number), url: p?.upload_url ?? p?.url }))
    .filter((p): p is PartUrl => typeof p.url === 'string' && p.url.length > 0 && Number.isInteger(p.part_number) && p.part_number > 0);
}

/**
 * File bytes go only to https URLs (or loopback). The core's client adds the TrekMail token only when a URL has
 * the API's own origin, so a presigned storage URL never sees it.
 */
function urlProblem(url: string): string | undefined {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return 'is not a valid URL';
  }
  if (u.protocol === 'https:' || (u.protocol === 'http:' && isLoopbackHost(u.hostname))) return undefined;
  return `uses ${u.protocol}//${u.host}; file bytes are sent over https only`;
}

/** The part's ETag without the quotes storage puts around it (complete takes the bare value). */
function etagOf(res: ApiResponse): string | undefined {
  const d = res.data as Record<string, unknown> | undefined;
  const v = res.headers?.get('etag') ?? d?.etag;
  return typeof v === 'string' && v ? v.replace(/^W\//, '').replace(/^"|"$/g, '') : undefined;
}

type Sent = { ok: true; parts?: { part_number: number; etag: string }[] } | ApiFailure;

@Tool({
  name: 'drive_file_upload', keywords: 'upload local file computer to drive', description: 'Upload a local file from TREKMAIL_UPLOAD_DIRS',
  access: 'write', scope: WRITE, route: 'POST /drive/spaces/{space}/uploads:initiate', transports: ['stdio'],
})
export class DriveFileUpload {
  @Space() space: string;
  @Text('Relative to the first upload dir', 4096) local_path: string;
  @OptionalFolder('Default: root') folder_id?: number | null = null;
  @ItemName('Default file name', true) name?: string;
  @Text('Default by extension', 255, true) client_mime?: string;

  /** initiate → PUT the file (or each part) to its URL → complete. Any failure after initiate aborts the upload. */
  async execute(this: DriveFileUpload, ctx: ToolContext): Promise<ToolOutcome> {
    if (ctx.transport !== 'stdio') return localFailure('not_available', 'drive_file_upload reads local files and works over stdio only.');
    const local = await openUploadFile(this.local_path, ctx.config.uploadDirs);
    if (!local.ok) return local;
    const { path, size, handle } = local;
    try {
      const mime = this.client_mime ?? MIME[extname(path).toLowerCase()];
      const started = await ctx.call({ space: this.space, name: this.name ?? basename(path), size_bytes: size, folder_id: this.folder_id ?? null, client_mime: mime });
      if (!started.ok) return started;
      const plan = readInitiate(started.data);
      if (plan.fileId === undefined) {
        return localFailure('unexpected_response', 'The upload started, but the API answer has no file_id, so it can be neither finished nor aborted.', 'Look for an unfinished upload with drive_browse_folder.');
      }
      const id = encodeURIComponent(String(plan.fileId));
      let step = 'reading the upload plan';
      try {
        const at = (s: string) => (step = s);
        const sent = plan.multipart ? await this.sendParts(ctx, handle, size, id, plan, at) : await this.sendWhole(ctx, handle, size, plan, at);
        if (!sent.ok) return await abort(ctx, id, plan.fileId, sent, step);
        step = 'completing the upload';
        const done = await ctx.request({ method: 'POST', path: `/drive/uploads/${id}:complete`, body: sent.parts ? { parts: sent.parts } : {} });
        if (!done.ok) return await abort(ctx, id, plan.fileId, done, step);
        return { ok: true, data: done.data };
      } catch (err) {
        return await abort(ctx, id, plan.fileId, localFailure('upload_failed', `Unexpected error: ${(err as Error)?.message ?? err}.`), step);
      }
    } finally {
      await handle.close();
    }
  }

  /** A small file: one PUT with the headers the plan names; complete then takes no parts. */
  private async sendWhole(ctx: ToolContext, file: FileHandle, size: number, plan: UploadPlan, at: (step: string) => void): Promise<Sent> {
    if (!plan.url) return localFailure('unexpected_response', 'The API answer gives neither an upload URL nor part URLs.');
    const bad = urlProblem(plan.url);
    if (bad) return localFailure('unsafe_upload_url', `The upload URL ${bad}.`);
    at('uploading the file');
    const bytes = new Uint8Array(size);
    const { bytesRead } = await file.read(bytes, 0, size, 0);
    if (bytesRead !== size) return localFailure('file_changed', 'The local file changed while it was being uploaded.');
    await ctx.progress(0, size, `Uploading ${size} bytes`).catch(() => {});
    const res = await ctx.request({ method: 'PUT', path: '', absoluteUrl: plan.url, rawBody: bytes, headers: { 'Content-Type': 'application/octet-stream', ...plan.headers } });
    if (!res.ok) return res;
    if (size) await ctx.progress(size, size, 'Uploaded').catch(() => {});
    return { ok: true };
  }

  /** A large file: reads and PUTs each part in order, reporting progress in bytes. */
  private async sendParts(ctx: ToolContext, file: FileHandle, size: number, id: string, plan: UploadPlan, at: (step: string) => void): Promise<Sent> {
    const partSize = plan.partSize ?? 0;
    const count = partSize ? Math.max(1, Math.ceil(size / partSize)) : 0;
    if (!count || count > MAX_PARTS) return localFailure('unexpected_response', `The API answer gives no usable part size (${plan.parts.length} part URLs).`);
    const urls = new Map(plan.parts.map((p) => [p.part_number, p.url]));
    const missing = Array.from({ length: count }, (_, i) => i + 1).filter((n) => !urls.has(n));
    if (missing.length) {
      at('getting part URLs');
      const more = await this.refresh(ctx, id, missing, urls);
      if (more) return more;
    }
    const progress = (done: number, message: string) => ctx.progress(done, size, message).catch(() => {});
    await progress(0, `Uploading ${size} bytes in ${count} part${count > 1 ? 's' : ''}`);
    const parts: { part_number: number; etag: string }[] = [];
    let done = 0;
    for (let n = 1; n <= count; n++) {
      at(`uploading part ${n} of ${count}`);
      const offset = (n - 1) * partSize;
      const length = Math.min(partSize, size - offset);
      const bytes = new Uint8Array(length);
      const { bytesRead } = await file.read(bytes, 0, length, offset);
      if (bytesRead !== length) return localFailure('file_changed', 'The local file changed while it was being uploaded.');
      const put = () => {
        const url = urls.get(n)!;
        const bad = urlProblem(url);
        if (bad) return Promise.resolve(localFailure('unsafe_upload_url', `The upload URL for part ${n} ${bad}.`));
        return ctx.request({ method: 'PUT', path: '', absoluteUrl: url, rawBody: bytes, headers: { 'Content-Type': 'application/octet-stream' } });
      };
      let res = await put();
      // An expired presigned URL answers 403: get a fresh one, once.
      if (!res.ok && res.status === 403 && !(await this.refresh(ctx, id, [n], urls))) res = await put();
      if (!res.ok) return res;
      const etag = etagOf(res);
      if (!etag) return localFailure('unexpected_response', `The upload of part ${n} answered no ETag.`);
      parts.push({ part_number: n, etag });
      done += length;
      if (length) await progress(done, `Part ${n} of ${count}`);
    }
    return { ok: true, parts };
  }

  /** Fills `urls` with fresh URLs for these parts; a failure when the API gives none. */
  private async refresh(ctx: ToolContext, id: string, numbers: number[], urls: Map<number, string>): Promise<ApiFailure | undefined> {
    const res = await ctx.request({ method: 'POST', path: `/drive/uploads/${id}:refresh-parts`, body: { part_numbers: numbers } });
    if (!res.ok) return res;
    for (const p of readParts((res.data as Record<string, unknown> | undefined)?.parts)) urls.set(p.part_number, p.url);
    const still = numbers.filter((n) => !urls.has(n));
    return still.length ? localFailure('unexpected_response', `The API gave no upload URL for part ${still.join(', ')}.`) : undefined;
  }
}

/** Aborts the upload (even when the call itself was cancelled) and says so in the failure the agent gets. */
async function abort(ctx: ToolContext, id: string, fileId: number | string, f: ApiFailure, step: string): Promise<ApiFailure> {
  const ab = await ctx.request({ method: 'POST', path: `/drive/uploads/${id}:abort`, body: {}, signal: AbortSignal.timeout(ctx.config.timeoutMs) });
  const after = ab.ok ? 'the upload was aborted' : `aborting failed too (${ab.code}); call drive_upload_abort with file_id ${fileId}`;
  return { ...f, message: `${f.message} (while ${step}; ${after})`, details: { ...f.details, file_id: fileId, aborted: ab.ok } };
}
