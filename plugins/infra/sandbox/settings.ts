import { notFound, reply, SbError, type SandboxEngine } from '../../../sandbox/engine.js';
import { ACCEPTS } from './accepts.js';
import type { Plan } from '../../../core/plugin-api.js';
import { addressTaken, Checks, emailOf, finders, isEmail, planOf, taken, type Alias, type AutoReply, type Forwarding, type InfraState, type Rule } from './state.js';

/** Actions that need a value: a folder, an address or a flag (reject's reason is optional). */
const VALUED = new Set(['fileinto', 'redirect', 'redirect_copy', 'addflag']);
const given = (v: unknown) => typeof v === 'string' && v.length > 0;
/** Cross-field rules of a condition and an action (types, enums and lengths are the route's declared fields). */
const conditionOk = (c: any) => (c.operator === 'exists' || given(c.value)) && (c.field !== 'header' || given(c.header_name));
const actionOk = (a: any) => (!VALUED.has(a.type) || given(a.value)) && (!String(a.type).startsWith('redirect') || isEmail(a.value));
/** Extensions the API blocks in uploaded scripts (they run programs on the server). */
const BLOCKED = ['vnd.dovecot.pipe', 'vnd.dovecot.execute', 'vnd.dovecot.filter'];
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

/** Forwarding targets per plan (Starter 5, Pro 15, Agency 30). */
const FORWARD_CAP: Record<Plan, number> = { nano: 0, starter: 5, pro: 15, agency: 30 };
/** Aliases a mailbox may have in the emulator (the API reports its own figure as limits.max). */
const ALIAS_LIMIT = 30;

/** Per-mailbox settings: forwarding, aliases, rules, auto-reply, Sieve. */
export function registerSettings(engine: SandboxEngine, s: InfraState): void {
  const find = finders(s);
  const fwdView = (id: number, f: Forwarding) => ({ mailbox_id: id, enabled: f.enabled, targets: [...f.targets], keep_copy: f.keepCopy, updated_at: f.updated ? engine.iso(f.updated) : null });
  const aliasView = (a: Alias) => ({ id: a.id, mailbox_id: a.mailboxId, domain_id: a.domainId, email: emailOf(s, a.domainId, a.localPart), can_receive: a.canReceive, can_send: a.canSend, is_active: a.isActive, created_at: engine.iso(a.created) });
  const aliasesOf = (mailboxId: number) => [...s.aliases.values()].filter((a) => a.mailboxId === mailboxId);
  const rulesOf = (mailboxId: number) => [...s.rules.values()].filter((r) => r.mailboxId === mailboxId);
  const ruleView = (r: Rule) => ({
    id: r.id, mailbox_id: r.mailboxId, name: r.name, position: rulesOf(r.mailboxId).indexOf(r) + 1, match_type: r.matchType,
    conditions: r.conditions.map((c) => ({ ...c })), actions: r.actions.map((a) => ({ ...a })), stop: r.stop, enabled: r.enabled, updated_at: engine.iso(r.updated),
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
  const today = () => engine.iso().slice(0, 10);
  const autoView = (id: number, a: AutoReply) => ({
    mailbox_id: id, enabled: a.enabled, subject: a.subject, body: a.body, start_date: a.startDate, end_date: a.endDate, skip_lists: a.skipLists,
    active_now: a.enabled && (!a.startDate || a.startDate <= today()) && (!a.endDate || a.endDate >= today()), updated_at: a.updated ? engine.iso(a.updated) : null,
  });

  engine.route('GET', '/mailboxes/{mailbox_id}/forwarding', 'mailboxes:forwarding:read', (req) => {
    const m = find.mailbox(req.params.mailbox_id);
    return { forwarding: fwdView(m.id, s.forwarding.get(m.id) ?? { enabled: false, targets: [], keepCopy: true }) };
  }, { accepts: ACCEPTS.none });

  engine.route('PUT', '/mailboxes/{mailbox_id}/forwarding', 'mailboxes:forwarding:write', (req) => {
    const m = find.mailbox(req.params.mailbox_id);
    const { enabled, targets = [], keep_copy = true } = req.body as { enabled: boolean; targets?: string[]; keep_copy?: boolean };
    const own = emailOf(s, m.domainId, m.localPart);
    const cap = FORWARD_CAP[planOf(req)];
    if (targets.length > cap) throw new SbError(422, 'limit_exceeded', `The ${planOf(req)} plan forwards to at most ${cap} addresses`, { limit: cap });
    new Checks()
      .need(!(enabled && targets.length === 0), 'targets', 'needs at least one address when forwarding is enabled')
      .need(!targets.some((t) => t.toLowerCase() === own), 'targets', 'cannot include the mailbox itself (forwarding loop)')
      .done();
    const f: Forwarding = { enabled, targets: [...new Set(targets.map((t) => t.toLowerCase()))], keepCopy: keep_copy, updated: engine.now() };
    s.forwarding.set(m.id, f);
    return { forwarding: fwdView(m.id, f) };
  }, { accepts: ACCEPTS.forwarding });

  engine.route('GET', '/mailboxes/{mailbox_id}/aliases', 'mailboxes:read', (req) => {
    const m = find.mailbox(req.params.mailbox_id);
    const list = aliasesOf(m.id).map(aliasView);
    return { primary_address: emailOf(s, m.domainId, m.localPart), data: list, limits: { used: list.length, max: ALIAS_LIMIT }, meta: { total: list.length } };
  }, { accepts: ACCEPTS.none });

  engine.route('POST', '/mailboxes/{mailbox_id}/aliases', 'mailboxes:write', (req) => {
    const m = find.mailbox(req.params.mailbox_id);
    const b = req.body;
    new Checks().need(/^[a-z0-9._-]+$/.test(b.local_part), 'local_part', 'must use only a-z, 0-9, dot, hyphen and underscore').done();
    const d = find.domain(b.domain_id);
    const email = emailOf(s, d.id, b.local_part);
    if (addressTaken(s, email, engine.now())) throw taken(email);
    if (aliasesOf(m.id).length >= ALIAS_LIMIT) throw new SbError(422, 'limit_exceeded', `A mailbox has at most ${ALIAS_LIMIT} aliases`, { limit: ALIAS_LIMIT });
    const a: Alias = { id: s.next.alias++, mailboxId: m.id, domainId: d.id, localPart: b.local_part, canReceive: b.can_receive ?? true, canSend: b.can_send ?? false, isActive: true, created: engine.now() };
    s.aliases.set(a.id, a);
    return reply({ status: 201, body: { alias: aliasView(a) } });
  }, { accepts: ACCEPTS.createAlias });

  engine.route('PATCH', '/mailboxes/{mailbox_id}/aliases/{alias_id}', 'mailboxes:write', (req) => {
    const m = find.mailbox(req.params.mailbox_id);
    const a = alias(m.id, req.params.alias_id);
    const b = req.body;
    new Checks().need(b.can_receive !== undefined || b.can_send !== undefined || b.is_active !== undefined, 'body', 'nothing to update').done();
    if (b.can_receive !== undefined) a.canReceive = b.can_receive;
    if (b.can_send !== undefined) a.canSend = b.can_send;
    if (b.is_active !== undefined) a.isActive = b.is_active;
    return { alias: aliasView(a) };
  }, { accepts: ACCEPTS.updateAlias });

  engine.route('DELETE', '/mailboxes/{mailbox_id}/aliases/{alias_id}', 'mailboxes:write', (req) => {
    const m = find.mailbox(req.params.mailbox_id);
    const a = alias(m.id, req.params.alias_id);
    s.aliases.delete(a.id);
    return { deleted: true, id: a.id, email: emailOf(s, a.domainId, a.localPart) };
  }, { accepts: ACCEPTS.none });

  /** A rule from a POST or PUT body (PUT replaces: what is not given takes its default, the name excepted). */
  const ruleFields = (b: Record<string, any>, prev?: Rule): Omit<Rule, 'id' | 'mailboxId' | 'updated'> => {
    new Checks()
      .need((b.conditions as unknown[]).every(conditionOk), 'conditions', 'each needs a value (except exists), and for field header a header_name')
      .need((b.actions as unknown[]).every(actionOk), 'actions', 'fileinto, addflag and redirect need a value, redirect an email address')
      .done();
    return {
      name: b.name ?? prev?.name ?? `Rule ${s.next.rule}`, matchType: b.match_type ?? 'all',
      conditions: b.conditions.map((c: any) => ({ field: c.field, operator: c.operator, ...(c.value !== undefined ? { value: c.value } : {}), ...(c.header_name !== undefined ? { header_name: c.header_name } : {}) })),
      actions: b.actions.map((a: any) => (a.value === undefined ? { type: a.type } : { type: a.type, value: a.value })), enabled: b.enabled ?? true, stop: b.stop ?? false,
    };
  };

  engine.route('GET', '/mailboxes/{mailbox_id}/rules', 'mailboxes:rules:read', (req) => {
    const m = find.mailbox(req.params.mailbox_id);
    const list = rulesOf(m.id).map(ruleView);
    return { data: list, meta: { total: list.length } };
  }, { accepts: ACCEPTS.none });

  engine.route('GET', '/mailboxes/{mailbox_id}/rules/{rule_id}', 'mailboxes:rules:read', (req) => {
    const m = find.mailbox(req.params.mailbox_id);
    return { rule: ruleView(rule(m.id, req.params.rule_id)) };
  }, { accepts: ACCEPTS.none });

  engine.route('POST', '/mailboxes/{mailbox_id}/rules', 'mailboxes:rules:write', (req) => {
    const m = find.mailbox(req.params.mailbox_id);
    const r: Rule = { id: s.next.rule, mailboxId: m.id, ...ruleFields(req.body), updated: engine.now() };
    s.next.rule++;
    s.rules.set(r.id, r);
    return reply({ status: 201, body: { rule: ruleView(r) } });
  }, { accepts: ACCEPTS.rule });

  engine.route('PUT', '/mailboxes/{mailbox_id}/rules/{rule_id}', 'mailboxes:rules:write', (req) => {
    const m = find.mailbox(req.params.mailbox_id);
    const r = rule(m.id, req.params.rule_id);
    Object.assign(r, ruleFields(req.body, r), { updated: engine.now() });
    return { rule: ruleView(r) };
  }, { accepts: ACCEPTS.rule });

  engine.route('DELETE', '/mailboxes/{mailbox_id}/rules/{rule_id}', 'mailboxes:rules:write', (req) => {
    const m = find.mailbox(req.params.mailbox_id);
    const r = rule(m.id, req.params.rule_id);
    s.rules.delete(r.id);
    return { deleted: true, id: r.id, name: r.name };
  }, { accepts: ACCEPTS.none });

  engine.route('PATCH', '/mailboxes/{mailbox_id}/rules/reorder', 'mailboxes:rules:write', (req) => {
    const m = find.mailbox(req.params.mailbox_id);
    const order = req.body.order as number[];
    const ids = rulesOf(m.id).map((r) => r.id);
    new Checks()
      .need(order.length === ids.length && new Set(order).size === ids.length && ids.every((id) => order.includes(id)), 'order', `must list each rule id of the mailbox exactly once (${ids.join(', ')})`)
      .done();
    // Map order is run order: re-insert this mailbox's rules in the new sequence.
    const mine = order.map((id) => s.rules.get(id)!);
    for (const r of mine) s.rules.delete(r.id);
    for (const r of mine) s.rules.set(r.id, r);
    return { data: rulesOf(m.id).map(ruleView), meta: { total: ids.length } };
  }, { accepts: ACCEPTS.reorder });

  engine.route('GET', '/mailboxes/{mailbox_id}/auto-reply', 'mailboxes:auto-reply:read', (req) => {
    const m = find.mailbox(req.params.mailbox_id);
    return { auto_reply: autoView(m.id, s.autoReply.get(m.id) ?? { enabled: false, subject: null, body: null, startDate: null, endDate: null, skipLists: true }) };
  }, { accepts: ACCEPTS.none });

  engine.route('PUT', '/mailboxes/{mailbox_id}/auto-reply', 'mailboxes:auto-reply:write', (req) => {
    const m = find.mailbox(req.params.mailbox_id);
    const b = req.body;
    const prev = s.autoReply.get(m.id);
    const subject = b.subject ?? prev?.subject ?? null;
    const text = b.body ?? prev?.body ?? null;
    new Checks()
      .need(!(b.enabled && !subject), 'subject', 'is required to enable the auto-reply')
      .need(!(b.enabled && !text), 'body', 'is required to enable the auto-reply')
      .need(!(b.start_date && b.end_date && b.end_date < b.start_date), 'end_date', 'must not be before start_date')
      .done();
    const a: AutoReply = {
      enabled: b.enabled, subject, body: text, startDate: b.start_date ?? null, endDate: b.end_date ?? null, skipLists: b.skip_lists ?? prev?.skipLists ?? true, updated: engine.now(),
    };
    s.autoReply.set(m.id, a);
    return { auto_reply: autoView(m.id, a) };
  }, { accepts: ACCEPTS.autoReply });

  engine.route('GET', '/mailboxes/{mailbox_id}/sieve', 'mailboxes:rules:read', (req) => {
    const m = find.mailbox(req.params.mailbox_id);
    const sv = s.sieve.get(m.id);
    return { sieve: { mailbox_id: m.id, script: sv?.script ?? '', size_bytes: Buffer.byteLength(sv?.script ?? ''), updated_at: sv ? engine.iso(sv.updated) : null } };
  }, { accepts: ACCEPTS.none });

  engine.route('PUT', '/mailboxes/{mailbox_id}/sieve', 'mailboxes:rules:write', (req) => {
    const m = find.mailbox(req.params.mailbox_id);
    const script = req.body.script as string;
    const blocked = BLOCKED.find((x) => script.includes(`"${x}"`));
    if (blocked) throw new SbError(422, 'sieve_extension_blocked', `The extension ${blocked} is not allowed`);
    const err = sieveErrors(script);
    if (err) throw new SbError(422, 'sieve_syntax_error', `Line ${err.line}: ${err.message}`, { line: err.line });
    const sv = { script, updated: engine.now() };
    s.sieve.set(m.id, sv);
    return { sieve: { mailbox_id: m.id, size_bytes: Buffer.byteLength(script), updated_at: engine.iso(sv.updated), valid: true } };
  }, { accepts: ACCEPTS.sieve });
}
