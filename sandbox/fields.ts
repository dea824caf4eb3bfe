/**
 * What a sandbox route accepts, declared like an API contract: field names, types, enums, limits, required. The
 * engine checks every request against it before the handler runs and answers a strict API's 422 for an unknown
 * field, a wrong type or enum, a limit passed or a missing field. Written from the API's facts, never derived from
 * the tool classes: two independent statements of the contract that must agree.
 *
 * A field is a type string: `int`, `int(1..65535)`, `string(..255)`, `string(4..150)`, `line(..998)` (a string that
 * goes into a mail header: no CR or LF), `email`, `hostname`, `date`,
 * `datetime`, `base64`, `bool`, `true`, `any`, `object` (any JSON object), an enum `all|any` (numbers allowed:
 * `143|993`), with `[]`, `[1..10]`, `[..10]` for a list, `|null` for nullable and a trailing `?` for optional.
 * Nested objects are `obj({...})`, lists of them `list(obj({...}), '1..10')`; `opt()` makes either optional.
 */
export type Field = string | ObjField | ListField;
export type Fields = Record<string, Field>;

export interface ObjField {
  kind: 'obj';
  fields: Fields;
  optional?: boolean;
  nullable?: boolean;
}
export interface ListField {
  kind: 'list';
  item: Field;
  min?: number;
  max?: number;
  optional?: boolean;
}

/** What a route accepts. `body: false` means no body (or an empty one); an absent key means none declared. */
export interface Accepts {
  body?: Fields | false;
  query?: Fields;
  /** The body is raw bytes (an upload part), not JSON: not checked field by field. */
  raw?: boolean;
}

export const obj = (fields: Fields, o: { optional?: boolean; nullable?: boolean } = {}): ObjField => ({ kind: 'obj', fields, ...o });
export const list = (item: Field, range = '', o: { optional?: boolean } = {}): ListField => {
  const [min, max] = bounds(range);
  return { kind: 'list', item, min, max, ...o };
};
/** Makes a nested field optional. */
export function opt<T extends ObjField | ListField>(f: T): T {
  return { ...f, optional: true };
}

function bounds(range: string): [number | undefined, number | undefined] {
  if (!range) return [undefined, undefined];
  const m = /^(-?\d+)?\.\.(-?\d+)?$/.exec(range.trim());
  if (m) return [m[1] === undefined ? undefined : Number(m[1]), m[2] === undefined ? undefined : Number(m[2])];
  const n = Number(range);
  if (Number.isFinite(n)) return [n, n];
  throw new Error(`bad range "${range}"`);
}

interface Parsed {
  base: string;
  enumValues?: (string | number)[];
  min?: number;
  max?: number;
  list?: { min?: number; max?: number };
  nullable: boolean;
  optional: boolean;
}

const BASES = new Set(['string', 'line', 'int', 'number', 'bool', 'true', 'email', 'hostname', 'date', 'datetime', 'base64', 'any', 'object']);
const cache = new Map<string, Parsed>();

/** Parses one type string (memoized; a malformed one throws at route registration, not per request). */
export function parseField(spec: string): Parsed {
  const hit = cache.get(spec);
  if (hit) return hit;
  let s = spec.trim();
  const optional = s.endsWith('?');
  if (optional) s = s.slice(0, -1);
  let list: Parsed['list'];
  const lm = /\[([^\]]*)\]$/.exec(s);
  if (lm) {
    const [min, max] = bounds(lm[1]);
    list = { min, max };
    s = s.slice(0, lm.index);
  }
  let nullable = false;
  if (s.endsWith('|null')) {
    nullable = true;
    s = s.slice(0, -'|null'.length);
  }
  let min: number | undefined;
  let max: number | undefined;
  const rm = /\(([^)]*)\)$/.exec(s);
  if (rm) {
    [min, max] = bounds(rm[1]);
    s = s.slice(0, rm.index);
  }
  const rest = s.split('|');
  let base: string;
  let enumValues: Parsed['enumValues'];
  if (rest.length === 1 && BASES.has(rest[0])) base = rest[0];
  else {
    base = 'enum';
    enumValues = rest.map((v) => (/^-?\d+$/.test(v) ? Number(v) : v));
  }
  const p: Parsed = { base, enumValues, min, max, list, nullable, optional };
  cache.set(spec, p);
  return p;
}

/** Checks every declared field spec of a route once, so a typo fails at start-up. */
export function checkAccepts(a: Accepts): void {
  const walk = (fields: Fields) => {
    for (const f of Object.values(fields)) {
      if (typeof f === 'string') parseField(f);
      else if (f.kind === 'obj') walk(f.fields);
      else if (typeof f.item === 'string') parseField(f.item);
      else walk({ item: f.item });
    }
  };
  if (a.body) walk(a.body);
  if (a.query) walk(a.query);
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const HOSTNAME = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

type Errors = Record<string, string>;

/**
 * Validates a JSON body or a query string against its declaration. `fromQuery` coerces the string forms a query
 * carries (`"5"`, `"true"`); a body must carry real JSON types. Returns the errors by dotted field path.
 */
export function validateFields(fields: Fields, value: unknown, fromQuery = false): Errors {
  const errors: Errors = {};
  if (value === undefined || value === null) value = {};
  if (typeof value !== 'object' || Array.isArray(value)) return { '(body)': 'must be a JSON object' };
  checkObject(fields, value as Record<string, unknown>, '', errors, fromQuery);
  return errors;
}

function checkObject(fields: Fields, v: Record<string, unknown>, prefix: string, errors: Errors, q: boolean): void {
  for (const k of Object.keys(v)) {
    if (!(k in fields)) errors[prefix + k] = 'is not a field of this endpoint';
  }
  for (const [k, f] of Object.entries(fields)) checkField(f, v[k], prefix + k, errors, q, k in v);
}

function checkField(f: Field, v: unknown, path: string, errors: Errors, q: boolean, present: boolean): void {
  if (typeof f !== 'string') {
    if (!present || v === undefined) {
      if (!f.optional) errors[path] = 'is required';
      return;
    }
    if (f.kind === 'obj') {
      if (v === null && f.nullable) return;
      if (!v || typeof v !== 'object' || Array.isArray(v)) return void (errors[path] = 'must be an object');
      checkObject(f.fields, v as Record<string, unknown>, `${path}.`, errors, q);
      return;
    }
    const arr = q && !Array.isArray(v) ? [v] : v;
    if (!Array.isArray(arr)) return void (errors[path] = 'must be a list');
    if (f.min !== undefined && arr.length < f.min) return void (errors[path] = `must have at least ${f.min} item(s)`);
    if (f.max !== undefined && arr.length > f.max) return void (errors[path] = `must have at most ${f.max} items`);
    arr.forEach((x, i) => checkField(f.item, x, `${path}.${i}`, errors, q, true));
    return;
  }
  const p = parseField(f);
  if (!present || v === undefined) {
    if (!p.optional) errors[path] = 'is required';
    return;
  }
  if (v === null || (q && v === 'null' && p.nullable)) {
    if (!p.nullable) errors[path] = 'must not be null';
    return;
  }
  if (p.list) {
    const arr = q && !Array.isArray(v) ? [v] : v;
    if (!Array.isArray(arr)) return void (errors[path] = 'must be a list');
    if (p.list.min !== undefined && arr.length < p.list.min) return void (errors[path] = `must have at least ${p.list.min} item(s)`);
    if (p.list.max !== undefined && arr.length > p.list.max) return void (errors[path] = `must have at most ${p.list.max} items`);
    for (let i = 0; i < arr.length; i++) {
      const e = scalarError(p, arr[i], q);
      if (e) return void (errors[`${path}.${i}`] = e);
    }
    return;
  }
  const e = scalarError(p, v, q);
  if (e) errors[path] = e;
}

function scalarError(p: Parsed, raw: unknown, q: boolean): string | undefined {
  let v = raw;
  if (q && typeof v === 'string') {
    if ((p.base === 'int' || p.base === 'number' || (p.base === 'enum' && p.enumValues!.some((e) => typeof e === 'number'))) && /^-?\d+(\.\d+)?$/.test(v)) v = Number(v);
    else if ((p.base === 'bool' || p.base === 'true') && /^(true|false|1|0)$/.test(v)) v = v === 'true' || v === '1';
  }
  const range = (n: number, what: string) => {
    if (p.min !== undefined && n < p.min) return p.max !== undefined ? `${what} between ${p.min} and ${p.max}` : `${what} at least ${p.min}`;
    if (p.max !== undefined && n > p.max) return p.min !== undefined ? `${what} between ${p.min} and ${p.max}` : `${what} at most ${p.max}`;
    return undefined;
  };
  const length = (s: string) => {
    if (p.min !== undefined && s.length < p.min) return p.min === 1 ? 'must not be empty' : `must be at least ${p.min} characters`;
    if (p.max !== undefined && s.length > p.max) return `must be at most ${p.max} characters`;
    return undefined;
  };
  switch (p.base) {
    case 'any':
      return undefined;
    case 'object':
      return v && typeof v === 'object' && !Array.isArray(v) ? undefined : 'must be an object';
    case 'bool':
      return typeof v === 'boolean' ? undefined : 'must be true or false';
    case 'true':
      return v === true ? undefined : 'must be true when given';
    case 'int':
      if (!Number.isSafeInteger(v)) return 'must be an integer';
      return range(v as number, 'must be');
    case 'number':
      if (typeof v !== 'number' || !Number.isFinite(v)) return 'must be a number';
      return range(v, 'must be');
    case 'enum':
      return p.enumValues!.includes(v as string | number) ? undefined : `must be one of ${p.enumValues!.join(', ')}`;
  }
  if (typeof v !== 'string') return 'must be a string';
  switch (p.base) {
    case 'line':
      if (/[\r\n]/.test(v)) return 'must not contain line breaks';
      break;
    case 'email':
      if (!EMAIL.test(v)) return 'must be an email address';
      break;
    case 'hostname':
      if (!HOSTNAME.test(v)) return 'must be a host name';
      break;
    case 'date':
      if (!DATE.test(v) || Number.isNaN(Date.parse(v))) return 'must be a date (YYYY-MM-DD)';
      break;
    case 'datetime':
      if (!DATETIME.test(v) || Number.isNaN(Date.parse(v))) return 'must be an ISO 8601 date-time';
      break;
    case 'base64':
      if (!BASE64.test(v.replace(/\s+/g, ''))) return 'must be base64';
      break;
  }
  return length(v);
}
