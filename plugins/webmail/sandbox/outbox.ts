import { randomUUID } from 'node:crypto';
import { invalid, notFound, reply, SbError, type SandboxEngine, type SbRequest } from '../../../sandbox/engine.js';
import { LIST_SCHEDULED, NOTHING, SAVE_DRAFT, SCHEDULE, SEND as SEND_FIELDS, UPDATE_DRAFT } from './api.js';
import { cursorPage, instant, iso, knownZone, one, READ, SEND, WRITE } from './common.js';
import { msgOf, special } from './folders.js';
import type { Addr } from './mime.js';
import { DOMAIN, file, type Attachment, type Mailbox, type Message, type Outgoing, type Scheduled, type WebmailState } from './state.js';

/** Sending now, drafts and scheduled send of the webmail emulator: what the API does with an outgoing message. */

const MB = 1024 * 1024;
const MAX_RECIPIENTS = 10;
type Kind = 'send' | 'draft' | 'schedule';
/** The API's attachment limits: per file and together. */
const LIMITS: Record<Kind, { file: number; total: number }> = { send: { file: 5 * MB, total: 10 * MB }, draft: { file: 25 * MB, total: 25 * MB }, schedule: { file: 0, total: 0 } };

interface ComposeBody {
  to?: string[];
  cc?: string[];
  bcc?: string[];
  subject?: string;
  body?: { text: string | null; html: string | null };
  reply_to_message_id?: string;
  identity_id?: number;
  attachments?: { filename: string; content_type: string; content_base64: string }[];
}

/**
 * The cross-field rules of a compose body (its fields were checked against the route's declaration already):
 * a message sent now needs a body part, 10 recipients at most together, attachment sizes, a known identity.
 */
export function parseOutgoing(mb: Mailbox, b: ComposeBody, kind: Kind): Outgoing {
  const errors: Record<string, string> = {};
  const [to, cc, bcc] = [b.to ?? [], b.cc ?? [], b.bcc ?? []];
  if (to.length + cc.length + bcc.length > MAX_RECIPIENTS) errors.to = `to, cc and bcc together take ${MAX_RECIPIENTS} recipients at most`;
  const text = b.body?.text ?? undefined;
  const html = b.body?.html ?? undefined;
  if (kind === 'send' && text === undefined && html === undefined) errors.body = 'needs text or html';
  if (b.identity_id !== undefined && !mb.identities.has(b.identity_id)) errors.identity_id = 'unknown identity of this mailbox';
  const attachments: Attachment[] = (b.attachments ?? []).map((a, i) => {
    const data = Buffer.from(a.content_base64, 'base64');
    if (data.length > LIMITS[kind].file) errors[`attachments.${i}`] = `is larger than ${LIMITS[kind].file / MB} MB`;
    return { filename: a.filename, contentType: a.content_type, data };
  });
  if (attachments.reduce((n, a) => n + a.data.length, 0) > LIMITS[kind].total) errors.attachments = `are larger than ${LIMITS[kind].total / MB} MB together`;
  if (Object.keys(errors).length) throw invalid(errors);
  return { to, cc, bcc, subject: b.subject ?? '', text, html, identityId: b.identity_id, replyToMessageId: b.reply_to_message_id, attachments };
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
  return {
    messageId: `<sb${s.next.message++}.${now.toString(36)}@${DOMAIN}>`,
    subject: out.subject, from, to: out.to.map(addr), cc: out.cc.map(addr), bcc: out.bcc.map(addr),
    replyTo: ident?.replyTo ? [addr(ident.replyTo)] : [], date: now, text: out.text, html: out.html, attachments: out.attachments,
    seen: true, flagged: false, answered: false,
    inReplyTo: out.replyToMessageId, references: out.replyToMessageId ? [...(original?.references ?? []), out.replyToMessageId] : [],
    threadId: original?.threadId ?? `t${s.next.thread++}`, identityId: ident?.id,
  };
}

/**
 * Sends: a copy is filed in Sent, recipients that are sandbox mailboxes (or their aliases) get it in their INBOX
 * (Junk when they block the sender); every other recipient is held. Nothing leaves the sandbox. The answer is the
 * API's (queued, message_id, request_id) plus what the sandbox did with it.
 */
export function send(s: WebmailState, mb: Mailbox, out: Outgoing, now: number, scheduledId?: number) {
  const msg = compose(s, mb, out, now);
  const copy = file(special(mb, 'sent'), msg);
  const delivered: string[] = [];
  const held: string[] = [];
  for (const rcpt of [...new Set([...out.to, ...out.cc, ...out.bcc].map((r) => r.toLowerCase()))]) {
    const target = [...s.mailboxes.values()].find((m) => m.email === rcpt || m.aliases.includes(rcpt));
    if (!target) {
      held.push(rcpt);
      continue;
    }
    const folder = special(target, isBlocked(target, msg.from.email) ? 'junk' : 'inbox');
    file(folder, { ...msg, bcc: [], seen: false, attachments: msg.attachments.map((a) => ({ ...a })) });
    delivered.push(rcpt);
  }
  s.outbox.push({ mailboxId: mb.id, messageId: msg.messageId, subject: msg.subject, at: now, scheduledId, delivered, held });
  return {
    status: 'queued', message_id: msg.messageId, request_id: randomUUID(), queued_at: iso(now),
    sent_uid: copy.uid, folder: 'Sent', delivered_to_sandbox_mailboxes: delivered, held_by_sandbox: held,
  };
}

/** Scheduled messages whose time has come are sent (checked on every request of the mailbox). */
export function flushScheduled(s: WebmailState, mb: Mailbox, now: number): void {
  for (const job of [...mb.scheduled.values()].sort((a, b) => a.scheduledFor - b.scheduledFor)) {
    if (job.scheduledFor > now) continue;
    mb.scheduled.delete(job.id);
    mb.sentScheduled.add(job.id);
    send(s, mb, job.draft, job.scheduledFor, job.id);
  }
}

const scheduledView = (j: Scheduled) => ({
  id: j.id, status: 'pending', scheduled_for: iso(j.scheduledFor), timezone: j.timezone, subject: j.draft.subject, to: j.draft.to, cc: j.draft.cc, created_at: iso(j.created),
});

const draftView = (drafts: { uidValidity: number }, m: Message) => ({ uid: m.uid, uidvalidity: drafts.uidValidity, folder: 'Drafts', message_id: m.messageId, subject: m.subject });

export function registerOutbox(engine: SandboxEngine, s: WebmailState, box: (req: SbRequest) => Mailbox): void {
  const r = engine.route.bind(engine);

  r('POST', '/messages/send', SEND, (req) => {
    const mb = box(req);
    const out = parseOutgoing(mb, req.body, 'send');
    return reply({ status: 202, body: send(s, mb, out, engine.now()) });
  }, { accepts: SEND_FIELDS });

  r('POST', '/messages/drafts', WRITE, (req) => {
    const mb = box(req);
    const out = parseOutgoing(mb, req.body, 'draft');
    const drafts = special(mb, 'drafts');
    const m = file(drafts, compose(s, mb, out, engine.now()));
    return reply({ status: 201, body: draftView(drafts, m) });
  }, { accepts: SAVE_DRAFT });

  r('PUT', '/messages/drafts/{uid}', WRITE, (req) => {
    const mb = box(req);
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
    const mb = box(req);
    const body = req.body as ComposeBody & { scheduled_for: string; timezone?: string };
    if (body.timezone !== undefined && !knownZone(body.timezone)) throw invalid({ timezone: 'must be an IANA time zone, e.g. Europe/Berlin' });
    const at = instant(body.scheduled_for, body.timezone);
    if (at <= engine.now()) throw invalid({ scheduled_for: 'must be in the future' });
    const out = parseOutgoing(mb, body, 'schedule');
    const job: Scheduled = { id: s.next.scheduled++, scheduledFor: at, timezone: body.timezone ?? null, created: engine.now(), draft: out };
    mb.scheduled.set(job.id, job);
    return reply({ status: 201, body: { scheduled: scheduledView(job) } });
  }, { accepts: SCHEDULE });

  r('GET', '/messages/scheduled', READ, (req) => {
    const mb = box(req);
    const all = [...mb.scheduled.values()].sort((a, b) => a.scheduledFor - b.scheduledFor || a.id - b.id).map(scheduledView);
    return cursorPage(all, one(req.query, 'cursor'), Number(one(req.query, 'per_page') ?? 100));
  }, { accepts: LIST_SCHEDULED });

  r('DELETE', '/messages/scheduled/{scheduled_id}', SEND, (req) => {
    const mb = box(req);
    const id = Number(req.params.scheduled_id);
    if (mb.sentScheduled.has(id)) throw new SbError(409, 'already_sent', `Scheduled message ${id} was already sent`);
    if (!mb.scheduled.delete(id)) throw notFound('Scheduled message');
    return { cancelled: true, id };
  }, { accepts: NOTHING });
}
