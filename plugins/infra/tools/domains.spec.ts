import { expect } from 'chai';
import { api, data, errorText, harness, UUID, type Harness } from '../../../test/harness.js';
import { InfraPack } from '../infra.plugin.js';

describe('infra tools: domains', () => {
  let h: Harness;
  let open: Harness;
  before(async () => {
    h = await harness(InfraPack);
    open = await harness(InfraPack, { TREKMAIL_ALLOW_DESTRUCTIVE: 'true' });
  });

  it('list_domains sends its filters in the query', async () => {
    const body = { data: [{ id: 2, name: 'newsletter.trekmail.test', status: 'pending_dns' }], meta: { page: 1, per_page: 10, total: 1, last_page: 1 } };
    api().get('/api/v1/domains').query({ status: 'pending_dns', search: 'news', page: '1', per_page: '10' }).reply(200, body);
    expect(data(await h.call('list_domains', { status: 'pending_dns', search: 'news', page: 1, per_page: 10 }))).to.deep.equal(body);
    expect(errorText(await h.call('list_domains', { status: 'verified' }))).to.match(/status: must be one of .*pending_dns, active, suspended/);
    expect(errorText(await h.call('list_domains', { search: 'd'.repeat(256) }))).to.match(/search: .*255/);
    expect(errorText(await h.call('list_domains', { per_page: 101 }))).to.match(/per_page: /);
  });

  it('get_domain GETs the domain by id', async () => {
    api().get('/api/v1/domains/1').reply(200, { domain: { id: 1, name: 'demo.trekmail.test', status: 'verified' } });
    expect(data(await h.call('get_domain', { domain_id: 1 })).domain.status).to.equal('verified');
  });

  it('create_domain POSTs the name with an idempotency key', async () => {
    api().post('/api/v1/domains', { name: 'new.example.com' }).matchHeader('idempotency-key', UUID).matchHeader('content-type', 'application/json')
      .reply(201, { domain: { id: 4, name: 'new.example.com', status: 'pending' } });
    expect(data(await h.call('create_domain', { name: 'new.example.com' }))).to.deep.equal({ domain: { id: 4, name: 'new.example.com', status: 'pending' } });
  });

  it('create_domain refuses what is not a domain name', async () => {
    for (const name of ['not a domain', 'localhost', 'http://x.com', 'a_b.example.com', '127.0.0.1', 'Example.com']) {
      expect(errorText(await h.call('create_domain', { name })), name).to.match(/^Invalid arguments for create_domain:\n- name: /);
    }
  });

  it('delete_domain is refused while the destructive gate is off, with no request', async () => {
    const res = await h.call('delete_domain', { domain_id: 3 });
    expect(errorText(res)).to.contain('TREKMAIL_ALLOW_DESTRUCTIVE=true').and.contain('No request was sent');
    expect(res.structuredContent?.error).to.deep.equal({ code: 'gate_disabled' });
  });

  it('delete_domain sends DELETE once the gate is on; the API refusal of a non-empty domain reaches the agent', async () => {
    api().delete('/api/v1/domains/3').matchHeader('idempotency-key', UUID).reply(200, { deleted: true, id: 3, name: 'legacy.trekmail.test' });
    expect(data(await open.call('delete_domain', { domain_id: 3 }))).to.deep.equal({ deleted: true, id: 3, name: 'legacy.trekmail.test' });
    api().delete('/api/v1/domains/1').reply(409, { error: { code: 'domain_not_empty', message: 'demo.trekmail.test still has 3 mailbox(es)', hint: 'Delete its mailboxes first' }, mailbox_count: 3 });
    const res = await open.call('delete_domain', { domain_id: 1 });
    expect(errorText(res)).to.contain('HTTP 409, domain_not_empty').and.contain('Delete its mailboxes first');
    expect(res.structuredContent?.error).to.include({ mailbox_count: 3 });
  });

  it('update_domain_catch_all PATCHes enabled and destination', async () => {
    api().patch('/api/v1/domains/1/catch-all', { enabled: true, destination: 'demo@demo.trekmail.test' }).matchHeader('idempotency-key', UUID)
      .reply(200, { domain_id: 1, catch_all: { enabled: true, destination: 'demo@demo.trekmail.test' } });
    const res = await h.call('update_domain_catch_all', { domain_id: 1, enabled: true, destination: 'demo@demo.trekmail.test' });
    expect(data(res).catch_all).to.deep.equal({ enabled: true, destination: 'demo@demo.trekmail.test' });
  });

  it('update_domain_catch_all sends destination null to clear it, omits it when absent; enabling needs an address', async () => {
    api().patch('/api/v1/domains/1/catch-all', { enabled: false, destination: null }).reply(200, { domain_id: 1, catch_all: { enabled: false, destination: null } });
    expect(data(await h.call('update_domain_catch_all', { domain_id: 1, enabled: false, destination: null })).catch_all.destination).to.equal(null);
    api().patch('/api/v1/domains/1/catch-all', (b) => JSON.stringify(b) === '{"enabled":false}').reply(200, { domain_id: 1, catch_all: { enabled: false, destination: 'x@y.io' } });
    expect(data(await h.call('update_domain_catch_all', { domain_id: 1, enabled: false })).catch_all.enabled).to.equal(false);
    expect(errorText(await h.call('update_domain_catch_all', { domain_id: 1, enabled: true, destination: 'nobody' }))).to.match(/destination: .*email/);
    expect(errorText(await h.call('update_domain_catch_all', { domain_id: 1 }))).to.match(/enabled: /);
    expect(errorText(await h.call('update_domain_catch_all', { domain_id: 1, enabled: true }))).to.contain('- destination: ').and.contain('is required when enabled is true');
    expect(errorText(await h.call('update_domain_catch_all', { domain_id: 1, enabled: true, destination: null }))).to.contain('is required when enabled is true');
    const strict = await harness(InfraPack, { TREKMAIL_SEND_ALLOW: 'demo.trekmail.test' });
    expect(errorText(await strict.call('update_domain_catch_all', { domain_id: 1, enabled: true, destination: 'x@elsewhere.example' }))).to.contain('TREKMAIL_SEND_ALLOW: x@elsewhere.example').and.contain('No request was sent');
  });

  it('retry_domain_dkim POSTs to the literal :retry path', async () => {
    api().post('/api/v1/domains/3/dkim:retry', {}).matchHeader('idempotency-key', UUID).reply(202, { domain_id: 3, dkim: { selector: 'tm2', status: 'pending' } });
    expect(data(await h.call('retry_domain_dkim', { domain_id: 3 })).dkim.selector).to.equal('tm2');
  });

  it('update_domain_note sets a note or clears it with null; the note is required', async () => {
    api().patch('/api/v1/domains/2/note', { note: 'Marketing' }).reply(200, { domain_id: 2, note: 'Marketing' });
    expect(data(await h.call('update_domain_note', { domain_id: 2, note: 'Marketing' })).note).to.equal('Marketing');
    api().patch('/api/v1/domains/2/note', { note: null }).reply(200, { domain_id: 2, note: null });
    expect(data(await h.call('update_domain_note', { domain_id: 2, note: null })).note).to.equal(null);
    expect(errorText(await h.call('update_domain_note', { domain_id: 2 }))).to.match(/- note: /);
    expect(errorText(await h.call('update_domain_note', { domain_id: 2, note: 'x'.repeat(121) }))).to.match(/note: .*120/);
  });

  it('bulk_add_domains POSTs the list; 1 to 20 valid names', async () => {
    const reply = { created: [{ id: 5, name: 'a.example.com' }], failed: [{ name: 'demo.trekmail.test', code: 'domain_exists' }], summary: { requested: 2, created: 1, failed: 1 } };
    api().post('/api/v1/domains:bulk-add', { domains: ['a.example.com', 'demo.trekmail.test'] }).matchHeader('idempotency-key', UUID).reply(200, reply);
    expect(data(await h.call('bulk_add_domains', { domains: ['a.example.com', 'demo.trekmail.test'] }))).to.deep.equal(reply);
    const many = Array.from({ length: 21 }, (_, i) => `d${i}.example.com`);
    expect(errorText(await h.call('bulk_add_domains', { domains: many }))).to.match(/domains: .*20/);
    expect(errorText(await h.call('bulk_add_domains', { domains: [] }))).to.match(/domains: .*at least 1/);
    expect(errorText(await h.call('bulk_add_domains', { domains: ['ok.example.com', 'bad domain'] }))).to.contain('- domains:');
    expect(errorText(await h.call('bulk_add_domains', { domains: ['UPPER.example.com'] }))).to.contain('- domains: must be lowercase');
    expect(errorText(await h.call('bulk_add_domains', { domains: ['a.example.com', 'a.example.com'] }))).to.match(/domains: must not list the same item twice$/m);
  });

  it('create_domain sends mail_hosting only when given (an adopted official parameter)', async () => {
    api().post('/api/v1/domains', (b) => JSON.stringify(b) === '{"name":"send.example.com","mail_hosting":"external"}').reply(201, { domain: { id: 6, mail_hosting: 'external' } });
    expect(data(await h.call('create_domain', { name: 'send.example.com', mail_hosting: 'external' })).domain.mail_hosting).to.equal('external');
    api().post('/api/v1/domains', (b) => JSON.stringify(b) === '{"name":"host.example.com"}').reply(201, { domain: { id: 7 } });
    expect(data(await h.call('create_domain', { name: 'host.example.com' })).domain.id).to.equal(7);
    expect(errorText(await h.call('create_domain', { name: 'x.example.com', mail_hosting: 'google' }))).to.match(/mail_hosting: must be one of .*trekmail, external/);
  });

  it('get_domain_signature GETs it; update_domain_signature is gated and PATCHes only the keys given', async () => {
    api().get('/api/v1/domains/1/signature').reply(200, { data: { signature_mode: 'off', signature_html: null } });
    expect(data(await h.call('get_domain_signature', { domain_id: 1 })).data.signature_mode).to.equal('off');
    expect(errorText(await h.call('update_domain_signature', { domain_id: 1, signature_mode: 'off' }))).to.contain('TREKMAIL_ALLOW_DESTRUCTIVE=true').and.contain('No request was sent');
    api().patch('/api/v1/domains/1/signature', (b) => JSON.stringify(b) === '{"signature_mode":"enforced"}').matchHeader('idempotency-key', UUID).reply(200, { data: { signature_mode: 'enforced' } });
    expect(data(await open.call('update_domain_signature', { domain_id: 1, signature_mode: 'enforced' })).data.signature_mode).to.equal('enforced');
    const all = { signature_mode: 'off', signature_position: 'after_reply', signature_html: '' };
    api().patch('/api/v1/domains/1/signature', all).reply(200, { data: { ...all, signature_html: null } });
    expect(data(await open.call('update_domain_signature', { domain_id: 1, ...all })).data.signature_html).to.equal(null);
    expect(errorText(await open.call('update_domain_signature', { domain_id: 1, signature_mode: 'always' }))).to.match(/signature_mode: must be one of .*off, default, enforced/);
    expect(errorText(await open.call('update_domain_signature', { domain_id: 1, signature_mode: 'default', signature_position: 'top' }))).to.match(/signature_position: must be one of/);
    expect(errorText(await open.call('update_domain_signature', { domain_id: 1, signature_mode: 'default', signature_html: 'x'.repeat(65536) }))).to.match(/signature_html: .*65535/);
  });

  it('set_domain_mail_hosting is gated; confirm_mailboxes_stop_receiving is an API field, sent only as true', async () => {
    expect(errorText(await h.call('set_domain_mail_hosting', { domain_id: 1, mail_hosting: 'external' }))).to.contain('TREKMAIL_ALLOW_DESTRUCTIVE=true');
    api().patch('/api/v1/domains/1/mail-hosting', { mail_hosting: 'external', confirm_mailboxes_stop_receiving: true }).matchHeader('idempotency-key', UUID).reply(200, { data: { mail_hosting: 'external' } });
    expect(data(await open.call('set_domain_mail_hosting', { domain_id: 1, mail_hosting: 'external', confirm_mailboxes_stop_receiving: true })).data.mail_hosting).to.equal('external');
    for (const extra of [{ confirm_mailboxes_stop_receiving: false }, {}]) {
      api().patch('/api/v1/domains/1/mail-hosting', (b) => JSON.stringify(b) === '{"mail_hosting":"trekmail"}').reply(200, { data: { mail_hosting: 'trekmail' } });
      expect(data(await open.call('set_domain_mail_hosting', { domain_id: 1, mail_hosting: 'trekmail', ...extra })).data.mail_hosting).to.equal('trekmail');
    }
    api().patch('/api/v1/domains/1/mail-hosting').reply(409, { error: { code: 'confirmation_required', message: 'demo.trekmail.test has 3 mailbox(es) that would stop receiving mail' }, mailbox_count: 3 });
    const refused = await open.call('set_domain_mail_hosting', { domain_id: 1, mail_hosting: 'external' });
    expect(errorText(refused)).to.contain('HTTP 409, confirmation_required');
    expect(refused.structuredContent?.error).to.include({ mailbox_count: 3 });
  });
});
