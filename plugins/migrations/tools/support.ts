import type { ToolContext, ToolOutcome } from '../../../core/plugin-api.js';
import type { ApiFailure } from '../../../core/plugin-api.js';
import { redactValue } from '../../../core/plugin-api.js';
import { ValidateBy } from '../../../core/plugin-api.js';

/** Splits one CSV line into cells (quoted cells may hold commas and doubled quotes). */
export function csvCells(line: string): string[] {
  const cells: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') (cur += '"'), i++;
      else if (c === '"') quoted = false;
      else cur += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') cells.push(cur), (cur = '');
    else cur += c;
  }
  cells.push(cur);
  return cells.map((s) => s.trim());
}

/** The source passwords of bulk CSV data (second cell of each row; a header row is skipped), for redaction. */
export function csvPasswords(csv: string): string[] {
  const out = new Set<string>();
  for (const line of csv.split(/\r?\n/)) {
    if (!line.trim()) continue;
    const [email, password] = csvCells(line);
    if (!email?.includes('@') || !password) continue;
    out.add(password);
  }
  return [...out];
}

/** Everything of bulk CSV data to mask in an answer: the whole text, each password, and each as quoted in the CSV. */
export function csvSecrets(csv: string): string[] {
  const list = [csv, ...csvPasswords(csv).flatMap((p) => [p, p.replace(/"/g, '""')])];
  // Longest first, so the whole CSV is masked before any part of it.
  return [...new Set(list)].sort((a, b) => b.length - a.length);
}

/** A 503 on a start: TrekMail is at migration capacity; the agent should wait, not hammer. */
export function capacityFailure(f: ApiFailure, tool: string): ApiFailure {
  return {
    ...f,
    code: f.code === 'service_unavailable' ? 'migration_capacity' : f.code,
    retryable: false,
    hint: `TrekMail is at migration capacity, so nothing was started. Tell the user, wait a few minutes, then call ${tool} again.`,
  };
}

/** Sends the tool's route; masks extra secrets (CSV passwords) in the answer; explains a 503 on a start. */
export async function send(ctx: ToolContext, opts: { secrets?: string[]; start?: boolean } = {}): Promise<ToolOutcome> {
  const res = await ctx.call();
  const secrets = opts.secrets ?? [];
  if (res.ok) return { ok: true, data: redactValue(res.data, secrets) };
  const f = redactValue(res, secrets);
  return opts.start && f.status === 503 ? capacityFailure(f, ctx.meta.name) : f;
}

/** Host names that only make sense inside a private network are refused before any request. */
const PRIVATE_SUFFIX = /(^|\.)(localhost|local|internal|intranet|lan|home\.arpa)$/i;
export const PublicHost = () =>
  ValidateBy({ name: 'publicHost', validator: { validate: (v) => typeof v !== 'string' || !PRIVATE_SUFFIX.test(v), defaultMessage: () => 'must be a public host name' } });
