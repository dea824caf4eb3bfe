import { IsOptional, IsString, MaxLength } from '../../../core/validators.js';
import { compose, Desc, Tool } from '../../../core/tool.js';
import { Email, Emails, Id, OneOf, Page, PerPage, Text } from '../../../core/params.js';

const Mode = () => compose(IsOptional(), IsString(), MaxLength(20), Desc('Check depth; API default when omitted'));
const JobId = () => Id('Bulk job');

@Tool({ name: 'verify_email', description: 'Check one email address for deliverability (uses 1 credit).', access: 'write', scope: 'verify:write', route: 'POST /verify' })
export class VerifyEmail {
  @Email('Address to check') email: string;
  @Mode() mode?: string;
}

@Tool({ name: 'verify_email_bulk', description: 'Start a bulk verification job (1 credit per address); poll verify_job_status.', access: 'write', scope: 'verify:write', route: 'POST /verify/bulk' })
export class VerifyEmailBulk {
  @Emails('Addresses to check', 1, 50000) emails: string[];
  @Text('Job name', 200, true) name?: string;
  @Mode() mode?: string;
}

@Tool({ name: 'verify_job_status', description: 'Progress and paged results of a bulk verification job.', access: 'read', scope: 'verify:read', route: 'GET /verify/bulk/{job_id}' })
export class VerifyJobStatus {
  @JobId() job_id: number;
  @Page() page?: number;
  @PerPage() per_page?: number;
  @Text('Result filter, e.g. valid, invalid, risky, unknown', 20, true) status?: string;
  @Text('Substring of the address', 254, true) search?: string;
}

@Tool({ name: 'verify_job_download', description: 'Results of a finished bulk job as CSV text.', access: 'read', scope: 'verify:read', route: 'GET /verify/bulk/{job_id}/download' })
export class VerifyJobDownload {
  @JobId() job_id: number;
  @OneOf(['all', 'valid', 'invalid', 'risky', 'unknown'], 'Rows to include (default all)', true) filter?: string;
}

@Tool({ name: 'verify_credits', description: 'Remaining verification credits.', access: 'read', scope: 'verify:read', route: 'GET /verify/credits' })
export class VerifyCredits {}

@Tool({ name: 'verify_list_jobs', description: 'List bulk verification jobs, newest first.', access: 'read', scope: 'verify:read', route: 'GET /verify/bulk' })
export class VerifyListJobs {
  @Page() page?: number;
  @PerPage() per_page?: number;
  @Text('Job status, e.g. processing, completed, cancelled', 20, true) status?: string;
}

@Tool({ name: 'verify_cancel_job', description: 'Stop a running bulk job; unused credits are returned.', access: 'write', scope: 'verify:write', route: 'POST /verify/bulk/{job_id}/cancel' })
export class VerifyCancelJob {
  @JobId() job_id: number;
}

@Tool({ name: 'verify_delete_job', description: 'Delete a bulk job and its results for good.', access: 'destructive', gate: 'destructive', scope: 'verify:write', route: 'DELETE /verify/bulk/{job_id}' })
export class VerifyDeleteJob {
  @JobId() job_id: number;
}
