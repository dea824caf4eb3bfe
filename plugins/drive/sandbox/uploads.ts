import { createHash } from 'node:crypto';
import { invalid, notFound, reply, SbError, type SandboxEngine, type SbRequest } from '../../../sandbox/engine.js';
import { list, obj, opt } from '../../../sandbox/fields.js';
import { OPTS, WRITE, type Drive } from './model.js';
import { etagOf, MAX_FILE, PART_SIZE, SINGLE_PUT_MAX, URL_TTL_MS, type DriveFile } from './state.js';

const PARTS = 10_000;

/**
 * Uploads as the API runs them: initiate reserves quota and answers one PUT URL (small file) or part URLs
 * (multipart); the bytes go to those URLs; complete checks them (multipart: every part with its bare ETag).
 */
export function registerUploads(engine: SandboxEngine, d: Drive): void {
  const { s } = d;
  const sign = (fileId: number, n: number, expires: number) => createHash('sha256').update(`part-${fileId}-${n}-${expires}`).digest('hex').slice(0, 32);
  const partUrl = (req: SbRequest, fileId: number, n: number, expires: number) =>
    `${d.origin(req)}/api/v1/drive/uploads/${fileId}/parts/${n}?expires=${expires}&signature=${sign(fileId, n, expires)}`;
  /** The pending upload of the path's file; a completed or aborted one is no longer pending. */
  const pending = (req: SbRequest) => {
    const f = s.files.get(Number(req.params.file_id));
    if (!f) throw notFound('Drive upload');
    d.need(req, d.spaceById(f.space_id), 'write');
    const up = s.uploads.get(f.id);
    if (!up || f.status !== 'pending_upload') throw new SbError(409, 'upload_not_pending', 'This file has no upload in progress (it was completed or aborted)');
    return { f, up };
  };

  engine.route('POST', '/drive/spaces/{space}/uploads:initiate', WRITE, (req) => {
    const sp = d.space(req, 'write');
    const name = d.cleanName(req.body.name);
    const size = req.body.size_bytes as number;
    if (size > MAX_FILE) throw invalid({ size_bytes: `must be at most ${MAX_FILE}` });
    const folder = d.target(sp, req.body.folder_id, 'folder_id');
    const q = d.quota(req);
    if (size > q.available_bytes) {
      throw new SbError(413, 'storage_quota_exceeded', `The file needs ${size} bytes, ${q.available_bytes} are free`, { available_bytes: q.available_bytes }, 'Empty the trash or purge files (see drive_storage_summary).');
    }
    const now = engine.now();
    const mime = req.body.client_mime || 'application/octet-stream';
    const f: DriveFile = { id: s.next.file++, space_id: sp.id, folder_id: folder, name: d.freeName(sp.id, folder, name), mime, size, bytes: Buffer.alloc(0), status: 'pending_upload', created: now, updated: now };
    const multipart = size > SINGLE_PUT_MAX;
    const count = multipart ? Math.ceil(size / PART_SIZE) : 1;
    s.files.set(f.id, f);
    s.uploads.set(f.id, { file_id: f.id, multipart, part_size: multipart ? PART_SIZE : size, part_count: count, parts: new Map() });
    const expires = now + URL_TTL_MS;
    const plan = multipart
      ? { multipart: true, upload_url: null, headers: {}, upload_id: `sbx-upload-${f.id}`, part_size_bytes: PART_SIZE, parts: Array.from({ length: count }, (_, i) => ({ part_number: i + 1, upload_url: partUrl(req, f.id, i + 1, expires) })) }
      : { multipart: false, upload_url: partUrl(req, f.id, 1, expires), headers: { 'Content-Type': mime }, upload_id: null, part_size_bytes: 0, parts: [] };
    return reply({ status: 201, body: { file_id: f.id, ...plan, expires_at: d.iso(expires), file: d.fileView(f) } });
  }, { ...OPTS, accepts: { body: { name: 'string(1..255)', size_bytes: 'int(0..)', folder_id: 'int(1..)|null?', client_mime: 'string(..255)?' } } });

  // Stands in for the storage service's presigned PUT: raw bytes, an ETag header in quotes.
  engine.route('PUT', '/drive/uploads/{file_id}/parts/{part_number}', WRITE, (req) => {
    const { f, up } = pending(req);
    const n = Number(req.params.part_number);
    if (!Number.isInteger(n) || n < 1 || n > up.part_count) throw invalid({ part_number: `must be 1-${up.part_count}` });
    const expires = Number(req.query.expires);
    if (req.query.signature !== sign(f.id, n, expires)) throw new SbError(403, 'signature_mismatch', 'The upload URL is not valid for this part');
    if (expires < engine.now()) throw new SbError(403, 'upload_url_expired', 'The upload URL for this part has expired', {}, 'Get new URLs with drive_upload_refresh_parts.');
    const want = n < up.part_count ? up.part_size : f.size - up.part_size * (up.part_count - 1);
    if (req.rawBody.length !== want) throw new SbError(400, 'part_size_mismatch', `Part ${n} must be ${want} bytes, got ${req.rawBody.length}`, { expected_bytes: want });
    const bytes = Buffer.from(req.rawBody);
    const etag = etagOf(bytes);
    up.parts.set(n, { bytes, etag });
    return reply({ body: { part_number: n, size_bytes: bytes.length }, headers: { etag: `"${etag}"` } });
  }, { ...OPTS, accepts: { raw: true, query: { expires: 'int', signature: 'string(32..32)' } } });

  engine.route('POST', '/drive/uploads/{file_id}:complete', WRITE, (req) => {
    const { f, up } = pending(req);
    const given = req.body.parts as { part_number: number; etag: string }[] | undefined;
    if (!up.multipart && given) throw invalid({ parts: 'a single-PUT upload is completed without parts' });
    if (up.multipart && !given) throw invalid({ parts: 'a multipart upload lists its parts: part_number and ETag of each' });
    for (const p of given ?? []) {
      const have = up.parts.get(p.part_number);
      // The API wants the bare ETag, as storage computed it: quotes or another value do not match.
      if (!have || p.etag !== have.etag) throw new SbError(422, 'etag_mismatch', `Part ${p.part_number} was not uploaded with that ETag`, { part_number: p.part_number });
    }
    const missing = Array.from({ length: up.part_count }, (_, i) => i + 1).filter((n) => !up.parts.has(n) || (given && !given.some((p) => p.part_number === n)));
    if (missing.length) throw new SbError(422, 'upload_incomplete', `Parts not uploaded: ${missing.join(', ')}`, { missing_parts: missing }, 'Upload the missing parts (drive_upload_refresh_parts gives fresh URLs), then complete again.');
    f.bytes = Buffer.concat(Array.from({ length: up.part_count }, (_, i) => up.parts.get(i + 1)!.bytes));
    Object.assign(f, { status: 'available', updated: engine.now() });
    s.uploads.delete(f.id);
    return { file: { ...d.fileView(f), sha256: createHash('sha256').update(f.bytes).digest('hex') } };
  }, { ...OPTS, accepts: { body: { parts: opt(list(obj({ part_number: `int(1..${PARTS})`, etag: 'string(1..200)' }), `1..${PARTS}`)) } } });

  engine.route('POST', '/drive/uploads/{file_id}:refresh-parts', WRITE, (req) => {
    const { f, up } = pending(req);
    if (!up.multipart) throw new SbError(409, 'not_multipart', 'A single-PUT upload has no parts to refresh', {}, 'Abort it and initiate again.');
    const numbers = req.body.part_numbers as number[];
    if (numbers.some((n) => n > up.part_count)) throw invalid({ part_numbers: `part numbers go from 1 to ${up.part_count}` });
    const expires = engine.now() + URL_TTL_MS;
    return { file_id: f.id, expires_at: d.iso(expires), parts: numbers.map((n) => ({ part_number: n, upload_url: partUrl(req, f.id, n, expires) })) };
  }, { ...OPTS, accepts: { body: { part_numbers: `int(1..${PARTS})[1..${PARTS}]` } } });

  engine.route('POST', '/drive/uploads/{file_id}:abort', WRITE, (req) => {
    const { f } = pending(req);
    s.files.delete(f.id);
    s.uploads.delete(f.id);
    return { aborted: true, file_id: f.id };
  }, { ...OPTS, accepts: { body: false } });
}
