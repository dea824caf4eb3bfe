import { paginate, reply, SbError, type SandboxEngine } from '../../../sandbox/engine.js';
import { ACCEPTS } from './accepts.js';
import { forwardingStore } from './forwarding-addresses.js';
import { addDomain, Checks, DAY, DNS_CHECK_MS, finders, isHostname, PLAN_LIMITS, planOf, RECORD_KINDS, type DnsCheck, type Domain, type InfraState, type RecordKind } from './state.js';

const EXPECTED: Record<RecordKind, (d: Domain) => { type: string; host: string; value: string; priority?: number }[]> = {
  mx: () => [{ type: 'MX', host: '@', value: 'mx1.trekmail.net', priority: 10 }, { type: 'MX', host: '@', value: 'mx2.trekmail.net', priority: 20 }],
  spf: () => [{ type: 'TXT', host: '@', value: 'v=spf1 include:_spf.trekmail.net ~all' }],
  dkim: (d) => [{ type: 'TXT', host: `${d.dkimSelector}._domainkey`, value: `v=DKIM1; k=rsa; p=MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA${Buffer.from(`${d.name}/${d.dkimSelector}`).toString('base64')}IDAQAB` }],
  dmarc: () => [{ type: 'TXT', host: '_dmarc', value: 'v=DMARC1; p=quarantine; rua=mailto:dmarc-reports@trekmail.net' }],
};
const WRONG: Record<RecordKind, string> = { mx: 'mx.oldhost.example', spf: 'v=spf1 include:_spf.oldhost.example -all', dkim: 'v=DKIM1; p=', dmarc: 'v=DMARC1; p=none' };

const isDomainName = (v: unknown): v is string => isHostname(v) && v === v.toLowerCase();

/** Domains, DNS requirements and checks (which finish DNS_CHECK_MS after they start), spam metrics. */
export function registerDomains(engine: SandboxEngine, s: InfraState): void {
  const find = finders(s);

  // DNS checks finish lazily: whoever looks after their end applies the result to the domain.
  const settle = () => {
    for (const c of s.checks.values()) {
      if (c.applied || engine.now() < c.doneAt) continue;
      c.applied = true;
      const d = s.domains.get(c.domainId);
      if (!d) continue;
      d.records = { ...c.results };
      d.checkedAt = c.doneAt;
      const ok = RECORD_KINDS.every((k) => c.results[k] === 'valid');
      d.dns = ok ? 'verified' : 'failing';
      // The first passing check activates a new domain; a later failure leaves an active domain active, flagged.
      if (ok && d.status === 'pending_dns') d.status = 'active';
      if (ok && !d.verifiedAt) d.verifiedAt = c.doneAt;
    }
  };
  const mailboxCount = (id: number) => [...s.mailboxes.values()].filter((m) => m.domainId === id).length;
  const view = (d: Domain) => ({
    id: d.id, name: d.name, status: d.status, dns_status: d.dns, dns: { ...d.records }, dkim: { selector: d.dkimSelector, status: d.records.dkim },
    catch_all: { ...d.catchAll }, note: d.note, mail_hosting: d.mailHosting ?? 'trekmail', mailbox_count: mailboxCount(d.id),
    created_at: engine.iso(d.created), verified_at: d.verifiedAt ? engine.iso(d.verifiedAt) : null, last_checked_at: d.checkedAt ? engine.iso(d.checkedAt) : null,
  });
  const checkView = (c: DnsCheck) => {
    const done = engine.now() >= c.doneAt;
    const d = s.domains.get(c.domainId);
    return {
      id: c.id, domain_id: c.domainId, domain: d?.name ?? null, status: done ? 'completed' : 'running',
      started_at: engine.iso(c.started), completed_at: done ? engine.iso(c.doneAt) : null,
      results: done && d ? RECORD_KINDS.map((k) => ({ record: k, status: c.results[k], expected: EXPECTED[k](d).map((r) => r.value), found: c.results[k] === 'valid' ? EXPECTED[k](d).map((r) => r.value) : c.results[k] === 'invalid' ? [WRONG[k]] : [] })) : null,
      all_valid: done ? RECORD_KINDS.every((k) => c.results[k] === 'valid') : null,
    };
  };
  const add = (name: string, plan: keyof typeof PLAN_LIMITS, mailHosting?: Domain['mailHosting']): Domain => {
    const limit = PLAN_LIMITS[plan].domains;
    if (s.domains.size >= limit && ![...s.domains.values()].some((d) => d.name === name.toLowerCase())) {
      throw new SbError(422, 'plan_limit_reached', `The ${plan} plan allows ${limit} domains`, { limit, current: s.domains.size });
    }
    return addDomain(engine, s.account, name, mailHosting ? { mailHosting } : {});
  };

  engine.route('GET', '/domains', 'domains:read', (req) => {
    settle();
    let list = [...s.domains.values()];
    if (req.query.status) list = list.filter((d) => d.status === req.query.status);
    if (typeof req.query.search === 'string') list = list.filter((d) => d.name.includes(String(req.query.search).toLowerCase()));
    return paginate(list.map(view), req.query);
  }, { accepts: ACCEPTS.domains });

  engine.route('GET', '/domains/{domain_id}', 'domains:read', (req) => {
    settle();
    return { domain: view(find.domain(req.params.domain_id)) };
  }, { accepts: ACCEPTS.none });

  engine.route('POST', '/domains', 'domains:create', (req) => {
    new Checks().need(isDomainName(req.body.name), 'name', 'must be lowercase').done();
    const d = add(req.body.name, planOf(req), req.body.mail_hosting);
    return reply({ status: 201, body: { domain: view(d), next_steps: 'Publish the records from GET /domains/{id}/dns-requirements, then POST /domains/{id}/dns-recheck.' } });
  }, { accepts: ACCEPTS.createDomain });

  engine.route('POST', '/domains:bulk-add', 'domains:create', (req) => {
    const names = req.body.domains as string[];
    const created: unknown[] = [];
    const failed: unknown[] = [];
    for (const name of names) {
      try {
        if (!isDomainName(name)) throw new SbError(422, 'invalid_domain', 'not a valid lowercase domain name');
        created.push(view(add(name, planOf(req))));
      } catch (err) {
        const e = err as SbError;
        failed.push({ name, code: e.code, message: e.message });
      }
    }
    return { created, failed, summary: { requested: names.length, created: created.length, failed: failed.length } };
  }, { accepts: ACCEPTS.bulkDomains });

  engine.route('DELETE', '/domains/{domain_id}', 'domains:delete', (req) => {
    const d = find.domain(req.params.domain_id);
    const n = mailboxCount(d.id);
    if (n) throw new SbError(409, 'domain_not_empty', `${d.name} still has ${n} mailbox(es)`, { mailbox_count: n }, 'Delete its mailboxes first (create_delete_intent).');
    s.domains.delete(d.id);
    for (const [id, a] of s.aliases) if (a.domainId === d.id) s.aliases.delete(id);
    const fwd = forwardingStore(engine);
    for (const [id, a] of fwd.addresses) if (a.domainId === d.id) fwd.addresses.delete(id);
    return { deleted: true, id: d.id, name: d.name };
  }, { accepts: ACCEPTS.none });

  engine.route('PATCH', '/domains/{domain_id}/catch-all', 'domains:write', (req) => {
    const d = find.domain(req.params.domain_id);
    const { enabled, destination } = req.body;
    new Checks().need(!(enabled === true && (destination === null || (destination === undefined && !d.catchAll.destination))), 'destination', 'is required to enable the catch-all').done();
    if (enabled && d.mailHosting === 'external') throw new SbError(409, 'domain_mail_external', `${d.name} keeps its mail at its own provider: it has no catch-all`);
    d.catchAll = { enabled, destination: destination === undefined ? d.catchAll.destination : destination };
    return { domain_id: d.id, catch_all: { ...d.catchAll } };
  }, { accepts: ACCEPTS.catchAll });

  engine.route('POST', '/domains/{domain_id}/dkim:retry', 'domains:write', (req) => {
    settle();
    const d = find.domain(req.params.domain_id);
    if (d.records.dkim === 'valid') throw new SbError(409, 'dkim_already_valid', `DKIM of ${d.name} is already valid`);
    d.dkimSelector = `tm${Number(d.dkimSelector.slice(2)) + 1}`;
    d.records.dkim = 'unchecked';
    return reply({ status: 202, body: { domain_id: d.id, dkim: { selector: d.dkimSelector, status: 'pending', record: EXPECTED.dkim(d)[0] }, next_steps: 'Publish the new DKIM record, then run a DNS recheck.' } });
  }, { accepts: ACCEPTS.noBody });

  engine.route('PATCH', '/domains/{domain_id}/note', 'domains:write', (req) => {
    const d = find.domain(req.params.domain_id);
    d.note = req.body.note;
    return { domain_id: d.id, note: d.note };
  }, { accepts: ACCEPTS.note });

  engine.route('GET', '/domains/{domain_id}/dns-requirements', 'domains:dns:read', (req) => {
    settle();
    const d = find.domain(req.params.domain_id);
    const rows = (kinds: RecordKind[]) => kinds.flatMap((k) => EXPECTED[k](d).map((r) => ({ purpose: k, ...r, status: d.records[k] })));
    // A sending-only domain keeps its provider's MX: shown for reference under checks, never required.
    const external = d.mailHosting === 'external';
    return {
      domain_id: d.id, domain: d.name, status: d.status, dns_status: d.dns, mail_hosting: d.mailHosting ?? 'trekmail',
      records: rows(RECORD_KINDS.filter((k) => !external || k !== 'mx')), ...(external ? { checks: rows(['mx']) } : {}),
    };
  }, { accepts: ACCEPTS.none });

  engine.route('POST', '/domains/{domain_id}/dns-recheck', 'domains:dns:recheck', (req) => {
    settle();
    const d = find.domain(req.params.domain_id);
    const running = [...s.checks.values()].find((c) => c.domainId === d.id && engine.now() < c.doneAt);
    if (running) return reply({ status: 202, body: { check: checkView(running) } });
    const now = engine.now();
    const c: DnsCheck = { id: s.next.check++, domainId: d.id, started: now, doneAt: now + DNS_CHECK_MS, results: { ...d.world }, applied: false };
    s.checks.set(c.id, c);
    return reply({ status: 202, body: { check: checkView(c) } });
  }, { accepts: ACCEPTS.noBody });

  engine.route('GET', '/dns-checks/{check_id}', 'domains:dns:read', (req) => {
    settle();
    const c = s.checks.get(Number(req.params.check_id));
    if (!c) throw new SbError(404, 'not_found', 'DNS check not found');
    return { check: checkView(c) };
  }, { accepts: ACCEPTS.none });

  const series = (d: Domain, days: number) => {
    const today = Math.floor(engine.now() / DAY) * DAY;
    const active = d.status === 'active' && !!d.verifiedAt;
    return Array.from({ length: days }, (_, i) => {
      const n = days - 1 - i;
      const received = active ? 180 + ((d.id * 37 + n * 53) % 140) : 0;
      const spam = active ? (d.id * 11 + n * 7) % 31 : 0;
      const rejected = active ? (d.id + n * 3) % 9 : 0;
      const quarantined = Math.floor(spam / 3);
      return { date: new Date(today - n * DAY).toISOString().slice(0, 10), received, spam, quarantined, rejected, spam_rate: received ? Math.round((spam / received) * 10000) / 10000 : 0 };
    });
  };
  const days = (q: Record<string, string | string[]>) => (q.days === undefined ? 30 : Number(q.days));

  engine.route('GET', '/domains/{domain_id}/spam-metrics', 'domains:read', (req) => {
    const n = days(req.query);
    const d = find.domain(req.params.domain_id);
    return { domain_id: d.id, domain: d.name, days: n, data: series(d, n) };
  }, { accepts: ACCEPTS.days });

  engine.route('GET', '/domains/{domain_id}/spam-metrics/summary', 'domains:read', (req) => {
    const n = days(req.query);
    const d = find.domain(req.params.domain_id);
    const rows = series(d, n);
    const sum = (k: 'received' | 'spam' | 'quarantined' | 'rejected') => rows.reduce((a, r) => a + r[k], 0);
    const spam = sum('spam');
    const received = sum('received');
    return {
      domain_id: d.id, domain: d.name, days: n,
      totals: { received, spam, quarantined: sum('quarantined'), rejected: sum('rejected') },
      spam_rate: received ? Math.round((spam / received) * 10000) / 10000 : 0,
      top_reasons: spam ? [
        { reason: 'rbl_listed', count: Math.round(spam * 0.45) },
        { reason: 'bayes_high', count: Math.round(spam * 0.35) },
        { reason: 'spf_fail', count: spam - Math.round(spam * 0.45) - Math.round(spam * 0.35) },
      ] : [],
    };
  }, { accepts: ACCEPTS.days });
}
