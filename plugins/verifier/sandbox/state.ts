import { demoAccount } from '../../../sandbox/account.js';
import type { SandboxEngine } from '../../../sandbox/engine.js';
import type { Fields } from '../../../sandbox/fields.js';

export type Verdict = 'safe' | 'valid' | 'risky' | 'invalid';
export interface Job {
  id: number;
  name: string;
  mode: string;
  emails: string[];
  created: number;
  cancelledAt?: number;
  refunded?: boolean;
}

export const QUEUE_MS = 300;
export const PER_EMAIL_MS = 5;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The API's verify fields (what its endpoints accept; the API's facts, not the tool classes). */
export const MODE = 'quick|deep?';
export const PAGE = 'int(1..)?';
export const BULK: Fields = { emails: 'email[1..50000]', name: 'string(..255)?', mode: MODE };
export const JOB_QUERY: Fields = { page: PAGE, per_page: 'int(1..500)?', status: 'safe|valid|risky|invalid?', search: 'string(..320)?' };
export const JOBS_QUERY: Fields = { page: PAGE, per_page: 'int(1..100)?', status: 'pending|processing|completed|partial|failed|cancelled?' };
export const FREE = new Set(['gmail.com', 'yahoo.com', 'outlook.com', 'hotmail.com', 'icloud.com', 'aol.com']);

/** Deterministic verdicts so demos and tests know what to expect. */
export function verdict(email: string): { status: Verdict; reason: string } {
  const [local, domain = ''] = email.toLowerCase().split('@');
  if (!EMAIL.test(email) || domain.endsWith('.invalid') || local.includes('bounce')) return { status: 'invalid', reason: 'mailbox_not_found' };
  if (['info', 'admin', 'sales', 'support', 'noreply'].includes(local)) return { status: 'risky', reason: 'role_account' };
  if (domain.startsWith('catchall.')) return { status: 'risky', reason: 'catch_all' };
  if (FREE.has(domain)) return { status: 'valid', reason: 'free_provider' };
  return { status: 'safe', reason: 'accepted' };
}

export interface VerifierState {
  credits: number;
  nextId: number;
  jobs: Map<number, Job>;
}

/** The account's verification credits and bulk jobs. */
export const verifierState = (engine: SandboxEngine): VerifierState =>
  engine.store('verifier', () => {
    // Credits belong to the account (agent purchases add to them); jobs are the verifier's own.
    const bought = demoAccount(engine).subscriptions;
    return {
      get credits() {
        return bought.credits;
      },
      set credits(n: number) {
        bought.credits = n;
      },
      nextId: 101,
      jobs: new Map<number, Job>(),
    };
  });
