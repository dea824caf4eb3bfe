import { invalid, notFound, reply, SbError, type SandboxEngine, type SbRequest } from '../../../sandbox/engine.js';
import { rawMessage, stripHtml, zip, type Addr } from './mime.js';
import { DOMAIN, file, type Attachment, type Folder, type Mailbox, type Message, type Outgoing, type WebmailState } from './state.js';

/** Messages, folders, attachments, drafts, scheduled send and compose data of the webmail emulator. */

const READ = 'messages:read';
const WRITE = 'messages:write';
const SEND = 'messages:send';
const MAX_ATTACHMENT = 25 * 1024 * 1024;
const EMAIL = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/;

type Q = Record<string, string | string[]>;
const one = (q: Q, k: string): string | undefined => (Array.isArray(q[k]) ? (q[k] as string[])[0] : (q[k] as string | undefined));
const addrOut = (a: Addr) => ({ name: a.name ?? null, email: a.email });
const iso = (t: number) => new Date(t).toISOString();

/** Canonical path: INBOX is case-insensitive, other paths exact. */
const canon = (path: string) => (path.toUpperCase() === 'INBOX' ? 'INBOX' : path);

export function folderOf(mb: Mailbox, path: unknown, fallback = 'INBOX'): Folder {
  const p = typeof path === 'string' && path ? canon(path) : fallback;
  const f = mb.folders.get(p);
  if (!f) throw new SbError(404, 'folder_not_found', `Folder "${p}" not found`, {}, 'list_folders shows the folder paths.');
  return f;
}

function msgOf(f: Folder, uid: unknown): Message {
  const n = Number(uid);
  const m = Number.isInteger(n) ? f.messages.get(n) : undefined;
  if (!m) throw new SbError(404, 'message_not_found', `No message with UID ${String(uid)} in ${f.path}`, {}, 'UIDs are per folder; list_messages shows them.');
  return m;
}

const special = (mb: Mailbox, kind: Folder['special']) => [...mb.folders.values()].find((f) => f.special === kind)!;

function bodyPlain(m: Message): string {
  return m.text ?? (m.html ? stripHtml(m.html) : '');
}

export function summary(m: Message, f: Folder) {
  const plain = bodyPlain(m).replace(/\s+/g, ' ').trim();
  return {
    uid: m.uid,
    folder: f.path,
    message_id: m.messageId,
    thread_id: m.threadId,
    subject: m.subject,
    from: addrOut(m.from),
    to: m.to.map(addrOut),
    date: iso(m.date),
    flags: { seen: m.seen, flagged: m.flagged, answered: m.answered },
    size: size(m),
    has_attachments: m.attachments.length > 0,
    attachment_count: m.attachments.length,
    preview: plain.length > 160 ? plain.slice(0, 160) : plain,
  };
}

const size = (m: Message) => (m.text?.length ?? 0) + (m.html?.length ?? 0) + m.attachments.reduce((n, a) => n + a.data.length, 0) + 600;

function full(m: Message, f: Folder) {
  const { preview: _p, ...head } = summary(m, f);
  return {
    ...head,
    cc: m.cc.map(addrOut),
    bcc: f.special === 'sent' || f.special === 'drafts' ? m.bcc.map(addrOut) : [],
    reply_to: m.replyTo.map(addrOut),
    in_reply_to: m.inReplyTo ?? null,
    references: m.references,
    text: m.text ?? null,
    html: m.html ?? null,
    attachments: m.attachments.map((a, index) => ({ index, filename: a.filename, content_type: a.contentType, size: a.data.length })),
  };
}

/** Moves a message: it leaves its folder and gets the next UID of the destination. */
export function move(from: Folder, m: Message, to: Folder): Message {
  from.messages.delete(m.uid);
  const { uid: _u, ...rest } = m;
  return file(to, rest);
}

/** Own addresses of a mailbox: its address, aliases and identities. */
const own = (mb: Mailbox) => new Set([mb.email, ...mb.aliases, ...[...mb.identities.values()].map((i) => i.email)].map((e) => e.toLowerCase()));

function isBlocked(mb: Mailbox, email: string): boolean {
  const e = email.toLowerCase();
  return [...mb.blocked.values()].some((b) => (b.address.startsWith('@') ? e.endsWith(b.address.toLowerCase()) : e === b.address.toLowerCase()));
}

/** Reads and checks an outgoing message from a request body (drafts may leave everything out). */
export function parseOutgoing(mb: Mailbox, body: Record<string, unknown>, draft: boolean): Outgoing {
  const errors: Record<string, string> = {};
  const list = (k: string, required: boolean): string[] => {
    const v = body[k];
    if (v === undefined || v === null) {
      if (required) errors[k] = 'at least one recipient is required';
      return [];
    }
    if (!Array.isArray(v) || v.some((x) => typeof x !== 'string' || !EMAIL.test(x))) {
      errors[k] = 'must be a list of email addresses';
      return [];
    }
    if (required && !v.length) errors[k] = 'at least one recipient is required';
    return v as string[];
  };
  const to = list('to', !draft);
  const cc = list('cc', false);
  const bcc = list('bcc', false);
  const subject = body.subject;
  if (!draft && (typeof subject !== 'string' || !subject.trim())) errors.subject = 'is required';
  const identityId = body.identity_id;
  if (identityId !== undefined && !mb.identities.has(Number(identityId))) errors.identity_id = 'unknown identity of this mailbox';
  const attachments: Attachment[] = [];
  if (body.attachments !== undefined) {
    if (!Array.isArray(body.attachments)) errors.attachments = 'must be a list';
    else
      body.attachments.forEach((a: any, i: number) => {
        if (!a || typeof a.filename !== 'string' || typeof a.content_base64 !== 'string') {
          errors[`attachments.${i}`] = 'needs filename and content_base64';
          return;
        }
        const data = Buffer.from(a.content_base64, 'base64');
        if (data.length > MAX_ATTACHMENT) errors[`attachments.${i}`] = 'is larger than 25 MB';
        attachments.push({ filename: a.filename, contentType: typeof a.content_type === 'string' ? a.content_type : 'application/octet-stream', data });
      });
  }
  if (Object.keys(errors).length) throw invalid(errors);
  return {
    to, cc, bcc, subject: typeof subject === 'string' ? subject : '',
    text: typeof body.text === 'string' ? body.text : undefined,
    html: typeof body.html === 'string' ? body.html : undefined,
    identityId: identityId === undefined ? undefined : Number(identityId),
    inReplyTo: typeof body.in_reply_to === 'string' ? body.in_reply_to : undefined,
    references: Array.isArray(body.references) ? body.references.filter((r): r is string => typeof r === 'string') : [],
    attachments,
  };
}

/** The message an outgoing becomes (From from its identity; threading from In-Reply-To). */
function compose(s: WebmailState, mb: Mailbox, out: Outgoing, now: number): Omit<Message, 'uid'> {
  const ident = out.identityId ? mb.identities.get(out.identityId)! : [...mb.identities.values()].find((i) => i.isDefault);
  const from: Addr = ident ? { name: ident.name ?? undefined, email: ident.email } : { name: mb.name, email: mb.email };
  const addr = (e: string): Addr => ({ email: e });
  let threadId: string | undefined;
  if (out.inReplyTo) {
    for (const f of mb.folders.values()) {
      for (const m of f.messages.values()) {
        if (m.messageId === out.inReplyTo) {
          threadId = m.threadId;
          if (f.special !== 'sent' && f.special !== 'drafts') m.answered = true;
        }
      }
    }
  }
  return {
    messageId: `<sb${s.next.message++}.${now.toString(36)}@${DOMAIN}>`,
    subject: out.subject, from, to: out.to.map(addr), cc: out.cc.map(addr), bcc: out.bcc.map(addr),
    replyTo: ident?.replyTo ? [addr(ident.replyTo)] : [], date: now, text: out.text, html: out.html, attachments: out.attachments,
    seen: true, flagged: false, answered: false, inReplyTo: out.inReplyTo, references: out.references,
    threadId: threadId ?? `t${s.next.thread++}`, identityId: ident?.id,
  };
}

/**
 * Sends: a copy is filed in Sent, recipients that are sandbox mailboxes (or their aliases) get it in their INBOX
 * (Junk when they block the sender); every other recipient is held. Nothing leaves the sandbox.
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
  return { sent: true, message_id: msg.messageId, sent_uid: copy.uid, folder: 'Sent', delivered_to_sandbox_mailboxes: delivered, held_by_sandbox: held };
}

/** Scheduled messages whose time has come are sent (checked on every request of the mailbox). */
export function flushScheduled(s: WebmailState, mb: Mailbox, now: number): void {
  for (const job of [...mb.scheduled.values()].sort((a, b) => a.sendAt - b.sendAt)) {
    if (job.sendAt > now) continue;
    mb.scheduled.delete(job.id);
    mb.sentScheduled.add(job.id);
    send(s, mb, job.draft, job.sendAt, job.id);
  }
}

const scheduledView = (j: { id: number; sendAt: number; timezone: string | null; created: number; draft: Outgoing }) => ({
  id: j.id, status: 'pending', send_at: iso(j.sendAt), timezone: j.timezone, subject: j.draft.subject, to: j.draft.to, cc: j.draft.cc,
  attachment_count: j.draft.attachments.length, created_at: iso(j.created),
});

const quote = (m: Message) => bodyPlain(m).split('\n').map((l) => `> ${l}`).join('\n');
const prefixed = (prefix: string, subject: string) => (new RegExp(`^${prefix}:`, 'i').test(subject) ? subject : `${prefix}: ${subject}`);
const fmt = (a: Addr) => (a.name ? `${a.name} <${a.email}>` : a.email);

export function registerMail(engine: SandboxEngine, s: WebmailState, box: (req: SbRequest) => Mailbox): void {
  const r = engine.route.bind(engine);

  // Literal paths first: /messages/{uid} would also match them.
  r('GET', '/messages/folders', READ, (req) => {
    const mb = box(req);
    const order = (f: Folder) => (f.special ? ['inbox', 'sent', 'drafts', 'junk', 'trash'].indexOf(f.special) : 10);
    const folders = [...mb.folders.values()].sort((a, b) => order(a) - order(b) || a.path.localeCompare(b.path));
    return { folders: folders.map((f) => folderView(f)) };
  });

  r('POST', '/messages/folders', WRITE, (req) => {
    const mb = box(req);
    const { name, parent } = req.body as { name?: unknown; parent?: unknown };
    if (typeof name !== 'string' || !name.trim()) throw invalid({ name: 'is required' });
    if (name.includes('/')) throw invalid({ name: 'must not contain "/" (use parent for nesting)' });
    const p = parent === undefined || parent === null || parent === '' ? undefined : folderOf(mb, parent).path;
    const path = p ? `${p}/${name}` : name;
    if (mb.folders.has(canon(path))) throw new SbError(409, 'folder_exists', `Folder "${path}" already exists`);
    const f: Folder = { path, uidNext: 1, messages: new Map() };
    mb.folders.set(path, f);
    return reply({ status: 201, body: { folder: folderView(f) } });
  });

  r('POST', '/messages/folders:empty', WRITE, (req) => {
    const mb = box(req);
    const name = (req.body as { folder?: unknown }).folder;
    if (name !== 'Trash' && name !== 'Junk') throw invalid({ folder: 'must be Trash or Junk' });
    const f = special(mb, name === 'Trash' ? 'trash' : 'junk');
    const n = f.messages.size;
    f.messages.clear();
    return { emptied: f.path, deleted: n };
  });

  r('PATCH', '/messages/folders/{path}', WRITE, (req) => {
    const mb = box(req);
    const f = folderOf(mb, req.params.path);
    const name = (req.body as { name?: unknown }).name;
    if (typeof name !== 'string' || !name.trim()) throw invalid({ name: 'is required' });
    if (name.includes('/')) throw invalid({ name: 'must not contain "/"' });
    if (f.special) throw new SbError(422, 'special_folder', `${f.path} is a system folder and cannot be renamed`);
    const parent = f.path.includes('/') ? f.path.slice(0, f.path.lastIndexOf('/')) : '';
    const path = parent ? `${parent}/${name}` : name;
    if (mb.folders.has(canon(path))) throw new SbError(409, 'folder_exists', `Folder "${path}" already exists`);
    const old = f.path;
    for (const sub of [...mb.folders.values()].filter((x) => x.path === old || x.path.startsWith(`${old}/`))) {
      mb.folders.delete(sub.path);
      sub.path = path + sub.path.slice(old.length);
      mb.folders.set(sub.path, sub);
    }
    return { folder: folderView(f), old_path: old };
  });

  r('DELETE', '/messages/folders/{path}', WRITE, (req) => {
    const mb = box(req);
    const f = folderOf(mb, req.params.path);
    if (f.special) throw new SbError(422, 'special_folder', `${f.path} is a system folder and cannot be deleted`);
    const doomed = [...mb.folders.values()].filter((x) => x.path === f.path || x.path.startsWith(`${f.path}/`));
    const messages = doomed.reduce((n, x) => n + x.messages.size, 0);
    for (const x of doomed) mb.folders.delete(x.path);
    return { deleted: true, path: f.path, folders_deleted: doomed.length, messages_deleted: messages };
  });

  r('POST', '/messages/send', SEND, (req) => {
    const mb = box(req);
    const out = parseOutgoing(mb, req.body ?? {}, false);
    return reply({ status: 201, body: send(s, mb, out, engine.now()) });
  });

  r('POST', '/messages/bulk', WRITE, (req) => {
    const mb = box(req);
    const { folder, uids, action, destination } = req.body as { folder?: unknown; uids?: unknown; action?: unknown; destination?: unknown };
    const actions = ['read', 'unread', 'star', 'unstar', 'delete', 'move', 'spam', 'notspam'];
    if (typeof action !== 'string' || !actions.includes(action)) throw invalid({ action: `must be one of ${actions.join(', ')}` });
    if (!Array.isArray(uids) || !uids.length || uids.length > 50 || uids.some((u) => !Number.isInteger(u))) throw invalid({ uids: '1-50 integer UIDs' });
    if (action === 'move' && (typeof destination !== 'string' || !destination)) throw invalid({ destination: 'is required for move' });
    const f = folderOf(mb, folder);
    const dest = action === 'move' ? folderOf(mb, destination) : undefined;
    const results = (uids as number[]).map((uid) => {
      const m = f.messages.get(uid);
      if (!m) return { uid, ok: false, error: 'not_found' };
      switch (action) {
        case 'read': case 'unread': m.seen = action === 'read'; return { uid, ok: true };
        case 'star': case 'unstar': m.flagged = action === 'star'; return { uid, ok: true };
        case 'delete': {
          if (f.special === 'trash') return f.messages.delete(uid), { uid, ok: true, deleted: 'permanently' };
          return { uid, ok: true, new_uid: move(f, m, special(mb, 'trash')).uid, moved_to: 'Trash' };
        }
        case 'spam': return { uid, ok: true, new_uid: move(f, m, special(mb, 'junk')).uid, moved_to: 'Junk' };
        case 'notspam': return { uid, ok: true, new_uid: move(f, m, special(mb, 'inbox')).uid, moved_to: 'INBOX' };
        default: return { uid, ok: true, new_uid: move(f, m, dest!).uid, moved_to: dest!.path };
      }
    });
    return { action, folder: f.path, processed: results.filter((x) => x.ok).length, failed: results.filter((x) => !x.ok).length, results };
  });

  r('POST', '/messages/drafts', WRITE, (req) => {
    const mb = box(req);
    const out = parseOutgoing(mb, req.body ?? {}, true);
    const m = file(special(mb, 'drafts'), compose(s, mb, out, engine.now()));
    return reply({ status: 201, body: { uid: m.uid, folder: 'Drafts', message_id: m.messageId, subject: m.subject } });
  });

  r('PUT', '/messages/drafts/{uid}', WRITE, (req) => {
    const mb = box(req);
    const drafts = special(mb, 'drafts');
    const old = msgOf(drafts, req.params.uid);
    const out = parseOutgoing(mb, req.body ?? {}, true);
    drafts.messages.delete(old.uid);
    const m = file(drafts, compose(s, mb, out, engine.now()));
    // The API answers the draft and the UID it replaced; the tool puts the new UID first.
    return { replaced_uid: old.uid, draft: { uid: m.uid, folder: 'Drafts', message_id: m.messageId, subject: m.subject, to: out.to } };
  });

  r('POST', '/messages/scheduled', SEND, (req) => {
    const mb = box(req);
    const body = req.body ?? {};
    const out = parseOutgoing(mb, body, false);
    const at = typeof body.send_at === 'string' ? Date.parse(body.send_at) : NaN;
    if (Number.isNaN(at)) throw invalid({ send_at: 'must be an ISO 8601 date-time' });
    if (at <= engine.now()) throw invalid({ send_at: 'must be in the future' });
    const job = { id: s.next.scheduled++, sendAt: at, timezone: typeof body.timezone === 'string' ? body.timezone : null, created: engine.now(), draft: out };
    mb.scheduled.set(job.id, job);
    return reply({ status: 201, body: { scheduled: scheduledView(job) } });
  });

  r('GET', '/messages/scheduled', READ, (req) => {
    const mb = box(req);
    return { data: [...mb.scheduled.values()].sort((a, b) => a.sendAt - b.sendAt).map(scheduledView) };
  });

  r('DELETE', '/messages/scheduled/{scheduled_id}', SEND, (req) => {
    const mb = box(req);
    const id = Number(req.params.scheduled_id);
    if (mb.sentScheduled.has(id)) throw new SbError(409, 'already_sent', `Scheduled message ${id} was already sent`);
    if (!mb.scheduled.delete(id)) throw notFound('Scheduled message');
    return { cancelled: true, id };
  });

  r('GET', '/messages', READ, (req) => {
    const mb = box(req);
    const f = folderOf(mb, one(req.query, 'folder'));
    const limit = Math.min(100, Math.max(1, Number(one(req.query, 'limit') ?? 25) || 25));
    const before = Number(one(req.query, 'before_uid') ?? 0) || Infinity;
    const since = one(req.query, 'since') ? Date.parse(one(req.query, 'since')!) : -Infinity;
    const unread = one(req.query, 'unread_only') === 'true';
    const q = one(req.query, 'search')?.toLowerCase();
    const all = [...f.messages.values()]
      .filter((m) => m.uid < before && m.date >= since && (!unread || !m.seen))
      .filter((m) => !q || [m.subject, m.from.email, m.from.name ?? '', bodyPlain(m)].some((x) => x.toLowerCase().includes(q)))
      .sort((a, b) => b.uid - a.uid);
    const page = all.slice(0, limit);
    return { folder: f.path, total: all.length, messages: page.map((m) => summary(m, f)), next_before_uid: all.length > limit ? page[page.length - 1].uid : null };
  });

  r('GET', '/messages/{uid}', READ, (req) => {
    const mb = box(req);
    const f = folderOf(mb, one(req.query, 'folder'));
    const m = msgOf(f, req.params.uid);
    m.seen = true;
    return { message: full(m, f) };
  });

  r('DELETE', '/messages/{uid}', WRITE, (req) => {
    const mb = box(req);
    const f = folderOf(mb, one(req.query, 'folder'));
    const m = msgOf(f, req.params.uid);
    if (f.special === 'trash') {
      f.messages.delete(m.uid);
      return { deleted: true, uid: m.uid, folder: f.path, permanently: true };
    }
    const moved = move(f, m, special(mb, 'trash'));
    return { deleted: true, uid: m.uid, folder: f.path, moved_to: 'Trash', new_uid: moved.uid };
  });

  r('PATCH', '/messages/{uid}', WRITE, (req) => {
    const mb = box(req);
    const f = folderOf(mb, (req.body as { folder?: unknown }).folder);
    const m = msgOf(f, req.params.uid);
    const flags = (req.body as { flags?: Record<string, unknown> }).flags;
    if (!flags || typeof flags !== 'object') throw invalid({ flags: 'is required' });
    if (typeof flags.seen === 'boolean') m.seen = flags.seen;
    if (typeof flags.flagged === 'boolean') m.flagged = flags.flagged;
    return { uid: m.uid, folder: f.path, flags: { seen: m.seen, flagged: m.flagged, answered: m.answered } };
  });

  r('POST', '/messages/{uid}:move', WRITE, (req) => {
    const mb = box(req);
    const body = req.body as { folder?: unknown; destination?: unknown };
    const f = folderOf(mb, body.folder);
    const m = msgOf(f, req.params.uid);
    if (typeof body.destination !== 'string' || !body.destination) throw invalid({ destination: 'is required' });
    const dest = folderOf(mb, body.destination);
    if (dest === f) throw invalid({ destination: 'is the folder the message is already in' });
    const moved = move(f, m, dest);
    return { moved: true, uid: m.uid, folder: f.path, destination: dest.path, new_uid: moved.uid };
  });

  for (const [verb, target] of [['spam', 'junk'], ['ham', 'inbox']] as const) {
    r('POST', `/messages/{uid}:${verb}`, WRITE, (req) => {
      const mb = box(req);
      const f = folderOf(mb, (req.body as { folder?: unknown }).folder);
      const m = msgOf(f, req.params.uid);
      const dest = special(mb, target);
      if (dest === f) throw new SbError(422, 'already_there', `The message is already in ${f.path}`);
      const moved = move(f, m, dest);
      return { reported: verb, uid: m.uid, folder: f.path, moved_to: dest.path, new_uid: moved.uid };
    });
  }

  r('GET', '/messages/{uid}/raw', READ, (req) => {
    const mb = box(req);
    const f = folderOf(mb, one(req.query, 'folder'));
    const m = msgOf(f, req.params.uid);
    const text = rawMessage({ ...m, attachments: m.attachments.map((a) => ({ filename: a.filename, contentType: a.contentType, data: a.data })) });
    return reply({ text, contentType: 'message/rfc822' });
  });

  r('GET', '/messages/{uid}/attachments/{index}', READ, (req) => {
    const mb = box(req);
    const f = folderOf(mb, one(req.query, 'folder'));
    const m = msgOf(f, req.params.uid);
    const a = m.attachments[Number(req.params.index)];
    if (!a) throw new SbError(404, 'attachment_not_found', `Message ${m.uid} has ${m.attachments.length} attachment(s); index ${req.params.index} does not exist`);
    return { index: Number(req.params.index), filename: a.filename, content_type: a.contentType, size: a.data.length, content_base64: a.data.toString('base64') };
  });

  r('GET', '/messages/{uid}/attachments', READ, (req) => {
    const mb = box(req);
    const f = folderOf(mb, one(req.query, 'folder'));
    const m = msgOf(f, req.params.uid);
    if (!m.attachments.length) throw new SbError(404, 'no_attachments', `Message ${m.uid} has no attachments`);
    const data = zip(m.attachments.map((a) => ({ name: a.filename, data: a.data, date: m.date })));
    return { filename: `message-${m.uid}-attachments.zip`, content_type: 'application/zip', size: data.length, count: m.attachments.length, content_base64: data.toString('base64') };
  });

  const composeFrom = (req: SbRequest) => {
    const mb = box(req);
    const f = folderOf(mb, one(req.query, 'folder'));
    return { mb, m: msgOf(f, req.params.uid) };
  };
  const identityFor = (mb: Mailbox, m: Message) => {
    const rcpts = [...m.to, ...m.cc].map((a) => a.email.toLowerCase());
    return ([...mb.identities.values()].find((i) => rcpts.includes(i.email.toLowerCase())) ?? [...mb.identities.values()].find((i) => i.isDefault))?.id;
  };
  const replyData = (mb: Mailbox, m: Message, all: boolean) => {
    const mine = own(mb);
    const target = m.replyTo.length ? m.replyTo : [m.from];
    const cc = all ? [...m.to, ...m.cc].filter((a) => !mine.has(a.email.toLowerCase()) && !target.some((t) => t.email === a.email)) : [];
    return {
      to: (mine.has(m.from.email.toLowerCase()) ? m.to : target).map(addrOut),
      cc: cc.map(addrOut),
      subject: prefixed('Re', m.subject),
      in_reply_to: m.messageId,
      references: [...m.references, m.messageId],
      identity_id: identityFor(mb, m),
      text: `\n\nOn ${new Date(m.date).toUTCString()}, ${fmt(m.from)} wrote:\n${quote(m)}`,
    };
  };
  r('GET', '/messages/{uid}/reply', READ, (req) => {
    const { mb, m } = composeFrom(req);
    return replyData(mb, m, false);
  });
  r('GET', '/messages/{uid}/reply-all', READ, (req) => {
    const { mb, m } = composeFrom(req);
    return replyData(mb, m, true);
  });
  r('GET', '/messages/{uid}/forward', READ, (req) => {
    const { mb, m } = composeFrom(req);
    const head = [`From: ${fmt(m.from)}`, `Date: ${new Date(m.date).toUTCString()}`, `Subject: ${m.subject}`, `To: ${m.to.map(fmt).join(', ')}`];
    return {
      to: [],
      subject: prefixed('Fwd', m.subject),
      identity_id: identityFor(mb, m),
      text: `\n\n---------- Forwarded message ----------\n${head.join('\n')}\n\n${bodyPlain(m)}`,
      // Attachment metadata only: the client fetches the content it wants to forward.
      attachments: m.attachments.map((a, index) => ({ index, filename: a.filename, content_type: a.contentType, size: a.data.length })),
    };
  });
}

function folderView(f: Folder) {
  const parent = f.path.includes('/') ? f.path.slice(0, f.path.lastIndexOf('/')) : null;
  const unread = [...f.messages.values()].filter((m) => !m.seen).length;
  return { path: f.path, name: parent ? f.path.slice(parent.length + 1) : f.path, parent, special_use: f.special ?? null, total: f.messages.size, unread };
}
