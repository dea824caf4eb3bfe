import { Type } from 'class-transformer';
import { constants } from 'node:fs';
import { open, realpath, stat, type FileHandle } from 'node:fs/promises';
import { homedir } from 'node:os';
import { basename, extname, isAbsolute, parse, relative, resolve, sep } from 'node:path';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsInt, IsOptional, IsString, Max, MaxLength, Min, MinLength, ValidateNested } from '../../../core/validators.js';
import { isLoopbackHost } from '../../../core/config.js';
import { localFailure, type ToolContext, type ToolOutcome } from '../../../core/context.js';
import type { ApiFailure, ApiResponse } from '../../../core/http.js';
import { compose, Desc, Tool } from '../../../core/tool.js';
import { Int, IntList, Text } from '../../../core/params.js';
import { FileId, ItemName, OptionalFolder, Space, WRITE } from './params.js';

/** S3's limits: 10,000 parts, 5 TiB per object. */
const MAX_PARTS = 10_000;
const MAX_BYTES = 5 * 1024 ** 4;

/** One uploaded part (the array's description says what it is). */
export class UploadPart {
  @compose(IsInt(), Min(1), Max(MAX_PARTS)) part_number: number;
  @compose(IsString(), MinLength(1), MaxLength(200)) etag: string;
}

@Tool({
  name: 'drive_upload_initiate', description: 'Start a multipart upload; answers the file id and one upload URL per part.',
  access: 'write', scope: WRITE, route: 'POST /drive/spaces/{space}/uploads:initiate',
})
export class DriveUploadInitiate {
  @Space() space: string;
  @ItemName('File name, 1-255 chars') name: string;
  @Int('File size in bytes', 0, MAX_BYTES) size_bytes: number;
  @OptionalFolder('Folder id; null or omitted: root') folder_id?: number | null;
  @Text('MIME type, e.g. application/pdf', 255, true) client_mime?: string;
}

@Tool({ name: 'drive_upload_complete', description: 'Finish a multipart upload once every part is uploaded.', access: 'write', scope: WRITE, route: 'POST /drive/uploads/{file_id}:complete' })
export class DriveUploadComplete {
  @FileId() file_id: number;
  @compose(IsOptional(), IsArray(), ValidateNested({ each: true }), Type(() => UploadPart), ArrayMinSize(1), ArrayMaxSize(MAX_PARTS), Desc('Uploaded parts: part_number and the ETag its upload answered'))
  parts?: UploadPart[];
}

@Tool({ name: 'drive_upload_refresh_parts', description: 'New upload URLs for parts whose URLs expired.', access: 'write', scope: WRITE, route: 'POST /drive/uploads/{file_id}:refresh-parts' })
export class DriveUploadRefreshParts {
  @FileId() file_id: number;
  @IntList('Part numbers', 1, MAX_PARTS) part_numbers: number[];
}

@Tool({ name: 'drive_upload_abort', description: 'Cancel an unfinished upload and discard its parts.', access: 'write', scope: WRITE, route: 'POST /drive/uploads/{file_id}:abort' })
export class DriveUploadAbort {
  @FileId() file_id: number;
}

/** A few common types; the API decides when none is given. */
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

/** Reads the initiate answer tolerantly: `{ file_id, upload: { part_size, parts: [{ part_number, url }] } }` and near shapes. */
export function readInitiate(data: unknown, size: number): { fileId?: number | string; partSize?: number; parts: PartUrl[] } {
  const d = (data && typeof data === 'object' ? data : {}) as Record<string, any>;
  const up = (d.upload && typeof d.upload === 'object' ? d.upload : d) as Record<string, any>;
  const fileId = d.file_id ?? d.file?.id ?? up.file_id ?? d.id;
  const parts = readParts(up.parts ?? up.part_urls ?? d.parts ?? (up.url ? [{ part_number: 1, url: up.url }] : []));
  const given = Number(up.part_size ?? up.part_size_bytes ?? d.part_size);
  const partSize = given > 0 ? given : parts.length === 1 ? Math.max(size, 1) : undefined;
  return { fileId: typeof fileId === 'number' || typeof fileId === 'string' ? fileId : undefined, partSize, parts };
}

function readParts(list: unknown): PartUrl[] {
  if (!Array.isArray(list)) return [];
  return list
    .map((p: any, i: number) => (typeof p === 'string' ? { part_number: i + 1, url: p } : { part_number: Number(p?.part_number ?? p?.partNumber ?? p?.number ?? i + 1), url: p?.url ?? p?.upload_url ?? p?.presigned_url }))
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

function etagOf(res: ApiResponse): string | undefined {
  const h = res.headers?.get('etag');
  if (h) return h;
  const d = res.data as Record<string, unknown> | undefined;
  const v = d?.etag ?? d?.ETag ?? d?.e_tag;
  return typeof v === 'string' && v ? v : undefined;
}

@Tool({
  name: 'drive_file_upload', description: 'Upload a local file (within TREKMAIL_UPLOAD_DIRS) to a Drive space in one call.',
  access: 'write', scope: WRITE, route: 'POST /drive/spaces/{space}/uploads:initiate', transports: ['stdio'],
})
export class DriveFileUpload {
  @Space() space: string;
  @Text('Local file path (relative: to the first upload dir)', 4096) local_path: string;
  @OptionalFolder('Folder id; null or omitted: root') folder_id?: number | null;
  @ItemName('Name in Drive (default: file name), 1-255 chars', true) name?: string;

  /** initiate → PUT each part to its URL → complete. Any failure after initiate aborts the upload. */
  async execute(this: DriveFileUpload, ctx: ToolContext): Promise<ToolOutcome> {
    if (ctx.transport !== 'stdio') return localFailure('not_available', 'drive_file_upload reads local files and works over stdio only.');
    const local = await openUploadFile(this.local_path, ctx.config.uploadDirs);
    if (!local.ok) return local;
    const { path, size, handle } = local;
    try {
      const started = await ctx.call({ space: this.space, name: this.name ?? basename(path), size_bytes: size, folder_id: this.folder_id, client_mime: MIME[extname(path).toLowerCase()] });
      if (!started.ok) return started;
      const init = readInitiate(started.data, size);
      if (init.fileId === undefined) {
        return localFailure('unexpected_response', 'The upload started, but the API answer has no file_id, so it can be neither finished nor aborted.', 'Look for an unfinished upload with drive_browse_folder.');
      }
      const id = encodeURIComponent(String(init.fileId));
      let step = 'reading the upload plan';
      try {
        const sent = await this.sendParts(ctx, handle, size, id, init, (s) => (step = s));
        if (!sent.ok) return await abort(ctx, id, init.fileId, sent, step);
        step = 'completing the upload';
        const done = await ctx.request({ method: 'POST', path: `/drive/uploads/${id}:complete`, body: { parts: sent.parts } });
        if (!done.ok) return await abort(ctx, id, init.fileId, done, step);
        return { ok: true, data: done.data };
      } catch (err) {
        return await abort(ctx, id, init.fileId, localFailure('upload_failed', `Unexpected error: ${(err as Error)?.message ?? err}.`), step);
      }
    } finally {
      await handle.close();
    }
  }

  /** Reads and PUTs each part in order, reporting progress in bytes. */
  private async sendParts(
    ctx: ToolContext, file: FileHandle, size: number, id: string, init: ReturnType<typeof readInitiate>, at: (step: string) => void,
  ): Promise<{ ok: true; parts: { part_number: number; etag: string }[] } | ApiFailure> {
    const partSize = init.partSize ?? 0;
    const count = partSize ? Math.max(1, Math.ceil(size / partSize)) : 0;
    if (!count || count > MAX_PARTS) return localFailure('unexpected_response', `The API answer gives no usable part size (${init.parts.length} part URLs).`);
    const urls = new Map(init.parts.map((p) => [p.part_number, p.url]));
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
    const d = res.data as Record<string, any>;
    for (const p of readParts(d?.parts ?? d?.upload?.parts)) urls.set(p.part_number, p.url);
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
