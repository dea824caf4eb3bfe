import { Pack } from '../../core/pack-api.js';

/** IMAP migrations into TrekMail mailboxes, one mailbox or a CSV batch. Declaration only; tools load on demand. */
@Pack({
  id: 'migrations',
  description: 'IMAP mail migrations into TrekMail mailboxes: single and bulk (CSV)',
  token: 'ops',
  minPlan: 'pro',
  writePlan: 'pro',
  scopes: ['migrations:read', 'migrations:write'],
  areas: ['migrations'],
  gates: ['migration'],
  tools: () => import('./tools/index.js'),
  sandbox: () => import('./sandbox/index.js'),
})
export class MigrationsPack {}
