import type { SandboxEngine } from '../../../sandbox/engine.js';

/** Agent purchase routes of the API emulator. */
export default function register(engine: SandboxEngine): void {
  void engine;
}
