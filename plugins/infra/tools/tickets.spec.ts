import { expect } from 'chai';
import { api, data, errorText, fenced, harness, UUID, type Harness } from '../../../test/harness.js';
import { InfraPack } from '../infra.plugin.js';

describe('infra tools: tickets', () => {
  let h: Harness;
  before(async () => {
    h = await harness(InfraPack);
  });

  it('list_tickets sends its filters; the result is marked as third-party content', async () => {
    const body = { data: [{ id: 1, subject: 'DKIM not validating', status: 'waiting_customer' }], meta: { page: 1, per_page: 5, total: 1, last_page: 1 } };
    api().get('/api/v1/tickets').query({ status: 'waiting_customer', category: 'deliverability', page: '1', per_page: '5' }).reply(200, body);
    const res = await h.call('list_tickets', { status: 'waiting_customer', category: 'deliverability', page: 1, per_page: 5 });
    expect(data(res)).to.deep.equal(body);
    expect(res.content[0].text).to.match(/^Third-party content/).and.contain('<untrusted-data id="').and.contain('DKIM not validating');
    expect(res._meta).to.deep.equal({ 'trekmail/untrusted': true });
  });

  it('list_tickets takes the API\'s statuses and categories only, and 1 to 100 a page', async () => {
    expect(errorText(await h.call('list_tickets', { status: 'awaiting_customer' }))).to.match(/status: must be one of .*open, waiting_customer, closed/);
    expect(errorText(await h.call('list_tickets', { category: 'dns' }))).to.match(/category: must be one of .*billing, technical/);
    expect(errorText(await h.call('list_tickets', { per_page: 101 }))).to.match(/per_page: /);
    api().get('/api/v1/tickets').query({ status: 'closed', category: 'affiliate' }).reply(200, { data: [] });
    expect(data(await h.call('list_tickets', { status: 'closed', category: 'affiliate' })).data).to.deep.equal([]);
  });

  it('get_ticket GETs one ticket, marked untrusted', async () => {
    api().get('/api/v1/tickets/1').reply(200, { ticket: { id: 1, subject: 'DKIM not validating', status: 'open' } });
    const res = await h.call('get_ticket', { ticket_id: 1 });
    expect(data(res).ticket.id).to.equal(1);
    expect(res._meta).to.deep.equal({ 'trekmail/untrusted': true });
  });

  it('get_ticket_messages cleans what repliers wrote: invisible characters and active HTML go', async () => {
    const body = { ticket_id: 1, data: [{ id: 2, author: 'support', body: 'Publish\u200B the record<script>alert(1)</script> and <img src=x onerror="steal()">recheck.' }] };
    api().get('/api/v1/tickets/1/messages').reply(200, body);
    const res = await h.call('get_ticket_messages', { ticket_id: 1 });
    expect(data(res).data[0].body).to.equal('Publish the record and <span></span>recheck.');
    expect(fenced(res.content[0].text)).to.contain('Publish the record');
  });

  it('create_ticket POSTs subject, category, message and priority with an idempotency key', async () => {
    const args = { subject: 'Bounce spike', category: 'deliverability', message: 'Since Monday 5% of mail bounces.', priority: 'high' };
    api().post('/api/v1/tickets', args).matchHeader('idempotency-key', UUID).reply(201, { ticket: { id: 3, status: 'open', ...args } });
    const res = await h.call('create_ticket', args);
    expect(data(res).ticket).to.include({ id: 3, status: 'open' });
    expect(res._meta).to.equal(undefined);
  });

  it('create_ticket names each missing or bad field, with no request', async () => {
    const text = errorText(await h.call('create_ticket', { subject: '', category: 'billing', priority: 'asap' }));
    expect(text).to.contain('- subject:').and.contain('- message:').and.contain('- priority: must be one of').and.not.contain('- category:');
    const short = errorText(await h.call('create_ticket', { subject: 'Hi', category: 'random', message: 'Help' }));
    expect(short).to.match(/- subject: .*4/).and.match(/- category: must be one of/).and.match(/- message: .*5/);
    const args = { subject: 'Bounce spike', category: 'deliverability', message: 'Since Monday 5% of mail bounces.' };
    expect(errorText(await h.call('create_ticket', { ...args, priority: 'low' }))).to.match(/priority: must be one of .*normal, high, urgent/);
    expect(errorText(await h.call('create_ticket', { ...args, subject: 'x'.repeat(151) }))).to.match(/subject: .*150/);
    expect(errorText(await h.call('create_ticket', { ...args, message: 'x'.repeat(5001) }))).to.match(/message: .*5000/);
  });

  it('create_ticket without a priority sends none (the API default is normal)', async () => {
    const args = { subject: 'Question', category: 'api', message: 'How do I page results?' };
    api().post('/api/v1/tickets', args).reply(201, { ticket: { id: 4, priority: 'normal' } });
    expect(data(await h.call('create_ticket', args)).ticket.priority).to.equal('normal');
  });

  it('reply_to_ticket POSTs the message to the ticket', async () => {
    api().post('/api/v1/tickets/1/reply', { message: 'Published it, thanks.' }).matchHeader('idempotency-key', UUID).reply(201, { ticket: { id: 1, status: 'open' }, message: { id: 5 } });
    expect(data(await h.call('reply_to_ticket', { ticket_id: 1, message: 'Published it, thanks.' })).message.id).to.equal(5);
  });

  it('close_ticket POSTs to the literal :close path; closing twice is the API 409', async () => {
    api().post('/api/v1/tickets/1:close', {}).matchHeader('idempotency-key', UUID).reply(200, { ticket: { id: 1, status: 'closed' } });
    expect(data(await h.call('close_ticket', { ticket_id: 1 })).ticket.status).to.equal('closed');
    api().post('/api/v1/tickets/1:close').reply(409, { error: { code: 'ticket_closed', message: 'Ticket 1 is already closed' } });
    expect(errorText(await h.call('close_ticket', { ticket_id: 1 }))).to.contain('HTTP 409, ticket_closed');
  });
});
