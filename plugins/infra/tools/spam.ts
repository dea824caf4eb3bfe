import { IsInt, IsOptional, Min } from '../../../core/plugin-api.js';
import { compose, Desc, Tool } from '../../../core/plugin-api.js';
import { Id, Int, OneOf, Text } from '../../../core/plugin-api.js';

// Always sent (default 30), as the official server sends it.
const Days = () => Int('Default 30', 1, 90, true);

@Tool({ name: 'get_spam_metrics', keywords: 'spam per day daily spam chart', description: 'Daily spam counts of a domain', access: 'read', scope: 'domains:read', route: 'GET /domains/{domain_id}/spam-metrics' })
export class GetSpamMetrics {
  @Id('Domain') domain_id: number;
  @Days() days?: number = 30;
}

@Tool({ name: 'get_spam_summary', keywords: 'how much spam spam rate reasons', description: 'Spam totals, rate and top reasons of a domain', access: 'read', scope: 'domains:read', route: 'GET /domains/{domain_id}/spam-metrics/summary' })
export class GetSpamSummary {
  @Id('Domain') domain_id: number;
  @Days() days?: number = 30;
}

@Tool({ name: 'get_domain_deliverability', keywords: 'delivery rate bounce rate deliverability reputation', description: 'Outbound delivery and bounce rates of a domain', access: 'read', scope: 'domains:read', route: 'GET /domains/{domain_id}/deliverability' })
export class GetDomainDeliverability {
  @Id('Domain') domain_id: number;
  @Days() days?: number = 30;
}

/** The bounce filters and paging; days, limit and offset are always sent, type and recipient only when given. */
class BounceQuery {
  @Days() days?: number = 30;
  @OneOf(['hard', 'soft', 'all'], 'Default all', true) type?: string;
  @Text('Partial address', 255, true) recipient?: string;
  @Int('Default 50', 1, 100, true) limit?: number = 50;
  @compose(IsOptional(), IsInt(), Min(0), Desc('Default 0')) offset?: number = 0;
}

@Tool({ name: 'list_domain_bounces', keywords: 'bounced emails bounce undeliverable rejected gmail outlook', description: 'Outbound bounces of a domain, with the SMTP reason', access: 'read', scope: 'domains:read', route: 'GET /domains/{domain_id}/bounces' })
export class ListDomainBounces extends BounceQuery {
  @Id('Domain') domain_id: number;
}

@Tool({ name: 'list_mailbox_bounces', keywords: 'bounced messages sent from mailbox undeliverable', description: 'Outbound bounces of mail sent from one mailbox', access: 'read', scope: 'mailboxes:read', route: 'GET /mailboxes/{mailbox_id}/bounces' })
export class ListMailboxBounces extends BounceQuery {
  @Id('Mailbox') mailbox_id: number;
}
