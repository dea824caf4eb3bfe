import type { ToolContext, ToolOutcome } from '../../../core/plugin-api.js';
import { Tool } from '../../../core/plugin-api.js';
import { Email, Emails, Id, OneOf, Page, PerPage, Text } from '../../../core/plugin-api.js';

const Mode = () => OneOf(['quick', 'deep'], 'quick: 1 credit (default); deep: 2, SMTP check', true);
const JobId = () => Id('Job');
/** Verdicts of a checked address. */
export const VERDICTS = ['safe', 'valid', 'risky', 'invalid'] as const;
export const JOB_STATUSES = ['pending', 'processing', 'completed', 'partial', 'failed', 'cancelled'] as const;

@Tool({ name: 'verify_email', keywords: 'is address real valid check one address', description: 'Check one address\'s deliverability', access: 'write', scope: 'verify:write', route: 'POST /verify' })
export class VerifyEmail {
  @Email('Email') email: string;
  @Mode() mode?: string;
}

@Tool({ name: 'verify_email_bulk', keywords: 'clean mailing list many addresses validate list', description: 'Start a bulk check job; poll verify_job_status', access: 'write', scope: 'verify:write', route: 'POST /verify/bulk' })
export class VerifyEmailBulk {
  @Emails('Emails', 1, 50000) emails: string[];
  @Text('Name', 255, true) name?: string;
  @Mode() mode?: string;
}

@Tool({ name: 'verify_job_status', keywords: 'list check done progress job', description: 'A bulk job\'s progress and paged results', access: 'read', scope: 'verify:read', route: 'GET /verify/bulk/{job_id}' })
export class VerifyJobStatus {
  @JobId() job_id: number;
  @Page() page?: number;
  @PerPage(500) per_page?: number;
  @OneOf(VERDICTS, 'Status', true) status?: string;
  @Text('Address part', 320, true) search?: string;
}

@Tool({
  name: 'verify_job_download', keywords: 'download results cleaned list csv', description: 'A finished job\'s results as CSV', access: 'read', scope: 'verify:read', route: 'GET /verify/bulk/{job_id}/download',
  headers: { Accept: 'text/csv, application/json' },
})
export class VerifyJobDownload {
  @JobId() job_id: number;
  @OneOf(['all', 'safe', 'safe_risky'], 'Default all', true) filter?: string = 'all';

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

@Tool({ name: 'verify_credits', keywords: 'verification credits left balance', description: 'Remaining verification credits', access: 'read', scope: 'verify:read', route: 'GET /verify/credits' })
export class VerifyCredits {}

@Tool({ name: 'verify_list_jobs', keywords: 'verification jobs', description: 'Bulk jobs, newest first', access: 'read', scope: 'verify:read', route: 'GET /verify/bulk' })
export class VerifyListJobs {
  @Page() page?: number;
  @PerPage() per_page?: number;
  @OneOf(JOB_STATUSES, 'Status', true) status?: string;
}

@Tool({ name: 'verify_cancel_job', keywords: 'stop bulk verification', description: 'Stop a bulk job; unused credits return', access: 'write', scope: 'verify:write', route: 'POST /verify/bulk/{job_id}/cancel' })
export class VerifyCancelJob {
  @JobId() job_id: number;
}

@Tool({ name: 'verify_delete_job', keywords: 'delete verification job results', description: 'Delete a job and its results for good', access: 'destructive', gate: 'destructive', scope: 'verify:write', route: 'DELETE /verify/bulk/{job_id}' })
export class VerifyDeleteJob {
  @JobId() job_id: number;
}
