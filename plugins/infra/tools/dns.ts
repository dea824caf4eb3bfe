import { Tool } from '../../../core/plugin-api.js';
import { Id } from '../../../core/plugin-api.js';

@Tool({ name: 'get_dns_requirements', keywords: 'dns records needed mx spf dkim dmarc setup registrar', description: 'DNS records a domain needs, with their last check result', access: 'read', scope: 'domains:dns:read', route: 'GET /domains/{domain_id}/dns-requirements' })
export class GetDnsRequirements {
  @Id('Domain') domain_id: number;
}

@Tool({ name: 'dns_recheck', keywords: 'check dns again verify records updated registrar', description: "Recheck a domain's DNS after changes; poll get_dns_check", access: 'write', scope: 'domains:dns:recheck', route: 'POST /domains/{domain_id}/dns-recheck' })
export class DnsRecheck {
  @Id('Domain') domain_id: number;
}

@Tool({ name: 'get_dns_check', keywords: 'dns check result finished status progress', description: 'Status and per-record results of a DNS check', access: 'read', scope: 'domains:dns:read', route: 'GET /dns-checks/{check_id}' })
export class GetDnsCheck {
  @Id('Check') check_id: number;
}

@Tool({ name: 'get_domain_connect_setup', keywords: 'automatic dns setup one click registrar domain connect', description: "Whether Domain Connect can set up a domain's DNS in one step", access: 'read', scope: 'domains:dns:read', route: 'GET /domains/{domain_id}/domain-connect/setup' })
export class GetDomainConnectSetup {
  @Id('Domain') domain_id: number;
}
