import type { SandboxEngine } from '../../../sandbox/engine.js';
import type { InfraState } from './state.js';

/** Per-domain SMTP routing, the account default, SMTP profiles and their tests (catalog wave v1.10). */
export function registerDomainSmtp(engine: SandboxEngine, s: InfraState): void {
  void engine;
  void s;
}
