import { invalid, type SandboxEngine } from '../../../sandbox/engine.js';
import { ADDON, OPTS, type Drive } from './model.js';
import { ADDON_STEPS, DAY, GiB, GRACE_DAYS, PRICES } from './state.js';

/** The storage add-on, read-only through the API: its state, the price ladder, what a cancellation would do. */
export function registerAddon(engine: SandboxEngine, d: Drive): void {
  const { s } = d;
  /** Monthly (30-day) periods from the start: the end of the current one is always ahead of the sandbox clock. */
  const periodEnd = () => s.addon.started + Math.max(1, Math.ceil((engine.now() - s.addon.started) / (30 * DAY))) * 30 * DAY;

  engine.route('GET', '/drive/addon', ADDON, () => ({
    active: s.addon.active, in_grace: false, size_gb: s.addon.size_gb, size_bytes: s.addon.size_gb * GiB, period: 'monthly',
    started_at: d.iso(s.addon.started), current_period_end: d.iso(periodEnd()), cancel_at_period_end: false, hard_delete_at: null,
  }), { ...OPTS, accepts: {} });

  // The account's currency preference is USD in the demo.
  engine.route('GET', '/drive/addon/pricing', ADDON, (req) => {
    const currency = String(req.query.currency ?? 'USD').toUpperCase();
    if (!PRICES[currency]) throw invalid({ currency: `must be one of ${Object.keys(PRICES).join(', ')}` });
    return {
      currency, current_size_gb: s.addon.active ? s.addon.size_gb : null,
      steps: ADDON_STEPS.map((size_gb, i) => ({ size_gb, monthly_amount: PRICES[currency][i], yearly_amount: PRICES[currency][i] * 10 })),
      amounts_in: 'minor units (cents)',
    };
  }, { ...OPTS, accepts: { query: { currency: 'string(3..3)?' } } });

  engine.route('GET', '/drive/addon/cancellation-preview', ADDON, (req) => {
    const q = d.quota(req);
    const after = q.included_bytes;
    const over = Math.max(0, q.used_bytes + q.trash_bytes - after);
    const largest = [...s.files.values()].filter((f) => f.status === 'available').sort((a, b) => b.size - a.size || a.id - b.id).slice(0, 5)
      .map((f) => ({ id: f.id, name: f.name, size_bytes: f.size, space: d.spaceById(f.space_id).key }));
    return {
      cancelable: s.addon.active, addon_size_gb: s.addon.size_gb, plan_quota_bytes: after, limit_bytes_now: q.limit_bytes, used_bytes: q.used_bytes + q.trash_bytes,
      over_quota_bytes: over, at_risk_files: over > 0 ? largest : [], effective_at: d.iso(periodEnd()), grace_days: GRACE_DAYS,
      note: over > 0 ? `After the period ends you have ${GRACE_DAYS} days to get under the plan quota; then the largest files are at risk.` : 'Usage fits the plan quota.',
    };
  }, { ...OPTS, accepts: {} });
}
