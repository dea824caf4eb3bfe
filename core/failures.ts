import type { ApiFailure } from './http.js';

/** Our hint for the API's plan and scope codes, when the API sends none of its own. */
export const PLAN_CODES: Record<string, string> = {
  plan_api_disabled: 'The account plan does not include API access for this; writes need the Pro or Agency plan.',
  token_scope_blocked_by_plan: 'The plan does not allow this token scope; writes need the Pro or Agency plan.',
  feature_not_available: 'This feature is not part of the account plan; see get_billing_status.',
  plan_limit_reached: 'The plan limit is reached; remove something or upgrade the plan.',
  insufficient_scope: 'The token lacks the scope this tool needs; create a token with that scope in the TrekMail dashboard.',
  rate_limited: 'Too many requests; wait a moment and try again.',
};

/** One readable paragraph for an agent: what failed, why, what to do. */
export function failureText(f: ApiFailure): string {
  const head = f.status ? `TrekMail API error (HTTP ${f.status}, ${f.code})` : `Error (${f.code})`;
  const lines = [`${head}: ${f.message}`];
  const hint = f.hint ?? PLAN_CODES[f.code];
  if (hint) lines.push(`Hint: ${hint}`);
  const fields = f.details?.errors ?? f.details?.fields;
  if (fields && typeof fields === 'object') lines.push(`Fields: ${JSON.stringify(fields)}`);
  if (f.requestId) lines.push(`Request id: ${f.requestId}`);
  return lines.join('\n');
}
