import { invalid, paginate, reply, SbError, type SandboxEngine, type SbRequest } from '../../../sandbox/engine.js';
import { CREATE_CONTACT, EXPORT_CONTACTS, GROUP_MEMBERS, GROUP_NAME, IMPORT_CONTACTS, LIST_CONTACTS, LIST_GROUP_MEMBERS, NOTHING, UPDATE_CONTACT } from './api.js';
import { byId, EMAIL, given, iso, one, READ, WRITE } from './common.js';
import { fromCsv, fromVcf, toCsv, toVcf } from './mime.js';
import type { Contact, Group, Mailbox, WebmailState } from './state.js';

/** Contacts and contact groups of the webmail emulator. */

/** The API imports files of up to 2 MB. */
const MAX_IMPORT_BYTES = 2 * 1024 * 1024;

const contactView = (c: Contact) => ({
  id: c.id, email: c.email, name: c.name, phone: c.phone, company: c.company, job_title: c.jobTitle ?? null, address: c.address ?? null, birthday: c.birthday ?? null,
  notes: c.notes, created_at: iso(c.created), updated_at: iso(c.updated),
});
const groupView = (mb: Mailbox, g: Group) => ({
  id: g.id, name: g.name, member_count: g.members.size,
  members: [...g.members].map((id) => mb.contacts.get(id)).filter((c): c is Contact => !!c).map((c) => ({ id: c.id, name: c.name, email: c.email })),
});

type ContactFields = {
  email?: string; name?: string | null; phone?: string | null; company?: string | null; notes?: string | null; job_title?: string | null; address?: string | null; birthday?: string | null;
};
/** Wire names of a contact's optional fields, and the model's. */
const FIELDS = [['name', 'name'], ['phone', 'phone'], ['company', 'company'], ['notes', 'notes'], ['job_title', 'jobTitle'], ['address', 'address'], ['birthday', 'birthday']] as const;

export function registerBook(engine: SandboxEngine, s: WebmailState, box: (req: SbRequest) => Mailbox): void {
  const r = engine.route.bind(engine);

  // Contacts: upsert by email, CSV/vCard import and export.
  const upsert = (mb: Mailbox, f: ContactFields): { contact: Contact; created: boolean } => {
    const email = String(f.email).trim();
    const existing = [...mb.contacts.values()].find((c) => c.email.toLowerCase() === email.toLowerCase());
    const now = engine.now();
    const fields = Object.fromEntries(FIELDS.map(([wire, key]) => [key, given(f[wire])]));
    if (existing) {
      for (const [k, v] of Object.entries(fields)) if (v !== undefined) (existing as unknown as Record<string, unknown>)[k] = v;
      existing.updated = now;
      return { contact: existing, created: false };
    }
    const c: Contact = {
      id: s.next.contact++, email, name: fields.name ?? null, phone: fields.phone ?? null, company: fields.company ?? null, notes: fields.notes ?? null,
      jobTitle: fields.jobTitle ?? null, address: fields.address ?? null, birthday: fields.birthday ?? null, created: now, updated: now,
    };
    mb.contacts.set(c.id, c);
    return { contact: c, created: true };
  };

  // The file travels base64-encoded in JSON, as the API sends it (import takes the same encoding back).
  r('GET', '/messages/contacts/export', READ, (req) => {
    const mb = box(req);
    const format = one(req.query, 'format') ?? 'csv';
    const cards = [...mb.contacts.values()].sort((a, b) => a.id - b.id);
    const vcard = format === 'vcard';
    const text = vcard ? toVcf(cards) : toCsv(cards);
    return {
      format, filename: vcard ? 'contacts.vcf' : 'contacts.csv', content_type: vcard ? 'text/vcard' : 'text/csv', count: cards.length,
      content_base64: Buffer.from(text, 'utf8').toString('base64'),
    };
  }, { accepts: EXPORT_CONTACTS });

  r('POST', '/messages/contacts/import', WRITE, (req) => {
    const mb = box(req);
    const { format, content_base64 } = req.body as { format: 'csv' | 'vcf'; content_base64: string };
    const bytes = Buffer.from(content_base64, 'base64');
    if (bytes.length > MAX_IMPORT_BYTES) throw invalid({ content_base64: 'the file must be 2 MB at most' });
    const text = bytes.toString('utf8');
    const rows = format === 'vcf' ? fromVcf(text) : fromCsv(text);
    if (!rows.length) throw new SbError(422, 'import_empty', `No contacts found in the ${format} content`);
    let created = 0;
    let updated = 0;
    const skipped: { row: number; reason: string }[] = [];
    rows.forEach((row, i) => {
      if (!row.email || !EMAIL.test(row.email)) return void skipped.push({ row: i + 1, reason: 'no valid email' });
      if (upsert(mb, row).created) created++;
      else updated++;
    });
    return { format, imported: created, updated, skipped: skipped.length, skipped_rows: skipped, total: mb.contacts.size };
  }, { accepts: IMPORT_CONTACTS });

  r('GET', '/messages/contacts', READ, (req) => {
    const mb = box(req);
    const q = one(req.query, 'q')?.toLowerCase();
    const list = [...mb.contacts.values()]
      .filter((c) => !q || [c.email, c.name ?? ''].some((x) => x.toLowerCase().includes(q)))
      .sort((a, b) => (a.name ?? a.email).localeCompare(b.name ?? b.email));
    return paginate(list.map(contactView), req.query, 50);
  }, { accepts: LIST_CONTACTS });

  r('POST', '/messages/contacts', WRITE, (req) => {
    const mb = box(req);
    const { contact, created } = upsert(mb, req.body as ContactFields);
    return reply({ status: created ? 201 : 200, body: { contact: contactView(contact), created } });
  }, { accepts: CREATE_CONTACT });

  r('PATCH', '/messages/contacts/{contact_id}', WRITE, (req) => {
    const mb = box(req);
    const c = byId(mb.contacts, req.params.contact_id, 'Contact');
    const b = req.body as ContactFields;
    if (b.email !== undefined) {
      const clash = [...mb.contacts.values()].find((x) => x.id !== c.id && x.email.toLowerCase() === b.email!.toLowerCase());
      if (clash) throw new SbError(409, 'contact_exists', `Contact ${clash.id} already has this email`);
      c.email = b.email;
    }
    for (const [wire, key] of FIELDS) if (given(b[wire]) !== undefined) (c as unknown as Record<string, unknown>)[key] = given(b[wire]);
    c.updated = engine.now();
    return { contact: contactView(c) };
  }, { accepts: UPDATE_CONTACT });

  r('DELETE', '/messages/contacts/{contact_id}', WRITE, (req) => {
    const mb = box(req);
    const c = byId(mb.contacts, req.params.contact_id, 'Contact');
    mb.contacts.delete(c.id);
    for (const g of mb.groups.values()) g.members.delete(c.id);
    return { deleted: true, id: c.id };
  }, { accepts: NOTHING });

  // Contact groups (distribution lists).
  const memberIds = (mb: Mailbox, ids: number[]): number[] => {
    const unknown = ids.filter((id) => !mb.contacts.has(id));
    if (unknown.length) throw invalid({ contact_ids: `unknown contact ids: ${unknown.join(', ')}` });
    return ids;
  };
  const groupName = (mb: Mailbox, name: string, self?: number): string => {
    if (!name.trim()) throw invalid({ group_name: 'must not be blank' });
    if ([...mb.groups.values()].some((g) => g.id !== self && g.name.toLowerCase() === name.toLowerCase())) throw new SbError(409, 'group_exists', `A group named "${name}" exists`);
    return name;
  };
  r('GET', '/messages/contact-groups', READ, (req) => {
    const mb = box(req);
    return { data: [...mb.groups.values()].map((g) => groupView(mb, g)) };
  }, { accepts: NOTHING });
  r('POST', '/messages/contact-groups', WRITE, (req) => {
    const mb = box(req);
    const g: Group = { id: s.next.group++, name: groupName(mb, req.body.group_name), members: new Set(), created: engine.now() };
    mb.groups.set(g.id, g);
    return reply({ status: 201, body: { group: groupView(mb, g) } });
  }, { accepts: GROUP_NAME });
  r('PATCH', '/messages/contact-groups/{group_id}', WRITE, (req) => {
    const mb = box(req);
    const g = byId(mb.groups, req.params.group_id, 'Contact group');
    g.name = groupName(mb, req.body.group_name, g.id);
    return { group: groupView(mb, g) };
  }, { accepts: GROUP_NAME });
  r('DELETE', '/messages/contact-groups/{group_id}', WRITE, (req) => {
    const mb = box(req);
    const g = byId(mb.groups, req.params.group_id, 'Contact group');
    mb.groups.delete(g.id);
    return { deleted: true, id: g.id, contacts_kept: g.members.size };
  }, { accepts: NOTHING });
  r('GET', '/messages/contact-groups/{group_id}/members', READ, (req) => {
    const mb = box(req);
    const g = byId(mb.groups, req.params.group_id, 'Contact group');
    const members = [...g.members].map((id) => mb.contacts.get(id)).filter((x): x is Contact => !!x).sort((a, b) => (a.name ?? a.email).localeCompare(b.name ?? b.email));
    return { group: { id: g.id, name: g.name }, ...paginate(members.map(contactView), req.query, 50) };
  }, { accepts: LIST_GROUP_MEMBERS });
  r('POST', '/messages/contact-groups/{group_id}/members', WRITE, (req) => {
    const mb = box(req);
    const g = byId(mb.groups, req.params.group_id, 'Contact group');
    const added = memberIds(mb, req.body.contact_ids).filter((id) => !g.members.has(id));
    for (const id of added) g.members.add(id);
    return { group: groupView(mb, g), added: added.length };
  }, { accepts: GROUP_MEMBERS });
  // A DELETE with a JSON body: the ids to take out.
  r('DELETE', '/messages/contact-groups/{group_id}/members', WRITE, (req) => {
    const mb = box(req);
    const g = byId(mb.groups, req.params.group_id, 'Contact group');
    const removed = (req.body.contact_ids as number[]).filter((id) => g.members.delete(id));
    return { group: groupView(mb, g), removed: removed.length };
  }, { accepts: GROUP_MEMBERS });
}
