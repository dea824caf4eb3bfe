import type { SandboxEngine } from '../../../sandbox/engine.js';

/** White Label routes of the API emulator. */
export default function register(engine: SandboxEngine): void {
  void engine;
}
