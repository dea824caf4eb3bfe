import type { PackSpec } from './pack.js';

/**
 * The server's own tools (core/tools/): no token, no API request. Registered through the same path as every pack's
 * tools (manifest, schema, validation, audit), listed when there is a write tool to preview.
 */
export const CORE_PACK: PackSpec = {
  id: 'core',
  description: "The server's own tools",
  token: 'none',
  minPlan: 'nano',
  scopes: [],
  areas: ['meta', 'discover'],
  tools: () => import('./tools/index.js'),
};
