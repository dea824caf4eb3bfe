import { expect } from 'chai';
import { data, errorText, UUID, type Harness } from '../../../test/harness.js';
import { harnesses, mail, refused } from './helpers.spec.js';

describe('webmail: templates', () => {
  let h: Harness;
  let open: Harness;
  before(async () => {
    ({ closed: h, open } = await harnesses());
  });

  it('list_templates GETs the templates', async () => {
    mail().get('/api/v1/messages/templates').reply(200, { data: [{ id: 1, name: 'Follow-up' }] });
    expect(data(await h.call('list_templates'))).to.deep.equal({ data: [{ id: 1, name: 'Follow-up' }] });
  });

  it('create_template POSTs name, subject and body_html; body_html is required', async () => {
    const t = { name: 'Thanks', subject: 'Thank you', body_html: '<p>Thanks!</p>' };
    mail().post('/api/v1/messages/templates', t).matchHeader('idempotency-key', UUID).reply(201, { template: { id: 3, ...t } });
    expect(data(await h.call('create_template', t))).to.deep.equal({ template: { id: 3, ...t } });
    expect(await refused(h, 'create_template', { name: 'x' })).to.contain('- body_html: ');
    expect(await refused(h, 'create_template', { name: 'x', html: '<p>x</p>' })).to.contain('- html: is not a parameter of this tool');
    expect(await refused(h, 'create_template', { name: 'x', body_html: 'x'.repeat(50_001) })).to.contain('- body_html: must be at most 50000 characters');
    expect(await refused(h, 'create_template', { name: 'x', subject: 'x'.repeat(501), body_html: 'x' })).to.contain('- subject: must be at most 500 characters');
  });

  it('update_template PATCHes the given fields', async () => {
    mail().patch('/api/v1/messages/templates/3', { subject: 'Many thanks' }).matchHeader('idempotency-key', UUID).reply(200, { template: { id: 3, subject: 'Many thanks' } });
    expect(data(await h.call('update_template', { template_id: 3, subject: 'Many thanks' }))).to.deep.equal({ template: { id: 3, subject: 'Many thanks' } });
    mail().patch('/api/v1/messages/templates/3', { body_html: '<p>New</p>' }).reply(200, { template: { id: 3 } });
    expect(data(await h.call('update_template', { template_id: 3, body_html: '<p>New</p>' }))).to.deep.equal({ template: { id: 3 } });
  });

  it('delete_template needs TREKMAIL_ALLOW_DESTRUCTIVE, then DELETEs; a missing one is a 404', async () => {
    expect(await refused(h, 'delete_template', { template_id: 3 })).to.contain('TREKMAIL_ALLOW_DESTRUCTIVE=true');
    mail().delete('/api/v1/messages/templates/3').matchHeader('idempotency-key', UUID).reply(200, { deleted: true, id: 3 });
    expect(data(await open.call('delete_template', { template_id: 3 }))).to.deep.equal({ deleted: true, id: 3 });
    mail().delete('/api/v1/messages/templates/4').reply(404, { error: { code: 'not_found', message: 'Template not found' } });
    expect(errorText(await open.call('delete_template', { template_id: 4 }))).to.contain('HTTP 404, not_found');
  });
});
