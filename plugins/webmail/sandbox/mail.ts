import { invalid, SbError, type SandboxEngine, type SbRequest } from '../../../sandbox/engine.js';
import { BULK, FLAGS, IN_FOLDER, IN_FOLDER_BODY, LIST_MESSAGES, MOVE } from './api.js';
import { addrOut, iso, one, READ, WRITE } from './common.js';
import { folderOf, msgOf, special } from './folders.js';
import { rawMessage, stripHtml, zip, type Addr } from './mime.js';
import { own } from './outbox.js';
import { file, type Folder, type Mailbox, type Message } from './state.js';

/** Messages, attachments, bulk actions and compose data of the webmail emulator. */

function bodyPlain(m: Message): string {
  return m.text ?? (m.html ? stripHtml(m.html) : '');
}

const size = (m: Message) => (m.text?.length ?? 0) + (m.html?.length ?? 0) + m.attachments.reduce((n, a) => n + a.data.length, 0) + 600;

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

function full(m: Message, f: Folder) {
  const { preview: _p, ...head } = summary(m, f);
  return {
    ...head,
    uidvalidity: f.uidValidity,
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

const quote = (m: Message) => bodyPlain(m).split('\n').map((l) => `> ${l}`).join('\n');
const prefixed = (prefix: string, subject: string) => (new RegExp(`^${prefix}:`, 'i').test(subject) ? subject : `${prefix}: ${subject}`);
const fmt = (a: Addr) => (a.name ? `${a.name} <${a.email}>` : a.email);

export function registerMail(engine: SandboxEngine, box: (req: SbRequest) => Mailbox, policyOf: (req: SbRequest) => 'recipient' | 'default'): void {
  const r = engine.route.bind(engine);
  /** The folder and message a route addresses (folder from the query or the body). */
  const target = (req: SbRequest, folder: unknown) => {
    const mb = box(req);
    const f = folderOf(mb, folder);
    return { mb, f, m: msgOf(f, req.params.uid) };
  };

  r('POST', '/messages/bulk', WRITE, (req) => {
    const mb = box(req);
    const { folder, uids, action, destination } = req.body as { folder: string; uids: number[]; action: string; destination?: string };
    if (action === 'move' && destination === undefined) throw invalid({ destination: 'is required for move' });
    // spam/notspam train this server's filter: a connected account's mail is moved to its provider's Junk instead.
    if ((action === 'spam' || action === 'notspam') && mb.externalAccountId !== undefined) {
      throw new SbError(422, 'not_supported_for_external_account', `${action} is not available for a connected account`, {}, 'Move the messages to its Junk folder instead.');
    }
    const f = folderOf(mb, folder);
    const dest = action === 'move' ? folderOf(mb, destination) : undefined;
    const results = uids.map((uid) => {
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
  }, { accepts: BULK });

  r('GET', '/messages', READ, (req) => {
    const mb = box(req);
    const f = folderOf(mb, one(req.query, 'folder'));
    const limit = Number(one(req.query, 'limit') ?? 20);
    const before = Number(one(req.query, 'before_uid') ?? 0) || Infinity;
    const since = one(req.query, 'since') ? Date.parse(one(req.query, 'since')!) : -Infinity;
    const unread = one(req.query, 'unread_only') === 'true';
    // The API filters by subject keyword.
    const q = one(req.query, 'search')?.toLowerCase();
    const all = [...f.messages.values()]
      .filter((m) => m.uid < before && m.date >= since && (!unread || !m.seen) && (!q || m.subject.toLowerCase().includes(q)))
      .sort((a, b) => b.uid - a.uid);
    const page = all.slice(0, limit);
    return { folder: f.path, uidvalidity: f.uidValidity, total: all.length, messages: page.map((m) => summary(m, f)), next_before_uid: all.length > limit ? page[page.length - 1].uid : null };
  }, { accepts: LIST_MESSAGES });

  r('GET', '/messages/{uid}', READ, (req) => {
    const { f, m } = target(req, one(req.query, 'folder'));
    m.seen = true;
    return { message: full(m, f) };
  }, { accepts: IN_FOLDER });

  r('DELETE', '/messages/{uid}', WRITE, (req) => {
    const { mb, f, m } = target(req, one(req.query, 'folder'));
    if (f.special === 'trash') {
      f.messages.delete(m.uid);
      return { deleted: true, uid: m.uid, folder: f.path, permanently: true };
    }
    const moved = move(f, m, special(mb, 'trash'));
    return { deleted: true, uid: m.uid, folder: f.path, moved_to: 'Trash', new_uid: moved.uid };
  }, { accepts: IN_FOLDER });

  r('PATCH', '/messages/{uid}', WRITE, (req) => {
    const { f, m } = target(req, req.body.folder);
    const flags = (req.body as { flags: { seen?: boolean; flagged?: boolean } }).flags;
    if (flags.seen === undefined && flags.flagged === undefined) throw invalid({ flags: 'set seen and/or flagged' });
    if (flags.seen !== undefined) m.seen = flags.seen;
    if (flags.flagged !== undefined) m.flagged = flags.flagged;
    return { uid: m.uid, folder: f.path, flags: { seen: m.seen, flagged: m.flagged, answered: m.answered } };
  }, { accepts: FLAGS });

  r('POST', '/messages/{uid}:move', WRITE, (req) => {
    const { mb, f, m } = target(req, req.body.folder);
    const dest = folderOf(mb, req.body.destination);
    if (dest === f) throw invalid({ destination: 'is the folder the message is already in' });
    const moved = move(f, m, dest);
    return { moved: true, uid: m.uid, folder: f.path, destination: dest.path, new_uid: moved.uid };
  }, { accepts: MOVE });

  for (const [verb, to, from] of [['spam', 'junk', 'INBOX'], ['ham', 'inbox', 'Junk']] as const) {
    r('POST', `/messages/{uid}:${verb}`, WRITE, (req) => {
      const mb = box(req);
      // The API's default source: INBOX for spam, Junk for ham.
      const f = folderOf(mb, req.body.folder, from);
      const m = msgOf(f, req.params.uid);
      const dest = special(mb, to);
      if (dest === f) throw new SbError(422, 'already_there', `The message is already in ${f.path}`);
      const moved = move(f, m, dest);
      return { reported: verb, trained: true, uid: m.uid, folder: f.path, moved_to: dest.path, new_uid: moved.uid };
    }, { accepts: IN_FOLDER_BODY });
  }

  // The source travels base64-encoded in JSON (raw_base64), as the API sends it.
  r('GET', '/messages/{uid}/raw', READ, (req) => {
    const { f, m } = target(req, one(req.query, 'folder'));
    const raw = Buffer.from(rawMessage({ ...m, attachments: m.attachments.map((a) => ({ filename: a.filename, contentType: a.contentType, data: a.data })) }), 'utf8');
    return { uid: m.uid, folder: f.path, size: raw.length, raw_base64: raw.toString('base64') };
  }, { accepts: IN_FOLDER });

  r('GET', '/messages/{uid}/attachments/{index}', READ, (req) => {
    const { m } = target(req, one(req.query, 'folder'));
    const a = m.attachments[Number(req.params.index)];
    if (!a) throw new SbError(404, 'attachment_not_found', `Message ${m.uid} has ${m.attachments.length} attachment(s); index ${req.params.index} does not exist`);
    return { index: Number(req.params.index), filename: a.filename, content_type: a.contentType, size: a.data.length, content_base64: a.data.toString('base64') };
  }, { accepts: IN_FOLDER });

  r('GET', '/messages/{uid}/attachments', READ, (req) => {
    const { m } = target(req, one(req.query, 'folder'));
    if (!m.attachments.length) throw new SbError(404, 'no_attachments', `Message ${m.uid} has no attachments`);
    const data = zip(m.attachments.map((a) => ({ name: a.filename, data: a.data, date: m.date })));
    return { filename: `message-${m.uid}-attachments.zip`, content_type: 'application/zip', size: data.length, count: m.attachments.length, content_base64: data.toString('base64') };
  }, { accepts: IN_FOLDER });

  // Reply From policy: the identity the message was written to (recipient), or always the default.
  const identityFor = (mb: Mailbox, m: Message, policy: 'recipient' | 'default') => {
    const rcpts = [...m.to, ...m.cc].map((a) => a.email.toLowerCase());
    const written = policy === 'recipient' ? [...mb.identities.values()].find((i) => rcpts.includes(i.email.toLowerCase())) : undefined;
    return (written ?? [...mb.identities.values()].find((i) => i.isDefault))?.id;
  };
  const replyData = (mb: Mailbox, m: Message, all: boolean, policy: 'recipient' | 'default') => {
    const mine = own(mb);
    const to = m.replyTo.length ? m.replyTo : [m.from];
    const cc = all ? [...m.to, ...m.cc].filter((a) => !mine.has(a.email.toLowerCase()) && !to.some((t) => t.email === a.email)) : [];
    return {
      to: (mine.has(m.from.email.toLowerCase()) ? m.to : to).map(addrOut),
      cc: cc.map(addrOut),
      subject: prefixed('Re', m.subject),
      in_reply_to: m.messageId,
      references: [...m.references, m.messageId],
      identity_id: identityFor(mb, m, policy),
      text: `\n\nOn ${new Date(m.date).toUTCString()}, ${fmt(m.from)} wrote:\n${quote(m)}`,
    };
  };
  r('GET', '/messages/{uid}/reply', READ, (req) => {
    const { mb, m } = target(req, one(req.query, 'folder'));
    return replyData(mb, m, false, policyOf(req));
  }, { accepts: IN_FOLDER });
  r('GET', '/messages/{uid}/reply-all', READ, (req) => {
    const { mb, m } = target(req, one(req.query, 'folder'));
    return replyData(mb, m, true, policyOf(req));
  }, { accepts: IN_FOLDER });
  r('GET', '/messages/{uid}/forward', READ, (req) => {
    const { mb, m } = target(req, one(req.query, 'folder'));
    const head = [`From: ${fmt(m.from)}`, `Date: ${new Date(m.date).toUTCString()}`, `Subject: ${m.subject}`, `To: ${m.to.map(fmt).join(', ')}`];
    return {
      to: [],
      subject: prefixed('Fwd', m.subject),
      identity_id: identityFor(mb, m, policyOf(req)),
      text: `\n\n---------- Forwarded message ----------\n${head.join('\n')}\n\n${bodyPlain(m)}`,
      // Attachment metadata only: the client fetches the content it wants to forward.
      attachments: m.attachments.map((a, index) => ({ index, filename: a.filename, content_type: a.contentType, size: a.data.length })),
    };
  }, { accepts: IN_FOLDER });
}
