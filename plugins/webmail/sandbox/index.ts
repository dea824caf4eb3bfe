import type { SandboxEngine, SbRequest } from '../../../sandbox/engine.js';
import { registerBook } from './book.js';
import { accountOf, connectedState, externalIdOf, type WebmailCtx } from './connected.js';
import { registerExternal } from './external.js';
import { registerFolders } from './folders.js';
import { registerMail } from './mail.js';
import { flushScheduled, registerOutbox } from './outbox.js';
import { registerSettings } from './settings.js';
import { newMailbox, webmailState, type Mailbox } from './state.js';

/**
 * Webmail routes of the API emulator. A message token is bound to one mailbox (demo@demo.trekmail.test); sending
 * files a copy in Sent and delivers only to the sandbox's own mailboxes; scheduled messages go out when their time
 * comes (engine.now(), checked on each request). A call naming external_account_id acts on that connected account's
 * mailbox instead. Every route declares the fields it accepts (sandbox/api.ts).
 */
export default function register(engine: SandboxEngine): void {
  const s = webmailState(engine);
  const c = connectedState(engine);
  const mailbox = (id: number): Mailbox => {
    let mb = s.mailboxes.get(id);
    if (!mb) s.mailboxes.set(id, (mb = newMailbox(id, `mailbox${id}@demo.trekmail.test`, `Mailbox ${id}`)));
    flushScheduled(s, c, mb, engine.now(), (ext) => c.accounts.get(ext)?.box);
    return mb;
  };
  /** The token's own mailbox. */
  const home = (req: SbRequest): Mailbox => mailbox(req.token.mailboxId ?? 1);
  /** The mailbox a call acts on: a connected account's when it names one, else the token's own. */
  const box = (req: SbRequest): Mailbox => {
    const own = home(req);
    const ext = externalIdOf(req);
    return ext === undefined ? own : accountOf(c, own.id, ext).box;
  };
  const ctx: WebmailCtx = { s, c, home, box, mailbox };
  // Routes with literal paths first: /messages/{uid} would otherwise match /messages/contacts and the like.
  registerExternal(engine, ctx);
  registerBook(engine, s, box);
  registerSettings(engine, ctx);
  registerFolders(engine, box);
  registerOutbox(engine, ctx);
  registerMail(engine, box, (req) => c.replyPolicy.get(home(req).id) ?? 'recipient');
}

