/** The emulator's fault injection and counters, and helpers its routes share (paging). */

/** Opt-in faults for reliability tests. Rates are probabilities per request. */
export interface Faults {
  latencyMs?: number;
  /** 503 before the handler runs. */
  error503?: number;
  /** Connection destroyed before the handler runs. */
  dropBefore?: number;
  /** Handler runs, then the connection is destroyed: the client never sees the answer. */
  dropAfter?: number;
  /** Starts a burst: the next `burstLength` requests of that token get 429. */
  burst429?: number;
  burstLength?: number;
  retryAfterSeconds?: number;
  /** Handler runs only after this long (longer than the client timeout makes a timeout). */
  hangMs?: number;
  hang?: number;
  seed?: number;
}

export interface Stats {
  requests: number;
  byRoute: Record<string, number>;
  replays: number;
  rateLimited: number;
  faults: Record<string, number>;
  mutationsWithoutKey: number;
  /** Handler executions (effects), by route: the count that must not exceed logical operations. */
  executions: Record<string, number>;
  /** Requests refused by a route's declared fields: what a real API would have refused too. */
  validationFailures: { route: string; errors: Record<string, string> }[];
}

export function emptyStats(): Stats {
  return { requests: 0, byRoute: {}, replays: 0, rateLimited: 0, faults: {}, mutationsWithoutKey: 0, executions: {}, validationFailures: [] };
}

export /** Small seeded PRNG so fault runs are reproducible. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Pagination helper shared by pack routes: page/per_page → slice + meta. */
export function paginate<T>(items: T[], query: Record<string, string | string[]>, defaultPer = 25, maxPer = 100): { data: T[]; meta: { page: number; per_page: number; total: number; last_page: number } } {
  const page = Math.max(1, Number(query.page ?? 1) || 1);
  const per = Math.min(maxPer, Math.max(1, Number(query.per_page ?? defaultPer) || defaultPer));
  return { data: items.slice((page - 1) * per, page * per), meta: { page, per_page: per, total: items.length, last_page: Math.max(1, Math.ceil(items.length / per)) } };
}
