import { Pack } from '../../core/pack-api.js';

/**
 * Agent purchases: verifier credits, a mail plan, the Drive add-on, White Label, and reissuing the ops key after a
 * purchase. Spending money is the most dangerous thing this server does, and billing changes belong in the
 * dashboard: the pack does not even load unless TREKMAIL_ALLOW_PURCHASES=true, and then every purchase is
 * confirmed by the person with the amount shown. Declaration only; tools load on demand.
 */
@Pack({
  id: 'commerce',
  description: 'Agent purchases (off unless TREKMAIL_ALLOW_PURCHASES=true): verifier credits, mail plan, Drive add-on, White Label, key reissue',
  token: 'ops',
  minPlan: 'nano',
  writePlan: 'nano',
  scopes: ['billing:autopay'],
  areas: ['purchases', 'agent-key'],
  gates: ['purchases', 'destructive'],
  enabledBy: { gate: 'purchases', why: 'it spends money' },
  tools: () => import('./tools/index.js'),
  sandbox: () => import('./sandbox/index.js'),
})
export class CommercePack {}
