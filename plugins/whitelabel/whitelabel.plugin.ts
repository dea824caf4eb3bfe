import { Pack } from '../../core/plugin-api.js';

/**
 * White Label: the team of an account's White Label add-on (members, roles, activity) and per-domain branding
 * (logos, colours, custom dashboard and webmail hosts). No mail-plan floor: it needs the add-on (its own
 * subscription; the API answers `white_label_inactive` without it) and a branding:*, members:* or activity:* scope.
 * Declaration only; tools load on demand.
 */
@Pack({
  id: 'whitelabel',
  description: 'White Label: team members, roles and activity; per-domain branding and logos',
  token: 'ops',
  minPlan: 'nano',
  writePlan: 'nano',
  scopes: ['branding:*', 'members:*', 'activity:*'],
  areas: ['account', 'members', 'activity', 'branding'],
  gates: ['destructive', 'sending'],
  tools: () => import('./tools/index.js'),
  sandbox: () => import('./sandbox/index.js'),
})
export class WhitelabelPack {}
