import { expect } from 'chai';
import { data, errorText, UUID, type Harness } from '../../../test/harness.js';
import { harnesses, mail, refused, untrusted } from './helpers.spec.js';

describe('webmail: contacts', () => {
  let h: Harness;
  let open: Harness;
  before(async () => {
    ({ closed: h, open } = await harnesses());
  });
  const vcf = 'BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Anna Schmidt\r\nEMAIL;TYPE=INTERNET:anna@p.example\r\nEND:VCARD\r\n';
  const b64 = Buffer.from(vcf).toString('base64');

  it('list_contacts GETs the page with the search in the query', async () => {
    mail().get('/api/v1/messages/contacts').query({ q: 'anna', page: '2', per_page: '10' }).reply(200, { data: [{ id: 1, email: 'anna@p.example' }], meta: { page: 2 } });
    expect(untrusted(await h.call('list_contacts', { q: 'anna', page: 2, per_page: 10 }))).to.deep.equal({ data: [{ id: 1, email: 'anna@p.example' }], meta: { page: 2 } });
  });

  it('create_contact POSTs the contact (upsert by email)', async () => {
    const c = { email: 'zed@z.example', name: 'Zed', phone: '+1 555', company: 'Z Inc', notes: 'met at MailConf' };
    mail().post('/api/v1/messages/contacts', c).matchHeader('idempotency-key', UUID).reply(201, { contact: { id: 9, ...c }, created: true });
    expect(data(await h.call('create_contact', c))).to.deep.equal({ contact: { id: 9, ...c }, created: true });
    expect(await refused(h, 'create_contact', { email: 'zed' })).to.contain('- email: ');
  });

  it('update_contact PATCHes only the given fields', async () => {
    mail().patch('/api/v1/messages/contacts/9', { phone: '+1 556' }).matchHeader('idempotency-key', UUID).reply(200, { contact: { id: 9, phone: '+1 556' } });
    expect(data(await h.call('update_contact', { contact_id: 9, phone: '+1 556' }))).to.deep.equal({ contact: { id: 9, phone: '+1 556' } });
  });

  it('delete_contact needs TREKMAIL_ALLOW_DESTRUCTIVE, then DELETEs', async () => {
    expect(await refused(h, 'delete_contact', { contact_id: 9 })).to.contain('TREKMAIL_ALLOW_DESTRUCTIVE=true');
    mail().delete('/api/v1/messages/contacts/9').matchHeader('idempotency-key', UUID).reply(200, { deleted: true, id: 9 });
    expect(data(await open.call('delete_contact', { contact_id: 9 }))).to.deep.equal({ deleted: true, id: 9 });
  });

  it('import_contacts POSTs format and base64 content; plain text content is encoded for the agent', async () => {
    mail().post('/api/v1/messages/contacts/import', { format: 'vcf', content_base64: b64 }).matchHeader('idempotency-key', UUID).times(2).reply(200, { imported: 1, updated: 0 });
    expect(data(await h.call('import_contacts', { format: 'vcf', content_base64: b64 }))).to.deep.equal({ imported: 1, updated: 0 });
    expect(data(await h.call('import_contacts', { format: 'vcf', content: vcf }))).to.deep.equal({ imported: 1, updated: 0 });
  });

  it('import_contacts wants exactly one of content_base64 and content, and real base64', async () => {
    expect(await refused(h, 'import_contacts', { format: 'csv' })).to.contain('- content_base64: give content_base64 or content');
    expect(await refused(h, 'import_contacts', { format: 'csv', content: 'a', content_base64: 'YQ==' })).to.contain('- content_base64: give only one of content_base64 and content');
    expect(await refused(h, 'import_contacts', { format: 'csv', content_base64: 'not base64!' })).to.contain('- content_base64: must be base64');
    expect(await refused(h, 'import_contacts', { format: 'xlsx', content: 'a' })).to.contain('- format: must be one of the following values: csv, vcf');
  });

  it('export_contacts GETs the address book as vCard text', async () => {
    mail().get('/api/v1/messages/contacts/export').query({ format: 'vcf' }).reply(200, vcf, { 'Content-Type': 'text/vcard; charset=utf-8' });
    expect(untrusted(await h.call('export_contacts', { format: 'vcf' }))).to.deep.equal({ content_type: 'text/vcard', text: vcf });
    mail().get('/api/v1/messages/contacts/export').reply(200, 'name,email\n', { 'Content-Type': 'text/csv' });
    expect(data(await h.call('export_contacts'))).to.deep.equal({ content_type: 'text/csv', text: 'name,email\n' });
  });

  it('an API error (email clash) is passed on', async () => {
    mail().patch('/api/v1/messages/contacts/2', { email: 'anna@p.example' }).reply(409, { error: { code: 'contact_exists', message: 'Contact 1 already has this email' } });
    expect(errorText(await h.call('update_contact', { contact_id: 2, email: 'anna@p.example' }))).to.contain('HTTP 409, contact_exists');
  });
});
