import { Pack } from '../../core/pack-api.js';

/** Email verifier: the one pack a Nano account gets. Declaration only; tools load on demand. */
@Pack({
  id: 'verifier',
  description: 'Email address verification: single, bulk jobs, credits',
  token: 'ops',
  minPlan: 'nano',
  writePlan: 'nano',
  scopes: ['verify:read', 'verify:write'],
  areas: ['verifier'],
  defaultAreas: ['verifier'],
  gates: ['destructive'],
  tools: () => import('./tools/index.js'),
  sandbox: () => import('./sandbox/index.js'),
})
export class VerifierPack {}
