import { demoAccount } from '../../../sandbox/account.js';
import type { SandboxEngine } from '../../../sandbox/engine.js';
import { registerAddon } from './addon.js';
import { registerDevices } from './devices.js';
import { registerFiles } from './files.js';
import { registerFolders } from './folders.js';
import { model } from './model.js';
import { registerShares } from './shares.js';
import { registerSpaces } from './spaces.js';
import { seedDrive } from './state.js';
import { registerTrash } from './trash.js';
import { registerUploads } from './uploads.js';

/**
 * Drive routes of the API emulator over one shared state (demo: the account drive and mailbox 1's drive); sync
 * devices keep a store of their own.
 */
export default function register(engine: SandboxEngine): void {
  const d = model(engine, engine.store('drive', () => ({ ...seedDrive(), addon: demoAccount(engine).subscriptions.driveAddon })));
  registerSpaces(engine, d);
  registerFiles(engine, d);
  registerFolders(engine, d);
  registerTrash(engine, d);
  registerShares(engine, d);
  registerUploads(engine, d);
  registerAddon(engine, d);
  registerDevices(engine, d);
}
