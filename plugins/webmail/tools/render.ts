import { localFailure, type ToolContext, type ToolOutcome } from '../../../core/plugin-api.js';
import type { ApiResult } from '../../../core/plugin-api.js';
import { cleanText } from '../../../core/plugin-api.js';
import { base64Bytes } from './params.js';

/**
 * Shaping of webmail answers for agents: addresses as one string, HTML bodies as readable text, attachments
 * without megabytes of surprise, compose data in exactly the shape send_message accepts.
 */
type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj | undefined => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : undefined);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined || v === null || v === '' ? [] : [v]);

/** Longest body text returned by read_message; the rest is cut with a note. */
export const MAX_BODY_CHARS = 30_000;
/** Length of a list_messages preview. */
export const PREVIEW_CHARS = 200;

type Convert = (html: string, options?: object) => string;
let converter: Promise<Convert> | undefined;

/** HTML with invisible characters, active content, script URLs and remote images removed (a sanitizer's work). */
export function safeHtml(html: string): string {
  return cleanText(html, true);
}

/** HTML → readable text. html-to-text is imported on first use only (start-up stays fast). */
export async function htmlToText(html: string): Promise<string> {
  converter ??= import('html-to-text').then((m) => m.convert as Convert);
  const convert = await converter;
  const plain = { options: { uppercase: false } };
  return convert(safeHtml(html), {
    wordwrap: false,
    selectors: [
      { selector: 'img', format: 'skip' },
      { selector: 'a', options: { hideLinkHrefIfSameAsText: true } },
      ...['h1', 'h2', 'h3', 'h4', 'h5', 'h6'].map((selector) => ({ selector, ...plain })),
      { selector: 'table', format: 'block' },
      { selector: 'tr', format: 'block' },
      { selector: 'td', format: 'inline' },
    ],
  })
    // Entity-encoded schemes survive the attribute pass; no script link reaches the text.
    .replace(/\s*\[(?:javascript|vbscript|data):[^\]]*\]/gi, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** `Name <email>` or `email` from an address object or string. */
export function addr(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  const o = obj(v);
  if (!o) return undefined;
  const email = str(o.email) ?? str(o.address);
  const name = str(o.name)?.trim();
  if (!email) return name;
  return name && name !== email ? `${name} <${email}>` : email;
}

/** The bare email of an address object or `Name <email>` string. */
export function emailOf(v: unknown): string | undefined {
  if (typeof v === 'string') return /<([^<>\s]+@[^<>\s]+)>\s*$/.exec(v)?.[1] ?? v.trim();
  const o = obj(v);
  return o ? str(o.email) ?? str(o.address) : undefined;
}

const addrs = (v: unknown): string[] => arr(v).map(addr).filter((s): s is string => !!s);

function flagsOf(m: Obj): { seen: boolean; flagged: boolean } {
  const f = obj(m.flags);
  const list = Array.isArray(m.flags) ? (m.flags as unknown[]).map((x) => String(x).toLowerCase().replace(/^\\/, '')) : [];
  return {
    seen: Boolean(f?.seen ?? m.seen ?? list.includes('seen')),
    flagged: Boolean(f?.flagged ?? m.flagged ?? list.includes('flagged')),
  };
}

/** Body text of a message: its text part, else its HTML rendered to text. */
async function bodyText(m: Obj): Promise<{ text: string; from: 'text' | 'html' | 'none' }> {
  const text = str(m.text) ?? str(m.text_body) ?? str(obj(m.body)?.text);
  if (text && text.trim()) return { text: text.replace(/\r\n/g, '\n').trim(), from: 'text' };
  const html = str(m.html) ?? str(m.html_body) ?? str(obj(m.body)?.html);
  if (html && html.trim()) return { text: await htmlToText(html), from: 'html' };
  return { text: '', from: 'none' };
}

function htmlOf(m: Obj): string | undefined {
  return str(m.html) ?? str(m.html_body) ?? str(obj(m.body)?.html);
}

/** Attachment metadata: index, name, type, size. */
function attachmentsOf(m: Obj): { index: number; filename?: string; content_type?: string; size?: number }[] {
  return arr(m.attachments).map((a, i) => {
    const o = obj(a) ?? {};
    return {
      index: typeof o.index === 'number' ? o.index : i,
      filename: str(o.filename) ?? str(o.name),
      content_type: str(o.content_type) ?? str(o.mime_type) ?? str(o.type),
      size: typeof o.size === 'number' ? o.size : undefined,
    };
  });
}

const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();

/** One list entry: headers plus a short readable preview. */
export async function summarize(m: Obj): Promise<Obj> {
  const atts = attachmentsOf(m);
  const count = typeof m.attachment_count === 'number' ? m.attachment_count : atts.length || (m.has_attachments ? 1 : 0);
  let preview = str(m.preview) ?? str(m.snippet);
  if (preview === undefined) preview = (await bodyText(m)).text;
  preview = oneLine(preview);
  if (preview.length > PREVIEW_CHARS) preview = preview.slice(0, PREVIEW_CHARS - 1) + '…';
  return drop({
    uid: m.uid,
    date: m.date,
    from: addr(m.from),
    to: addrs(m.to),
    subject: str(m.subject) ?? '',
    ...flagsOf(m),
    attachments: count,
    thread_id: m.thread_id,
    preview,
  });
}

/** list_messages: the folder's page of summaries and the cursor for the next page. */
export async function messageList(data: unknown, folder: string): Promise<Obj> {
  const d = obj(data) ?? {};
  const items = Array.isArray(data) ? data : Array.isArray(d.messages) ? d.messages : Array.isArray(d.data) ? d.data : undefined;
  if (!items) return d;
  const messages = await Promise.all(items.map((m) => summarize(obj(m) ?? {})));
  const next = d.next_before_uid ?? obj(d.meta)?.next_before_uid;
  return { folder: str(d.folder) ?? folder, ...(d.uidvalidity !== undefined ? { uidvalidity: d.uidvalidity } : {}), count: messages.length, next_before_uid: next ?? null, messages };
}

/** read_message: headers, readable text (capped), attachment list; raw HTML only when asked for. */
export async function readable(data: unknown, opts: { folder: string; includeHtml: boolean }): Promise<{ data: Obj; text: string }> {
  const d = obj(data) ?? {};
  const m = obj(d.message) ?? d;
  const body = await bodyText(m);
  const full = body.text.length;
  const text = full > MAX_BODY_CHARS ? body.text.slice(0, MAX_BODY_CHARS) : body.text;
  const raw = opts.includeHtml ? htmlOf(m) : undefined;
  const html = raw === undefined ? undefined : safeHtml(raw);
  const out = drop({
    uid: m.uid,
    folder: str(m.folder) ?? opts.folder,
    uidvalidity: m.uidvalidity ?? d.uidvalidity,
    message_id: m.message_id,
    date: m.date,
    from: addr(m.from),
    reply_to: addrs(m.reply_to),
    to: addrs(m.to),
    cc: addrs(m.cc),
    subject: str(m.subject) ?? '',
    ...flagsOf(m),
    in_reply_to: m.in_reply_to,
    references: m.references,
    attachments: attachmentsOf(m),
    body_format: body.from,
    text,
    truncated: full > MAX_BODY_CHARS ? { shown_chars: MAX_BODY_CHARS, total_chars: full, hint: 'get_raw_message has the full source' } : undefined,
    html,
    has_html: opts.includeHtml ? undefined : htmlOf(m) !== undefined || undefined,
  });
  return { data: out, text: asText(out) };
}

const kb = (n: unknown) => (typeof n === 'number' ? (n >= 1048576 ? `${(n / 1048576).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`) : '? KB');

/** The text form of a read message: a header block, then the body (it is delimited as third-party content). */
function asText(m: Obj): string {
  const lines = [`Message UID ${m.uid} in ${m.folder}`];
  const h = (k: string, v: unknown) => {
    // One line per header: a subject holding newlines cannot forge further header lines.
    const s = oneLine(Array.isArray(v) ? v.join(', ') : v === undefined ? '' : String(v));
    if (s) lines.push(`${k}: ${s}`);
  };
  h('From', m.from);
  h('Reply-To', m.reply_to);
  h('To', m.to);
  h('Cc', m.cc);
  h('Date', m.date);
  h('Subject', m.subject);
  h('Message-ID', m.message_id);
  h('In-Reply-To', m.in_reply_to);
  h('Flags', [m.seen ? 'seen' : 'unseen', m.flagged ? 'flagged' : ''].filter(Boolean));
  const atts = (m.attachments as { index: number; filename?: string; content_type?: string; size?: number }[]) ?? [];
  if (atts.length) h('Attachments', atts.map((a) => `[${a.index}] ${a.filename ?? 'unnamed'} (${a.content_type ?? 'unknown type'}, ${kb(a.size)})`));
  const t = m.truncated as { shown_chars: number; total_chars: number } | undefined;
  lines.push('', String(m.text ?? ''));
  if (t) lines.push('', `[Body cut at ${t.shown_chars} of ${t.total_chars} characters; get_raw_message has the full source.]`);
  if (typeof m.html === 'string') lines.push('', '--- HTML body ---', m.html);
  return lines.join('\n');
}

/**
 * An attachment (or ZIP of all of them) as base64 with name, type and size; above `limit` bytes the content is not
 * returned and the agent is told the size and how to raise the limit. The message names no file: names are
 * third-party text and errors are not delimited.
 */
export function guardAttachment(res: ApiResult, limit: number, what: string): ToolOutcome {
  if (!res.ok) return res;
  const d = obj(res.data);
  if (!d) return res;
  const a = obj(d.attachment) ?? d;
  const b64 = str(a.content_base64) ?? str(a.data) ?? str(a.content);
  const size = typeof a.size === 'number' ? a.size : b64 !== undefined ? base64Bytes(b64) : undefined;
  if (size !== undefined && size > limit) {
    const hint = limit < 25 * 1024 * 1024 ? ` Call again with max_bytes up to ${25 * 1024 * 1024} to receive it inline.` : '';
    return localFailure('attachment_too_large', `${what} is ${kb(size)} (${size} bytes), above the inline limit of ${kb(limit)} (max_bytes); its content was not returned.${hint}`);
  }
  const out = drop({
    filename: str(a.filename) ?? str(a.name),
    content_type: str(a.content_type) ?? str(a.mime_type),
    size,
    ...Object.fromEntries(Object.entries(a).filter(([k]) => !['filename', 'name', 'content_type', 'mime_type', 'size', 'content_base64', 'data', 'content'].includes(k))),
    content_base64: b64,
  });
  return { ok: true, data: out };
}

/**
 * Compose data (reply, reply-all, forward) in exactly the shape send_message accepts (save_draft too, without
 * reply_to_message_id): addresses as bare emails, the Message-ID replied to, plain text with the quote (no HTML
 * part, which would not carry the agent's added text); a forward lists the original attachments, without content.
 */
export async function sendable(res: ApiResult, src: { uid: number; folder?: string; external_account_id?: number }, forward: boolean): Promise<ToolOutcome> {
  if (!res.ok) return res;
  const d0 = obj(res.data) ?? {};
  const d = obj(d0.data) ?? obj(d0.reply) ?? obj(d0.forward) ?? obj(d0.draft) ?? d0;
  const emails = (v: unknown) => [...new Set(arr(v).map(emailOf).filter((s): s is string => !!s && s.includes('@')))];
  let text = str(d.body_text) ?? str(d.text) ?? str(obj(d.body)?.text) ?? str(d.quoted_text);
  if (text === undefined) {
    const html = str(d.body_html) ?? str(d.html) ?? str(obj(d.body)?.html) ?? str(d.quoted_html);
    text = html ? await htmlToText(html) : '';
  }
  const out: Obj = { to: emails(d.to) };
  const cc = emails(d.cc);
  if (cc.length) out.cc = cc;
  out.subject = str(d.subject) ?? '';
  out.body_text = text;
  // The API threads a reply from the one Message-ID it is given (it sets In-Reply-To and References itself).
  const replyTo = str(d.reply_to_message_id) ?? str(d.in_reply_to);
  if (!forward && replyTo) out.reply_to_message_id = replyTo;
  if (typeof d.identity_id === 'number') out.identity_id = d.identity_id;
  // A message of a connected account is answered from that account.
  if (src.external_account_id !== undefined) out.external_account_id = src.external_account_id;
  if (forward) {
    // Metadata only: a forward's attachments as bytes would put megabytes into the agent's context for nothing.
    const atts = arr(d.attachments).map((raw, i) => {
      const a = obj(raw) ?? {};
      const size = typeof a.size === 'number' ? a.size : str(a.content_base64) !== undefined ? base64Bytes(str(a.content_base64)!) : undefined;
      return drop({ index: typeof a.index === 'number' ? a.index : i, filename: str(a.filename) ?? str(a.name) ?? `attachment-${i + 1}`, content_type: str(a.content_type) ?? str(a.mime_type), size });
    });
    if (atts.length) out.original_attachments = atts;
  }
  return { ok: true, data: out };
}

/** update_draft: the NEW uid and uidvalidity first (the old uid no longer exists). */
export function newUidFirst(res: ApiResult, oldUid: number): ToolOutcome {
  if (!res.ok) return res;
  const d0 = obj(res.data) ?? {};
  const draft = obj(d0.draft) ?? obj(d0.data);
  const uid = d0.uid ?? d0.new_uid ?? draft?.uid;
  if (uid === undefined) return res;
  const uidvalidity = d0.uidvalidity ?? draft?.uidvalidity;
  const rest = Object.fromEntries(Object.entries(d0).filter(([k]) => !['uid', 'new_uid', 'uidvalidity', 'old_uid', 'previous_uid', 'replaced_uid'].includes(k)));
  return {
    ok: true,
    data: {
      uid,
      ...(uidvalidity !== undefined ? { uidvalidity } : {}),
      replaced_uid: d0.replaced_uid ?? d0.old_uid ?? d0.previous_uid ?? oldUid,
      note: `The draft now has UID ${uid}; UID ${oldUid} no longer exists.`,
      ...rest,
    },
  };
}

/**
 * get_raw_message: the API sends the source base64-encoded (`raw_base64`); the agent gets it as text in `raw`.
 * Above `limit` bytes nothing is decoded and the agent is told what to use instead.
 */
export function rawSource(res: ApiResult, limit: number, uid: number): ToolOutcome {
  if (!res.ok) return res;
  const d = obj(res.data) ?? {};
  const b64 = str(d.raw_base64);
  // Tolerate an API that answers the source itself (message/rfc822 text).
  const size = b64 !== undefined ? base64Bytes(b64) : typeof d.text === 'string' ? Buffer.byteLength(d.text) : undefined;
  if (size === undefined) return res;
  if (size > limit) {
    return localFailure('raw_too_large', `The source of message ${uid} is ${(size / 1048576).toFixed(1)} MB, above the ${limit / 1048576} MB limit; use read_message and download_attachment instead.`);
  }
  const { raw_base64: _b, text: _t, content_type: _c, ...rest } = d;
  const raw = b64 !== undefined ? Buffer.from(b64, 'base64').toString('utf8') : String(d.text);
  return { ok: true, data: { ...rest, size: typeof d.size === 'number' ? d.size : size, raw } };
}

/**
 * export_contacts: the file as text. The API sends it base64-encoded (`content_base64`); a plain text answer is
 * taken as is. content_base64 is kept, so import_contacts can take it back unchanged.
 */
export function exportedText(res: ApiResult): ToolOutcome {
  if (!res.ok) return res;
  const d = obj(res.data) ?? {};
  const b64 = str(d.content_base64);
  if (b64 === undefined) return res;
  return { ok: true, data: { ...d, text: Buffer.from(b64, 'base64').toString('utf8') } };
}

/** Removes absent fields and empty lists (bytes an agent does not need). */
function drop(o: Obj): Obj {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== null && !(Array.isArray(v) && v.length === 0)));
}
