import type { JsonSchema } from '../schema.js';

/**
 * The listing pass over a generated input schema (run after core/schema.ts, at build time): it removes what an
 * agent can already read off the schema itself, so the full list of 272 tools fits in 100 KB with every parameter
 * still described. Validation is untouched: it runs on the classes, never on this schema.
 */
export function compactSchema(schema: JsonSchema): JsonSchema {
  const out = structuredClone(schema);
  const props = out.properties as Record<string, JsonSchema> | undefined;
  for (const [key, p] of Object.entries(props ?? {})) compactProperty(p, key);
  return out;
}

function compactProperty(p: JsonSchema, key: string): void {
  // `Domain id` beside `domain_id` says nothing the name does not: the name is its description.
  if (typeof p.description === 'string' && restatesName(p.description, key)) delete p.description;
  // A constant (a confirmation flag's `const: true`) is described by its value, and typed by it.
  if (p.const !== undefined) {
    if (p.description === 'Must be true') delete p.description;
    if (typeof p.type === 'string' && jsonType(p.const, p.type)) delete p.type;
  }
  // "Default 50" is what the `default` keyword says, in fewer bytes and in a form clients read.
  const dflt = typeof p.description === 'string' ? defaultOf(p.description, p) : undefined;
  if (dflt !== undefined) {
    p.default = dflt;
    delete p.description;
  }
  // An enum's values carry their type: `type` beside it is a restatement.
  if (Array.isArray(p.enum) && typeof p.type === 'string' && p.enum.length && p.enum.every((v) => jsonType(v, p.type as string))) delete p.type;
  if (p.items && typeof p.items === 'object' && !Array.isArray(p.items)) {
    const items = p.items as JsonSchema;
    if (Array.isArray(items.enum) && typeof items.type === 'string' && items.enum.length && items.enum.every((v) => jsonType(v, items.type as string))) delete items.type;
    if (items.properties) for (const [k, q] of Object.entries(items.properties as Record<string, JsonSchema>)) compactProperty(q, k);
  }
  if (p.properties) for (const [k, q] of Object.entries(p.properties as Record<string, JsonSchema>)) compactProperty(q, k);
}

const words = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();

/** Whether a description is the parameter's name in words (`mailbox_ids` → "Mailbox ids", "Mailbox IDs."). */
export function restatesName(description: string, key: string): boolean {
  const d = words(description);
  const k = words(key.replace(/([a-z])([A-Z])/g, '$1 $2'));
  if (d === k || d === `${k}s` || `${d}s` === k || d === `the ${k}`) return true;
  // "HTML body" beside body_html, "Page number" beside page: every word of it is in the name (or says "number").
  const inName = new Set(k.split(' ').map(singular));
  const said = d.split(' ').filter((w) => w !== 'the' && w !== 'number').map(singular);
  return said.length > 0 && said.every((w) => inName.has(w));
}

const singular = (w: string) => w.replace(/s$/, '');

/** The value of a description that says only "Default X", when X is a valid value of the property. */
export function defaultOf(description: string, p: JsonSchema): unknown {
  const m = /^Default:? (\S+?)\.?$/.exec(description.trim());
  if (!m || p.default !== undefined || p.format !== undefined) return undefined;
  const type = Array.isArray(p.type) ? p.type.find((t) => t !== 'null') : p.type;
  let v: unknown = m[1];
  if (type === 'integer' || type === 'number') v = Number(m[1]);
  else if (type === 'boolean') v = m[1] === 'true' ? true : m[1] === 'false' ? false : undefined;
  else if (type !== 'string' && !Array.isArray(p.enum)) return undefined;
  if (v === undefined || (typeof v === 'number' && !Number.isFinite(v))) return undefined;
  if (Array.isArray(p.enum) && !p.enum.includes(v)) return undefined;
  if (type && !jsonType(v, type as string)) return undefined;
  return v;
}

function jsonType(v: unknown, type: string): boolean {
  if (type === 'string') return typeof v === 'string';
  if (type === 'integer') return Number.isInteger(v);
  if (type === 'number') return typeof v === 'number';
  if (type === 'boolean') return typeof v === 'boolean';
  return false;
}
