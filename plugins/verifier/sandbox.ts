import { invalid, notFound, paginate, reply, SbError, type SandboxEngine } from '../../sandbox/engine.js';

type Verdict = 'valid' | 'invalid' | 'risky' | 'unknown';
interface Job {
  id: number;
  name: string;
  mode: string;
  emails: string[];
  created: number;
  cancelledAt?: number;
  refunded?: boolean;
}

const QUEUE_MS = 300;
const PER_EMAIL_MS = 5;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Deterministic verdicts so demos and tests know what to expect. */
export function verdict(email: string): { status: Verdict; reason: string } {
  const [local, domain = ''] = email.toLowerCase().split('@');
  if (!EMAIL.test(email) || domain.endsWith('.invalid') || local.includes('bounce')) return { status: 'invalid', reason: 'mailbox_not_found' };
  if (['info', 'admin', 'sales', 'support', 'noreply'].includes(local)) return { status: 'risky', reason: 'role_account' };
  if (domain.startsWith('catchall.')) return { status: 'unknown', reason: 'catch_all' };
  return { status: 'valid', reason: 'accepted' };
}

/** Verifier routes: jobs progress with time, credits go down, results download as CSV. */
export default function register(engine: SandboxEngine): void {
  const s = engine.store('verifier', () => ({ credits: 1000, nextId: 101, jobs: new Map<number, Job>() }));
  const opts = { writePlan: 'nano' as const };

  const progress = (j: Job) => {
    const until = j.cancelledAt ?? engine.now();
    return Math.max(0, Math.min(j.emails.length, Math.floor((until - j.created - QUEUE_MS) / PER_EMAIL_MS)));
  };
  const view = (j: Job) => {
    const processed = progress(j);
    const status = j.cancelledAt ? 'cancelled' : processed === 0 ? 'queued' : processed < j.emails.length ? 'processing' : 'completed';
    const counts: Record<Verdict, number> = { valid: 0, invalid: 0, risky: 0, unknown: 0 };
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

  engine.route('POST', '/verify', 'verify:write', (req) => {
    const email = req.body.email;
    if (typeof email !== 'string' || !email) throw invalid({ email: 'required' });
    spend(1);
    return { email, ...verdict(email), mode: req.body.mode ?? 'standard', credits_remaining: s.credits };
  }, opts);

  engine.route('POST', '/verify/bulk', 'verify:write', (req) => {
    const emails = req.body.emails;
    if (!Array.isArray(emails) || emails.length === 0) throw invalid({ emails: 'at least one address' });
    spend(emails.length);
    const j: Job = { id: s.nextId++, name: req.body.name ?? `Bulk job ${s.nextId - 1}`, mode: req.body.mode ?? 'standard', emails, created: engine.now() };
    s.jobs.set(j.id, j);
    return reply({ status: 201, body: { job: view(j), credits_remaining: s.credits } });
  }, opts);

  engine.route('GET', '/verify/bulk', 'verify:read', (req) => {
    let jobs = [...s.jobs.values()].reverse().map(view);
    if (req.query.status) jobs = jobs.filter((j) => j.status === req.query.status);
    return paginate(jobs, req.query);
  }, opts);

  engine.route('GET', '/verify/bulk/{job_id}', 'verify:read', (req) => {
    const j = job(req.params.job_id);
    let rows = j.emails.slice(0, progress(j)).map((email) => ({ email, ...verdict(email) }));
    if (req.query.status) rows = rows.filter((r) => r.status === req.query.status);
    if (typeof req.query.search === 'string') rows = rows.filter((r) => r.email.includes(String(req.query.search)));
    return { job: view(j), results: paginate(rows, req.query, 50) };
  }, opts);

  engine.route('GET', '/verify/bulk/{job_id}/download', 'verify:read', (req) => {
    const j = job(req.params.job_id);
    if (view(j).status !== 'completed') throw new SbError(409, 'job_not_finished', 'The job has not finished yet', {}, 'Poll verify_job_status until status is completed.');
    const filter = String(req.query.filter ?? 'all');
    const rows = j.emails.map((email) => ({ email, ...verdict(email) })).filter((r) => filter === 'all' || r.status === filter);
    const csv = ['email,status,reason', ...rows.map((r) => `${r.email},${r.status},${r.reason}`)].join('\n') + '\n';
    return reply({ text: csv, contentType: 'text/csv; charset=utf-8' });
  }, opts);

  engine.route('GET', '/verify/credits', 'verify:read', () => ({ credits_remaining: s.credits }), opts);

  engine.route('POST', '/verify/bulk/{job_id}/cancel', 'verify:write', (req) => {
    const j = job(req.params.job_id);
    if (view(j).status === 'completed') throw new SbError(409, 'job_finished', 'The job has already finished');
    if (!j.cancelledAt) {
      j.cancelledAt = engine.now();
      const unused = j.emails.length - progress(j);
      s.credits += unused;
    }
    return { job: view(j), credits_remaining: s.credits };
  }, opts);

  engine.route('DELETE', '/verify/bulk/{job_id}', 'verify:write', (req) => {
    const j = job(req.params.job_id);
    s.jobs.delete(j.id);
    return { deleted: true, id: j.id };
  }, opts);
}
