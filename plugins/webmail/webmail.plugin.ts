import { Pack } from '../../core/pack-api.js';

/** Webmail over a message token (bound to one mailbox). Declaration only; tools load on demand. */
@Pack({
  id: 'webmail',
  description: 'Webmail of one mailbox: messages, folders, attachments, drafts, scheduled send, contacts, calendar, identities, templates, connected accounts',
  token: 'message',
  minPlan: 'starter',
  // Starter message tokens hold messages:read only (sandbox/scopes.ts); writes and sends need Pro.
  writePlan: 'pro',
  scopes: ['messages:read', 'messages:write', 'messages:send'],
  areas: ['messages', 'folders', 'attachments', 'drafts', 'scheduled', 'contacts', 'contact-groups', 'calendar', 'compose', 'identities', 'templates', 'blocked', 'external-accounts'],
  defaultAreas: ['messages', 'folders', 'attachments', 'drafts', 'compose', 'contacts'],
  gates: ['destructive', 'sending', 'migration'],
  workflows: ['save_draft → user approves → send_message'],
  // Mail is written by strangers: every result is cleaned, delimited and marked.
  untrusted: true,
  tools: () => import('./tools/index.js'),
  sandbox: () => import('./sandbox/index.js'),
})
export class WebmailPack {}
