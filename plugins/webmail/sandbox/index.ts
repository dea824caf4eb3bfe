import type { SandboxEngine, SbRequest } from '../../../sandbox/engine.js';
import { registerBook } from './book.js';
import { registerFolders } from './folders.js';
import { registerMail } from './mail.js';
import { flushScheduled, registerOutbox } from './outbox.js';
import { registerSettings } from './settings.js';
import { newMailbox, webmailState, type Mailbox } from './state.js';

/**
 * Webmail routes of the API emulator. A message token is bound to one mailbox (demo@demo.trekmail.test); sending
 * files a copy in Sent and delivers only to the sandbox's own mailboxes; scheduled messages go out when their time
 * comes (engine.now(), checked on each request). Every route declares the fields it accepts (sandbox/api.ts).
 */
export default function register(engine: SandboxEngine): void {
  const s = webmailState(engine);
  const box = (req: SbRequest): Mailbox => {
    const id = req.token.mailboxId ?? 1;
    let mb = s.mailboxes.get(id);
    if (!mb) s.mailboxes.set(id, (mb = newMailbox(id, `mailbox${id}@demo.trekmail.test`, `Mailbox ${id}`)));
    flushScheduled(s, mb, engine.now());
    return mb;
  };
  // Routes with literal paths first: /messages/{uid} would otherwise match /messages/contacts and the like.
  registerBook(engine, s, box);
  registerSettings(engine, s, box);
  registerFolders(engine, box);
  registerOutbox(engine, s, box);
  registerMail(engine, box);
}
