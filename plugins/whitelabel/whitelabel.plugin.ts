import { Pack } from '../../core/pack-api.js';

/** What an account without the add-on means for the agent (the pack's error hint). */
export const ADDON_HINT =
  'White Label is a separate add-on subscription and is not active on this account, so no White Label tool works. ' +
  'Tell the user; it is bought in the TrekMail dashboard or with agent_subscribe_white_label.';

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
  note: 'needs the White Label add-on; without it the API answers white_label_inactive',
  // Without the add-on every White Label route fails; the agent must tell the person plainly what that means.
  errorHints: {
    white_label_inactive: ADDON_HINT,
    scope_blocked_by_entitlement: ADDON_HINT,
  },
  tools: () => import('./tools/index.js'),
  sandbox: () => import('./sandbox/index.js'),
})
export class WhitelabelPack {}
