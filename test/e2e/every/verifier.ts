import { expect } from 'chai';
import { poll, type Scenario } from './steps.js';

/** Every verifier tool, called through the protocol against the strict sandbox. */
export const SCENARIOS: Scenario[] = [
  {
    name: 'single and bulk checks, results, download, cancel and delete; credits follow',
    steps: [
      { tool: 'verify_credits', check: (r, c) => void (c.saved.credits = r.structuredContent.credits_remaining) },
      {
        tool: 'verify_email', args: { email: 'ann@example.com', mode: 'deep' },
        check: (r) => expect(r.structuredContent).to.include({ status: 'safe', mode: 'deep' }),
        verify: { tool: 'verify_credits', check: (r, c) => expect(r.structuredContent.credits_remaining).to.equal(c.saved.credits - 2) },
      },
      {
        tool: 'verify_email_bulk', args: { emails: ['a@example.com', 'info@example.com', 'x@catchall.example.com', 'bounce@example.com'], name: 'e2e leads', mode: 'quick' },
        check: async (r, c) => {
          c.saved.job = r.structuredContent.job.id;
          await poll(c, 'verify_job_status', { job_id: c.saved.job }, (s) => s.structuredContent.job.status === 'completed');
        },
      },
      {
        tool: 'verify_job_status', args: (c) => ({ job_id: c.saved.job, status: 'risky', per_page: 500, page: 1, search: 'example' }),
        check: (r) => expect(r.structuredContent.results.data.map((x: { email: string }) => x.email)).to.deep.equal(['info@example.com', 'x@catchall.example.com']),
      },
      {
        tool: 'verify_job_download', args: (c) => ({ job_id: c.saved.job, filter: 'safe_risky' }),
        check: (r) => {
          expect(r.content[0].text).to.equal('email,status,reason\na@example.com,safe,accepted\ninfo@example.com,risky,role_account\nx@catchall.example.com,risky,catch_all\n');
          expect(r.structuredContent).to.include({ rows: 3, filter: 'safe_risky' });
        },
      },
      { tool: 'verify_list_jobs', args: { status: 'completed', per_page: 20 }, check: (r, c) => expect(r.structuredContent.data.map((j: { id: number }) => j.id)).to.include(c.saved.job) },
      {
        tool: 'verify_email_bulk', args: { emails: Array.from({ length: 400 }, (_, i) => `lead${i}@example.com`) },
        check: (r, c) => void (c.saved.big = r.structuredContent.job.id),
      },
      {
        tool: 'verify_cancel_job', args: (c) => ({ job_id: c.saved.big }),
        verify: { tool: 'verify_job_status', args: (c) => ({ job_id: c.saved.big }), check: (r) => expect(r.structuredContent.job.status).to.equal('cancelled') },
      },
      {
        tool: 'verify_delete_job', args: (c) => ({ job_id: c.saved.big }),
        verify: { tool: 'verify_list_jobs', check: (r, c) => expect(r.structuredContent.data.map((j: { id: number }) => j.id)).not.to.include(c.saved.big) },
      },
      { tool: 'verify_delete_job', args: (c) => ({ job_id: c.saved.big, _repeat: true }), error: /HTTP 404, not_found/ },
      {
        tool: 'preview_tool_call', args: (c) => ({ tool: 'verify_delete_job', arguments: { job_id: c.saved.job } }),
        check: (r, c) => {
          expect(r.structuredContent).to.include({ sent: false, would_proceed: true });
          expect(r.structuredContent.request).to.include({ method: 'DELETE', path: `/api/v1/verify/bulk/${c.saved.job}` });
        },
        verify: { tool: 'verify_list_jobs', check: (r, c) => expect(r.structuredContent.data.map((j: { id: number }) => j.id)).to.include(c.saved.job) },
      },
    ],
  },
];
