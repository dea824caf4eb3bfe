import { invalid, notFound, paginate, reply, SbError, type SandboxEngine, type SbRequest } from '../../../sandbox/engine.js';
import { fromCsv, fromVcf, toCsv, toVcf } from './mime.js';
import type { CalEvent, Contact, Group, Identity, Mailbox, Template, WebmailState } from './state.js';
import { DOMAIN } from './state.js';

/** Contacts, contact groups, calendar, identities, templates and blocked senders of the webmail emulator. */

const READ = 'messages:read';
const WRITE = 'messages:write';
const EMAIL = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/;
const iso = (t: number) => new Date(t).toISOString();
type Q = Record<string, string | string[]>;
const one = (q: Q, k: string): string | undefined => (Array.isArray(q[k]) ? (q[k] as string[])[0] : (q[k] as string | undefined));
const opt = (v: unknown) => (typeof v === 'string' ? v : v === null ? null : undefined);

function byId<T>(map: Map<number, T>, id: string, what: string): T {
  const v = map.get(Number(id));
  if (!v) throw notFound(what);
  return v;
}

const contactView = (c: Contact) => ({ id: c.id, email: c.email, name: c.name, phone: c.phone, company: c.company, notes: c.notes, created_at: iso(c.created), updated_at: iso(c.updated) });
const groupView = (mb: Mailbox, g: Group) => ({
  id: g.id, name: g.name, member_count: g.members.size,
  members: [...g.members].map((id) => mb.contacts.get(id)).filter((c): c is Contact => !!c).map((c) => ({ id: c.id, name: c.name, email: c.email })),
});
const eventView = (e: CalEvent) => ({ id: e.id, title: e.title, start: e.start, end: e.end, all_day: e.allDay, location: e.location, notes: e.notes, created_at: iso(e.created), updated_at: iso(e.updated) });
const identityView = (i: Identity) => ({ id: i.id, email: i.email, name: i.name, reply_to: i.replyTo, signature_html: i.signatureHtml, is_default: i.isDefault, created_at: iso(i.created) });
const templateView = (t: Template) => ({ id: t.id, name: t.name, subject: t.subject, html: t.html, created_at: iso(t.created), updated_at: iso(t.updated) });

export function registerBook(engine: SandboxEngine, s: WebmailState, box: (req: SbRequest) => Mailbox): void {
  const r = engine.route.bind(engine);

  // Contacts: upsert by email, CSV/vCard import and export.
  const upsert = (mb: Mailbox, f: { email?: unknown; name?: unknown; phone?: unknown; company?: unknown; notes?: unknown }): { contact: Contact; created: boolean } => {
    const email = String(f.email).trim();
    const existing = [...mb.contacts.values()].find((c) => c.email.toLowerCase() === email.toLowerCase());
    const now = engine.now();
    const fields = { name: opt(f.name), phone: opt(f.phone), company: opt(f.company), notes: opt(f.notes) };
    if (existing) {
      for (const [k, v] of Object.entries(fields)) if (v !== undefined) (existing as any)[k] = v;
      existing.updated = now;
      return { contact: existing, created: false };
    }
    const c: Contact = { id: s.next.contact++, email, name: fields.name ?? null, phone: fields.phone ?? null, company: fields.company ?? null, notes: fields.notes ?? null, created: now, updated: now };
    mb.contacts.set(c.id, c);
    return { contact: c, created: true };
  };

  r('GET', '/messages/contacts/export', READ, (req) => {
    const mb = box(req);
    const format = one(req.query, 'format') ?? 'csv';
    if (format !== 'csv' && format !== 'vcf') throw invalid({ format: 'must be csv or vcf' });
    const cards = [...mb.contacts.values()].sort((a, b) => a.id - b.id);
    return format === 'vcf' ? reply({ text: toVcf(cards), contentType: 'text/vcard; charset=utf-8' }) : reply({ text: toCsv(cards), contentType: 'text/csv; charset=utf-8' });
  });

  r('POST', '/messages/contacts/import', WRITE, (req) => {
    const mb = box(req);
    const { format, content_base64 } = req.body as { format?: unknown; content_base64?: unknown };
    if (format !== 'csv' && format !== 'vcf') throw invalid({ format: 'must be csv or vcf' });
    if (typeof content_base64 !== 'string' || !content_base64) throw invalid({ content_base64: 'is required' });
    const text = Buffer.from(content_base64, 'base64').toString('utf8');
    const rows = format === 'vcf' ? fromVcf(text) : fromCsv(text);
    let created = 0;
    let updated = 0;
    const skipped: { row: number; reason: string }[] = [];
    rows.forEach((row, i) => {
      if (!row.email || !EMAIL.test(row.email)) return void skipped.push({ row: i + 1, reason: 'no valid email' });
      if (upsert(mb, row).created) created++;
      else updated++;
    });
    if (!rows.length) throw new SbError(422, 'import_empty', `No contacts found in the ${format} content`);
    return { format, imported: created, updated, skipped: skipped.length, skipped_rows: skipped, total: mb.contacts.size };
  });

  r('GET', '/messages/contacts', READ, (req) => {
    const mb = box(req);
    const q = one(req.query, 'q')?.toLowerCase();
    const list = [...mb.contacts.values()]
      .filter((c) => !q || [c.email, c.name ?? '', c.company ?? ''].some((x) => x.toLowerCase().includes(q)))
      .sort((a, b) => (a.name ?? a.email).localeCompare(b.name ?? b.email));
    return paginate(list.map(contactView), req.query);
  });

  r('POST', '/messages/contacts', WRITE, (req) => {
    const mb = box(req);
    const b = req.body as Record<string, unknown>;
    if (typeof b.email !== 'string' || !EMAIL.test(b.email)) throw invalid({ email: 'must be an email address' });
    const { contact, created } = upsert(mb, b);
    return reply({ status: created ? 201 : 200, body: { contact: contactView(contact), created } });
  });

  r('PATCH', '/messages/contacts/{contact_id}', WRITE, (req) => {
    const mb = box(req);
    const c = byId(mb.contacts, req.params.contact_id, 'Contact');
    const b = req.body as Record<string, unknown>;
    if (b.email !== undefined) {
      if (typeof b.email !== 'string' || !EMAIL.test(b.email)) throw invalid({ email: 'must be an email address' });
      const clash = [...mb.contacts.values()].find((x) => x.id !== c.id && x.email.toLowerCase() === (b.email as string).toLowerCase());
      if (clash) throw new SbError(409, 'contact_exists', `Contact ${clash.id} already has this email`);
      c.email = b.email;
    }
    for (const k of ['name', 'phone', 'company', 'notes'] as const) if (opt(b[k]) !== undefined) c[k] = opt(b[k])!;
    c.updated = engine.now();
    return { contact: contactView(c) };
  });

  r('DELETE', '/messages/contacts/{contact_id}', WRITE, (req) => {
    const mb = box(req);
    const c = byId(mb.contacts, req.params.contact_id, 'Contact');
    mb.contacts.delete(c.id);
    for (const g of mb.groups.values()) g.members.delete(c.id);
    return { deleted: true, id: c.id };
  });

  // Contact groups.
  const memberIds = (mb: Mailbox, v: unknown): number[] => {
    if (!Array.isArray(v) || !v.length || v.some((x) => !Number.isInteger(x))) throw invalid({ contact_ids: 'at least one contact id' });
    const unknown = v.filter((id) => !mb.contacts.has(id));
    if (unknown.length) throw invalid({ contact_ids: `unknown contact ids: ${unknown.join(', ')}` });
    return v as number[];
  };
  const groupName = (mb: Mailbox, name: unknown, self?: number): string => {
    if (typeof name !== 'string' || !name.trim()) throw invalid({ name: 'is required' });
    if ([...mb.groups.values()].some((g) => g.id !== self && g.name.toLowerCase() === name.toLowerCase())) throw new SbError(409, 'group_exists', `A group named "${name}" exists`);
    return name;
  };
  r('GET', '/messages/contact-groups', READ, (req) => {
    const mb = box(req);
    return { data: [...mb.groups.values()].map((g) => groupView(mb, g)) };
  });
  r('POST', '/messages/contact-groups', WRITE, (req) => {
    const mb = box(req);
    const g: Group = { id: s.next.group++, name: groupName(mb, (req.body as { name?: unknown }).name), members: new Set(), created: engine.now() };
    mb.groups.set(g.id, g);
    return reply({ status: 201, body: { group: groupView(mb, g) } });
  });
  r('PATCH', '/messages/contact-groups/{group_id}', WRITE, (req) => {
    const mb = box(req);
    const g = byId(mb.groups, req.params.group_id, 'Contact group');
    g.name = groupName(mb, (req.body as { name?: unknown }).name, g.id);
    return { group: groupView(mb, g) };
  });
  r('DELETE', '/messages/contact-groups/{group_id}', WRITE, (req) => {
    const mb = box(req);
    const g = byId(mb.groups, req.params.group_id, 'Contact group');
    mb.groups.delete(g.id);
    return { deleted: true, id: g.id, contacts_kept: g.members.size };
  });
  r('POST', '/messages/contact-groups/{group_id}/members', WRITE, (req) => {
    const mb = box(req);
    const g = byId(mb.groups, req.params.group_id, 'Contact group');
    const ids = memberIds(mb, (req.body as { contact_ids?: unknown }).contact_ids);
    const added = ids.filter((id) => !g.members.has(id));
    for (const id of added) g.members.add(id);
    return { group: groupView(mb, g), added: added.length };
  });
  r('DELETE', '/messages/contact-groups/{group_id}/members', WRITE, (req) => {
    const mb = box(req);
    const g = byId(mb.groups, req.params.group_id, 'Contact group');
    const ids = (req.body as { contact_ids?: unknown }).contact_ids;
    if (!Array.isArray(ids) || !ids.length) throw invalid({ contact_ids: 'at least one contact id (JSON body)' });
    const removed = ids.filter((id) => g.members.delete(id as number));
    return { group: groupView(mb, g), removed: removed.length };
  });

  // Calendar: events overlapping [start, end), cursor paging.
  const when = (v: unknown, field: string): string => {
    if (typeof v !== 'string' || Number.isNaN(Date.parse(v))) throw invalid({ [field]: 'must be an ISO 8601 date-time' });
    return v;
  };
  r('GET', '/messages/calendar/events', READ, (req) => {
    const mb = box(req);
    const start = Date.parse(when(one(req.query, 'start'), 'start'));
    const end = Date.parse(when(one(req.query, 'end'), 'end'));
    if (end < start) throw invalid({ end: 'must not be before start' });
    const per = Math.min(100, Math.max(1, Number(one(req.query, 'per_page') ?? 25) || 25));
    const cursor = one(req.query, 'cursor');
    const offset = cursor ? Number(Buffer.from(cursor, 'base64url').toString()) || 0 : 0;
    const hits = [...mb.events.values()].filter((e) => Date.parse(e.start) < end && Date.parse(e.end) > start).sort((a, b) => a.start.localeCompare(b.start));
    const page = hits.slice(offset, offset + per);
    const next = offset + per < hits.length ? Buffer.from(String(offset + per)).toString('base64url') : null;
    return { data: page.map(eventView), next_cursor: next };
  });
  r('POST', '/messages/calendar/events', WRITE, (req) => {
    const mb = box(req);
    const b = req.body as Record<string, unknown>;
    if (typeof b.title !== 'string' || !b.title.trim()) throw invalid({ title: 'is required' });
    const start = when(b.start, 'start');
    const end = when(b.end, 'end');
    if (Date.parse(end) < Date.parse(start)) throw invalid({ end: 'must not be before start' });
    const now = engine.now();
    const e: CalEvent = { id: s.next.event++, title: b.title, start, end, allDay: b.all_day === true, location: opt(b.location) ?? null, notes: opt(b.notes) ?? null, created: now, updated: now };
    mb.events.set(e.id, e);
    return reply({ status: 201, body: { event: eventView(e) } });
  });
  r('PATCH', '/messages/calendar/events/{event_id}', WRITE, (req) => {
    const mb = box(req);
    const e = byId(mb.events, req.params.event_id, 'Event');
    const b = req.body as Record<string, unknown>;
    const start = b.start === undefined ? e.start : when(b.start, 'start');
    const end = b.end === undefined ? e.end : when(b.end, 'end');
    if (Date.parse(end) < Date.parse(start)) throw invalid({ end: 'must not be before start' });
    Object.assign(e, { start, end });
    if (typeof b.title === 'string') e.title = b.title;
    if (typeof b.all_day === 'boolean') e.allDay = b.all_day;
    if (opt(b.location) !== undefined) e.location = opt(b.location)!;
    if (opt(b.notes) !== undefined) e.notes = opt(b.notes)!;
    e.updated = engine.now();
    return { event: eventView(e) };
  });
  r('DELETE', '/messages/calendar/events/{event_id}', WRITE, (req) => {
    const mb = box(req);
    const e = byId(mb.events, req.params.event_id, 'Event');
    mb.events.delete(e.id);
    return { deleted: true, id: e.id };
  });

  // Identities: addresses of the mailbox's domain; the default one stays.
  r('GET', '/messages/identities', READ, (req) => ({ data: [...box(req).identities.values()].map(identityView) }));
  r('POST', '/messages/identities', WRITE, (req) => {
    const mb = box(req);
    const b = req.body as Record<string, unknown>;
    if (typeof b.email !== 'string' || !EMAIL.test(b.email)) throw invalid({ email: 'must be an email address' });
    if (!b.email.toLowerCase().endsWith(`@${DOMAIN}`)) throw new SbError(422, 'sender_not_allowed', `Identities must use an address of ${DOMAIN}`, { errors: { email: `must end with @${DOMAIN}` } });
    if ([...mb.identities.values()].some((i) => i.email.toLowerCase() === (b.email as string).toLowerCase())) throw new SbError(409, 'identity_exists', 'An identity with this address exists');
    const i: Identity = { id: s.next.identity++, email: b.email, name: opt(b.name) ?? null, replyTo: opt(b.reply_to) ?? null, signatureHtml: opt(b.signature_html) ?? null, isDefault: false, created: engine.now() };
    mb.identities.set(i.id, i);
    return reply({ status: 201, body: { identity: identityView(i) } });
  });
  r('PATCH', '/messages/identities/{identity_id}', WRITE, (req) => {
    const mb = box(req);
    const i = byId(mb.identities, req.params.identity_id, 'Identity');
    const b = req.body as Record<string, unknown>;
    if (opt(b.name) !== undefined) i.name = opt(b.name)!;
    if (opt(b.reply_to) !== undefined) i.replyTo = opt(b.reply_to)!;
    if (opt(b.signature_html) !== undefined) i.signatureHtml = opt(b.signature_html)!;
    return { identity: identityView(i) };
  });
  r('DELETE', '/messages/identities/{identity_id}', WRITE, (req) => {
    const mb = box(req);
    const i = byId(mb.identities, req.params.identity_id, 'Identity');
    if (i.isDefault) throw new SbError(422, 'default_identity', 'The default identity cannot be deleted');
    mb.identities.delete(i.id);
    return { deleted: true, id: i.id };
  });

  // Templates.
  r('GET', '/messages/templates', READ, (req) => ({ data: [...box(req).templates.values()].map(templateView) }));
  r('POST', '/messages/templates', WRITE, (req) => {
    const mb = box(req);
    const b = req.body as Record<string, unknown>;
    if (typeof b.name !== 'string' || !b.name.trim()) throw invalid({ name: 'is required' });
    if (typeof b.html !== 'string' || !b.html.trim()) throw invalid({ html: 'is required' });
    const now = engine.now();
    const t: Template = { id: s.next.template++, name: b.name, subject: opt(b.subject) ?? null, html: b.html, created: now, updated: now };
    mb.templates.set(t.id, t);
    return reply({ status: 201, body: { template: templateView(t) } });
  });
  r('PATCH', '/messages/templates/{template_id}', WRITE, (req) => {
    const mb = box(req);
    const t = byId(mb.templates, req.params.template_id, 'Template');
    const b = req.body as Record<string, unknown>;
    if (typeof b.name === 'string') t.name = b.name;
    if (opt(b.subject) !== undefined) t.subject = opt(b.subject)!;
    if (typeof b.html === 'string') t.html = b.html;
    t.updated = engine.now();
    return { template: templateView(t) };
  });
  r('DELETE', '/messages/templates/{template_id}', WRITE, (req) => {
    const mb = box(req);
    const t = byId(mb.templates, req.params.template_id, 'Template');
    mb.templates.delete(t.id);
    return { deleted: true, id: t.id };
  });

  // Blocked senders: an address, or @domain for a whole domain; their mail is filed in Junk.
  const blockView = (b: { id: number; address: string; created: number }) => ({ id: b.id, address: b.address, type: b.address.startsWith('@') ? 'domain' : 'address', created_at: iso(b.created) });
  r('GET', '/messages/blocked-senders', READ, (req) => ({ data: [...box(req).blocked.values()].map(blockView) }));
  r('POST', '/messages/blocked-senders', WRITE, (req) => {
    const mb = box(req);
    const address = (req.body as { address?: unknown }).address;
    if (typeof address !== 'string' || !(EMAIL.test(address) || /^@[^\s@]+\.[^\s@]+$/.test(address))) throw invalid({ address: 'must be an email address or @domain' });
    if ([...mb.blocked.values()].some((b) => b.address.toLowerCase() === address.toLowerCase())) throw new SbError(409, 'already_blocked', `${address} is already blocked`);
    const b = { id: s.next.block++, address: address.toLowerCase(), created: engine.now() };
    mb.blocked.set(b.id, b);
    return reply({ status: 201, body: { blocked: blockView(b) } });
  });
  r('DELETE', '/messages/blocked-senders/{block_id}', WRITE, (req) => {
    const mb = box(req);
    const b = byId(mb.blocked, req.params.block_id, 'Blocked sender');
    mb.blocked.delete(b.id);
    return { deleted: true, id: b.id, address: b.address };
  });
}
