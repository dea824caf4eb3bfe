import { plainToInstance } from 'class-transformer';
import { validate, type ValidationError } from './validators.js';

export interface FieldError {
  field: string;
  message: string;
}

export interface ValidateOptions {
  /** Parameters that become path segments: "." and ".." would make the URL name another resource. */
  pathParams?: readonly string[];
}

/** Validates plain arguments against an input class: unknown fields rejected, every bad field named. */
export async function validateArgs<T extends object>(cls: new () => T, args: Record<string, unknown>, opts: ValidateOptions = {}): Promise<{ value: T; errors: FieldError[] }> {
  const value = plainToInstance(cls, args, { enableImplicitConversion: false, exposeDefaultValues: true }) as T;
  if (Array.isArray(value) || typeof value !== 'object') {
    return { value, errors: [{ field: '(arguments)', message: 'must be an object' }] };
  }
  const errors = await validate(value, { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: false, validationError: { target: false, value: false } });
  const found = flatten(errors, '', args);
  // The rules every tool shares come after the tool's own: a field the class already refused is not named twice.
  const named = new Set(found.map((e) => e.field));
  for (const e of sharedRules(args, opts)) if (!named.has(e.field)) found.push(e);
  return { value, errors: found };
}

/** Fields that may hold several lines: bodies, messages, notes, scripts, CSV and base64 data. All others are one line. */
const MULTILINE = new Set(['body', 'body_text', 'body_html', 'message', 'description', 'notes', 'script', 'signature_html', 'content_base64', 'data']);
// C0 controls but tab, line feed and carriage return; DEL. Never in any field.
const CONTROL = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/;
// What ends a line in a header (CR, LF) or in a reader's eyes (NEL, line and paragraph separators).
const LINE_BREAK = /[\r\n\u0085\u2028\u2029]/;

/**
 * Rules for every tool, whatever its class says: one-line fields hold no line break (a "\r\nBcc:" in a threading
 * id or a file name would become a mail header), no field holds control characters, numbers are exact integers of
 * JavaScript (1e308 or 2^53+1 would reach the API as another id), and a path parameter is never "." or "..".
 */
export function sharedRules(args: Record<string, unknown>, opts: ValidateOptions = {}): FieldError[] {
  const out: FieldError[] = [];
  const walk = (v: unknown, field: string, key: string) => {
    if (typeof v === 'number') {
      if (Math.abs(v) > Number.MAX_SAFE_INTEGER) out.push({ field, message: `must be between -${Number.MAX_SAFE_INTEGER} and ${Number.MAX_SAFE_INTEGER}` });
    } else if (typeof v === 'string') {
      if (CONTROL.test(v)) out.push({ field, message: 'must not contain control characters' });
      else if (!MULTILINE.has(key) && LINE_BREAK.test(v)) out.push({ field, message: 'must be one line (no line breaks)' });
    } else if (Array.isArray(v)) {
      v.forEach((x, i) => walk(x, `${field}[${i}]`, key));
    } else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) walk(x, `${field}.${k}`, k);
    }
  };
  for (const [k, v] of Object.entries(args)) walk(v, k, k);
  for (const p of opts.pathParams ?? []) {
    const v = args[p];
    if (typeof v === 'string' && (v.trim() === '.' || v.trim() === '..' || v.trim() === '')) out.push({ field: p, message: 'must name something: not empty, "." or ".."' });
  }
  return out;
}

/** Type checks: when one fails, the other rules of the field say nothing useful ("abc" is not "less than 1"). */
const TYPE_RULES = new Set(['isInt', 'isNumber', 'isString', 'isBoolean', 'isArray', 'isObject', 'isEmail', 'isDateString', 'isIso8601', 'isBase64', 'isIn', 'isEnum', 'nestedValidation']);

/** class-validator's own rules (anything else is a tool's, with its own message). */
const STANDARD = new Set([
  ...TYPE_RULES, 'isFqdn', 'isUrl', 'isTimeZone', 'matches', 'maxLength', 'minLength', 'isLength', 'min', 'max', 'arrayMinSize', 'arrayMaxSize',
  'arrayNotEmpty', 'arrayUnique', 'isNotEmpty', 'isDefined', 'equals',
]);

/** Our words for class-validator defaults that read badly once the property name is taken off. */
const PLAIN: Record<string, string> = {
  arrayUnique: 'must not list the same item twice',
  arrayNotEmpty: 'must not be empty',
  isNotEmpty: 'must not be empty',
  isDefined: 'is required',
  nestedValidation: 'must be an object (or a list of objects, as described)',
};

function flatten(errors: ValidationError[], prefix: string, given: unknown): FieldError[] {
  const out: FieldError[] = [];
  const parent = given && typeof given === 'object' ? (given as Record<string, unknown>) : undefined;
  for (const e of errors) {
    const field = prefix ? (/^\d+$/.test(e.property) ? `${prefix}[${e.property}]` : `${prefix}.${e.property}`) : e.property;
    const constraints = Object.entries(e.constraints ?? {});
    const value = parent?.[e.property];
    if (constraints.some(([kind]) => kind === 'whitelistValidation')) {
      out.push({ field, message: 'is not a parameter of this tool' });
    } else if (constraints.length && (value === undefined || value === null)) {
      // A missing (or null) field: "is required", unless the tool says why in its own words ("give body_text or body_html").
      const own = constraints.filter(([kind, msg]) => !STANDARD.has(kind) || !(msg.startsWith(`${e.property} `) || msg.startsWith('each value in ')));
      if (!own.length) out.push({ field, message: 'is required' });
      for (const [, msg] of own) out.push({ field, message: msg.replace(new RegExp(`^${escape(e.property)} `), '') });
    } else {
      const typeFailed = constraints.filter(([kind]) => TYPE_RULES.has(kind));
      for (const [kind, msg] of typeFailed.length ? typeFailed : constraints) {
        out.push({ field, message: PLAIN[kind] ?? msg.replace(new RegExp(`^(each value in )?${escape(e.property)} `), (_, each) => (each ? 'each value ' : '')) });
      }
    }
    if (e.children?.length) out.push(...flatten(e.children, field, value));
  }
  return out;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The agent-facing text of validation errors: one line per field. */
export function describeErrors(tool: string, errors: FieldError[]): string {
  const byField = new Map<string, string[]>();
  for (const e of errors) byField.set(e.field, [...(byField.get(e.field) ?? []), e.message]);
  return `Invalid arguments for ${tool}:\n` + [...byField].map(([f, m]) => `- ${f}: ${m.join('; ')}`).join('\n');
}
