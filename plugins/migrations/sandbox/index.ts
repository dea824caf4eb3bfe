import type { SandboxEngine } from '../../../sandbox/engine.js';
import { registerBulk } from './bulk.js';
import { registerGetMigration, registerSingle } from './single.js';

/** Migration routes: single migrations, CSV batches, folder-by-folder progress over a few seconds (see sandbox/model.ts). */
export default function register(engine: SandboxEngine): void {
  registerSingle(engine);
  registerBulk(engine);
  // Last: GET /migrations/{migration_id} would also match /migrations/bulk.
  registerGetMigration(engine);
}
