import { notFound, reply, SbError, type SandboxEngine } from '../../../sandbox/engine.js';
import { addressTaken, Checks, emailOf, finders, isEmail, isId, isLocalPart, SIEVE_MAX_BYTES, taken, type Alias, type AutoReply, type Forwarding, type InfraState, type Rule } from './state.js';

const RULE_FIELDS = ['from', 'to', 'subject', 'body', 'header', 'size'];
const RULE_OPERATORS = ['is', 'contains', 'matches', 'over', 'under', 'exists'];
const RULE_ACTIONS = ['fileinto', 'redirect', 'redirect_copy', 'addflag', 'discard', 'reject'];
const VALUED = new Set(['fileinto', 'redirect', 'redirect_copy', 'addflag']);
const text = (v: unknown, max: number) => typeof v === 'string' && v.length >= 1 && v.length <= max;
const conditionOk = (c: any) =>
  RULE_FIELDS.includes(c?.field) && RULE_OPERATORS.includes(c?.operator) && (c.operator === 'exists' ? c.value === undefined || text(c.value, 500) : text(c.value, 500))
  && (c.field === 'header' ? text(c.header_name, 100) : c.header_name === undefined);
const actionOk = (a: any) =>
  RULE_ACTIONS.includes(a?.type) && (VALUED.has(a.type) ? text(a.value, 500) : a.value === undefined || text(a.value, 500)) && (!String(a.type).startsWith('redirect') || isEmail(a.value));
const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** Sieve commands that need a `require` of the same-named extension (RFC 5228 and its extensions). */
const EXTENSIONS: Record<string, string> = { fileinto: 'fileinto', reject: 'reject', vacation: 'vacation', addflag: 'imap4flags', setflag: 'imap4flags', removeflag: 'imap4flags' };

/** A small Sieve checker: balanced blocks, closed strings, statements ended by `;`, extensions required. */
export function sieveErrors(script: string): { line: number; message: string } | undefined {
  let depth = 0;
  let line = 1;
  let inString = false;
  for (let i = 0; i < script.length; i++) {
    const ch = script[i];
    if (ch === '\n') line++;
    if (inString) {
      if (ch === '\\') i++;
      else if (ch === '"') inString = false;
      continue;
    }
    if (ch === '#') {
      while (i < script.length && script[i] !== '\n') i++;
      line++;
      continue;
    }
    if (ch === '"') inString = true;
    else if (ch === '{') depth++;
    else if (ch === '}' && --depth < 0) return { line, message: 'unexpected "}"' };
  }
  if (inString) return { line, message: 'unterminated string' };
  if (depth > 0) return { line, message: 'missing "}"' };
  const required = new Set([...script.matchAll(/require\s+(\[[^\]]*\]|"[^"]*")/g)].flatMap((m) => [...m[1].matchAll(/"([^"]+)"/g)].map((x) => x[1])));
  const lines = script.split('\n');
  for (let n = 0; n < lines.length; n++) {
    const cmd = /^\s*([a-z]+)\b/.exec(lines[n])?.[1];
    if (cmd && EXTENSIONS[cmd] && !required.has(EXTENSIONS[cmd])) return { line: n + 1, message: `"${cmd}" needs require "${EXTENSIONS[cmd]}"` };
  }
  return undefined;
}

/** Per-mailbox settings: forwarding, aliases, rules, auto-reply, Sieve. */
export function registerSettings(engine: SandboxEngine, s: InfraState): void {
  const find = finders(s);
  const fwdView = (id: number, f: Forwarding) => ({ mailbox_id: id, enabled: f.enabled, targets: [...f.targets], keep_copy: f.keepCopy, updated_at: f.updated ? engine.iso(f.updated) : null });
  const aliasView = (a: Alias) => ({ id: a.id, mailbox_id: a.mailboxId, domain_id: a.domainId, email: emailOf(s, a.domainId, a.localPart), can_receive: a.canReceive, can_send: a.canSend, is_active: a.isActive, created_at: engine.iso(a.created) });
  const rulesOf = (mailboxId: number) => [...s.rules.values()].filter((r) => r.mailboxId === mailboxId);
  const ruleView = (r: Rule) => ({
    id: r.id, mailbox_id: r.mailboxId, name: r.name, position: rulesOf(r.mailboxId).indexOf(r) + 1, match: r.match,
    conditions: r.conditions.map((c) => ({ ...c })), actions: r.actions.map((a) => ({ ...a })), is_active: r.isActive, stop_processing: r.stopProcessing, updated_at: engine.iso(r.updated),
  });
  const rule = (mailboxId: number, id: string) => {
    const r = s.rules.get(Number(id));
    if (!r || r.mailboxId !== mailboxId) throw notFound('Rule');
    return r;
  };
  const alias = (mailboxId: number, id: string) => {
    const a = s.aliases.get(Number(id));
    if (!a || a.mailboxId !== mailboxId) throw notFound('Alias');
    return a;
  };
  const autoView = (id: number, a: AutoReply) => ({
    mailbox_id: id, enabled: a.enabled, subject: a.subject, message: a.message, start_date: a.startDate, end_date: a.endDate, skip_mailing_lists: a.skipMailingLists,
    active_now: a.enabled && (!a.startDate || a.startDate <= engine.iso().slice(0, 10)) && (!a.endDate || a.endDate >= engine.iso().slice(0, 10)), updated_at: a.updated ? engine.iso(a.updated) : null,
  });
  const bool = (v: unknown) => v === undefined || typeof v === 'boolean';

  engine.route('GET', '/mailboxes/{mailbox_id}/forwarding', 'mailboxes:forwarding:read', (req) => {
    const m = find.mailbox(req.params.mailbox_id);
    return { forwarding: fwdView(m.id, s.forwarding.get(m.id) ?? { enabled: false, targets: [], keepCopy: true }) };
  });

  engine.route('PUT', '/mailboxes/{mailbox_id}/forwarding', 'mailboxes:forwarding:write', (req) => {
    const m = find.mailbox(req.params.mailbox_id);
    const { enabled, targets = [], keep_copy = true } = req.body;
    const own = emailOf(s, m.domainId, m.localPart);
    new Checks()
      .need(typeof enabled === 'boolean', 'enabled', 'must be true or false')
      .need(Array.isArray(targets) && targets.length <= 30 && targets.every(isEmail), 'targets', 'must be at most 30 email addresses')
      .need(!(enabled === true && Array.isArray(targets) && targets.length === 0), 'targets', 'needs at least one address when forwarding is enabled')
      .need(!(Array.isArray(targets) && targets.some((t: string) => t.toLowerCase() === own)), 'targets', 'cannot include the mailbox itself (forwarding loop)')
      .need(typeof keep_copy === 'boolean', 'keep_copy', 'must be true or false')
      .done();
    const f: Forwarding = { enabled, targets: [...new Set((targets as string[]).map((t) => t.toLowerCase()))], keepCopy: keep_copy, updated: engine.now() };
    s.forwarding.set(m.id, f);
    return { forwarding: fwdView(m.id, f) };
  });

  engine.route('GET', '/mailboxes/{mailbox_id}/aliases', 'mailboxes:read', (req) => {
    const m = find.mailbox(req.params.mailbox_id);
    const list = [...s.aliases.values()].filter((a) => a.mailboxId === m.id).map(aliasView);
    return { data: list, meta: { total: list.length } };
  });

  engine.route('POST', '/mailboxes/{mailbox_id}/aliases', 'mailboxes:write', (req) => {
    const m = find.mailbox(req.params.mailbox_id);
    const b = req.body;
    new Checks()
      .need(isLocalPart(b.local_part), 'local_part', 'must be a valid local part (before the @)')
      .need(isId(b.domain_id), 'domain_id', 'must be a domain id')
      .need(bool(b.can_receive), 'can_receive', 'must be true or false')
      .need(bool(b.can_send), 'can_send', 'must be true or false')
      .done();
    const d = find.domain(b.domain_id);
    const email = emailOf(s, d.id, b.local_part);
    if (addressTaken(s, email, engine.now())) throw taken(email);
    const a: Alias = { id: s.next.alias++, mailboxId: m.id, domainId: d.id, localPart: String(b.local_part).toLowerCase(), canReceive: b.can_receive ?? true, canSend: b.can_send ?? false, isActive: true, created: engine.now() };
    s.aliases.set(a.id, a);
    return reply({ status: 201, body: { alias: aliasView(a) } });
  });

  engine.route('PATCH', '/mailboxes/{mailbox_id}/aliases/{alias_id}', 'mailboxes:write', (req) => {
    const m = find.mailbox(req.params.mailbox_id);
    const a = alias(m.id, req.params.alias_id);
    const b = req.body;
    new Checks()
      .need(bool(b.can_receive), 'can_receive', 'must be true or false')
      .need(bool(b.can_send), 'can_send', 'must be true or false')
      .need(bool(b.is_active), 'is_active', 'must be true or false')
      .need(b.can_receive !== undefined || b.can_send !== undefined || b.is_active !== undefined, 'body', 'nothing to update')
      .done();
    if (b.can_receive !== undefined) a.canReceive = b.can_receive;
    if (b.can_send !== undefined) a.canSend = b.can_send;
    if (b.is_active !== undefined) a.isActive = b.is_active;
    return { alias: aliasView(a) };
  });

  engine.route('DELETE', '/mailboxes/{mailbox_id}/aliases/{alias_id}', 'mailboxes:write', (req) => {
    const m = find.mailbox(req.params.mailbox_id);
    const a = alias(m.id, req.params.alias_id);
    s.aliases.delete(a.id);
    return { deleted: true, id: a.id, email: emailOf(s, a.domainId, a.localPart) };
  });

  const ruleFields = (b: Record<string, any>): Omit<Rule, 'id' | 'mailboxId' | 'updated'> => {
    const conds = b.conditions;
    const acts = b.actions;
    new Checks()
      .need(text(b.name, 255), 'name', 'must be 1 to 255 characters')
      .need(b.match === undefined || b.match === 'all' || b.match === 'any', 'match', 'must be all or any')
      .need(Array.isArray(conds) && conds.length >= 1 && conds.length <= 10, 'conditions', 'must hold 1 to 10 conditions')
      .need(!Array.isArray(conds) || conds.every(conditionOk), 'conditions', 'each needs a known field and operator, a value (except exists) and for header a header_name')
      .need(Array.isArray(acts) && acts.length >= 1 && acts.length <= 5, 'actions', 'must hold 1 to 5 actions')
      .need(!Array.isArray(acts) || acts.every(actionOk), 'actions', 'each needs a known type; fileinto, addflag and redirect need a value, redirect an address')
      .need(bool(b.is_active), 'is_active', 'must be true or false')
      .need(bool(b.stop_processing), 'stop_processing', 'must be true or false')
      .done();
    return {
      name: b.name, match: b.match ?? 'all',
      conditions: conds.map((c: any) => ({ field: c.field, operator: c.operator, ...(c.value !== undefined ? { value: c.value } : {}), ...(c.header_name !== undefined ? { header_name: c.header_name } : {}) })),
      actions: acts.map((a: any) => (a.value === undefined ? { type: a.type } : { type: a.type, value: a.value })), isActive: b.is_active ?? true, stopProcessing: b.stop_processing ?? false,
    };
  };

  engine.route('GET', '/mailboxes/{mailbox_id}/rules', 'mailboxes:rules:read', (req) => {
    const m = find.mailbox(req.params.mailbox_id);
    const list = rulesOf(m.id).map(ruleView);
    return { data: list, meta: { total: list.length } };
  });

  engine.route('GET', '/mailboxes/{mailbox_id}/rules/{rule_id}', 'mailboxes:rules:read', (req) => {
    const m = find.mailbox(req.params.mailbox_id);
    return { rule: ruleView(rule(m.id, req.params.rule_id)) };
  });

  engine.route('POST', '/mailboxes/{mailbox_id}/rules', 'mailboxes:rules:write', (req) => {
    const m = find.mailbox(req.params.mailbox_id);
    const r: Rule = { id: s.next.rule++, mailboxId: m.id, ...ruleFields(req.body), updated: engine.now() };
    s.rules.set(r.id, r);
    return reply({ status: 201, body: { rule: ruleView(r) } });
  });

  engine.route('PUT', '/mailboxes/{mailbox_id}/rules/{rule_id}', 'mailboxes:rules:write', (req) => {
    const m = find.mailbox(req.params.mailbox_id);
    const r = rule(m.id, req.params.rule_id);
    Object.assign(r, ruleFields(req.body), { updated: engine.now() });
    return { rule: ruleView(r) };
  });

  engine.route('DELETE', '/mailboxes/{mailbox_id}/rules/{rule_id}', 'mailboxes:rules:write', (req) => {
    const m = find.mailbox(req.params.mailbox_id);
    const r = rule(m.id, req.params.rule_id);
    s.rules.delete(r.id);
    return { deleted: true, id: r.id, name: r.name };
  });

  engine.route('PATCH', '/mailboxes/{mailbox_id}/rules/reorder', 'mailboxes:rules:write', (req) => {
    const m = find.mailbox(req.params.mailbox_id);
    const order = req.body.order;
    const ids = rulesOf(m.id).map((r) => r.id);
    new Checks()
      .need(Array.isArray(order) && order.length === ids.length && new Set(order).size === ids.length && ids.every((id) => order.includes(id)), 'order', `must list each rule id of the mailbox exactly once (${ids.join(', ')})`)
      .done();
    // Map order is run order: re-insert this mailbox's rules in the new sequence.
    const mine = (order as number[]).map((id) => s.rules.get(id)!);
    for (const r of mine) s.rules.delete(r.id);
    for (const r of mine) s.rules.set(r.id, r);
    return { data: rulesOf(m.id).map(ruleView), meta: { total: ids.length } };
  });

  engine.route('GET', '/mailboxes/{mailbox_id}/auto-reply', 'mailboxes:auto-reply:read', (req) => {
    const m = find.mailbox(req.params.mailbox_id);
    return { auto_reply: autoView(m.id, s.autoReply.get(m.id) ?? { enabled: false, subject: null, message: null, startDate: null, endDate: null, skipMailingLists: true }) };
  });

  engine.route('PUT', '/mailboxes/{mailbox_id}/auto-reply', 'mailboxes:auto-reply:write', (req) => {
    const m = find.mailbox(req.params.mailbox_id);
    const b = req.body;
    const prev = s.autoReply.get(m.id);
    const subject = b.subject ?? prev?.subject ?? null;
    const message = b.message ?? prev?.message ?? null;
    const str = (v: unknown, max: number) => v === undefined || (typeof v === 'string' && v.length <= max);
    new Checks()
      .need(typeof b.enabled === 'boolean', 'enabled', 'must be true or false')
      .need(str(b.subject, 500), 'subject', 'must be at most 500 characters')
      .need(str(b.message, 5000), 'message', 'must be at most 5000 characters')
      .need(!(b.enabled === true && !subject), 'subject', 'is required to enable the auto-reply')
      .need(!(b.enabled === true && !message), 'message', 'is required to enable the auto-reply')
      .need(b.start_date === undefined || DATE.test(b.start_date), 'start_date', 'must be YYYY-MM-DD')
      .need(b.end_date === undefined || DATE.test(b.end_date), 'end_date', 'must be YYYY-MM-DD')
      .need(!(b.start_date && b.end_date && b.end_date < b.start_date), 'end_date', 'must not be before start_date')
      .need(bool(b.skip_mailing_lists), 'skip_mailing_lists', 'must be true or false')
      .done();
    const a: AutoReply = {
      enabled: b.enabled, subject, message, startDate: b.start_date ?? null, endDate: b.end_date ?? null,
      skipMailingLists: b.skip_mailing_lists ?? prev?.skipMailingLists ?? true, updated: engine.now(),
    };
    s.autoReply.set(m.id, a);
    return { auto_reply: autoView(m.id, a) };
  });

  engine.route('GET', '/mailboxes/{mailbox_id}/sieve', 'mailboxes:rules:read', (req) => {
    const m = find.mailbox(req.params.mailbox_id);
    const sv = s.sieve.get(m.id);
    return { sieve: { mailbox_id: m.id, script: sv?.script ?? '', size_bytes: Buffer.byteLength(sv?.script ?? ''), updated_at: sv ? engine.iso(sv.updated) : null } };
  });

  engine.route('PUT', '/mailboxes/{mailbox_id}/sieve', 'mailboxes:rules:write', (req) => {
    const m = find.mailbox(req.params.mailbox_id);
    const script = req.body.script;
    new Checks().need(typeof script === 'string', 'script', 'must be a string').done();
    const size = Buffer.byteLength(script);
    if (size > SIEVE_MAX_BYTES) throw new SbError(422, 'script_too_large', `The script is ${size} bytes; the limit is ${SIEVE_MAX_BYTES}`, { max_bytes: SIEVE_MAX_BYTES });
    const err = sieveErrors(script);
    if (err) throw new SbError(422, 'sieve_syntax_error', `Line ${err.line}: ${err.message}`, { line: err.line });
    const sv = { script, updated: engine.now() };
    s.sieve.set(m.id, sv);
    return { sieve: { mailbox_id: m.id, size_bytes: size, updated_at: engine.iso(sv.updated), valid: true } };
  });
}
