import { crc32, deflateRawSync } from 'node:zlib';

/** Wire formats of the webmail emulator: RFC 822 sources, ZIP files, vCard and CSV address books, text previews. */

export interface Addr {
  name?: string;
  email: string;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', ndash: '–', mdash: '—', hellip: '…', rsquo: '’', lsquo: '‘', copy: '©' };

/** Crude HTML → text for previews and quotes (the MCP tools render properly; this is only the emulated API). */
export function stripHtml(html: string): string {
  return html
    .replace(/<(script|style|head)\b[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(/<br\s*\/?>|<\/(p|div|h\d|li|tr)>/gi, '\n')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&(#\d+|[a-z]+);/gi, (m, e: string) => (e.startsWith('#') ? String.fromCodePoint(Number(e.slice(1))) : ENTITIES[e.toLowerCase()] ?? m))
    .replace(/[ \t]+/g, ' ')
    .replace(/\s*\n\s*/g, '\n')
    .trim();
}

const encodeWord = (s: string) => (/^[\x20-\x7e]*$/.test(s) ? s : `=?UTF-8?B?${Buffer.from(s, 'utf8').toString('base64')}?=`);
export const fmtAddr = (a: Addr) => (a.name ? `${encodeWord(a.name.includes(',') ? `"${a.name}"` : a.name)} <${a.email}>` : a.email);
const wrap76 = (b64: string) => b64.replace(/.{1,76}/g, '$&\r\n').trimEnd();

export interface RawParts {
  messageId: string;
  date: number;
  from: Addr;
  to: Addr[];
  cc: Addr[];
  replyTo: Addr[];
  subject: string;
  inReplyTo?: string;
  references: string[];
  text?: string;
  html?: string;
  attachments: { filename: string; contentType: string; data: Buffer }[];
  /** Headers the sender set (List-Unsubscribe, X-*). */
  extraHeaders?: Record<string, string>;
}

/** An RFC 822 source: headers, text/html alternatives, base64 attachments. */
export function rawMessage(m: RawParts): string {
  const h: string[] = [
    `Message-ID: ${m.messageId}`,
    `Date: ${new Date(m.date).toUTCString().replace('GMT', '+0000')}`,
    `From: ${fmtAddr(m.from)}`,
  ];
  if (m.to.length) h.push(`To: ${m.to.map(fmtAddr).join(', ')}`);
  if (m.cc.length) h.push(`Cc: ${m.cc.map(fmtAddr).join(', ')}`);
  if (m.replyTo.length) h.push(`Reply-To: ${m.replyTo.map(fmtAddr).join(', ')}`);
  h.push(`Subject: ${encodeWord(m.subject)}`);
  if (m.inReplyTo) h.push(`In-Reply-To: ${m.inReplyTo}`);
  if (m.references.length) h.push(`References: ${m.references.join(' ')}`);
  for (const [k, v] of Object.entries(m.extraHeaders ?? {})) h.push(`${k}: ${v}`);
  h.push('MIME-Version: 1.0');
  const textPart = (type: string, body: string) => [`Content-Type: ${type}; charset=utf-8`, 'Content-Transfer-Encoding: base64', '', wrap76(Buffer.from(body, 'utf8').toString('base64'))].join('\r\n');
  const alternatives = [m.text !== undefined ? textPart('text/plain', m.text) : '', m.html !== undefined ? textPart('text/html', m.html) : ''].filter(Boolean);
  const body = alternatives.length === 1 ? alternatives[0] : multipart('alternative', alternatives.length ? alternatives : [textPart('text/plain', '')], 'alt');
  if (!m.attachments.length) return [...h, body].join('\r\n') + '\r\n';
  const files = m.attachments.map((a) =>
    [`Content-Type: ${a.contentType}; name="${a.filename}"`, `Content-Disposition: attachment; filename="${a.filename}"`, 'Content-Transfer-Encoding: base64', '', wrap76(a.data.toString('base64'))].join('\r\n'),
  );
  return [...h, multipart('mixed', [body, ...files], 'mix')].join('\r\n') + '\r\n';
}

function multipart(kind: string, parts: string[], tag: string): string {
  const b = `----=_sandbox_${tag}_${parts.length}`;
  return [`Content-Type: multipart/${kind}; boundary="${b}"`, '', ...parts.flatMap((p) => [`--${b}`, p]), `--${b}--`].join('\r\n');
}

/** A ZIP archive (deflated entries, UTF-8 names). */
export function zip(files: { name: string; data: Buffer; date?: number }[]): Buffer {
  const local: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  const seen = new Map<string, number>();
  for (const f of files) {
    let name = f.name;
    const n = seen.get(name) ?? 0;
    seen.set(name, n + 1);
    if (n) name = name.replace(/(\.[^.]*)?$/, ` (${n})$1`);
    const nameBuf = Buffer.from(name, 'utf8');
    const comp = deflateRawSync(f.data);
    const crc = crc32(f.data);
    const d = new Date(f.date ?? Date.UTC(2026, 0, 1));
    const time = (d.getUTCHours() << 11) | (d.getUTCMinutes() << 5) | (d.getUTCSeconds() >> 1);
    const date = ((d.getUTCFullYear() - 1980) << 9) | ((d.getUTCMonth() + 1) << 5) | d.getUTCDate();
    const head = Buffer.alloc(30);
    head.writeUInt32LE(0x04034b50, 0);
    head.writeUInt16LE(20, 4);
    head.writeUInt16LE(0x0800, 6);
    head.writeUInt16LE(8, 8);
    head.writeUInt16LE(time, 10);
    head.writeUInt16LE(date, 12);
    head.writeUInt32LE(crc, 14);
    head.writeUInt32LE(comp.length, 18);
    head.writeUInt32LE(f.data.length, 22);
    head.writeUInt16LE(nameBuf.length, 26);
    head.writeUInt16LE(0, 28);
    local.push(head, nameBuf, comp);
    const cd = Buffer.alloc(46);
    cd.writeUInt32LE(0x02014b50, 0);
    cd.writeUInt16LE(20, 4);
    cd.writeUInt16LE(20, 6);
    cd.writeUInt16LE(0x0800, 8);
    cd.writeUInt16LE(8, 10);
    cd.writeUInt16LE(time, 12);
    cd.writeUInt16LE(date, 14);
    cd.writeUInt32LE(crc, 16);
    cd.writeUInt32LE(comp.length, 20);
    cd.writeUInt32LE(f.data.length, 24);
    cd.writeUInt16LE(nameBuf.length, 28);
    cd.writeUInt32LE(offset, 42);
    central.push(cd, nameBuf);
    offset += head.length + nameBuf.length + comp.length;
  }
  const cdBuf = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(cdBuf.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...local, cdBuf, end]);
}

/** Names of the entries of a ZIP built by zip() (for tests and demos). */
export function zipEntries(buf: Buffer): string[] {
  const names: string[] = [];
  let p = 0;
  while (p + 30 <= buf.length && buf.readUInt32LE(p) === 0x04034b50) {
    const comp = buf.readUInt32LE(p + 18);
    const len = buf.readUInt16LE(p + 26);
    const extra = buf.readUInt16LE(p + 28);
    names.push(buf.subarray(p + 30, p + 30 + len).toString('utf8'));
    p += 30 + len + extra + comp;
  }
  return names;
}

export interface CardFields {
  email: string;
  name?: string | null;
  phone?: string | null;
  company?: string | null;
  notes?: string | null;
}

const vEscape = (s: string) => s.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/([,;])/g, '\\$1');
const vUnescape = (s: string) => s.replace(/\\([nN,;\\])/g, (_m, c: string) => (c === 'n' || c === 'N' ? '\n' : c));

export function toVcf(cards: CardFields[]): string {
  return cards
    .map((c) => {
      const lines = ['BEGIN:VCARD', 'VERSION:3.0', `FN:${vEscape(c.name || c.email)}`, `EMAIL;TYPE=INTERNET:${c.email}`];
      if (c.phone) lines.push(`TEL:${vEscape(c.phone)}`);
      if (c.company) lines.push(`ORG:${vEscape(c.company)}`);
      if (c.notes) lines.push(`NOTE:${vEscape(c.notes)}`);
      lines.push('END:VCARD');
      return lines.join('\r\n');
    })
    .join('\r\n') + (cards.length ? '\r\n' : '');
}

export function fromVcf(text: string): Partial<CardFields>[] {
  const unfolded = text.replace(/\r\n/g, '\n').replace(/\n[ \t]/g, '');
  const out: Partial<CardFields>[] = [];
  let cur: Partial<CardFields> | undefined;
  for (const line of unfolded.split('\n')) {
    const i = line.indexOf(':');
    if (i < 0) continue;
    const key = line.slice(0, i).split(';')[0].toUpperCase();
    const value = vUnescape(line.slice(i + 1).trim());
    if (key === 'BEGIN') cur = {};
    else if (key === 'END' && cur) {
      out.push(cur);
      cur = undefined;
    } else if (cur) {
      if (key === 'FN') cur.name = value;
      else if (key === 'EMAIL' && !cur.email) cur.email = value;
      else if (key === 'TEL' && !cur.phone) cur.phone = value;
      else if (key === 'ORG') cur.company = value.split(';')[0];
      else if (key === 'NOTE') cur.notes = value;
    }
  }
  return out;
}

const CSV_COLS = ['name', 'email', 'phone', 'company', 'notes'] as const;
const csvCell = (v: string | null | undefined) => (v == null ? '' : /[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

export function toCsv(cards: CardFields[]): string {
  return [CSV_COLS.join(','), ...cards.map((c) => CSV_COLS.map((k) => csvCell(c[k])).join(','))].join('\n') + '\n';
}

/** RFC 4180 CSV with a header row naming the columns (name, email, phone, company, notes in any order). */
export function fromCsv(text: string): Partial<CardFields>[] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') row.push(cell), (cell = '');
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += ch;
  }
  if (cell || row.length) rows.push([...row, cell]);
  const [head, ...body] = rows.filter((r) => r.some((c) => c.trim()));
  if (!head) return [];
  const cols = head.map((c) => c.trim().toLowerCase());
  return body.map((r) => {
    const o: Record<string, string> = {};
    cols.forEach((c, i) => {
      if ((CSV_COLS as readonly string[]).includes(c) && r[i] !== undefined && r[i] !== '') o[c] = r[i].trim();
    });
    return o as Partial<CardFields>;
  });
}
