import type { SandboxEngine } from '../../../sandbox/engine.js';
import { registerAppPasswords } from './app-passwords.js';
import { registerDomainSettings } from './domain-settings.js';
import { registerDomainSmtp } from './domain-smtp.js';
import { registerDomains } from './domains.js';
import { registerForwardingAddresses } from './forwarding-addresses.js';
import { registerMailboxSettings } from './mailbox-settings.js';
import { registerMailboxes } from './mailboxes.js';
import { registerSettings } from './settings.js';
import { registerSharedMailboxes } from './shared-mailboxes.js';
import { seed } from './state.js';
import { registerSupport } from './support.js';

/** Infra routes of the API emulator over one shared state (demo facts: account 1, domain 1, mailbox 1). */
export default function register(engine: SandboxEngine): void {
  const s = engine.store('infra', () => seed(engine));
  registerSupport(engine, s);
  registerDomains(engine, s);
  registerMailboxes(engine, s);
  registerSettings(engine, s);
  registerForwardingAddresses(engine, s);
  registerDomainSettings(engine, s);
  registerDomainSmtp(engine, s);
  registerMailboxSettings(engine, s);
  registerSharedMailboxes(engine, s);
  registerAppPasswords(engine, s);
}
