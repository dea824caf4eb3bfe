import { notFound } from '../../../sandbox/engine.js';
import type { Addr } from './mime.js';

/** Helpers every webmail route file shares. */

export const READ = 'messages:read';
export const WRITE = 'messages:write';
export const SEND = 'messages:send';
export const EMAIL = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/;

export type Q = Record<string, string | string[]>;
/** One query value (the first, if repeated). */
export const one = (q: Q, k: string): string | undefined => (Array.isArray(q[k]) ? (q[k] as string[])[0] : (q[k] as string | undefined));
export const iso = (t: number) => new Date(t).toISOString();
export const addrOut = (a: Addr) => ({ name: a.name ?? null, email: a.email });
/** A string field as given, null when cleared, undefined when absent. */
export const given = (v: unknown): string | null | undefined => (typeof v === 'string' ? v : v === null ? null : undefined);

export function byId<T>(map: Map<number, T>, id: string, what: string): T {
  const v = map.get(Number(id));
  if (!v) throw notFound(what);
  return v;
}

/** Opaque cursors over a sorted list: the offset, base64url-encoded. */
export function cursorPage<T>(items: T[], cursor: string | undefined, per: number): { data: T[]; next_cursor: string | null } {
  const offset = cursor ? Number(Buffer.from(cursor, 'base64url').toString()) || 0 : 0;
  const data = items.slice(offset, offset + per);
  return { data, next_cursor: offset + per < items.length ? Buffer.from(String(offset + per)).toString('base64url') : null };
}

/** Whether an IANA zone name is known (the API refuses others). */
export function knownZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** The UTC instant of a wall-clock date-time without offset in zone `tz`. */
export function zonedToUtc(naive: string, tz: string): number {
  const guess = Date.parse(`${naive}Z`);
  const offsetAt = (t: number) => {
    const parts = Object.fromEntries(
      new Intl.DateTimeFormat('en-US', { timeZone: tz, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' })
        .formatToParts(t).map((p) => [p.type, p.value]),
    );
    return Date.UTC(+parts.year, +parts.month - 1, +parts.day, +parts.hour, +parts.minute, +parts.second) - Math.floor(t / 1000) * 1000;
  };
  // Two passes settle the offset on either side of a DST change.
  const first = guess - offsetAt(guess);
  return guess - offsetAt(first);
}

const HAS_OFFSET = /(Z|[+-]\d{2}:?\d{2})$/;
/** The API's reading of a date-time: an explicit offset wins, else the timezone, else UTC. */
export function instant(value: string, tz: string | null | undefined): number {
  if (HAS_OFFSET.test(value)) return Date.parse(value);
  return tz ? zonedToUtc(value, tz) : Date.parse(`${value}Z`);
}
