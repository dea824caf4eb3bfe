import { Pack } from '../../core/pack-api.js';

/** Account, domains, DNS, mailboxes and their settings, support tickets, SMTP relay. Declaration only. */
@Pack({
  id: 'infra',
  description: 'Account, billing, domains, DNS, mailboxes (shared, sign-in, app passwords), aliases, forwarding, rules, SMTP, tickets, message tokens',
  token: 'ops',
  minPlan: 'starter',
  writePlan: 'pro',
  scopes: ['account:read', 'billing:read', 'domains:*', 'mailboxes:*', 'smtp:*', 'tickets:*'],
  areas: [
    'account', 'domains', 'dns', 'mailboxes', 'forwarding', 'aliases', 'filters', 'auto-reply', 'sieve', 'delete-intents', 'tickets', 'smtp', 'spam', 'message-tokens',
    'forwarding-addresses', 'domain-alias', 'shared-mailboxes', 'sign-in', 'app-passwords',
  ],
  defaultAreas: ['account', 'domains', 'dns', 'mailboxes', 'auto-reply'],
  gates: ['destructive', 'sending'],
  apps: [{
    uri: 'ui://infra/dns-setup.html',
    name: 'dns-setup',
    title: 'DNS set-up',
    description: "A domain's DNS records: required against found, status per record, copy buttons and a recheck.",
    file: new URL('./apps/dns-setup.html', import.meta.url),
    tools: ['get_dns_requirements', 'get_dns_check'],
    permissions: { clipboardWrite: {} },
  }],
  workflows: [
    'create_domain → get_dns_requirements → user adds the records → dns_recheck → poll get_dns_check',
    'create_delete_intent → confirm_delete_intent',
  ],
  tools: () => import('./tools/index.js'),
  sandbox: () => import('./sandbox/index.js'),
})
export class InfraPack {}
