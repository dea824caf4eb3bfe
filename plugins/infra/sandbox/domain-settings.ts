import { DAY, type Domain, type Mailbox } from '../../../sandbox/account.js';
import { notFound, SbError, type SandboxEngine } from '../../../sandbox/engine.js';
import type { Accepts } from '../../../sandbox/fields.js';
import { Checks, emailOf, finders, RECORD_KINDS, type InfraState } from './state.js';

/**
 * What these endpoints accept (official client@d81716a and tools domains.ts@1cc9beeb, bounces.ts@a6419d0). The
 * mail-hosting confirmation is sent only as true by the official client: anything else is refused here.
 */
const BOUNCES = { days: 'int(1..90)?', type: 'hard|soft|all?', recipient: 'string(..255)?', limit: 'int(1..100)?', offset: 'int(0..)?' };
const ACCEPTS = {
  none: {},
  signature: { body: { signature_mode: 'off|default|enforced', signature_position: 'before_reply|after_reply?', signature_html: 'string(..65535)?' } },
  mailHosting: { body: { mail_hosting: 'trekmail|external', confirm_mailboxes_stop_receiving: 'true?' } },
  alias: { body: { primary_domain_id: 'int(1..)' } },
  noBody: { body: false },
  days: { query: { days: 'int(1..90)?' } },
  bounces: { query: BOUNCES },
} satisfies Record<string, Accepts>;

interface Signature { mode: 'off' | 'default' | 'enforced'; position: 'before_reply' | 'after_reply'; html: string | null; updated: number | null }
interface Store { signatures: Map<number, Signature>; aliases: Map<number, { primaryId: number; since: number }> }

/** What the API strips from signature HTML: active content, event handlers, script URLs. */
const sanitize = (html: string) =>
  html.replace(/<(script|style|iframe|object|embed)\b[\s\S]*?(<\/\1\s*>|$)/gi, '').replace(/\s+on\w+\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)/gi, '').replace(/javascript:/gi, '');

/** Outbound bounces the emulator reports, per recipient: who, how, and the receiving server's answer. */
const BOUNCE_KINDS: { recipient: string; type: 'hard' | 'soft'; code: string; response: string }[] = [
  { recipient: 'no-such-user@example.com', type: 'hard', code: '550 5.1.1', response: '550 5.1.1 <no-such-user@example.com>: Recipient address rejected: User unknown' },
  { recipient: 'full.inbox@example.org', type: 'soft', code: '452 4.2.2', response: '452 4.2.2 The email account that you tried to reach is over quota' },
  { recipient: 'old.contact@example.net', type: 'hard', code: '550 5.1.2', response: '550 5.1.2 Host or domain name not found' },
  { recipient: 'greylisted@example.org', type: 'soft', code: '451 4.7.1', response: '451 4.7.1 Greylisted, please try again later' },
  { recipient: 'Strict.Policy@Example.com', type: 'hard', code: '554 5.7.1', response: '554 5.7.1 Message rejected under the recipient domain policy' },
];

/** Domain signature, mail hosting, domain alias (matching addresses), Domain Connect, deliverability and bounces. */
export function registerDomainSettings(engine: SandboxEngine, s: InfraState): void {
  const st = engine.store<Store>('infra:domain-settings', () => ({ signatures: new Map(), aliases: new Map() }));
  const find = finders(s);
  const mailboxesOf = (id: number) => [...s.mailboxes.values()].filter((m) => m.domainId === id);
  const ref = (d: Domain) => ({ id: d.id, name: d.name });

  const signatureView = (d: Domain) => {
    const g = st.signatures.get(d.id) ?? { mode: 'off', position: 'before_reply', html: null, updated: null };
    return { domain_id: d.id, domain: d.name, signature_mode: g.mode, signature_position: g.position, signature_html: g.html, updated_at: g.updated ? engine.iso(g.updated) : null };
  };

  engine.route('GET', '/domains/{domain_id}/signature', 'domains:read', (req) => ({ data: signatureView(find.domain(req.params.domain_id)) }), { accepts: ACCEPTS.none });

  engine.route('PATCH', '/domains/{domain_id}/signature', 'domains:write', (req) => {
    const d = find.domain(req.params.domain_id);
    const b = req.body;
    const was = st.signatures.get(d.id);
    const cleaned = typeof b.signature_html === 'string' ? sanitize(b.signature_html).trim() : undefined;
    // Omitted HTML keeps the current one; "" clears it (allowed with mode off only, which then has nothing to show).
    const html = cleaned === undefined ? was?.html ?? null : cleaned || null;
    new Checks().need(b.signature_mode === 'off' || !!html, 'signature_html', `is required (after sanitising) for mode ${b.signature_mode}`).done();
    st.signatures.set(d.id, { mode: b.signature_mode, position: b.signature_position ?? was?.position ?? 'before_reply', html, updated: engine.now() });
    return { data: { ...signatureView(d), sanitized: cleaned !== undefined && cleaned !== b.signature_html.trim() } };
  }, { accepts: ACCEPTS.signature });

  engine.route('PATCH', '/domains/{domain_id}/mail-hosting', 'domains:write', (req) => {
    const d = find.domain(req.params.domain_id);
    const { mail_hosting: hosting, confirm_mailboxes_stop_receiving: confirmed } = req.body;
    const n = mailboxesOf(d.id).length;
    if (hosting === 'external' && d.mailHosting !== 'external' && n && !confirmed) {
      throw new SbError(409, 'confirmation_required', `${d.name} has ${n} mailbox(es) that would stop receiving mail`, { mailbox_count: n }, 'Send confirm_mailboxes_stop_receiving: true to go ahead; nothing is deleted.');
    }
    // A domain whose mail stays elsewhere has no catch-all: it is switched off (its target kept).
    if (hosting === 'external') d.catchAll = { ...d.catchAll, enabled: false };
    d.mailHosting = hosting;
    return { data: { domain_id: d.id, domain: d.name, mail_hosting: hosting, mailbox_count: n, mailboxes_receiving: hosting === 'trekmail', catch_all: { ...d.catchAll } } };
  }, { accepts: ACCEPTS.mailHosting });

  // A domain alias answers for a primary domain's addresses: name@alias is delivered as name@primary.
  const primaryOf = (d: Domain) => {
    const link = st.aliases.get(d.id);
    const p = link && s.domains.get(link.primaryId);
    return link && p ? { link, p } : undefined;
  };
  const blocker = (d: Domain, p: Domain) =>
    d.status !== 'active' ? `domain_${d.status}` : d.records.mx !== 'valid' ? 'mx_not_verified' : p.status !== 'active' ? `primary_${p.status}` : p.mailHosting === 'external' ? 'primary_mail_external' : null;
  const aliasView = (d: Domain) => {
    const c = primaryOf(d);
    const reason = c ? blocker(d, c.p) : 'not_connected';
    return { domain_id: d.id, domain: d.name, connected: !!c, primary_domain: c ? ref(c.p) : null, connected_at: c ? engine.iso(c.link.since) : null, delivering: !reason, not_delivering_reason: reason };
  };

  engine.route('GET', '/domains/{domain_id}/matching-addresses', 'domains:read', (req) => ({ data: aliasView(find.domain(req.params.domain_id)) }), { accepts: ACCEPTS.none });

  engine.route('PUT', '/domains/{domain_id}/matching-addresses', 'domains:write', (req) => {
    const d = find.domain(req.params.domain_id);
    const p = s.domains.get(req.body.primary_domain_id);
    if (!p) throw notFound('Primary domain');
    new Checks().need(p.id !== d.id, 'primary_domain_id', 'must be another domain').need(!primaryOf(p), 'primary_domain_id', 'is itself an alias of another domain').done();
    if ([...st.aliases.entries()].some(([id, l]) => l.primaryId === d.id && s.domains.has(id))) throw new SbError(409, 'domain_is_primary', `Other domains follow ${d.name}: it cannot follow one itself`);
    for (const x of [d, p]) if (x.mailHosting === 'external') throw new SbError(409, 'domain_mail_external', `${x.name} keeps its mail at its own provider`);
    st.aliases.set(d.id, { primaryId: p.id, since: engine.now() });
    return { data: aliasView(d) };
  }, { accepts: ACCEPTS.alias });

  engine.route('DELETE', '/domains/{domain_id}/matching-addresses', 'domains:write', (req) => {
    const d = find.domain(req.params.domain_id);
    const c = primaryOf(d);
    if (!c) throw new SbError(409, 'not_connected', `${d.name} does not follow another domain`);
    st.aliases.delete(d.id);
    return { data: { ...aliasView(d), previous_primary_domain: ref(c.p) } };
  }, { accepts: ACCEPTS.noBody });

  // Domain Connect: the DNS host publishes the records after the owner consents at domain_connect_url.
  engine.route('GET', '/domains/{domain_id}/domain-connect/setup', 'domains:dns:read', (req) => {
    const d = find.domain(req.params.domain_id);
    const blockers = [
      ...(d.status === 'suspended' ? ['domain_suspended'] : []),
      ...(RECORD_KINDS.every((k) => d.records[k] === 'valid') ? ['dns_already_configured'] : []),
      ...(d.name.includes('manual') ? ['dns_not_on_cloudflare'] : []),
    ];
    const available = !blockers.length;
    return {
      domain_setup: {
        domain_id: d.id, domain: d.name, dns_provider: d.name.includes('manual') ? null : 'cloudflare', domain_connect_available: available, blockers,
        domain_connect_url: available ? `https://domainconnect.cloudflare.com/v2/domainTemplates/providers/trekmail.net/services/mail/apply?domain=${d.name}&dkimselector=${d.dkimSelector}` : null,
      },
    };
  }, { accepts: ACCEPTS.none });

  // Bounces: a fixed pattern per sending mailbox of an active domain, never before the mailbox existed.
  const bouncesOf = (mailboxes: Mailbox[], days: number) => {
    const now = engine.now();
    return mailboxes.flatMap((m) => Array.from({ length: 2 + (m.id % 3) }, (_, k) => {
      const kind = BOUNCE_KINDS[(m.id + k) % BOUNCE_KINDS.length];
      const at = now - ((m.id * 5 + k * 11) % 80) * DAY - (k + 1) * 3_600_000;
      return { id: m.id * 100 + k + 1, mailbox_id: m.id, sender: emailOf(s, m.domainId, m.localPart), recipient: kind.recipient, type: kind.type, status_code: kind.code, response: kind.response, at };
    })).filter((b) => b.at >= now - days * DAY && b.at >= s.mailboxes.get(b.mailbox_id)!.created).sort((a, b) => b.at - a.at);
  };
  const sending = (d: Domain) => d.status === 'active' && !!d.verifiedAt;
  const num = (v: unknown, dflt: number) => (v === undefined ? dflt : Number(v));
  const bounceList = (mailboxes: Mailbox[], q: Record<string, string | string[]>) => {
    const days = num(q.days, 30);
    const limit = num(q.limit, 50);
    const offset = num(q.offset, 0);
    const type = typeof q.type === 'string' ? q.type : 'all';
    const part = typeof q.recipient === 'string' ? q.recipient.toLowerCase() : '';
    const all = bouncesOf(mailboxes, days).filter((b) => (type === 'all' || b.type === type) && b.recipient.toLowerCase().includes(part));
    return { data: all.slice(offset, offset + limit).map(({ at, ...b }) => ({ ...b, bounced_at: engine.iso(at) })), meta: { total: all.length, limit, offset, days, type } };
  };

  engine.route('GET', '/domains/{domain_id}/deliverability', 'domains:read', (req) => {
    const d = find.domain(req.params.domain_id);
    const days = num(req.query.days, 30);
    const senders = sending(d) ? mailboxesOf(d.id) : [];
    const bounces = bouncesOf(senders, days);
    const hard = bounces.filter((b) => b.type === 'hard').length;
    const soft = bounces.length - hard;
    const sent = senders.reduce((a, m) => a + days * (8 + (m.id % 5)), 0);
    const rate = (n: number) => (sent ? Math.round((n / sent) * 10000) / 10000 : 0);
    const bounceRate = rate(hard + soft);
    return {
      data: {
        domain_id: d.id, domain: d.name, days, sent, delivered: sent - hard - soft, soft_bounces: soft, hard_bounces: hard,
        delivery_rate: sent ? rate(sent - hard - soft) : 0, bounce_rate: bounceRate, health: !sent ? 'no_data' : bounceRate < 0.02 ? 'good' : bounceRate < 0.05 ? 'warning' : 'poor',
      },
    };
  }, { accepts: ACCEPTS.days });

  engine.route('GET', '/domains/{domain_id}/bounces', 'domains:read', (req) => {
    const d = find.domain(req.params.domain_id);
    return { domain_id: d.id, domain: d.name, ...bounceList(sending(d) ? mailboxesOf(d.id) : [], req.query) };
  }, { accepts: ACCEPTS.bounces });

  engine.route('GET', '/mailboxes/{mailbox_id}/bounces', 'mailboxes:read', (req) => {
    const m = find.mailbox(req.params.mailbox_id);
    const d = s.domains.get(m.domainId);
    return { mailbox_id: m.id, email: emailOf(s, m.domainId, m.localPart), ...bounceList(d && sending(d) ? [m] : [], req.query) };
  }, { accepts: ACCEPTS.bounces });
}
