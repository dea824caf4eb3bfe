/**
 * A reader of the catalog's `params` column (../shared/spec/tools.tsv), the third statement of the API contract.
 * It is free text with a grammar of its own (README "Reading params"): `name?:type`, `type(notes)`, `type[a..b]`
 * lists, `a|b` enums, `{...}` objects, `(a|b)[1..]` enum lists, `|null`, notes such as "always sent, default X" and
 * "sent as …", references like "(save_draft fields)", and remarks after a top-level `;`. Test code only.
 */

export interface Param {
  name: string;
  optional: boolean;
  /** integer, number, string, boolean, true (const), array, object, or undefined when the row gives no type. */
  kind?: string;
  nullable?: boolean;
  enumValues?: (string | number)[];
  /** For arrays: the item. */
  item?: Param;
  /** For objects (and arrays of objects): the members. */
  members?: Param[];
  min?: number;
  max?: number;
  /** Declared "always sent": the value sent when the caller gives none. */
  alwaysSent?: { default: unknown };
  /** "sent as …": the wire target as ToolSpec.wire writes it (`body.text`, `mode`, `header:X`). */
  sentAs?: string;
  secret?: boolean;
  /** The text of its notes, lowercased (for checks that read a fact out of them). */
  notes: string;
}

export interface ParsedRow {
  params: Param[];
  /** Names referenced from other rows: `(save_draft fields)` → save_draft. */
  refs: { row: string; optional: boolean }[];
  /** `(types and limits as X)`: typeless names take X's types. */
  typesFrom?: string;
  /** Remarks after the params (constant body fields, headers, fixed query). */
  fixedBody: Record<string, string>;
  headers: Record<string, string>;
  fixedQuery: Record<string, string>;
  noBody: boolean;
}

const STRING_TYPES = new Set(['string', 'email', 'hostname', 'secret', 'date', 'datetime', 'iana', 'base64', 'csv-string', 'folder-path', 'local_part', 'hex', 'dns-label', 'url']);

/** Splits at top-level occurrences of `sep` (outside (), [], {}, <>). */
export function splitTop(s: string, sep: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of s) {
    if ('([{<'.includes(ch)) depth++;
    else if (')]}>'.includes(ch)) depth--;
    if (ch === sep && depth === 0) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

/** The row's names referenced by "(X fields)". */
const REF = /^\((\w+) fields(?:,\s*(.*))?\)$/;

export function parseParams(text: string): ParsedRow {
  const row: ParsedRow = { params: [], refs: [], fixedBody: {}, headers: {}, fixedQuery: {}, noBody: false };
  const [list, ...remarks] = splitTop(text.trim(), ';');
  for (const r of remarks.map((x) => x.trim())) {
    let m = /^body adds (\w+)=(\S+)$/.exec(r);
    if (m) row.fixedBody[m[1]] = m[2];
    m = /^header ([\w-]+): (.+)$/.exec(r);
    if (m) row.headers[m[1]] = m[2];
    m = /^the query always adds (\w+)=(\w+)$/.exec(r);
    if (m) row.fixedQuery[m[1]] = m[2];
  }
  const headerNote = /\(header ([\w-]+): ([^)]+)\)/.exec(text);
  if (headerNote) row.headers[headerNote[1]] = headerNote[2];
  for (const raw of splitTop(list, ',')) {
    const seg = raw.trim();
    if (!seg) continue;
    if (seg.startsWith('(')) {
      const ref = REF.exec(seg);
      if (ref) {
        row.refs.push({ row: ref[1] === 'preview' ? 'preview_bulk_migration' : ref[1] === 'contact' ? 'create_contact' : ref[1], optional: ref[1] === 'contact' });
        if (ref[2] && ref[2].includes(':')) row.params.push(...ref[2].split(',').map((x) => parseItem(x.trim())));
      }
      continue;
    }
    row.params.push(parseItem(seg));
  }
  if (/(?:^|\()no body\b/.test(text)) row.noBody = true;
  const as = /\(types and limits as (\w+)\)/.exec(text);
  if (as) row.typesFrom = as[1];
  // "sent as body:{text,html}" speaks of the pair body_text/body_html wherever the note stands.
  if (/sent as body:\{text,\s*html\}/.test(text)) {
    for (const p of row.params) if (p.name === 'body_text' || p.name === 'body_html') p.sentAs = `body.${p.name.slice(5)}`;
  }
  return row;
}

/** One `name?:type (notes)` item. */
export function parseItem(seg: string): Param {
  // Trailing notes: top-level parenthesised groups after a space.
  const parts = splitTop(seg, ' ');
  let head = parts[0];
  const trailing = parts.slice(1).join(' ');
  let name: string;
  let type = '';
  const colon = head.indexOf(':');
  if (colon < 0) {
    // `filename(max 255)` or `title?` or `trekmail_domain_id|null`: a name with notes and no type.
    const m = /^([\w]+)(\?)?(.*)$/.exec(head)!;
    name = m[1];
    head = `${m[2] ?? ''}:${m[3]}`;
    type = m[3];
    const p = parseType(type, trailing);
    return { ...p, name, optional: !!m[2] };
  }
  name = head.slice(0, colon);
  type = head.slice(colon + 1);
  const optional = name.endsWith('?');
  if (optional) name = name.slice(0, -1);
  return { ...parseType(type, trailing), name, optional };
}

function parseType(type: string, trailing: string): Omit<Param, 'name' | 'optional'> {
  let base = '';
  let notes = '';
  const brackets: string[] = [];
  let members: Param[] | undefined;
  let enumGroup: string | undefined;
  let depth = 0;
  let group = '';
  let open = '';
  for (const ch of type) {
    if (depth === 0 && '([{<'.includes(ch)) {
      open = ch;
      depth = 1;
      group = '';
      continue;
    }
    if (depth > 0) {
      if ('([{<'.includes(ch)) depth++;
      else if (')]}>'.includes(ch)) depth--;
      if (depth === 0) {
        if (open === '(') {
          if (!base && !members && enumGroup === undefined && group.includes('|')) enumGroup = group;
          else notes += `${group}; `;
        } else if (open === '[') brackets.push(group);
        else if (open === '{') members = splitTop(group, ',').map((m) => parseItem(m.trim()));
        else base += `<${group}>`;
        continue;
      }
      group += ch;
      continue;
    }
    base += ch;
  }
  notes += trailing.replace(/^\(|\)$/g, '');
  const lower = notes.toLowerCase();
  const out: Omit<Param, 'name' | 'optional'> = { notes: lower };
  const alts = base.split('|').map((a) => a.trim()).filter(Boolean);
  out.nullable = alts.includes('null') || undefined;
  const rest = alts.filter((a) => a !== 'null');
  let kind: string | undefined;
  let enumValues: (string | number)[] | undefined;
  if (members) kind = 'object';
  else if (enumGroup !== undefined) {
    kind = 'string';
    enumValues = enumGroup.split('|');
  } else if (rest.length === 0) kind = undefined;
  else if (rest.length === 1) {
    const t = rest[0];
    if (t === 'int') kind = 'integer';
    else if (t === 'bool') kind = 'boolean';
    else if (t === 'true') kind = 'true';
    else if (t.startsWith('map<')) kind = 'object';
    else if (STRING_TYPES.has(t)) kind = 'string';
    else kind = 'unknown:' + t;
    if (t === 'secret') out.secret = true;
  } else if (rest.some((r) => /[:<]/.test(r))) kind = 'string';
  else {
    enumValues = rest.map((v) => (/^\d+$/.test(v) ? Number(v) : v));
    kind = enumValues.every((v) => typeof v === 'number') ? 'integer' : 'string';
  }
  // Bounds: `1..998`, `..10`, `max 255`, `min 12`.
  const range = /(?:^|[\s(;,])(\d+)?\.\.(\d+)?/.exec(` ${notes}`);
  if (range) {
    if (range[1] !== undefined) out.min = Number(range[1]);
    if (range[2] !== undefined) out.max = Number(range[2]);
  }
  const max = /\bmax (\d+)/.exec(notes);
  if (max) out.max = Number(max[1]);
  const min = /\bmin (\d+)/.exec(notes);
  if (min) out.min = Number(min[1]);
  if (/\balways sent\b/.test(lower)) {
    const d = /default ([^,;)\s]+)/.exec(notes);
    const n = /null = /.test(lower);
    out.alwaysSent = { default: d ? literal(d[1]) : n ? null : undefined };
  }
  const sent = /sent as (header [\w-]+|\w+)/.exec(notes);
  if (sent && !sent[1].startsWith('body')) out.sentAs = sent[1].startsWith('header ') ? `header:${sent[1].slice(7)}` : sent[1];
  const item: Omit<Param, 'name' | 'optional'> | undefined = brackets.length ? { ...out } : undefined;
  if (brackets.length) {
    const [lo, hi] = brackets[brackets.length - 1].split('..');
    const arr: Omit<Param, 'name' | 'optional'> = { notes: lower, kind: 'array', nullable: out.nullable, alwaysSent: out.alwaysSent, sentAs: out.sentAs };
    if (lo) arr.min = Number(lo);
    if (hi) arr.max = Number(hi);
    arr.item = { ...item!, kind, enumValues, members, name: '[]', optional: false, nullable: undefined, alwaysSent: undefined, sentAs: undefined, secret: out.secret };
    return arr;
  }
  return { ...out, kind, enumValues, members };
}

function literal(v: string): unknown {
  if (v === 'true') return true;
  if (v === 'false') return false;
  if (v === 'null') return null;
  if (/^-?\d+$/.test(v)) return Number(v);
  return v;
}
