/**
 * What a pack's declaration (`plugins/<pack>/<pack>.plugin.ts`) may import from the core: the @Pack decorator alone.
 * Start-up imports every declaration to decide which packs load; the tool API (core/plugin-api.ts: decorators,
 * validators, helpers) stays out of that path and loads with the first pack whose tools are used.
 */
export { Pack } from './pack.js';
export type { PackApp, PackSpec } from './types.js';
