import { notFound, reply, SbError, type SandboxEngine } from '../../../sandbox/engine.js';
import type { Accepts } from '../../../sandbox/fields.js';
import { Checks, finders, isPrivateHost, SMTP_TEST_MS, type Domain, type InfraState, type SmtpConnection } from './state.js';

/** What these endpoints accept (official client@d81716a and domain-smtp.ts@1cc9beeb). */
const ENCRYPTION = 'none|ssl|tls';
const PROFILE = { name: 'string(1..80)', host: 'hostname(..255)', encryption: ENCRYPTION, username: 'string(1..255)' };
const ACCEPTS = {
  none: {},
  route: { body: { smtp_mode: 'platform|profile|not_configured|inherit', smtp_connection_id: 'int(1..)?' } },
  defaultRoute: { body: { smtp_mode: 'platform|profile|not_configured', smtp_connection_id: 'int(1..)?', apply_to_all: 'bool?' } },
  createProfile: { body: { ...PROFILE, port: '25|465|587|2525', password: 'string(1..255)' } },
  updateProfile: { body: { ...PROFILE, port: 'int(1..65535)', password: 'string(1..255)?' } },
  test: {
    body: {
      mode: 'platform|custom?', smtp_connection_id: 'int(1..)?', host: 'hostname(..255)?', port: 'int(1..65535)?', encryption: `${ENCRYPTION}?`,
      username: 'string(1..255)?', password: 'string(1..255)?',
    },
  },
} satisfies Record<string, Accepts>;

type Mode = 'platform' | 'profile' | 'not_configured';
interface Route { mode: Mode | 'inherit'; connectionId: number | null }
interface DomainTest { id: string; domainId: number; mode: 'platform' | 'custom'; host: string; port: number; started: number; outcome: 'ok' | 'connect' | 'auth' }
interface Store { routes: Map<number, Route>; fallback: { mode: Mode | null; connectionId: number | null }; names: Map<number, string>; tests: Map<string, DomainTest>; nextTest: number }

/**
 * Per-domain SMTP routes and the account default. A profile is a saved SMTP connection (the same ones GET /smtp
 * lists), so the legacy delete of a connection reassigns the domains that used it too (dropProfile).
 */
export const smtpStore = (engine: SandboxEngine): Store =>
  engine.store('infra:domain-smtp', () => ({ routes: new Map(), fallback: { mode: null, connectionId: null }, names: new Map([[1, 'Company relay']]), tests: new Map(), nextTest: 1 }));

/** Where domains go when their profile is deleted: managed SMTP (every plan of the emulator is a paid one). */
const BASELINE: Mode = 'platform';

/** Removes a profile from every route that used it; returns the domain ids reassigned. */
export function dropProfile(engine: SandboxEngine, id: number): number[] {
  const st = smtpStore(engine);
  const moved: number[] = [];
  for (const [domainId, r] of st.routes) {
    if (r.mode === 'profile' && r.connectionId === id) {
      st.routes.set(domainId, { mode: BASELINE, connectionId: null });
      moved.push(domainId);
    }
  }
  if (st.fallback.mode === 'profile' && st.fallback.connectionId === id) st.fallback = { mode: BASELINE, connectionId: null };
  st.names.delete(id);
  return moved;
}

export function registerDomainSmtp(engine: SandboxEngine, s: InfraState): void {
  const st = smtpStore(engine);
  const find = finders(s);
  const connections = s.smtp.connections;
  const routeOf = (d: Domain): Route => st.routes.get(d.id) ?? { mode: 'inherit', connectionId: null };
  const effective = (r: Route): Route => (r.mode !== 'inherit' ? r : { mode: st.fallback.mode ?? BASELINE, connectionId: st.fallback.connectionId });
  const uses = (d: Domain, id: number) => {
    const e = effective(routeOf(d));
    return e.mode === 'profile' && e.connectionId === id;
  };
  const users = (id: number) => [...s.domains.values()].filter((d) => uses(d, id));
  const profileView = (c: SmtpConnection) => ({
    id: c.id, name: st.names.get(c.id) ?? c.host, host: c.host, port: c.port, encryption: c.encryption, username: c.username, password_set: true,
    domain_count: users(c.id).length, created_at: engine.iso(c.created), last_test: c.lastTest ? { at: engine.iso(c.lastTest.at), ok: c.lastTest.ok } : null,
  });
  const routeView = (d: Domain) => {
    const r = routeOf(d);
    const e = effective(r);
    const c = r.connectionId ? connections.get(r.connectionId) : undefined;
    return { domain_id: d.id, domain: d.name, smtp_mode: r.mode, smtp_connection_id: r.connectionId, profile: c ? profileView(c) : null, effective_smtp_mode: e.mode, effective_smtp_connection_id: e.connectionId };
  };
  const profile = (id: unknown, field?: string) => {
    const c = connections.get(Number(id));
    if (!c && field) throw new SbError(422, 'validation_failed', 'Validation failed: smtp_connection_id', { errors: { [field]: 'is not a saved SMTP profile' } });
    if (!c) throw notFound('SMTP profile');
    return c;
  };
  /** A route from a body: a profile needs its id; the other modes keep none. */
  const routeFrom = (b: { smtp_mode: Route['mode']; smtp_connection_id?: number }): Route => {
    new Checks().need(b.smtp_mode !== 'profile' || b.smtp_connection_id !== undefined, 'smtp_connection_id', 'is required when smtp_mode is profile').done();
    return b.smtp_mode === 'profile' ? { mode: 'profile', connectionId: profile(b.smtp_connection_id, 'smtp_connection_id').id } : { mode: b.smtp_mode, connectionId: null };
  };
  const external = (h: unknown) => new Checks().need(typeof h !== 'string' || !isPrivateHost(h), 'host', 'must not be a private or internal host').done();

  engine.route('GET', '/domains/{domain_id}/smtp', 'smtp:read', (req) => ({ data: routeView(find.domain(req.params.domain_id)) }), { accepts: ACCEPTS.none });

  engine.route('PUT', '/domains/{domain_id}/smtp', 'smtp:write', (req) => {
    const d = find.domain(req.params.domain_id);
    st.routes.set(d.id, routeFrom(req.body));
    return { data: routeView(d) };
  }, { accepts: ACCEPTS.route });

  const defaultView = () => {
    const f = st.fallback;
    const c = f.connectionId ? connections.get(f.connectionId) : undefined;
    return { default_smtp_mode: f.mode, default_smtp_connection_id: f.connectionId, effective_default_smtp_mode: f.mode ?? BASELINE, profile: c ? profileView(c) : null };
  };

  engine.route('GET', '/smtp/default', 'smtp:read', () => ({ data: defaultView() }), { accepts: ACCEPTS.none });

  engine.route('PUT', '/smtp/default', 'smtp:write', (req) => {
    const r = routeFrom(req.body);
    st.fallback = { mode: r.mode as Mode, connectionId: r.connectionId };
    const switched = req.body.apply_to_all === true ? [...s.domains.values()] : [];
    for (const d of switched) st.routes.set(d.id, { ...r });
    return { data: { ...defaultView(), domains_switched: switched.length } };
  }, { accepts: ACCEPTS.defaultRoute });

  engine.route('GET', '/domains/{domain_id}/smtp/profiles', 'smtp:read', (req) => {
    find.domain(req.params.domain_id);
    return { data: [...connections.values()].map(profileView) };
  }, { accepts: ACCEPTS.none });

  engine.route('GET', '/domains/{domain_id}/smtp/profiles/{profile_id}/usage', 'smtp:read', (req) => {
    find.domain(req.params.domain_id);
    const c = profile(req.params.profile_id);
    const domains = users(c.id).map((d) => ({ id: d.id, name: d.name, via: routeOf(d).mode === 'inherit' ? 'account_default' : 'domain' }));
    return { data: { profile_id: c.id, name: st.names.get(c.id) ?? c.host, domains, sending_addresses: [] } };
  }, { accepts: ACCEPTS.none });

  engine.route('POST', '/domains/{domain_id}/smtp/profiles', 'smtp:write', (req) => {
    const d = find.domain(req.params.domain_id);
    const b = req.body;
    external(b.host);
    // The password is used for the relay and never kept by the emulator, nor returned.
    const c: SmtpConnection = { id: s.next.smtp++, host: b.host, port: b.port, encryption: b.encryption, username: b.username, created: engine.now() };
    connections.set(c.id, c);
    st.names.set(c.id, b.name);
    st.routes.set(d.id, { mode: 'profile', connectionId: c.id });
    return reply({ status: 201, body: { data: { profile: profileView(c), domain: routeView(d) } } });
  }, { accepts: ACCEPTS.createProfile });

  engine.route('PUT', '/domains/{domain_id}/smtp/profiles/{profile_id}', 'smtp:write', (req) => {
    find.domain(req.params.domain_id);
    const c = profile(req.params.profile_id);
    const b = req.body;
    external(b.host);
    // A new server or login voids the last test result.
    if (b.password !== undefined || c.host !== b.host || c.port !== b.port || c.username !== b.username) c.lastTest = undefined;
    Object.assign(c, { host: b.host, port: b.port, encryption: b.encryption, username: b.username });
    st.names.set(c.id, b.name);
    return { data: { profile: profileView(c), password_changed: b.password !== undefined } };
  }, { accepts: ACCEPTS.updateProfile });

  engine.route('DELETE', '/domains/{domain_id}/smtp/profiles/{profile_id}', 'smtp:write', (req) => {
    find.domain(req.params.domain_id);
    const c = profile(req.params.profile_id);
    connections.delete(c.id);
    if (s.smtp.mode === 'custom' && s.smtp.activeId === c.id) {
      s.smtp.mode = 'platform';
      s.smtp.activeId = null;
    }
    return { data: { deleted: true, id: c.id, reassigned_domain_ids: dropProfile(engine, c.id), reassigned_to: BASELINE } };
  }, { accepts: ACCEPTS.none });

  // Tests finish SMTP_TEST_MS after they start: hosts under .invalid/.test or named "unreachable" never answer,
  // a password containing "wrong" fails the login; a saved profile's stored login is taken as good.
  const testView = (t: DomainTest) => {
    const elapsed = engine.now() - t.started;
    const status = elapsed < SMTP_TEST_MS / 4 ? 'queued' : elapsed < SMTP_TEST_MS ? 'running' : 'completed';
    const result = status !== 'completed' ? null
      : t.outcome === 'connect' ? { success: false, stage: 'connect', message: `Could not connect to ${t.host}:${t.port} (timed out)` }
      : t.outcome === 'auth' ? { success: false, stage: 'auth', message: '535 5.7.8 Authentication credentials invalid' }
      : { success: true, stage: 'done', message: `Connected to ${t.host}:${t.port} and logged in` };
    return { job_id: t.id, domain_id: t.domainId, mode: t.mode, status, host: t.host, port: t.port, started_at: engine.iso(t.started), result };
  };

  engine.route('POST', '/domains/{domain_id}/smtp:test', 'smtp:write', (req) => {
    const d = find.domain(req.params.domain_id);
    const b = req.body;
    const mode = b.mode ?? 'custom';
    let target: { host: string; port: number; password?: string };
    if (mode === 'platform') {
      if (![...s.mailboxes.values()].some((m) => m.domainId === d.id)) throw new SbError(409, 'no_mailbox', `${d.name} has no mailbox to test managed SMTP with`);
      target = { host: 'smtp.trekmail.net', port: 587 };
    } else if (b.smtp_connection_id !== undefined) {
      const c = profile(b.smtp_connection_id, 'smtp_connection_id');
      target = { host: c.host, port: c.port };
    } else {
      const checks = new Checks();
      for (const k of ['host', 'port', 'encryption', 'username', 'password']) checks.need(b[k] !== undefined, k, 'is required for custom without smtp_connection_id');
      checks.done();
      external(b.host);
      target = b;
    }
    const outcome = /\.(invalid|test)$/.test(target.host) || target.host.includes('unreachable') ? 'connect' : String(target.password ?? '').includes('wrong') ? 'auth' : 'ok';
    const t: DomainTest = { id: `dsmtp_${String(st.nextTest++).padStart(4, '0')}`, domainId: d.id, mode, host: target.host, port: target.port, started: engine.now(), outcome };
    st.tests.set(t.id, t);
    const c = b.smtp_connection_id !== undefined ? connections.get(b.smtp_connection_id) : undefined;
    if (c) c.lastTest = { at: t.started + SMTP_TEST_MS, ok: outcome === 'ok' };
    return reply({ status: 202, body: { data: testView(t) } });
  }, { accepts: ACCEPTS.test });

  engine.route('GET', '/domains/{domain_id}/smtp:test-status/{job_id}', 'smtp:read', (req) => {
    const d = find.domain(req.params.domain_id);
    const t = st.tests.get(req.params.job_id);
    if (!t || t.domainId !== d.id) throw notFound('SMTP test job');
    return { data: testView(t) };
  }, { accepts: ACCEPTS.none });
}
