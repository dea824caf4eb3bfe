import { mailboxSide } from './mailbox-settings.js';
import { notFound, paginate, reply, SbError, type SandboxEngine } from '../../../sandbox/engine.js';
import { ACCEPTS } from './accepts.js';
import { dropProfile } from './domain-smtp.js';
import { Checks, DAY, isPrivateHost, PLAN_LIMITS, PLAN_PRICE, planOf, SMTP_TEST_MS, type InfraState, type SmtpConnection, type SmtpTest, type Ticket } from './state.js';

/** Account and billing, support tickets, the SMTP relay and its tests. */
export function registerSupport(engine: SandboxEngine, s: InfraState): void {
  const month = (t: number) => new Date(new Date(t).toISOString().slice(0, 7) + '-01T00:00:00Z').getTime();
  const addMonths = (t: number, n: number) => {
    const d = new Date(t);
    d.setUTCMonth(d.getUTCMonth() + n);
    return d.getTime();
  };

  engine.route('GET', '/account', 'account:read', (req) => {
    const plan = planOf(req);
    return {
      account: {
        id: engine.account.id, name: engine.account.name, owner_email: engine.account.owner_email, plan, created_at: engine.iso(s.account.created),
        limits: PLAN_LIMITS[plan],
        usage: { domains: s.domains.size, mailboxes: s.mailboxes.size, storage_used_mb: [...s.mailboxes.values()].reduce((a, m) => a + m.usedMb, 0) },
        // What update_account sets: the sign-in rule of mailboxes created from now on.
        new_mailbox_client_auth_mode: mailboxSide(engine).newMailboxAuthMode,
      },
    };
  }, { accepts: ACCEPTS.none });

  engine.route('GET', '/billing/status', 'billing:read', (req) => {
    const plan = planOf(req);
    const start = month(engine.now());
    return {
      billing: {
        plan, status: 'active', billing_cycle: 'monthly', currency: 'USD', amount: PLAN_PRICE[plan],
        current_period_start: engine.iso(start), current_period_end: engine.iso(addMonths(start, 1)), cancel_at_period_end: false,
        next_invoice: { date: engine.iso(addMonths(start, 1)), amount: PLAN_PRICE[plan], currency: 'USD' },
        payment_method: { type: 'card', brand: 'visa', last4: '4242', exp_month: 12, exp_year: 2028 },
      },
    };
  }, { accepts: ACCEPTS.none });

  engine.route('GET', '/billing/invoices', 'billing:read', (req) => {
    const plan = planOf(req);
    const start = month(engine.now());
    const invoices = Array.from({ length: 12 }, (_, i) => {
      const from = addMonths(start, -i);
      const d = new Date(from);
      return {
        id: 1000 + 12 - i, number: `TM-${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}-0001`, status: 'paid', amount: PLAN_PRICE[plan], currency: 'USD',
        period_start: engine.iso(from), period_end: engine.iso(addMonths(from, 1)), issued_at: engine.iso(from), paid_at: engine.iso(from + DAY),
        pdf_url: `https://billing.trekmail.test/invoices/${1000 + 12 - i}.pdf`,
      };
    });
    return paginate(invoices, req.query, 10);
  }, { accepts: ACCEPTS.invoices });

  const ticketView = (t: Ticket) => ({
    id: t.id, subject: t.subject, category: t.category, priority: t.priority, status: t.status, message_count: t.messages.length,
    created_at: engine.iso(t.created), updated_at: engine.iso(t.updated),
  });
  const ticket = (id: string) => {
    const t = s.tickets.get(Number(id));
    if (!t) throw notFound('Ticket');
    return t;
  };
  // Blank text passes the length rule but not the API's: it trims first.
  const blank = (v: unknown) => typeof v === 'string' && !v.trim();

  engine.route('GET', '/tickets', 'tickets:read', (req) => {
    let list = [...s.tickets.values()].reverse();
    if (req.query.status) list = list.filter((t) => t.status === req.query.status);
    if (req.query.category) list = list.filter((t) => t.category === req.query.category);
    return paginate(list.map(ticketView), req.query);
  }, { accepts: ACCEPTS.tickets });

  engine.route('GET', '/tickets/{ticket_id}', 'tickets:read', (req) => ({ ticket: ticketView(ticket(req.params.ticket_id)) }), { accepts: ACCEPTS.none });

  engine.route('GET', '/tickets/{ticket_id}/messages', 'tickets:read', (req) => {
    const t = ticket(req.params.ticket_id);
    return { ticket_id: t.id, data: t.messages.map((m) => ({ id: m.id, author: m.author, author_name: m.authorName, body: m.body, created_at: engine.iso(m.created) })) };
  }, { accepts: ACCEPTS.none });

  engine.route('POST', '/tickets', 'tickets:write', (req) => {
    const b = req.body;
    new Checks().need(!blank(b.subject), 'subject', 'must not be blank').need(!blank(b.message), 'message', 'must not be blank').done();
    const now = engine.now();
    const t: Ticket = {
      id: s.next.ticket++, subject: b.subject, category: b.category, priority: b.priority ?? 'normal', status: 'open', created: now, updated: now,
      messages: [{ id: s.next.ticketMessage++, author: 'customer', authorName: 'API', body: b.message, created: now }],
    };
    s.tickets.set(t.id, t);
    return reply({ status: 201, body: { ticket: ticketView(t) } });
  }, { accepts: ACCEPTS.createTicket });

  engine.route('POST', '/tickets/{ticket_id}/reply', 'tickets:write', (req) => {
    const t = ticket(req.params.ticket_id);
    new Checks().need(!blank(req.body.message), 'message', 'must not be blank').done();
    if (t.status === 'closed') throw new SbError(409, 'ticket_closed', `Ticket ${t.id} is closed`, {}, 'Open a new ticket with create_ticket.');
    const now = engine.now();
    const m = { id: s.next.ticketMessage++, author: 'customer' as const, authorName: 'API', body: req.body.message as string, created: now };
    t.messages.push(m);
    t.status = 'open';
    t.updated = now;
    return reply({ status: 201, body: { ticket: ticketView(t), message: { id: m.id, author: m.author, body: m.body, created_at: engine.iso(now) } } });
  }, { accepts: ACCEPTS.replyTicket });

  engine.route('POST', '/tickets/{ticket_id}:close', 'tickets:write', (req) => {
    const t = ticket(req.params.ticket_id);
    if (t.status === 'closed') throw new SbError(409, 'ticket_closed', `Ticket ${t.id} is already closed`);
    t.status = 'closed';
    t.updated = engine.now();
    return { ticket: ticketView(t) };
  }, { accepts: ACCEPTS.noBody });

  // SMTP relay: the platform's, or a saved custom connection. Passwords are kept as "set", never returned.
  const connView = (c: SmtpConnection) => ({
    id: c.id, host: c.host, port: c.port, encryption: c.encryption, username: c.username, password_set: true, active: s.smtp.mode === 'custom' && s.smtp.activeId === c.id,
    created_at: engine.iso(c.created), last_test: c.lastTest ? { at: engine.iso(c.lastTest.at), ok: c.lastTest.ok } : null,
  });
  const config = () => ({ smtp: { mode: s.smtp.mode, active_connection_id: s.smtp.mode === 'custom' ? s.smtp.activeId : null, platform: { host: 'smtp.trekmail.net', port: 587, encryption: 'tls' }, connections: [...s.smtp.connections.values()].map(connView) } });
  const external = (h: unknown) => typeof h !== 'string' || !isPrivateHost(h);

  engine.route('GET', '/smtp', 'smtp:read', () => config(), { accepts: ACCEPTS.none });

  engine.route('PUT', '/smtp', 'smtp:write', (req) => {
    const b = req.body;
    const custom = b.mode === 'custom';
    const existing = custom ? [...s.smtp.connections.values()].find((c) => c.host === b.host && c.port === b.port && c.username === (b.username ?? null)) : undefined;
    new Checks()
      .need(!custom || b.host !== undefined, 'host', 'is required for custom')
      .need(external(b.host), 'host', 'must not be a private or internal host')
      .need(!custom || b.port !== undefined, 'port', 'is required for custom')
      .need(!custom || b.encryption !== undefined, 'encryption', 'is required for custom')
      .need(!custom || (typeof b.username === 'string' && b.username.length > 0), 'username', 'is required for custom')
      .need(!custom || !!existing || b.password !== undefined, 'password', 'is required for a new connection')
      .done();
    if (!custom) {
      s.smtp.mode = 'platform';
      return config();
    }
    const c: SmtpConnection = existing ?? { id: s.next.smtp++, host: b.host, port: b.port, encryption: b.encryption, username: b.username, created: engine.now() };
    c.encryption = b.encryption;
    s.smtp.connections.set(c.id, c);
    s.smtp.mode = 'custom';
    s.smtp.activeId = c.id;
    return config();
  }, { accepts: ACCEPTS.smtp });

  engine.route('DELETE', '/smtp/{connection_id}', 'smtp:write', (req) => {
    const c = s.smtp.connections.get(Number(req.params.connection_id));
    if (!c) throw notFound('SMTP connection');
    const wasActive = s.smtp.mode === 'custom' && s.smtp.activeId === c.id;
    s.smtp.connections.delete(c.id);
    // A saved connection is also an SMTP profile: domains sending through it are reassigned.
    const reassigned = dropProfile(engine, c.id);
    if (wasActive) {
      s.smtp.mode = 'platform';
      s.smtp.activeId = null;
    }
    return { deleted: true, id: c.id, mode: s.smtp.mode, fell_back_to_platform: wasActive, reassigned_domain_ids: reassigned };
  }, { accepts: ACCEPTS.none });

  // Tests finish SMTP_TEST_MS after they start. Outcome: hosts that don't resolve fail to connect; a password
  // containing "wrong" fails the login. The password itself is never stored.
  const testView = (t: SmtpTest) => {
    const elapsed = engine.now() - t.started;
    const status = elapsed < SMTP_TEST_MS / 4 ? 'queued' : elapsed < SMTP_TEST_MS ? 'running' : 'completed';
    const result = status !== 'completed' ? null
      : t.outcome === 'connect' ? { success: false, stage: 'connect', message: `Could not connect to ${t.host}:${t.port} (timed out)` }
      : t.outcome === 'auth' ? { success: false, stage: 'auth', message: '535 5.7.8 Authentication credentials invalid' }
      : { success: true, stage: 'done', message: `Connected to ${t.host}:${t.port} with ${t.encryption} and logged in`, banner: `220 ${t.host} ESMTP ready` };
    return { job_id: t.id, status, host: t.host, port: t.port, encryption: t.encryption, started_at: engine.iso(t.started), result };
  };

  engine.route('POST', '/smtp:test', 'smtp:write', (req) => {
    const b = req.body;
    new Checks().need(external(b.host), 'host', 'must not be a private or internal host').done();
    const outcome = /\.(invalid|test)$/.test(b.host) || b.host.includes('unreachable') ? 'connect' : String(b.password).includes('wrong') ? 'auth' : 'ok';
    const t: SmtpTest = { id: `smtptest_${String(s.next.smtpTest++).padStart(4, '0')}`, host: b.host, port: b.port, encryption: b.encryption, started: engine.now(), outcome };
    s.smtpTests.set(t.id, t);
    const conn = [...s.smtp.connections.values()].find((c) => c.host === t.host && c.port === t.port);
    if (conn) conn.lastTest = { at: t.started + SMTP_TEST_MS, ok: outcome === 'ok' };
    return reply({ status: 202, body: testView(t) });
  }, { accepts: ACCEPTS.smtpTest });

  engine.route('GET', '/smtp:test-status/{job_id}', 'smtp:read', (req) => {
    const t = s.smtpTests.get(req.params.job_id);
    if (!t) throw notFound('SMTP test job');
    return testView(t);
  }, { accepts: ACCEPTS.none });
}
