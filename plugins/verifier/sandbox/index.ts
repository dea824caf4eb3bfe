import { notFound, paginate, reply, SbError, type SandboxEngine } from '../../../sandbox/engine.js';
import { BULK, FREE, JOB_QUERY, JOBS_QUERY, MODE, PER_EMAIL_MS, QUEUE_MS, verdict, verifierState, type Job, type Verdict } from './state.js';

/** Verifier routes: jobs progress with time, credits go down, results download as CSV. */
export default function register(engine: SandboxEngine): void {
  const s = verifierState(engine);
  const opts = { writePlan: 'nano' as const };

  const progress = (j: Job) => {
    const until = j.cancelledAt ?? engine.now();
    return Math.max(0, Math.min(j.emails.length, Math.floor((until - j.created - QUEUE_MS) / PER_EMAIL_MS)));
  };
  const view = (j: Job) => {
    const processed = progress(j);
    const status = j.cancelledAt ? 'cancelled' : processed === 0 ? 'pending' : processed < j.emails.length ? 'processing' : 'completed';
    const counts: Record<Verdict, number> = { safe: 0, valid: 0, risky: 0, invalid: 0 };
    for (const e of j.emails.slice(0, processed)) counts[verdict(e).status]++;
    return { id: j.id, name: j.name, status, total: j.emails.length, processed, counts, created_at: engine.iso(j.created) };
  };
  const job = (id: string) => {
    const j = s.jobs.get(Number(id));
    if (!j) throw notFound('Verification job');
    return j;
  };
  const spend = (n: number) => {
    if (s.credits < n) throw new SbError(402, 'insufficient_credits', `Needs ${n} credits, ${s.credits} left`, { credits_remaining: s.credits, credits_needed: n });
    s.credits -= n;
  };

  // Deep checks cost 2 credits, except at free providers (they accept every probe: deep answers as quick).
  const cost = (email: string, mode: unknown) => (mode === 'deep' && !FREE.has(email.toLowerCase().split('@')[1] ?? '') ? 2 : 1);

  engine.route('POST', '/verify', 'verify:write', (req) => {
    const { email, mode = 'quick' } = req.body;
    spend(cost(email, mode));
    return { email, ...verdict(email), mode, credits_remaining: s.credits };
  }, { ...opts, accepts: { body: { email: 'email', mode: MODE } } });

  engine.route('POST', '/verify/bulk', 'verify:write', (req) => {
    const { emails, mode = 'quick' } = req.body as { emails: string[]; mode?: string };
    const charged = emails.reduce((n, e) => n + cost(e, mode), 0);
    spend(charged);
    const j: Job = { id: s.nextId++, name: req.body.name ?? `Bulk job ${s.nextId - 1}`, mode, emails, created: engine.now() };
    s.jobs.set(j.id, j);
    return reply({ status: 201, body: { job: view(j), credits_charged: charged, credits_remaining: s.credits } });
  }, { ...opts, accepts: { body: BULK } });

  engine.route('GET', '/verify/bulk', 'verify:read', (req) => {
    let jobs = [...s.jobs.values()].reverse().map(view);
    if (req.query.status) jobs = jobs.filter((j) => j.status === req.query.status);
    return paginate(jobs, req.query, 20);
  }, { ...opts, accepts: { query: JOBS_QUERY } });

  engine.route('GET', '/verify/bulk/{job_id}', 'verify:read', (req) => {
    const j = job(req.params.job_id);
    let rows = j.emails.slice(0, progress(j)).map((email) => ({ email, ...verdict(email) }));
    if (req.query.status) rows = rows.filter((r) => r.status === req.query.status);
    if (typeof req.query.search === 'string') rows = rows.filter((r) => r.email.includes(String(req.query.search)));
    return { job: view(j), results: paginate(rows, req.query, 100, 500) };
  }, { ...opts, accepts: { query: JOB_QUERY } });

  engine.route('GET', '/verify/bulk/{job_id}/download', 'verify:read', (req) => {
    const j = job(req.params.job_id);
    if (view(j).status !== 'completed') throw new SbError(409, 'job_not_finished', 'The job has not finished yet', {}, 'Poll verify_job_status until status is completed.');
    const filter = String(req.query.filter ?? 'all');
    const keep: Verdict[] = filter === 'safe' ? ['safe'] : filter === 'safe_risky' ? ['safe', 'risky'] : ['safe', 'valid', 'risky', 'invalid'];
    const rows = j.emails.map((email) => ({ email, ...verdict(email) })).filter((r) => keep.includes(r.status));
    const csv = ['email,status,reason', ...rows.map((r) => `${r.email},${r.status},${r.reason}`)].join('\n') + '\n';
    return reply({ text: csv, contentType: 'text/csv; charset=utf-8' });
  }, { ...opts, accepts: { query: { filter: 'all|safe|safe_risky?' } } });

  engine.route('GET', '/verify/credits', 'verify:read', () => ({ credits_remaining: s.credits }), { ...opts, accepts: {} });

  engine.route('POST', '/verify/bulk/{job_id}/cancel', 'verify:write', (req) => {
    const j = job(req.params.job_id);
    if (view(j).status === 'completed') throw new SbError(409, 'job_finished', 'The job has already finished');
    if (!j.cancelledAt) {
      j.cancelledAt = engine.now();
      const unused = j.emails.length - progress(j);
      s.credits += unused;
    }
    return { job: view(j), credits_remaining: s.credits };
  }, { ...opts, accepts: { body: false } });

  engine.route('DELETE', '/verify/bulk/{job_id}', 'verify:write', (req) => {
    const j = job(req.params.job_id);
    const status = view(j).status;
    if (status !== 'completed' && status !== 'cancelled') throw new SbError(409, 'job_running', 'Cancel the job first: only completed or cancelled jobs can be deleted');
    s.jobs.delete(j.id);
    return { deleted: true, id: j.id };
  }, { ...opts, accepts: {} });
}
