import { createHash } from 'node:crypto';
import { addDomain, demoAccount } from '../../../sandbox/account.js';
import { invalid, notFound, SbError, type SandboxEngine } from '../../../sandbox/engine.js';
import { list as listOf, obj } from '../../../sandbox/fields.js';
import {
  cloudflareState, DEMO_CF_TOKEN, desired, DOMAIN_IDS, hash, KIND_OF, occupants, opts, RECORD_IDS, TOKEN, tokenKind, ZONES, zoneId, type DnsRecord, type RecordId,
} from './state.js';

export { DEMO_CF_TOKEN, zoneId } from './state.js';

/** The Cloudflare emulator's routes (see state.ts for its tokens, zones and records). */
export default function register(engine: SandboxEngine): void {
  const s = cloudflareState(engine);
  const account = () => demoAccount(engine);
  const iso = (t: number | null) => (t == null ? null : engine.iso(t));
  const recordId = () => createHash('md5').update(`rec:${s.next.record++}`).digest('hex');

  /** A TrekMail domain of the account by id or name (connect adds new ones to the account). */
  const domainById = (id: number) => {
    const d = account().domains.get(id);
    return d && { id: d.id, name: d.name, selector: d.dkimSelector, world: d.world as Record<string, string> | undefined };
  };
  const domainByName = (name: string) => {
    for (const d of account().domains.values()) if (d.name === name) return domainById(d.id);
    return undefined;
  };

  /** A zone's records, first seeded from what DNS holds for the demo domain (valid, wrong or missing per kind). */
  const zoneRecords = (name: string): DnsRecord[] => {
    let list = s.records.get(name);
    if (list) return list;
    const d = domainByName(name);
    const want = desired(name, d?.selector ?? 'tm1');
    const world = d?.world ?? { mx: 'missing', spf: 'missing', dkim: 'missing', dmarc: 'missing' };
    const wrong: Record<string, Omit<DnsRecord, 'id'>[]> = {
      mx: [{ type: 'MX', name, content: 'mx.oldhost.example', priority: 10 }],
      spf: [{ type: 'TXT', name, content: 'v=spf1 include:_spf.oldhost.example -all' }],
      dkim: [{ ...want.dkim_record, content: 'v=DKIM1; p=' }],
      dmarc: [{ ...want.dmarc_record, content: 'v=DMARC1; p=none' }],
    };
    const right: Record<string, Omit<DnsRecord, 'id'>[]> = { mx: [want.mx_primary, want.mx_secondary], spf: [want.spf_record], dkim: [want.dkim_record], dmarc: [want.dmarc_record] };
    const base: Omit<DnsRecord, 'id'>[] = [{ type: 'A', name, content: '203.0.113.10' }, { type: 'CNAME', name: `www.${name}`, content: name }];
    for (const kind of ['mx', 'spf', 'dkim', 'dmarc']) {
      if (world[kind] === 'valid') base.push(...right[kind]);
      else if (world[kind] === 'invalid') base.push(...wrong[kind]);
    }
    list = base.map((r) => ({ id: recordId(), ...r }));
    s.records.set(name, list);
    return list;
  };

  const token = (body: Record<string, unknown>, forWrite = false) => {
    const t = String(body.api_token);
    const kind = tokenKind(t);
    if (kind === 'invalid') throw new SbError(422, 'cloudflare_token_invalid', 'Cloudflare rejected the API token (invalid, expired or revoked)', {}, 'Create a token with Zone:Read and DNS:Edit at dash.cloudflare.com/profile/api-tokens.');
    if (forWrite && kind === 'readonly') throw new SbError(422, 'cloudflare_permission_missing', 'The Cloudflare token may read zones but not edit DNS', { missing_permission: 'Zone.DNS:Edit' }, 'Add the DNS:Edit permission to the token.');
    return { value: t, kind };
  };
  const zoneView = (name: string) => {
    const d = domainByName(name);
    return { zone_id: zoneId(name), zone_name: name, status: 'active', trekmail_domain_id: d?.id ?? null, connected: !!(d && s.connections.has(d.id)) };
  };

  engine.route('POST', '/cloudflare/validate-token', 'cloudflare:read', (req) => {
    const kind = tokenKind(req.body.api_token);
    if (kind === 'invalid') return { valid: false, status: 'invalid', message: 'Cloudflare does not recognise this token (invalid, expired or revoked).' };
    return { valid: true, status: 'active', permissions: { zone_read: true, dns_edit: kind === 'full' }, zones_count: ZONES.length, expires_on: null };
  }, { ...opts, accepts: { body: TOKEN } });

  engine.route('POST', '/cloudflare/zones', 'cloudflare:read', (req) => {
    token(req.body);
    const zones = ZONES.map(zoneView);
    return { zones, matched: zones.filter((z) => z.trekmail_domain_id !== null).length };
  }, { ...opts, accepts: { body: TOKEN } });

  engine.route('POST', '/cloudflare/connect', 'cloudflare:write', (req) => {
    const t = token(req.body, true);
    const sel = req.body.selected;
    const errors: Record<string, string> = {};
    const plan: { zone: string; domainId: number | null }[] = [];
    sel.forEach((x: Record<string, unknown>, i: number) => {
      const name = String(x?.zone_name ?? '').toLowerCase();
      if (!ZONES.includes(name) || x.zone_id !== zoneId(name)) return void (errors[`selected.${i}`] = `zone ${x?.zone_id} (${name}) is not visible to this token`);
      const existing = domainByName(name);
      if (x.trekmail_domain_id === null) {
        if (existing) return void (errors[`selected.${i}.trekmail_domain_id`] = `${name} is already TrekMail domain ${existing.id}; pass that id`);
        plan.push({ zone: name, domainId: null });
      } else {
        const d = typeof x.trekmail_domain_id === 'number' ? domainById(x.trekmail_domain_id) : undefined;
        if (!d) return void (errors[`selected.${i}.trekmail_domain_id`] = 'no such TrekMail domain');
        if (d.name !== name) return void (errors[`selected.${i}.trekmail_domain_id`] = `domain ${d.id} is ${d.name}, not ${name}`);
        plan.push({ zone: name, domainId: d.id });
      }
    });
    if (Object.keys(errors).length) throw invalid(errors);
    let saved = [...s.tokens.values()].find((x) => x.hash === hash(t.value));
    if (!saved) {
      saved = { id: s.next.token++, hash: hash(t.value), hint: `…${t.value.slice(-4)}`, name: `Cloudflare token …${t.value.slice(-4)}`, readonly: false, created: engine.now(), lastUsed: null };
      s.tokens.set(saved.id, saved);
    }
    saved.lastUsed = engine.now();
    const connected = plan.map((p) => {
      let id = p.domainId;
      if (id === null) {
        // The zone becomes a TrekMail domain of the account (infra's list_domains shows it); its DNS has none of our records yet.
        const missing = 'missing' as const;
        id = addDomain(engine, account(), p.zone, { world: { mx: missing, spf: missing, dkim: missing, dmarc: missing } }).id;
      }
      s.connections.set(id, { domainId: id, tokenId: saved!.id, zoneId: zoneId(p.zone), connected: engine.now() });
      return { zone_id: zoneId(p.zone), zone_name: p.zone, trekmail_domain_id: id, domain_created: p.domainId === null };
    });
    return { token_id: saved.id, connected, next_step: 'Run preview_cloudflare_dns with these domain ids.' };
  }, {
    ...opts,
    accepts: { body: { ...TOKEN, selected: listOf(obj({ zone_id: 'string(1..)', zone_name: 'hostname', trekmail_domain_id: 'int(1..)|null' }), '1..50') } },
  });

  /** The domains of domain_ids and the per-domain record maps (map contents: the fields DSL has no map type). */
  const targets = (body: Record<string, any>) => {
    const ids: number[] = body.domain_ids;
    const errors: Record<string, string> = {};
    for (const key of ['included_records', 'confirmed_conflicts']) {
      const m = body[key];
      if (m === undefined) continue;
      for (const [k, v] of Object.entries(m)) {
        if (!ids.includes(Number(k))) errors[`${key}.${k}`] = 'domain is not in domain_ids';
        else if (!Array.isArray(v) || v.some((r) => !(RECORD_IDS as readonly string[]).includes(r))) errors[`${key}.${k}`] = `record ids are ${RECORD_IDS.join(', ')}`;
      }
    }
    const list = [...new Set<number>(ids)].map((id) => {
      const d = domainById(id);
      if (!d) throw notFound(`Domain ${id}`);
      const c = s.connections.get(id);
      if (!c) errors[`domain_ids.${id}`] = `${d.name} is not connected to Cloudflare; run connect_cloudflare_domains first`;
      return { d, c: c! };
    });
    if (Object.keys(errors).length) throw invalid(errors);
    return list;
  };
  const plan = (d: { id: number; name: string; selector: string }, included: Record<string, string[]> | undefined) => {
    const zone = zoneRecords(d.name);
    const want = desired(d.name, d.selector);
    const only = included?.[String(d.id)];
    return RECORD_IDS.map((id) => {
      const w = want[id];
      const base = { id, type: w.type, name: w.name, content: w.content, ...(w.priority !== undefined ? { priority: w.priority } : {}) };
      if (only && !only.includes(id)) return { ...base, action: 'skip' as const, existing: [] as DnsRecord[] };
      if (zone.some((r) => r.type === w.type && r.name === w.name && r.content === w.content)) return { ...base, action: 'unchanged' as const, existing: [] };
      const occ = occupants(id, w, zone);
      return { ...base, action: occ.length ? ('conflict' as const) : ('create' as const), existing: occ };
    });
  };
  const shown = (r: DnsRecord) => ({ type: r.type, name: r.name, content: r.content, ...(r.priority !== undefined ? { priority: r.priority } : {}) });

  engine.route('POST', '/cloudflare/preview', 'cloudflare:read', (req) => {
    const domains: Record<string, unknown> = {};
    const summary = { create: 0, unchanged: 0, conflict: 0, skip: 0 };
    for (const { d, c } of targets(req.body)) {
      const records = plan(d, req.body.included_records);
      for (const r of records) summary[r.action]++;
      domains[d.id] = {
        domain_id: d.id, domain: d.name, zone_id: c.zoneId,
        records: records.map(({ existing, ...r }) => (r.action === 'conflict' ? { ...r, existing: existing.map(shown) } : r)),
        conflicts: records.filter((r) => r.action === 'conflict').map((r) => r.id),
      };
    }
    return {
      domains, summary, has_conflicts: summary.conflict > 0,
      next_step: summary.conflict ? 'Conflicting records are kept unless you list their ids in confirmed_conflicts on apply_cloudflare_dns (this replaces them).' : 'Run apply_cloudflare_dns to write the records.',
    };
  }, { ...opts, accepts: { body: { domain_ids: DOMAIN_IDS, included_records: 'object?' } } });

  engine.route('POST', '/cloudflare/apply', 'cloudflare:write', (req) => {
    const confirmed: Record<string, string[]> = req.body.confirmed_conflicts ?? {};
    const domains: Record<string, unknown> = {};
    const summary = { created: 0, replaced: 0, unchanged: 0, skipped: 0 };
    for (const { d, c } of targets(req.body)) {
      const saved = s.tokens.get(c.tokenId);
      if (saved) saved.lastUsed = engine.now();
      const zone = zoneRecords(d.name);
      const out = { domain_id: d.id, domain: d.name, created: [] as string[], replaced: [] as string[], unchanged: [] as string[], skipped: [] as { id: string; reason: string }[] };
      for (const r of plan(d, req.body.included_records)) {
        const rec: DnsRecord = { id: recordId(), type: r.type, name: r.name, content: r.content, ...(r.priority !== undefined ? { priority: r.priority } : {}) };
        if (r.action === 'unchanged') out.unchanged.push(r.id);
        else if (r.action === 'skip') out.skipped.push({ id: r.id, reason: 'not_included' });
        else if (r.action === 'create') zone.push(rec), out.created.push(r.id);
        else if ((confirmed[String(d.id)] ?? []).includes(r.id)) {
          for (const old of r.existing) zone.splice(zone.indexOf(old), 1);
          zone.push(rec);
          out.replaced.push(r.id);
        } else out.skipped.push({ id: r.id, reason: 'conflict_not_confirmed' });
      }
      // What is now in the zone is what DNS holds: TrekMail's own DNS checks see it.
      const world = account().domains.get(d.id)?.world;
      if (world) for (const id of [...out.created, ...out.replaced, ...out.unchanged]) if (KIND_OF[id as RecordId]) world[KIND_OF[id as RecordId]!] = 'valid';
      summary.created += out.created.length;
      summary.replaced += out.replaced.length;
      summary.unchanged += out.unchanged.length;
      summary.skipped += out.skipped.length;
      domains[d.id] = out;
    }
    const pending = Object.values(domains).some((x) => (x as { skipped: { reason: string }[] }).skipped.some((k) => k.reason === 'conflict_not_confirmed'));
    return {
      domains, summary,
      next_step: pending ? 'Conflicting records were left as they are; confirm them in confirmed_conflicts to replace them.' : 'Records written; TrekMail DNS checks will see them shortly.',
    };
  }, { ...opts, accepts: { body: { domain_ids: DOMAIN_IDS, confirmed_conflicts: 'object?', included_records: 'object?' } } });

  engine.route('GET', '/cloudflare/tokens', 'cloudflare:read', () => ({
    data: [...s.tokens.values()].map((t) => {
      const names = [...s.connections.values()].filter((c) => c.tokenId === t.id).map((c) => domainById(c.domainId)?.name).filter(Boolean);
      return { id: t.id, name: t.name, token_hint: t.hint, status: 'active', domains_count: names.length, domains: names, created_at: iso(t.created), last_used_at: iso(t.lastUsed) };
    }),
  }), { ...opts, accepts: {} });

  engine.route('DELETE', '/cloudflare/tokens/{token_id}', 'cloudflare:delete', (req) => {
    const t = s.tokens.get(Number(req.params.token_id));
    if (!t) throw notFound('Cloudflare token');
    const gone: string[] = [];
    for (const c of [...s.connections.values()]) {
      if (c.tokenId !== t.id) continue;
      s.connections.delete(c.domainId);
      gone.push(domainById(c.domainId)?.name ?? String(c.domainId));
    }
    s.tokens.delete(t.id);
    return { deleted: true, id: t.id, disconnected_domains: gone };
  }, { ...opts, accepts: {} });
}
