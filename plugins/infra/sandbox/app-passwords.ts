import type { SandboxEngine } from '../../../sandbox/engine.js';
import type { InfraState } from './state.js';

/** Mailbox app passwords and client authentication mode (catalog wave v1.10). */
export function registerAppPasswords(engine: SandboxEngine, s: InfraState): void {
  void engine;
  void s;
}
