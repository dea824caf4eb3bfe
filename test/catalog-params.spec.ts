import { expect } from 'chai';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { discoverPacks } from '../core/discovery.js';
import { toolClassesOf } from '../core/pack.js';
import { generateToolSchema, type JsonSchema } from '../core/schema.js';
import { toolMeta, type ToolClass, type ToolMeta } from '../core/tool.js';
import { parseItem, parseParams, type Param, type ParsedRow } from './catalog-params.js';

const CATALOG = fileURLToPath(new URL('../../../shared/spec/tools.tsv', import.meta.url));

interface Found { meta: ToolMeta; cls: ToolClass; schema: JsonSchema; pack: string }

/**
 * Optional parameters the official server added to tools of ours, adopted by decision (CHANGES.md, "Decisions")
 * though the rows do not list them: accepted as extras (at any depth of that tool), never required.
 */
function decidedExtras(tool: string, pack: string): Set<string> {
  const out: string[] = [];
  if (pack === 'webmail') out.push('external_account_id', 'shared_mailbox_id');
  const byTool: Record<string, string[]> = {
    send_message: ['headers', 'apply_default_recipients'],
    create_domain: ['mail_hosting'],
    create_mailbox_generated_password: ['client_auth_mode', 'create_app_password'],
    create_mailboxes_bulk: ['client_auth_mode', 'create_app_password'],
    create_contact: ['job_title', 'address', 'birthday'],
    update_contact: ['job_title', 'address', 'birthday'],
    create_identity: ['kind', 'signature_enabled', 'smtp_mode', 'smtp_connection_id'],
    update_identity: ['kind', 'signature_enabled', 'smtp_mode', 'smtp_connection_id', 'is_default'],
    list_scheduled: ['status'],
  };
  return new Set([...out, ...(byTool[tool] ?? [])]);
}

const kindOf = (p: JsonSchema): string | undefined => {
  const types = (Array.isArray(p.type) ? p.type : p.type ? [p.type] : []).filter((t) => t !== 'null') as string[];
  if (p.const === true) return 'true';
  if (types.length === 1) return types[0];
  if (!types.length && Array.isArray(p.enum)) return typeof p.enum[0] === 'number' ? 'integer' : 'string';
  return types.join('|') || undefined;
};
const allowsNull = (p: JsonSchema) => (Array.isArray(p.type) && p.type.includes('null')) || (Array.isArray(p.enum) && p.enum.includes(null));
const sameSet = (a: unknown[], b: unknown[]) => a.length === b.length && a.every((x) => b.includes(x));

/** Compares one catalog parameter with the schema property of the same name; pushes what differs. */
function compare(tool: string, path: string, want: Param, got: JsonSchema, problems: string[], extras: Set<string> = new Set()): void {
  const at = `${tool}.${path}`;
  const kind = kindOf(got);
  if (want.kind && !want.kind.startsWith('unknown:') && kind !== want.kind && !(want.kind === 'true' && kind === 'boolean')) {
    problems.push(`${at}: type ${kind}, catalog says ${want.kind}`);
  }
  if (want.kind?.startsWith('unknown:')) problems.push(`${at}: catalog type "${want.kind.slice(8)}" not understood by the reader`);
  if (want.nullable && !allowsNull(got)) problems.push(`${at}: catalog allows null, the schema does not`);
  if (want.enumValues) {
    const have = (got.enum as unknown[] | undefined)?.filter((v) => v !== null);
    if (!have || !sameSet(have, want.enumValues)) problems.push(`${at}: enum ${JSON.stringify(have)}, catalog says ${JSON.stringify(want.enumValues)}`);
  }
  const bound = (key: string, value: number | undefined) => {
    if (value !== undefined && typeof got[key] === 'number' && got[key] !== value) problems.push(`${at}: ${key} ${got[key]}, catalog says ${value}`);
  };
  if (want.kind === 'string') {
    bound('maxLength', want.max);
    if (want.min !== undefined && want.min > 1) bound('minLength', want.min);
  }
  if (want.kind === 'integer') {
    bound('maximum', want.max);
    bound('minimum', want.min);
  }
  if (want.kind === 'array') {
    bound('maxItems', want.max);
    bound('minItems', want.min);
    const items = got.items as JsonSchema | undefined;
    if (want.item && items) compare(tool, `${path}[]`, want.item, items, problems, extras);
  }
  if (want.members) {
    const props = (got.properties ?? {}) as Record<string, JsonSchema>;
    const required = new Set((got.required as string[] | undefined) ?? []);
    const names = new Set(want.members.map((m) => m.name));
    for (const k of Object.keys(props)) if (!names.has(k) && !extras.has(k)) problems.push(`${at}.${k}: not in the catalog`);
    for (const m of want.members) {
      if (!props[m.name]) {
        problems.push(`${at}.${m.name}: missing (the catalog lists it)`);
        continue;
      }
      if (!m.optional && !required.has(m.name)) problems.push(`${at}.${m.name}: optional, the catalog requires it`);
      if (m.optional && required.has(m.name)) problems.push(`${at}.${m.name}: required, the catalog has it optional`);
      compare(tool, `${path}.${m.name}`, m, props[m.name], problems, extras);
    }
  }
}

/** The row's parameters with references resolved ("(save_draft fields)", "(types and limits as X)", "(as create)"). */
function resolve(name: string, rows: Map<string, ParsedRow>, seen = new Set<string>()): Param[] {
  const row = rows.get(name)!;
  seen.add(name);
  const out = new Map<string, Param>();
  for (const ref of row.refs) {
    if (!rows.has(ref.row) || seen.has(ref.row)) continue;
    for (const p of resolve(ref.row, rows, seen)) if (!/^confirm/.test(p.name)) out.set(p.name, ref.optional ? { ...p, optional: true } : p);
  }
  const typed = row.typesFrom && rows.has(row.typesFrom) ? new Map(resolve(row.typesFrom, rows, new Set(seen)).map((p) => [p.name, p])) : undefined;
  // update_mail_rule: "conditions:(as create)[1..10]" takes the member list of the create row.
  const create = name.startsWith('update_') && rows.has(name.replace(/^update_/, 'create_')) ? new Map(resolve(name.replace(/^update_/, 'create_'), rows, new Set(seen)).map((p) => [p.name, p])) : undefined;
  for (const p of row.params) {
    let q = p;
    if (!q.kind && typed?.get(q.name)) q = { ...typed.get(q.name)!, name: q.name, optional: q.optional };
    if (q.kind === 'array' && q.notes.includes('as create') && create?.get(q.name)?.item) q = { ...q, item: create.get(q.name)!.item };
    out.set(q.name, q);
  }
  return [...out.values()];
}

/**
 * The third witness: the catalog's params column. Each tool's generated schema (names, required/optional, types,
 * enums, stated bounds), its class defaults ("always sent, default X"), its wire mapping ("sent as …"), its secrets
 * and its constant body fields, headers and query must say what its row says.
 */
describe('catalog params: every tool schema says what its catalog row says', function () {
  let rows: Map<string, ParsedRow>;
  let raw: Map<string, string>;
  let found: Found[];

  before(async function () {
    if (!existsSync(CATALOG)) this.skip();
    const [head, ...lines] = readFileSync(CATALOG, 'utf8').trim().split('\n');
    const cols = head.split('\t');
    const table = lines.map((l) => Object.fromEntries(l.split('\t').map((v, i) => [cols[i], v])) as Record<string, string>);
    rows = new Map(table.map((r) => [r.name, parseParams(r.params ?? '')]));
    raw = new Map(table.map((r) => [r.name, r.params ?? '']));
    found = [];
    for (const pack of await discoverPacks()) {
      for (const { cls } of toolClassesOf((await pack.tools()).default)) {
        const meta = toolMeta(cls)!;
        found.push({ meta, cls, schema: await generateToolSchema(cls, meta), pack: pack.id });
      }
    }
  });

  it('reads the params grammar (a few rows by hand)', () => {
    const send = parseParams(raw.get('send_message')!);
    const byName = new Map(send.params.map((p) => [p.name, p]));
    expect([...byName.keys()]).to.deep.equal(['to', 'cc', 'bcc', 'subject', 'body_text', 'body_html', 'reply_to_message_id', 'identity_id', 'attachments', 'confirm_send']);
    expect(byName.get('to')).to.deep.include({ kind: 'array', min: 1, max: 10, optional: false });
    expect(byName.get('body_html')).to.deep.include({ kind: 'string', max: 512000, optional: true, sentAs: 'body.html' });
    expect(byName.get('attachments')!.item!.members!.map((m) => m.name)).to.deep.equal(['filename', 'content_type', 'content_base64']);
    expect(parseItem('days?:int(1..90, always sent, default 30)')).to.deep.include({ kind: 'integer', min: 1, max: 90, alwaysSent: { default: 30 } });
    expect(parseItem('scopes:(drive:account:read|drive:mailbox:read)[1..]').item).to.deep.include({ kind: 'string', enumValues: ['drive:account:read', 'drive:mailbox:read'] });
    expect(parseItem('expires_in_days?:int(1..3650)|null(always sent, null = never)')).to.deep.include({ kind: 'integer', nullable: true, alwaysSent: { default: null } });
    expect(parseItem('imap_port:143|993')).to.deep.include({ kind: 'integer', enumValues: [143, 993] });
    expect(parseParams('intent_id:int,confirm:true; header X-Confirm-Delete: true').headers).to.deep.equal({ 'X-Confirm-Delete': 'true' });
  });

  it('names, required/optional, types, enums, bounds, defaults, wire names, secrets and constants agree', () => {
    const problems: string[] = [];
    for (const { meta, cls, schema, pack } of found) {
      if (!rows.has(meta.name)) continue;
      const extras = decidedExtras(meta.name, pack);
      const row = rows.get(meta.name)!;
      const params = resolve(meta.name, rows);
      const props = (schema.properties ?? {}) as Record<string, JsonSchema>;
      const required = new Set((schema.required as string[] | undefined) ?? []);
      const names = new Set(params.map((p) => p.name));
      for (const k of Object.keys(props)) {
        if (extras.has(k) && required.has(k)) problems.push(`${meta.name}.${k}: an adopted official parameter must be optional`);
        if (!names.has(k) && !meta.localParams?.includes(k) && !extras.has(k)) problems.push(`${meta.name}.${k}: not in the catalog (a parameter the server keeps for itself and never sends goes in the tool's localParams)`);
      }
      const defaults = new cls() as Record<string, unknown>;
      for (const p of params) {
        if (!props[p.name]) {
          problems.push(`${meta.name}.${p.name}: missing (the catalog lists it)`);
          continue;
        }
        if (!p.optional && !required.has(p.name)) problems.push(`${meta.name}.${p.name}: optional, the catalog requires it`);
        if (p.optional && required.has(p.name)) problems.push(`${meta.name}.${p.name}: required, the catalog has it optional`);
        compare(meta.name, p.name, p, props[p.name], problems, extras);
        if (p.alwaysSent && p.alwaysSent.default !== undefined && defaults[p.name] !== p.alwaysSent.default) {
          problems.push(`${meta.name}.${p.name}: always sent with default ${JSON.stringify(p.alwaysSent.default)}, the class default is ${JSON.stringify(defaults[p.name])}`);
        }
        if ((p.sentAs ?? undefined) !== meta.wire?.[p.name]) problems.push(`${meta.name}.${p.name}: sent as ${meta.wire?.[p.name] ?? 'itself'}, catalog says ${p.sentAs ?? 'itself'}`);
        if (p.secret && !meta.secrets.includes(p.name)) problems.push(`${meta.name}.${p.name}: a secret in the catalog, not marked @Secret()`);
      }
      const consts: [string, Record<string, unknown> | undefined, Record<string, string>][] = [
        ['fixed body', meta.fixedBody, row.fixedBody], ['header', meta.headers, row.headers], ['fixed query', meta.fixedQuery, row.fixedQuery],
      ];
      for (const [what, have = {}, want] of consts) {
        const h = Object.fromEntries(Object.entries(have).map(([k, v]) => [k, String(v)]));
        if (JSON.stringify(Object.entries(h).sort()) !== JSON.stringify(Object.entries(want).sort())) problems.push(`${meta.name}: ${what} ${JSON.stringify(h)}, catalog says ${JSON.stringify(want)}`);
      }
      if (!!meta.noBody !== row.noBody) problems.push(`${meta.name}: ${meta.noBody ? 'sends no body' : 'sends a body'}, catalog says ${row.noBody ? 'no body' : 'a body'}`);
    }
    expect(problems.join('\n')).to.equal('');
  });
});
