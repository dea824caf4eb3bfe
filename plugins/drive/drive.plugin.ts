import { Pack } from '../../core/pack-api.js';

/**
 * TrekMail Drive: account and mailbox spaces, folders, files, trash, share links, uploads, the storage add-on (read
 * only), sync-device (WebDAV) passwords. Any drive:* scope loads it, so a Drive-only token gets this pack alone.
 * File and folder names come from other people: every result is untrusted content. Declaration only; tools load on
 * demand.
 */
@Pack({
  id: 'drive',
  description: 'Drive: spaces, folders, files, trash, bulk actions, share links, uploads, storage add-on, sync devices',
  token: 'ops',
  minPlan: 'starter',
  writePlan: 'pro',
  scopes: ['drive:*'],
  areas: ['drive', 'drive-devices'],
  gates: ['destructive'],
  untrusted: true,
  tools: () => import('./tools/index.js'),
  sandbox: () => import('./sandbox/index.js'),
})
export class DrivePack {}
