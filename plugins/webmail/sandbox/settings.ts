import { invalid, reply, SbError, type SandboxEngine } from '../../../sandbox/engine.js';
import { own } from './outbox.js';
import {
  BLOCK_SENDER, CREATE_EVENT, CREATE_IDENTITY, CREATE_TEMPLATE, DELETE_IDENTITY, LIST_EVENTS, LIST_IDENTITIES, NOTHING, REPLY_POLICY, UPDATE_EVENT, UPDATE_IDENTITY, UPDATE_TEMPLATE,
} from './api.js';
import { byId, cursorPage, EMAIL, given, instant, iso, knownZone, one, READ, WRITE } from './common.js';
import { sharedOf, type WebmailCtx } from './connected.js';
import { DOMAIN, type Block, type CalEvent, type Identity, type Mailbox, type Template } from './state.js';

/** Calendar, identities, templates and blocked senders of the webmail emulator. */

/** Entries of a mailbox's block list. */
const MAX_BLOCKED = 50;
const DOMAIN_ENTRY = /^@[^\s@]+\.[^\s@]+$/;

const eventView = (e: CalEvent) => ({
  id: e.id, title: e.title, start_at: e.startAt, end_at: e.endAt, all_day: e.allDay, timezone: e.timezone, location: e.location,
  description: e.description, color: e.color, reminder_minutes: e.reminderMinutes, created_at: iso(e.created), updated_at: iso(e.updated),
});
const identityView = (mb: Mailbox, i: Identity) => ({
  id: i.id, email: i.email, name: i.name, reply_to: i.replyTo, signature_html: i.signatureHtml, signature_enabled: i.signatureEnabled ?? true, is_default: i.isDefault,
  kind: i.kind ?? 'managed', external_account_id: mb.externalAccountId ?? null, smtp_mode: i.smtpMode ?? 'domain', smtp_connection_id: i.smtpConnectionId ?? null, created_at: iso(i.created),
});
type IdentityBody = {
  email?: string; kind?: 'managed' | 'send_as'; name?: string | null; reply_to?: string | null; signature_html?: string | null; signature_enabled?: boolean;
  is_default?: boolean; external_account_id?: number; smtp_mode?: 'domain' | 'profile'; smtp_connection_id?: number | null;
};
const templateView = (t: Template) => ({ id: t.id, name: t.name, subject: t.subject, body_html: t.bodyHtml, created_at: iso(t.created), updated_at: iso(t.updated) });
const blockView = (b: Block) => ({ id: b.id, email_or_domain: b.emailOrDomain, type: b.emailOrDomain.startsWith('@') ? 'domain' : 'address', created_at: iso(b.created) });

interface EventBody {
  title?: string; start_at?: string; end_at?: string; all_day?: boolean; timezone?: string; location?: string; description?: string; color?: string; reminder_minutes?: number;
}

export function registerSettings(engine: SandboxEngine, ctx: WebmailCtx): void {
  const r = engine.route.bind(engine);
  const { s, c, box } = ctx;

  // Calendar: events overlapping [start, end), cursor paging. Times are read as the API does: offset, else the
  // event's zone, else UTC.
  const startOf = (e: CalEvent) => instant(e.startAt, e.timezone);
  const endOf = (e: CalEvent) => (e.endAt ? instant(e.endAt, e.timezone) : startOf(e));
  const checkEvent = (e: CalEvent) => {
    if (e.timezone !== null && !knownZone(e.timezone)) throw invalid({ timezone: 'must be an IANA time zone, e.g. Europe/Berlin' });
    if (e.endAt && endOf(e) < startOf(e)) throw invalid({ end_at: 'must not be before start_at' });
  };
  r('GET', '/messages/calendar/events', READ, (req) => {
    const mb = box(req);
    const start = Date.parse(one(req.query, 'start')!);
    const end = Date.parse(one(req.query, 'end')!);
    if (end < start) throw invalid({ end: 'must not be before start' });
    const hits = [...mb.events.values()].filter((e) => startOf(e) < end && Math.max(endOf(e), startOf(e) + 1) > start).sort((a, b) => startOf(a) - startOf(b) || a.id - b.id);
    return cursorPage(hits.map(eventView), one(req.query, 'cursor'), Number(one(req.query, 'per_page') ?? 200));
  }, { accepts: LIST_EVENTS });
  r('POST', '/messages/calendar/events', WRITE, (req) => {
    const mb = box(req);
    const b = req.body as EventBody;
    if (!b.title!.trim()) throw invalid({ title: 'must not be blank' });
    const now = engine.now();
    const e: CalEvent = {
      id: s.next.event, title: b.title!, startAt: b.start_at!, endAt: b.end_at ?? null, allDay: b.all_day === true, timezone: b.timezone ?? null,
      location: b.location ?? null, description: b.description ?? null, color: b.color ?? null, reminderMinutes: b.reminder_minutes ?? null, created: now, updated: now,
    };
    checkEvent(e);
    s.next.event++;
    mb.events.set(e.id, e);
    return reply({ status: 201, body: { event: eventView(e) } });
  }, { accepts: CREATE_EVENT });
  r('PATCH', '/messages/calendar/events/{event_id}', WRITE, (req) => {
    const mb = box(req);
    const e = byId(mb.events, req.params.event_id, 'Event');
    const b = req.body as EventBody;
    const next: CalEvent = {
      ...e, title: b.title ?? e.title, startAt: b.start_at ?? e.startAt, endAt: b.end_at ?? e.endAt, allDay: b.all_day ?? e.allDay, timezone: b.timezone ?? e.timezone,
      location: b.location ?? e.location, description: b.description ?? e.description, color: b.color ?? e.color, reminderMinutes: b.reminder_minutes ?? e.reminderMinutes,
    };
    checkEvent(next);
    Object.assign(e, next, { updated: engine.now() });
    return { event: eventView(e) };
  }, { accepts: UPDATE_EVENT });
  r('DELETE', '/messages/calendar/events/{event_id}', WRITE, (req) => {
    const mb = box(req);
    const e = byId(mb.events, req.params.event_id, 'Event');
    mb.events.delete(e.id);
    return { deleted: true, id: e.id };
  }, { accepts: NOTHING });

  // Identities: managed ones are addresses of the mailbox's domain; a Send As identity lives on a connected account
  // and sends as one of the mailbox's own addresses through it. The default one stays.
  const route = (home: Mailbox, b: IdentityBody, i?: Identity) => {
    const mode = b.smtp_mode ?? i?.smtpMode ?? 'domain';
    const id = b.smtp_connection_id !== undefined ? b.smtp_connection_id : b.smtp_mode === 'domain' ? null : i?.smtpConnectionId ?? null;
    if (mode === 'profile' && (id === null || !(c.profiles.get(home.id) ?? []).some((p) => p.id === id))) throw invalid({ smtp_connection_id: 'must be a saved SMTP profile this mailbox may use (list_identities)' });
    if (mode === 'domain' && id !== null) throw invalid({ smtp_connection_id: 'only with smtp_mode profile' });
    return { smtpMode: mode, smtpConnectionId: id };
  };
  r('GET', '/messages/identities', READ, (req) => {
    const home = ctx.home(req);
    const shared = one(req.query, 'shared_mailbox_id');
    if (shared !== undefined && req.query.external_account_id !== undefined) throw invalid({ shared_mailbox_id: 'cannot be combined with external_account_id' });
    const mb = shared === undefined ? box(req) : ctx.mailbox(sharedOf(c, home.id, shared, false));
    return {
      data: [...mb.identities.values()].map((i) => identityView(mb, i)), reply_from_policy: c.replyPolicy.get(home.id) ?? 'recipient',
      eligible_domains: mb === home || shared !== undefined ? [DOMAIN] : [], smtp_profiles: mb === home ? c.profiles.get(home.id) ?? [] : [],
    };
  }, { accepts: LIST_IDENTITIES });
  r('POST', '/messages/identities', WRITE, (req) => {
    const home = ctx.home(req);
    const b = req.body as IdentityBody & { email: string };
    const sendAs = b.kind === 'send_as';
    if (sendAs && b.external_account_id === undefined) throw invalid({ external_account_id: 'is required for a Send As identity' });
    if (!sendAs && b.external_account_id !== undefined) throw invalid({ external_account_id: 'is only for kind send_as' });
    const mb = box(req);
    if (sendAs && !own(home).has(b.email.toLowerCase())) throw new SbError(422, 'sender_not_allowed', 'A Send As identity uses the mailbox address or one of its aliases', { errors: { email: `must be one of ${[home.email, ...home.aliases].join(', ')}` } });
    if (!sendAs && !b.email.toLowerCase().endsWith(`@${DOMAIN}`)) throw new SbError(422, 'sender_not_allowed', `Identities must use an address of ${DOMAIN}`, { errors: { email: `must end with @${DOMAIN}` } });
    if ([...mb.identities.values()].some((i) => i.email.toLowerCase() === b.email.toLowerCase())) throw new SbError(409, 'identity_exists', 'An identity with this address exists');
    const i: Identity = {
      id: s.next.identity++, email: b.email, name: b.name ?? null, replyTo: b.reply_to ?? null, signatureHtml: b.signature_html ?? null, isDefault: false, created: engine.now(),
      kind: sendAs ? 'send_as' : 'managed', signatureEnabled: b.signature_enabled ?? true, ...route(home, b),
    };
    mb.identities.set(i.id, i);
    return reply({ status: 201, body: { identity: identityView(mb, i) } });
  }, { accepts: CREATE_IDENTITY });
  // A literal path before /messages/identities/{identity_id}, which would match it too.
  r('PATCH', '/messages/identities/reply-policy', WRITE, (req) => {
    const home = ctx.home(req);
    c.replyPolicy.set(home.id, (req.body as { reply_from_policy: 'recipient' | 'default' }).reply_from_policy);
    return { reply_from_policy: c.replyPolicy.get(home.id) };
  }, { accepts: REPLY_POLICY });
  r('PATCH', '/messages/identities/{identity_id}', WRITE, (req) => {
    const mb = box(req);
    const i = byId(mb.identities, req.params.identity_id, 'Identity');
    const b = req.body as IdentityBody;
    if (b.is_default === false && i.isDefault) throw new SbError(422, 'default_identity', 'Make another identity the default instead');
    const routed = route(ctx.home(req), b, i);
    if (given(b.name) !== undefined) i.name = given(b.name)!;
    if (given(b.reply_to) !== undefined) i.replyTo = given(b.reply_to)!;
    if (given(b.signature_html) !== undefined) i.signatureHtml = given(b.signature_html)!;
    if (b.signature_enabled !== undefined) i.signatureEnabled = b.signature_enabled;
    Object.assign(i, routed);
    if (b.is_default) for (const x of mb.identities.values()) x.isDefault = x === i;
    return { identity: identityView(mb, i) };
  }, { accepts: UPDATE_IDENTITY });
  r('DELETE', '/messages/identities/{identity_id}', WRITE, (req) => {
    const mb = box(req);
    const i = byId(mb.identities, req.params.identity_id, 'Identity');
    if (i.isDefault) throw new SbError(422, 'default_identity', 'The default identity cannot be deleted');
    mb.identities.delete(i.id);
    return { deleted: true, id: i.id };
  }, { accepts: DELETE_IDENTITY });

  // Templates.
  r('GET', '/messages/templates', READ, (req) => ({ data: [...box(req).templates.values()].map(templateView) }), { accepts: NOTHING });
  r('POST', '/messages/templates', WRITE, (req) => {
    const mb = box(req);
    const b = req.body as { name: string; subject?: string; body_html: string };
    if (!b.name.trim()) throw invalid({ name: 'must not be blank' });
    const now = engine.now();
    const t: Template = { id: s.next.template++, name: b.name, subject: b.subject ?? null, bodyHtml: b.body_html, created: now, updated: now };
    mb.templates.set(t.id, t);
    return reply({ status: 201, body: { template: templateView(t) } });
  }, { accepts: CREATE_TEMPLATE });
  r('PATCH', '/messages/templates/{template_id}', WRITE, (req) => {
    const mb = box(req);
    const t = byId(mb.templates, req.params.template_id, 'Template');
    const b = req.body as { name?: string; subject?: string; body_html?: string };
    if (b.name !== undefined) t.name = b.name;
    if (b.subject !== undefined) t.subject = b.subject;
    if (b.body_html !== undefined) t.bodyHtml = b.body_html;
    t.updated = engine.now();
    return { template: templateView(t) };
  }, { accepts: UPDATE_TEMPLATE });
  r('DELETE', '/messages/templates/{template_id}', WRITE, (req) => {
    const mb = box(req);
    const t = byId(mb.templates, req.params.template_id, 'Template');
    mb.templates.delete(t.id);
    return { deleted: true, id: t.id };
  }, { accepts: NOTHING });

  // Blocked senders: an address, or @domain for a whole domain, 50 per mailbox; their mail is filed in Junk.
  r('GET', '/messages/blocked-senders', READ, (req) => ({ data: [...box(req).blocked.values()].map(blockView) }), { accepts: NOTHING });
  r('POST', '/messages/blocked-senders', WRITE, (req) => {
    const mb = box(req);
    const entry = (req.body as { email_or_domain: string }).email_or_domain.toLowerCase();
    if (!(EMAIL.test(entry) || DOMAIN_ENTRY.test(entry))) throw invalid({ email_or_domain: 'must be an email address or @domain' });
    if ([...mb.blocked.values()].some((b) => b.emailOrDomain === entry)) throw new SbError(409, 'already_blocked', `${entry} is already blocked`);
    if (mb.blocked.size >= MAX_BLOCKED) throw new SbError(422, 'limit_exceeded', `A mailbox blocks ${MAX_BLOCKED} senders at most`, { limit: MAX_BLOCKED });
    const b: Block = { id: s.next.block++, emailOrDomain: entry, created: engine.now() };
    mb.blocked.set(b.id, b);
    return reply({ status: 201, body: { blocked: blockView(b) } });
  }, { accepts: BLOCK_SENDER });
  r('DELETE', '/messages/blocked-senders/{block_id}', WRITE, (req) => {
    const mb = box(req);
    const b = byId(mb.blocked, req.params.block_id, 'Blocked sender');
    mb.blocked.delete(b.id);
    return { deleted: true, id: b.id, email_or_domain: b.emailOrDomain };
  }, { accepts: NOTHING });
}
