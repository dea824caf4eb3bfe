import { Pack } from '../../core/pack-api.js';

/** Cloudflare DNS automation for TrekMail domains (Pro and Agency). Declaration only; tools load on demand. */
@Pack({
  id: 'cloudflare',
  description: 'Cloudflare: connect zones, preview and apply the DNS records TrekMail needs, saved tokens',
  token: 'ops',
  minPlan: 'pro',
  writePlan: 'pro',
  scopes: ['cloudflare:read', 'cloudflare:write', 'cloudflare:delete'],
  areas: ['cloudflare'],
  gates: ['destructive'],
  tools: () => import('./tools/index.js'),
  sandbox: () => import('./sandbox/index.js'),
})
export class CloudflarePack {}
