import type { SandboxEngine } from '../../../sandbox/engine.js';
import type { InfraState } from './state.js';

/** Shared mailboxes and their members (catalog wave v1.10). */
export function registerSharedMailboxes(engine: SandboxEngine, s: InfraState): void {
  void engine;
  void s;
}
