import type { Plan } from '../../../core/plugin-api.js';
import { notFound, reply, SbError, type SandboxEngine } from '../../../sandbox/engine.js';
import type { Accepts } from '../../../sandbox/fields.js';
import { addressTaken, Checks, DAY, emailOf, finders, heldAddresses, isLocalPart, planOf, taken, type InfraState } from './state.js';

/** What the forwarding-address endpoints accept (official client and tool schemas, domains.ts@1cc9beeb). */
const ACCEPTS = {
  none: {},
  log: { query: { limit: 'int(1..200)?' } },
  create: { body: { local_part: 'string(1..64)', recipients: 'email[1..]', is_active: 'bool?' } },
  update: { body: { recipients: 'email[1..]?', is_active: 'bool?' } },
} satisfies Record<string, Accepts>;

export interface ForwardingAddress { id: number; domainId: number; localPart: string; recipients: string[]; isActive: boolean; created: number; updated: number }
type Outcome = 'delivered' | 'deferred' | 'rejected' | 'blocked_spam';
interface Delivery { id: number; addressId: number; at: number; from: string; subject: string; outcome: Outcome; detail: string }

/** Forwarding addresses a domain may have in the emulator (the API reports its own figure as limit.max). */
export const FORWARDING_LIMIT = 50;
/** Only these plans deliver forwarded mail; on the others the address is kept and works after an upgrade. */
const DELIVERS: Plan[] = ['pro', 'agency'];
/** Days of delivery log kept: 30 on Agency, 7 otherwise. */
const retention = (plan: Plan) => (plan === 'agency' ? 30 : 7);

interface Store { next: { address: number; delivery: number }; addresses: Map<number, ForwardingAddress>; deliveries: Delivery[] }

/** The forwarding addresses of the account (its own store; the demo domain has one, with a few days of deliveries). */
export function forwardingStore(engine: SandboxEngine): Store {
  return engine.store('infra:forwarding-addresses', () => {
    const now = engine.now();
    const st: Store = { next: { address: 2, delivery: 1 }, addresses: new Map(), deliveries: [] };
    st.addresses.set(1, { id: 1, domainId: 1, localPart: 'billing', recipients: ['accounts@example.com', 'bookkeeper@example.org'], isActive: true, created: now - 60 * DAY, updated: now - 60 * DAY });
    const seen: [number, string, string, Outcome, string][] = [
      [0.2, 'invoices@supplier.example', 'Invoice 2031-118', 'delivered', '250 2.0.0 OK'],
      [1.1, 'billing@saas.example', 'Your receipt', 'delivered', '250 2.0.0 OK'],
      [2.4, 'promo@bulk.example', 'You won!', 'blocked_spam', 'Spam score 9.1: not forwarded'],
      [3.0, 'ap@partner.example', 'Remittance advice', 'deferred', '421 4.7.0 Try again later'],
      [3.1, 'ap@partner.example', 'Remittance advice', 'delivered', '250 2.0.0 OK'],
      [12, 'invoices@supplier.example', 'Invoice 2031-097', 'delivered', '250 2.0.0 OK'],
    ];
    for (const [days, from, subject, outcome, detail] of seen) st.deliveries.push({ id: st.next.delivery++, addressId: 1, at: now - days * DAY, from, subject, outcome, detail });
    return st;
  });
}

/** Mailbox-less forwarding addresses on a domain, with their delivery log. */
export function registerForwardingAddresses(engine: SandboxEngine, s: InfraState): void {
  const st = forwardingStore(engine);
  const find = finders(s);
  const view = (a: ForwardingAddress) => ({
    id: a.id, domain_id: a.domainId, email: emailOf(s, a.domainId, a.localPart), local_part: a.localPart, recipients: [...a.recipients], is_active: a.isActive,
    created_at: engine.iso(a.created), updated_at: engine.iso(a.updated),
  });
  const ofDomain = (id: number) => [...st.addresses.values()].filter((a) => a.domainId === id);
  // A forwarding address takes its address: no mailbox, alias or invite may use it too.
  heldAddresses.set(s, () => [...st.addresses.values()].map((a) => emailOf(s, a.domainId, a.localPart)));
  const address = (domainId: number, id: string) => {
    const a = st.addresses.get(Number(id));
    if (!a || a.domainId !== domainId) throw notFound('Forwarding address');
    return a;
  };
  /** Lowercased, duplicates dropped; an address never forwards to itself. */
  const recipientsFor = (email: string, list: string[]) => {
    const out = [...new Set(list.map((r) => r.toLowerCase()))];
    if (out.includes(email)) throw new SbError(422, 'forwarding_loop', `${email} cannot forward to itself`);
    return out;
  };

  engine.route('GET', '/domains/{domain_id}/forwarding-addresses', 'domains:read', (req) => {
    const d = find.domain(req.params.domain_id);
    const list = ofDomain(d.id);
    const delivering = DELIVERS.includes(planOf(req));
    return {
      domain_id: d.id, domain: d.name, data: list.map(view), limit: { max: FORWARDING_LIMIT, used: list.length }, delivering,
      ...(delivering ? {} : { note: 'Saved, but forwarded only on Pro or Agency: upgrade to start delivery.' }),
    };
  }, { accepts: ACCEPTS.none });

  engine.route('GET', '/domains/{domain_id}/forwarding-addresses/{address_id}/log', 'domains:read', (req) => {
    const d = find.domain(req.params.domain_id);
    const a = address(d.id, req.params.address_id);
    const days = retention(planOf(req));
    const since = engine.now() - days * DAY;
    const limit = req.query.limit === undefined ? 100 : Number(req.query.limit);
    const events = st.deliveries.filter((e) => e.addressId === a.id && e.at >= since).sort((x, y) => y.at - x.at);
    return {
      domain_id: d.id, address_id: a.id, email: emailOf(s, d.id, a.localPart), retention_days: days,
      data: events.slice(0, limit).map((e) => ({ id: e.id, received_at: engine.iso(e.at), from: e.from, subject: e.subject, forwarded_to: [...a.recipients], outcome: e.outcome, detail: e.detail })),
    };
  }, { accepts: ACCEPTS.log });

  engine.route('POST', '/domains/{domain_id}/forwarding-addresses', 'domains:write', (req) => {
    const d = find.domain(req.params.domain_id);
    const b = req.body;
    new Checks().need(isLocalPart(b.local_part), 'local_part', 'must use only a-z, 0-9, dot, hyphen and underscore').done();
    if (d.mailHosting === 'external') throw new SbError(409, 'domain_mail_external', `${d.name} keeps its mail at its own provider: it has no forwarding addresses`);
    const email = emailOf(s, d.id, b.local_part);
    if (addressTaken(s, email, engine.now())) throw taken(email);
    if (ofDomain(d.id).length >= FORWARDING_LIMIT) throw new SbError(422, 'limit_exceeded', `${d.name} has ${FORWARDING_LIMIT} forwarding addresses`, { limit: FORWARDING_LIMIT });
    const now = engine.now();
    const a: ForwardingAddress = { id: st.next.address++, domainId: d.id, localPart: b.local_part, recipients: recipientsFor(email, b.recipients), isActive: b.is_active ?? true, created: now, updated: now };
    st.addresses.set(a.id, a);
    return reply({ status: 201, body: { forwarding_address: view(a), delivering: DELIVERS.includes(planOf(req)) } });
  }, { accepts: ACCEPTS.create });

  engine.route('PATCH', '/domains/{domain_id}/forwarding-addresses/{address_id}', 'domains:write', (req) => {
    const d = find.domain(req.params.domain_id);
    const a = address(d.id, req.params.address_id);
    const b = req.body;
    new Checks().need(b.recipients !== undefined || b.is_active !== undefined, 'recipients', 'give recipients, is_active or both').done();
    if (b.recipients !== undefined) a.recipients = recipientsFor(emailOf(s, d.id, a.localPart), b.recipients);
    if (b.is_active !== undefined) a.isActive = b.is_active;
    a.updated = engine.now();
    return { forwarding_address: view(a) };
  }, { accepts: ACCEPTS.update });

  engine.route('DELETE', '/domains/{domain_id}/forwarding-addresses/{address_id}', 'domains:write', (req) => {
    const d = find.domain(req.params.domain_id);
    const a = address(d.id, req.params.address_id);
    st.addresses.delete(a.id);
    st.deliveries = st.deliveries.filter((e) => e.addressId !== a.id);
    return { deleted: true, id: a.id, email: emailOf(s, d.id, a.localPart) };
  }, { accepts: ACCEPTS.none });
}
