import { randomUUID } from 'node:crypto';
import { invalid, notFound, reply, SbError, type SandboxEngine, type SbRequest } from '../../../sandbox/engine.js';
import { CANCEL_SCHEDULED, LIST_SCHEDULED, NOTHING, RESCHEDULE, SAVE_DRAFT, SCHEDULE, SEND as SEND_FIELDS, UPDATE_DRAFT } from './api.js';
import { cursorPage, instant, iso, knownZone, one, READ, SEND, WRITE } from './common.js';
import { accountOf, DAILY_RECIPIENTS, sharedOf, type ConnectedState, type WebmailCtx } from './connected.js';
import { msgOf, special } from './folders.js';
import type { Addr } from './mime.js';
import { DOMAIN, file, type Attachment, type Mailbox, type Message, type Outgoing, type Scheduled, type WebmailState } from './state.js';

/** Sending now, drafts and scheduled send of the webmail emulator: what the API does with an outgoing message. */

const MB = 1024 * 1024;
const MAX_RECIPIENTS = 10;
const DAY = 86_400_000;
type Kind = 'send' | 'draft' | 'schedule';
/** The API's attachment limits: per file and together. */
const LIMITS: Record<Kind, { file: number; total: number }> = { send: { file: 5 * MB, total: 10 * MB }, draft: { file: 25 * MB, total: 25 * MB }, schedule: { file: 0, total: 0 } };
/** The outbound headers a sender may set (the API answers 422 for managed ones such as From or DKIM-Signature). */
const HEADER_NAME = /^(List-Unsubscribe|List-Unsubscribe-Post|Reply-To|X-[A-Za-z0-9-]+)$/i;

interface ComposeBody {
  to?: string[];
  cc?: string[];
  bcc?: string[];
  subject?: string;
  body?: { text: string | null; html: string | null };
  reply_to_message_id?: string;
  identity_id?: number;
  attachments?: { filename: string; content_type: string; content_base64: string }[];
  headers?: Record<string, unknown>;
  apply_default_recipients?: boolean;
  external_account_id?: number;
  shared_mailbox_id?: number;
}

/**
 * The cross-field rules of a compose body (its fields were checked against the route's declaration already):
 * a message sent now needs a body part, 10 recipients at most together, attachment sizes, a known identity of the
 * mailbox it goes out from, allowed header names.
 */
export function parseOutgoing(mb: Mailbox, b: ComposeBody, kind: Kind): Outgoing {
  const errors: Record<string, string> = {};
  const [to, cc, bcc] = [b.to ?? [], b.cc ?? [], b.bcc ?? []];
  if (to.length + cc.length + bcc.length > MAX_RECIPIENTS) errors.to = `to, cc and bcc together take ${MAX_RECIPIENTS} recipients at most`;
  const text = b.body?.text ?? undefined;
  const html = b.body?.html ?? undefined;
  if (kind === 'send' && text === undefined && html === undefined) errors.body = 'needs text or html';
  if (b.identity_id !== undefined && !mb.identities.has(b.identity_id)) errors.identity_id = 'unknown identity of the mailbox this goes out from';
  for (const [k, v] of Object.entries(b.headers ?? {})) {
    if (!HEADER_NAME.test(k)) errors[`headers.${k}`] = 'is a managed header (allowed: List-Unsubscribe, List-Unsubscribe-Post, Reply-To, X-*)';
    else if (typeof v !== 'string' || /[\r\n]/.test(v) || v.length > 998) errors[`headers.${k}`] = 'must be one line of 998 characters at most';
  }
  const attachments: Attachment[] = (b.attachments ?? []).map((a, i) => {
    const data = Buffer.from(a.content_base64, 'base64');
    if (data.length > LIMITS[kind].file) errors[`attachments.${i}`] = `is larger than ${LIMITS[kind].file / MB} MB`;
    return { filename: a.filename, contentType: a.content_type, data };
  });
  if (attachments.reduce((n, a) => n + a.data.length, 0) > LIMITS[kind].total) errors.attachments = `are larger than ${LIMITS[kind].total / MB} MB together`;
  if (Object.keys(errors).length) throw invalid(errors);
  const headers = b.headers && Object.keys(b.headers).length ? (b.headers as Record<string, string>) : undefined;
  return { to, cc, bcc, subject: b.subject ?? '', text, html, identityId: b.identity_id, replyToMessageId: b.reply_to_message_id, attachments, headers };
}

/** Own addresses of a mailbox: its address, aliases and identities. */
export const own = (mb: Mailbox) => new Set([mb.email, ...mb.aliases, ...[...mb.identities.values()].map((i) => i.email)].map((e) => e.toLowerCase()));

function isBlocked(mb: Mailbox, email: string): boolean {
  const e = email.toLowerCase();
  return [...mb.blocked.values()].some((b) => (b.emailOrDomain.startsWith('@') ? e.endsWith(b.emailOrDomain.toLowerCase()) : e === b.emailOrDomain.toLowerCase()));
}

/** The message an outgoing becomes: From from its identity; In-Reply-To and References from the message replied to. */
function compose(s: WebmailState, mb: Mailbox, out: Outgoing, now: number): Omit<Message, 'uid'> {
  const ident = out.identityId ? mb.identities.get(out.identityId)! : [...mb.identities.values()].find((i) => i.isDefault);
  const from: Addr = ident ? { name: ident.name ?? undefined, email: ident.email } : { name: mb.name, email: mb.email };
  const addr = (e: string): Addr => ({ email: e });
  let original: Message | undefined;
  if (out.replyToMessageId) {
    for (const f of mb.folders.values()) {
      for (const m of f.messages.values()) {
        if (m.messageId !== out.replyToMessageId) continue;
        original ??= m;
        if (f.special !== 'sent' && f.special !== 'drafts') m.answered = true;
      }
    }
  }
  const headers = Object.entries(out.headers ?? {});
  const replyHeader = headers.find(([k]) => k.toLowerCase() === 'reply-to')?.[1];
  const extra = Object.fromEntries(headers.filter(([k]) => k.toLowerCase() !== 'reply-to'));
  return {
    messageId: `<sb${s.next.message++}.${now.toString(36)}@${DOMAIN}>`,
    subject: out.subject, from, to: out.to.map(addr), cc: out.cc.map(addr), bcc: out.bcc.map(addr),
    replyTo: replyHeader ? [addr(replyHeader)] : ident?.replyTo ? [addr(ident.replyTo)] : [], date: now, text: out.text, html: out.html, attachments: out.attachments,
    seen: true, flagged: false, answered: false,
    inReplyTo: out.replyToMessageId, references: out.replyToMessageId ? [...(original?.references ?? []), out.replyToMessageId] : [],
    threadId: original?.threadId ?? `t${s.next.thread++}`, identityId: ident?.id, ...(headers.length && Object.keys(extra).length ? { extraHeaders: extra } : {}),
  };
}

const dayStart = (now: number) => now - (now % DAY);
/** Recipients a mailbox sent to since the start of the UTC day. */
export const usedToday = (c: ConnectedState, mailboxId: number, now: number) =>
  [...c.deliveries.values()].filter((d) => d.mailboxId === mailboxId && d.status === 'sent' && (d.sent ?? 0) >= dayStart(now)).reduce((n, d) => n + d.recipients.length, 0);

interface SendOpts { homeId: number; scheduledId?: number; applyDefaults?: boolean }

/**
 * Sends: a copy is filed in Sent of the mailbox it goes out from (a connected account's, a shared mailbox's), the
 * sender's Default CC/BCC join unless the call opts out, recipients that are sandbox mailboxes (or their aliases)
 * get it in their INBOX (Junk when they block the sender); every other recipient is held. Nothing leaves the
 * sandbox. A send past the day's allowance is refused (sending_limit_exceeded). The answer is the API's (queued,
 * message_id, request_id) plus what the sandbox did with it.
 */
export function send(s: WebmailState, c: ConnectedState, mb: Mailbox, out: Outgoing, now: number, o: SendOpts) {
  const defaults = o.applyDefaults === false ? undefined : c.defaults.get(mb.id);
  const full = { ...out, cc: [...out.cc, ...(defaults?.cc ?? [])], bcc: [...out.bcc, ...(defaults?.bcc ?? [])] };
  const recipients = [...new Set([...full.to, ...full.cc, ...full.bcc].map((r) => r.toLowerCase()))];
  const used = usedToday(c, o.homeId, now);
  if (used + recipients.length > DAILY_RECIPIENTS) {
    throw new SbError(429, 'sending_limit_exceeded', `The mailbox may send to ${DAILY_RECIPIENTS} recipients a day; ${DAILY_RECIPIENTS - used} are left`, {
      dimension: 'mailbox', limit: DAILY_RECIPIENTS, used, resets_at: iso(dayStart(now) + DAY),
    }, 'Wait until resets_at, or send to fewer recipients.');
  }
  const msg = compose(s, mb, full, now);
  const copy = file(special(mb, 'sent'), msg);
  const delivered: string[] = [];
  const held: string[] = [];
  for (const rcpt of recipients) {
    const target = [...s.mailboxes.values()].find((m) => m.email === rcpt || m.aliases.includes(rcpt));
    if (!target) {
      held.push(rcpt);
      continue;
    }
    const folder = special(target, isBlocked(target, msg.from.email) ? 'junk' : 'inbox');
    file(folder, { ...msg, bcc: [], seen: false, attachments: msg.attachments.map((a) => ({ ...a })) });
    delivered.push(rcpt);
  }
  s.outbox.push({ mailboxId: mb.id, messageId: msg.messageId, subject: msg.subject, at: now, scheduledId: o.scheduledId, delivered, held });
  const requestId = randomUUID();
  const via = mb.externalAccountId !== undefined ? `external_account:${mb.externalAccountId}` : mb.id === o.homeId ? 'mailbox' : `shared_mailbox:${mb.id}`;
  c.deliveries.set(requestId, { requestId, mailboxId: o.homeId, messageId: msg.messageId, status: 'sent', recipients, delivered, held, queued: now, sent: now, via, failure: null });
  return {
    status: 'queued', message_id: msg.messageId, request_id: requestId, queued_at: iso(now), from: msg.from.email,
    sent_uid: copy.uid, folder: 'Sent', delivered_to_sandbox_mailboxes: delivered, held_by_sandbox: held,
    ...(defaults && (defaults.cc.length || defaults.bcc.length) ? { default_recipients: { cc: defaults.cc, bcc: defaults.bcc } } : {}),
  };
}

/**
 * Scheduled messages whose time has come are sent (checked on every request of the mailbox); one past the day's
 * allowance waits as limit_reached, one whose connected account is gone fails.
 */
export function flushScheduled(s: WebmailState, c: ConnectedState, mb: Mailbox, now: number, extBox: (id: number) => Mailbox | undefined): void {
  for (const job of [...mb.scheduled.values()].sort((a, b) => a.scheduledFor - b.scheduledFor)) {
    if (job.scheduledFor > now || job.status === 'limit_reached') continue;
    const from = job.externalAccountId === undefined ? mb : extBox(job.externalAccountId);
    if (!from) {
      mb.scheduled.delete(job.id);
      mb.sentScheduled.add(job.id);
      continue;
    }
    try {
      send(s, c, from, job.draft, job.scheduledFor, { homeId: mb.ownerId ?? mb.id, scheduledId: job.id });
      mb.scheduled.delete(job.id);
      mb.sentScheduled.add(job.id);
    } catch (err) {
      if (!(err instanceof SbError) || err.code !== 'sending_limit_exceeded') throw err;
      job.status = 'limit_reached';
    }
  }
}

const scheduledView = (j: Scheduled) => ({
  id: j.id, status: j.status ?? 'pending', scheduled_for: iso(j.scheduledFor), timezone: j.timezone, subject: j.draft.subject, to: j.draft.to, cc: j.draft.cc,
  external_account_id: j.externalAccountId ?? null, created_at: iso(j.created),
});

const draftView = (drafts: { uidValidity: number }, m: Message) => ({ uid: m.uid, uidvalidity: drafts.uidValidity, folder: 'Drafts', message_id: m.messageId, subject: m.subject });

/** The UTC instant of a future send time, read as the API does (offset, else timezone, else UTC). */
function sendTime(engine: SandboxEngine, body: { scheduled_for: string; timezone?: string }): number {
  if (body.timezone !== undefined && !knownZone(body.timezone)) throw invalid({ timezone: 'must be an IANA time zone, e.g. Europe/Berlin' });
  const at = instant(body.scheduled_for, body.timezone);
  if (at <= engine.now()) throw invalid({ scheduled_for: 'must be in the future' });
  return at;
}

export function registerOutbox(engine: SandboxEngine, ctx: WebmailCtx): void {
  const r = engine.route.bind(engine);
  const { s, c } = ctx;
  /** The queue a call addresses: a shared mailbox's when it names one (membership needed), else the token's. */
  const queueOf = (req: SbRequest): Mailbox => {
    const home = ctx.home(req);
    const shared = one(req.query, 'shared_mailbox_id');
    return shared === undefined ? home : ctx.mailbox(sharedOf(c, home.id, shared, false));
  };

  r('POST', '/messages/send', SEND, (req) => {
    const home = ctx.home(req);
    const b = req.body as ComposeBody;
    if (b.external_account_id !== undefined && b.shared_mailbox_id !== undefined) throw invalid({ shared_mailbox_id: 'cannot be combined with external_account_id' });
    // Sending AS a shared mailbox: the member acts, the shared mailbox is the sender.
    const mb = b.shared_mailbox_id !== undefined ? ctx.mailbox(sharedOf(c, home.id, b.shared_mailbox_id, true)) : ctx.box(req);
    const out = parseOutgoing(mb, b, 'send');
    return reply({ status: 202, body: send(s, c, mb, out, engine.now(), { homeId: home.id, applyDefaults: b.apply_default_recipients }) });
  }, { accepts: SEND_FIELDS });

  // What happened to an accepted send: any token of the same mailbox may ask.
  r('GET', '/messages/deliveries/{request_id}', READ, (req) => {
    const d = c.deliveries.get(req.params.request_id);
    if (!d || d.mailboxId !== ctx.home(req).id) throw new SbError(404, 'delivery_not_found', `No send with request_id ${req.params.request_id} for this mailbox`);
    return {
      request_id: d.requestId, status: d.status, message_id: d.messageId, via: d.via, recipients: d.recipients.length, queued_at: iso(d.queued),
      sent_at: d.sent === null ? null : iso(d.sent), delivered_to_sandbox_mailboxes: d.delivered, held_by_sandbox: d.held, failure: d.failure,
    };
  }, { accepts: NOTHING });

  r('GET', '/messages/sending-limits', READ, (req) => {
    const now = engine.now();
    const used = usedToday(c, ctx.home(req).id, now);
    return {
      remaining_today: DAILY_RECIPIENTS - used, limited_by: 'mailbox', daily_limit: DAILY_RECIPIENTS, used_today: used, max_recipients_per_message: MAX_RECIPIENTS,
      resets_at: iso(dayStart(now) + DAY), api: { requests_per_window: engine.rateLimit.limit, window_seconds: engine.rateLimit.windowMs / 1000 },
    };
  }, { accepts: NOTHING });

  r('POST', '/messages/drafts', WRITE, (req) => {
    const mb = ctx.box(req);
    const out = parseOutgoing(mb, req.body, 'draft');
    const drafts = special(mb, 'drafts');
    const m = file(drafts, compose(s, mb, out, engine.now()));
    return reply({ status: 201, body: draftView(drafts, m) });
  }, { accepts: SAVE_DRAFT });

  r('PUT', '/messages/drafts/{uid}', WRITE, (req) => {
    const mb = ctx.box(req);
    const drafts = special(mb, 'drafts');
    const { uidvalidity, ...rest } = req.body as ComposeBody & { uidvalidity: number };
    // A UID means this draft only within its folder's UIDVALIDITY epoch: another epoch could be another message.
    if (uidvalidity !== drafts.uidValidity) {
      throw new SbError(409, 'uidvalidity_mismatch', `Drafts has UIDVALIDITY ${drafts.uidValidity}, not ${uidvalidity}`, {}, 'Read the draft again (read_message in Drafts) for its current uid and uidvalidity.');
    }
    const old = msgOf(drafts, req.params.uid);
    const out = parseOutgoing(mb, rest, 'draft');
    drafts.messages.delete(old.uid);
    const m = file(drafts, compose(s, mb, out, engine.now()));
    return { ...draftView(drafts, m), replaced_uid: old.uid };
  }, { accepts: UPDATE_DRAFT });

  r('POST', '/messages/scheduled', SEND, (req) => {
    // The queue is the mailbox's; a connected account named here is the one the message goes out through.
    const home = ctx.home(req);
    const body = req.body as ComposeBody & { scheduled_for: string; timezone?: string };
    const at = sendTime(engine, body);
    const from = body.external_account_id === undefined ? home : accountOf(c, home.id, body.external_account_id).box;
    const out = parseOutgoing(from, body, 'schedule');
    const job: Scheduled = { id: s.next.scheduled++, scheduledFor: at, timezone: body.timezone ?? null, created: engine.now(), draft: out, externalAccountId: body.external_account_id };
    home.scheduled.set(job.id, job);
    return reply({ status: 201, body: { scheduled: scheduledView(job) } });
  }, { accepts: SCHEDULE });

  r('GET', '/messages/scheduled', READ, (req) => {
    const status = one(req.query, 'status') ?? 'pending';
    const all = [...queueOf(req).scheduled.values()]
      .filter((j) => status === 'all' || (j.status ?? 'pending') === status)
      .sort((a, b) => a.scheduledFor - b.scheduledFor || a.id - b.id).map(scheduledView);
    return cursorPage(all, one(req.query, 'cursor'), Number(one(req.query, 'per_page') ?? 100));
  }, { accepts: LIST_SCHEDULED });

  // Re-timing moves a waiting message (a limit_reached one waits again as pending); it sends nothing now.
  r('PATCH', '/messages/scheduled/{scheduled_id}', SEND, (req) => {
    const home = ctx.home(req);
    const id = Number(req.params.scheduled_id);
    if (home.sentScheduled.has(id)) throw new SbError(409, 'already_sent', `Scheduled message ${id} was already sent`);
    const job = home.scheduled.get(id);
    if (!job) throw notFound('Scheduled message');
    const body = req.body as { scheduled_for: string; timezone?: string };
    job.scheduledFor = sendTime(engine, body);
    job.timezone = body.timezone ?? null;
    job.status = 'pending';
    return { scheduled: scheduledView(job) };
  }, { accepts: RESCHEDULE });

  r('DELETE', '/messages/scheduled/{scheduled_id}', SEND, (req) => {
    const mb = queueOf(req);
    const id = Number(req.params.scheduled_id);
    if (mb.sentScheduled.has(id)) throw new SbError(409, 'already_sent', `Scheduled message ${id} was already sent`);
    if (!mb.scheduled.delete(id)) throw notFound('Scheduled message');
    return { cancelled: true, id };
  }, { accepts: CANCEL_SCHEDULED });
}
