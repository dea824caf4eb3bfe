/** Secret scrubbing for everything that leaves the process: results, errors, logs. */
export const REDACTED = '[redacted]';

/** Keys whose values are credentials wherever they appear in a payload. */
const SECRET_KEY = /^(password|new_password|source_password|smtp_password|api_token|api_key|secret|client_secret|access_token|refresh_token|authorization|payment_authorization|credential|token_secret|plain_token|token)$/i;

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Replaces every occurrence of each secret in text. A secret under 4 characters (a short password) would match
 * inside ordinary words, so it is replaced only where it stands alone, between non-word characters.
 */
export function redactText(text: string, secrets: Iterable<string>, generic = true): string {
  let out = text;
  for (const s of secrets) {
    if (!s || !out.includes(s)) continue;
    out = s.length >= 4 ? out.split(s).join(REDACTED) : out.replace(new RegExp(`(?<![\\p{L}\\p{N}_])${escapeRe(s)}(?![\\p{L}\\p{N}_])`, 'gu'), REDACTED);
  }
  if (!generic) return out;
  // Bearer credentials of either TrekMail token kind, even ones we were never told about.
  return out.replace(/\btm_(live|msg)_[A-Za-z0-9_\-]{4,}/g, `tm_$1_${REDACTED}`);
}

/** Control characters and line breaks as visible escapes: text from the API can neither forge a log line nor drive the terminal. */
export function printable(text: string): string {
  return text.replace(/[\x00-\x1f\x7f-\x9f\u2028\u2029]/g, (c) => (c === '\n' ? '\\n' : c === '\r' ? '\\r' : c === '\t' ? '\\t' : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));
}

/**
 * Deep copy of a JSON value with secret-named keys masked and known secret values removed.
 * `keepKeys` lists secret-looking keys that are the point of a result (a freshly created token is shown once).
 */
export function redactValue<T>(value: T, secrets: Iterable<string>, keepKeys: ReadonlySet<string> = new Set()): T {
  const list = [...secrets].filter((s) => !!s);
  const walk = (v: unknown, key?: string): unknown => {
    if (typeof v === 'string') {
      // A kept key (a token created by this very call) is shown; the configured secrets never are.
      if (key && keepKeys.has(key)) return redactText(v, list, false);
      if (key && SECRET_KEY.test(key) && v !== '') return REDACTED;
      if (list.includes(v)) return REDACTED;
      return redactText(v, list);
    }
    if (Array.isArray(v)) return v.map((x) => walk(x));
    if (v && typeof v === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) out[k] = walk(x, k);
      return out;
    }
    return v;
  };
  return walk(value) as T;
}
