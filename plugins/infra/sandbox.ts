import type { SandboxEngine } from '../../sandbox/engine.js';
import { registerDomains } from './sandbox/domains.js';
import { registerMailboxes } from './sandbox/mailboxes.js';
import { registerSettings } from './sandbox/settings.js';
import { seed } from './sandbox/state.js';
import { registerSupport } from './sandbox/support.js';

/** Infra routes of the API emulator over one shared state (demo facts: account 1, domain 1, mailbox 1). */
export default function register(engine: SandboxEngine): void {
  const s = engine.store('infra', () => seed(engine));
  registerSupport(engine, s);
  registerDomains(engine, s);
  registerMailboxes(engine, s);
  registerSettings(engine, s);
}
