import type { ToolContext, ToolOutcome } from '../../../core/plugin-api.js';
import { Tool } from '../../../core/plugin-api.js';
import { Email, Emails, Id, OneOf, Page, PerPage, Text } from '../../../core/plugin-api.js';

const Mode = () => OneOf(['quick', 'deep'], 'quick (1 credit, default) or deep (2 credits, SMTP mailbox check)', true);
const JobId = () => Id('Bulk job');
/** Verdicts of a checked address. */
export const VERDICTS = ['safe', 'valid', 'risky', 'invalid'] as const;
export const JOB_STATUSES = ['pending', 'processing', 'completed', 'partial', 'failed', 'cancelled'] as const;

@Tool({ name: 'verify_email', description: 'Check one email address for deliverability (uses 1 credit).', access: 'write', scope: 'verify:write', route: 'POST /verify' })
export class VerifyEmail {
  @Email('Address to check') email: string;
  @Mode() mode?: string;
}

@Tool({ name: 'verify_email_bulk', description: 'Start a bulk verification job (1 credit per address); poll verify_job_status.', access: 'write', scope: 'verify:write', route: 'POST /verify/bulk' })
export class VerifyEmailBulk {
  @Emails('Addresses to check', 1, 50000) emails: string[];
  @Text('Job name', 255, true) name?: string;
  @Mode() mode?: string;
}

@Tool({ name: 'verify_job_status', description: 'Progress and paged results of a bulk verification job.', access: 'read', scope: 'verify:read', route: 'GET /verify/bulk/{job_id}' })
export class VerifyJobStatus {
  @JobId() job_id: number;
  @Page() page?: number;
  @PerPage(500) per_page?: number;
  @OneOf(VERDICTS, 'Only results with this verdict', true) status?: string;
  @Text('Part of the address', 320, true) search?: string;
}

@Tool({
  name: 'verify_job_download', description: 'Results of a finished bulk job as CSV text.', access: 'read', scope: 'verify:read', route: 'GET /verify/bulk/{job_id}/download',
  headers: { Accept: 'text/csv, application/json' },
})
export class VerifyJobDownload {
  @JobId() job_id: number;
  @OneOf(['all', 'safe', 'safe_risky'], 'Rows: all (default), safe, or safe and risky', true) filter?: string = 'all';

  async execute(this: VerifyJobDownload, ctx: ToolContext): Promise<ToolOutcome> {
    const res = await ctx.call();
    if (!res.ok) return res;
    const d = res.data as { content_type?: unknown; text?: unknown };
    // The API answers the CSV body itself: hand it over as text, with its row count.
    if (typeof d?.text !== 'string') return res;
    const csv = d.text;
    const rows = Math.max(0, csv.split('\n').filter((l) => l.trim()).length - 1);
    return { ok: true, data: { content_type: d.content_type ?? 'text/csv', filter: this.filter, rows, csv }, text: csv };
  }
}

@Tool({ name: 'verify_credits', description: 'Remaining verification credits.', access: 'read', scope: 'verify:read', route: 'GET /verify/credits' })
export class VerifyCredits {}

@Tool({ name: 'verify_list_jobs', description: 'List bulk verification jobs, newest first.', access: 'read', scope: 'verify:read', route: 'GET /verify/bulk' })
export class VerifyListJobs {
  @Page() page?: number;
  @PerPage() per_page?: number;
  @OneOf(JOB_STATUSES, 'Job status filter', true) status?: string;
}

@Tool({ name: 'verify_cancel_job', description: 'Stop a running bulk job; unused credits are returned.', access: 'write', scope: 'verify:write', route: 'POST /verify/bulk/{job_id}/cancel' })
export class VerifyCancelJob {
  @JobId() job_id: number;
}

@Tool({ name: 'verify_delete_job', description: 'Delete a bulk job and its results for good.', access: 'destructive', gate: 'destructive', scope: 'verify:write', route: 'DELETE /verify/bulk/{job_id}' })
export class VerifyDeleteJob {
  @JobId() job_id: number;
}
