import type { SandboxEngine } from '../../../sandbox/engine.js';
import type { InfraState } from './state.js';

/** Domain signature, mail hosting, aliases, Domain Connect, deliverability and bounces (catalog wave v1.10). */
export function registerDomainSettings(engine: SandboxEngine, s: InfraState): void {
  void engine;
  void s;
}
