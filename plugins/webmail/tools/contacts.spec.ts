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

  it('list_contacts GETs the page with the search (100 characters at most) in the query', async () => {
    expect(await refused(h, 'list_contacts', { q: 'x'.repeat(101) })).to.contain('- q: must be at most 100 characters');
    mail().get('/api/v1/messages/contacts').query({ q: 'anna', page: '2', per_page: '10' }).reply(200, { data: [{ id: 1, email: 'anna@p.example' }], meta: { page: 2 } });
    expect(untrusted(await h.call('list_contacts', { q: 'anna', page: 2, per_page: 10 }))).to.deep.equal({ data: [{ id: 1, email: 'anna@p.example' }], meta: { page: 2 } });
  });

  it('create_contact POSTs the contact (upsert by email)', async () => {
    const c = { email: 'zed@z.example', name: 'Zed', phone: '+1 555', company: 'Z Inc', notes: 'met at MailConf' };
    mail().post('/api/v1/messages/contacts', c).matchHeader('idempotency-key', UUID).reply(201, { contact: { id: 9, ...c }, created: true });
    expect(data(await h.call('create_contact', c))).to.deep.equal({ contact: { id: 9, ...c }, created: true });
    expect(await refused(h, 'create_contact', { email: 'zed' })).to.contain('- email: ');
    expect(await refused(h, 'create_contact', { email: 'zed@z.example', phone: '1'.repeat(51), name: 'x'.repeat(256) })).to.contain('- phone: must be at most 50 characters').and.contain('- name: must be at most 255 characters');
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

  it('import_contacts POSTs format and base64 content', async () => {
    mail().post('/api/v1/messages/contacts/import', { format: 'vcf', content_base64: b64 }).matchHeader('idempotency-key', UUID).reply(200, { imported: 1, updated: 0 });
    expect(data(await h.call('import_contacts', { format: 'vcf', content_base64: b64 }))).to.deep.equal({ imported: 1, updated: 0 });
  });

  it('import_contacts wants real base64 of at most 2 MB, in csv or vcf', async () => {
    expect(await refused(h, 'import_contacts', { format: 'csv' })).to.contain('- content_base64: ');
    expect(await refused(h, 'import_contacts', { format: 'csv', content_base64: 'not base64!' })).to.contain('- content_base64: must be base64 encoded');
    expect(await refused(h, 'import_contacts', { format: 'csv', content_base64: Buffer.alloc(2 * 1024 * 1024 + 3).toString('base64') })).to.contain('- content_base64: must be at most');
    expect(await refused(h, 'import_contacts', { format: 'vcard', content_base64: b64 })).to.contain('- format: must be one of the following values: csv, vcf');
    expect(await refused(h, 'import_contacts', { format: 'csv', content: 'a,b' })).to.contain('- content: is not a parameter of this tool');
  });

  it('export_contacts GETs format vcard or csv and decodes the API\'s base64 file into text', async () => {
    mail().get('/api/v1/messages/contacts/export').query({ format: 'vcard' }).reply(200, { format: 'vcard', content_type: 'text/vcard', count: 1, content_base64: b64 });
    expect(untrusted(await h.call('export_contacts', { format: 'vcard' }))).to.deep.equal({ format: 'vcard', content_type: 'text/vcard', count: 1, content_base64: b64, text: vcf });
    mail().get('/api/v1/messages/contacts/export').reply(200, 'name,email\n', { 'Content-Type': 'text/csv' });
    expect(data(await h.call('export_contacts'))).to.deep.equal({ content_type: 'text/csv', text: 'name,email\n' });
    expect(await refused(h, 'export_contacts', { format: 'vcf' })).to.contain('- format: must be one of the following values: csv, vcard');
  });

  it('an API error (email clash) is passed on', async () => {
    mail().patch('/api/v1/messages/contacts/2', { email: 'anna@p.example' }).reply(409, { error: { code: 'contact_exists', message: 'Contact 1 already has this email' } });
    expect(errorText(await h.call('update_contact', { contact_id: 2, email: 'anna@p.example' }))).to.contain('HTTP 409, contact_exists');
  });
});
