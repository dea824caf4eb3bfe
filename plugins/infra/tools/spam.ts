import { Tool } from '../../../core/plugin-api.js';
import { Id, Int } from '../../../core/plugin-api.js';

// Always sent (default 30), as the official server sends it.
const Days = () => Int('Days back, 1-90 (default 30)', 1, 90, true);

@Tool({ name: 'get_spam_metrics', description: 'Daily spam counts of a domain (received, spam, quarantined, rejected).', access: 'read', scope: 'domains:read', route: 'GET /domains/{domain_id}/spam-metrics' })
export class GetSpamMetrics {
  @Id('Domain') domain_id: number;
  @Days() days?: number = 30;
}

@Tool({ name: 'get_spam_summary', description: 'Spam totals, rate and top reasons of a domain over a period.', access: 'read', scope: 'domains:read', route: 'GET /domains/{domain_id}/spam-metrics/summary' })
export class GetSpamSummary {
  @Id('Domain') domain_id: number;
  @Days() days?: number = 30;
}
