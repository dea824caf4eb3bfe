import { createHash } from 'node:crypto';
import type { SandboxEngine } from '../../../sandbox/engine.js';

/**
 * Cloudflare emulator. Tokens: any token of 20+ characters is valid; one containing "invalid" is not; one containing
 * "readonly" may read zones but not edit DNS. Every valid token sees four zones: the three demo domains and
 * shop-demo.example (not yet a TrekMail domain). Zone records start from the demo domains' DNS facts, so
 * legacy.trekmail.test holds a foreign SPF record: the conflict that apply replaces only when confirmed.
 * Token values are never stored (a hash identifies a saved token) and never returned.
 */
export const DEMO_CF_TOKEN = 'cf_demo_token_sandbox_0123456789abcdef';
export const ZONES = ['demo.trekmail.test', 'newsletter.trekmail.test', 'legacy.trekmail.test', 'shop-demo.example'];
export const RECORD_IDS = ['mx_primary', 'mx_secondary', 'spf_record', 'dkim_record', 'dmarc_record'] as const;
export type RecordId = (typeof RECORD_IDS)[number];
export const opts = { minPlan: 'pro' as const };
/** What the API accepts: the Cloudflare token, 1 to 50 domain ids. Record maps are `object`s checked by the handler. */
export const TOKEN = { api_token: 'string(1..)' };
export const DOMAIN_IDS = 'int(1..)[1..50]';

export interface DnsRecord { id: string; type: 'MX' | 'TXT' | 'A' | 'CNAME'; name: string; content: string; priority?: number }
export interface Saved { id: number; hash: string; hint: string; name: string; readonly: boolean; created: number; lastUsed: number | null }
export interface Connection { domainId: number; tokenId: number; zoneId: string; connected: number }
export interface CfState {
  next: { token: number; record: number };
  tokens: Map<number, Saved>;
  connections: Map<number, Connection>;
  records: Map<string, DnsRecord[]>;
}

export const hash = (t: string) => createHash('sha256').update(t).digest('hex');
export const zoneId = (name: string) => createHash('md5').update(`zone:${name}`).digest('hex');
export const tokenKind = (t: string) => (t.length < 20 || t.includes('invalid') ? 'invalid' : t.includes('readonly') ? 'readonly' : 'full');

/** What TrekMail publishes for a domain (the same values the infra emulator asks for). */
export function desired(name: string, selector: string): Record<RecordId, Omit<DnsRecord, 'id'>> {
  return {
    mx_primary: { type: 'MX', name, content: 'mx1.trekmail.net', priority: 10 },
    mx_secondary: { type: 'MX', name, content: 'mx2.trekmail.net', priority: 20 },
    spf_record: { type: 'TXT', name, content: 'v=spf1 include:_spf.trekmail.net ~all' },
    dkim_record: { type: 'TXT', name: `${selector}._domainkey.${name}`, content: `v=DKIM1; k=rsa; p=MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA${Buffer.from(`${name}/${selector}`).toString('base64')}IDAQAB` },
    dmarc_record: { type: 'TXT', name: `_dmarc.${name}`, content: 'v=DMARC1; p=quarantine; rua=mailto:dmarc-reports@trekmail.net' },
  };
}

/** Existing records that occupy a record's place with other content (replacing them is the conflict). */
export function occupants(id: RecordId, want: Omit<DnsRecord, 'id'>, zone: DnsRecord[]): DnsRecord[] {
  const same = (r: DnsRecord) => r.type === want.type && r.name === want.name;
  if (id === 'mx_secondary') return [];
  if (id === 'mx_primary') return zone.filter((r) => same(r) && !/^mx\d\.trekmail\.net$/.test(r.content));
  if (id === 'spf_record') return zone.filter((r) => same(r) && r.content.startsWith('v=spf1') && r.content !== want.content);
  return zone.filter((r) => same(r) && r.content !== want.content);
}

/** The Cloudflare side of the sandbox: saved tokens, zone connections and zone records (domains are the account's). */
export const cloudflareState = (engine: SandboxEngine): CfState =>
  engine.store<CfState>('cloudflare', () => ({
    next: { token: 2, record: 1 },
    tokens: new Map([[1, { id: 1, hash: hash(DEMO_CF_TOKEN), hint: `…${DEMO_CF_TOKEN.slice(-4)}`, name: 'Demo Cloudflare token', readonly: false, created: engine.now() - 30 * 86_400_000, lastUsed: engine.now() - 86_400_000 }]]),
    connections: new Map([[1, { domainId: 1, tokenId: 1, zoneId: zoneId('demo.trekmail.test'), connected: engine.now() - 30 * 86_400_000 }]]),
    records: new Map(),
  }));

/** The DNS record kind each TrekMail record id publishes. */
export const KIND_OF: Record<RecordId, 'mx' | 'spf' | 'dkim' | 'dmarc' | undefined> = { mx_primary: 'mx', mx_secondary: undefined, spf_record: 'spf', dkim_record: 'dkim', dmarc_record: 'dmarc' };
