import type { SandboxEngine } from '../../../sandbox/engine.js';
import type { InfraState } from './state.js';

/** Domain forwarding addresses (catalog wave v1.10). */
export function registerForwardingAddresses(engine: SandboxEngine, s: InfraState): void {
  void engine;
  void s;
}
