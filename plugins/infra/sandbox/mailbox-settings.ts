import type { SandboxEngine } from '../../../sandbox/engine.js';
import type { InfraState } from './state.js';

/** Mailbox settings, client setup, Drive access, sign-in, trash and restore, account settings, message token updates (catalog wave v1.10). */
export function registerMailboxSettings(engine: SandboxEngine, s: InfraState): void {
  void engine;
  void s;
}
