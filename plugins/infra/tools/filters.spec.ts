import { expect } from 'chai';
import { api, data, errorText, harness, UUID, type Harness } from '../../../test/harness.js';
import { InfraPack } from '../infra.plugin.js';

const RULE = {
  name: 'Receipts',
  match: 'any',
  conditions: [{ field: 'subject', operator: 'contains', value: 'receipt' }, { field: 'header', header_name: 'List-Id', operator: 'exists' }],
  actions: [{ type: 'fileinto', value: 'Receipts' }, { type: 'addflag', value: '\\Seen' }],
  is_active: true,
  stop_processing: true,
};

describe('infra tools: filters (mail rules)', () => {
  let h: Harness;
  let open: Harness;
  before(async () => {
    h = await harness(InfraPack);
    open = await harness(InfraPack, { TREKMAIL_ALLOW_DESTRUCTIVE: 'true' });
  });

  it('list_mail_rules and get_mail_rule are GETs', async () => {
    api().get('/api/v1/mailboxes/1/rules').reply(200, { data: [{ id: 1, position: 1 }], meta: { total: 1 } });
    api().get('/api/v1/mailboxes/1/rules/2').reply(200, { rule: { id: 2, name: 'Invoices' } });
    expect(data(await h.call('list_mail_rules', { mailbox_id: 1 })).data).to.have.length(1);
    expect(data(await h.call('get_mail_rule', { mailbox_id: 1, rule_id: 2 })).rule.name).to.equal('Invoices');
  });

  it('create_mail_rule POSTs nested conditions and actions as given', async () => {
    api().post('/api/v1/mailboxes/1/rules', RULE).matchHeader('idempotency-key', UUID).reply(201, { rule: { id: 3, ...RULE } });
    expect(data(await h.call('create_mail_rule', { mailbox_id: 1, ...RULE })).rule.id).to.equal(3);
  });

  it('update_mail_rule PUTs the same fields as create to the rule', async () => {
    const { match: _m, is_active: _a, ...minimal } = RULE;
    api().put('/api/v1/mailboxes/1/rules/3', minimal).matchHeader('idempotency-key', UUID).reply(200, { rule: { id: 3, ...minimal } });
    expect(data(await h.call('update_mail_rule', { mailbox_id: 1, rule_id: 3, ...minimal })).rule.name).to.equal('Receipts');
    expect(errorText(await h.call('update_mail_rule', { mailbox_id: 1, rule_id: 3, name: 'x' }))).to.contain('- conditions:').and.contain('- actions:');
  });

  it('conditions and actions are validated item by item, with dotted field names', async () => {
    const text = errorText(await h.call('create_mail_rule', {
      mailbox_id: 1, name: 'Bad',
      conditions: [{ field: 'subject', operator: 'contains', value: 'x' }, { field: 'cc', operator: 'ends_with', value: '' }, { field: 'header', operator: 'is', value: 'x' }, { field: 'from', operator: 'is' }],
      actions: [{ type: 'fileinto' }, { type: 'redirect', value: 'not-an-address' }, { type: 'discard', extra: true }, { type: 'move_to_folder' }],
    }));
    expect(text).to.contain('- conditions[1].field: must be one of').and.contain('- conditions[1].operator:').and.contain('- conditions[1].value:');
    expect(text).to.contain('- conditions[2].header_name:').and.contain('- conditions[3].value:');
    expect(text).to.contain('- actions[0].value:').and.contain('- actions[1].value: must be an email address for redirect');
    expect(text).to.contain('- actions[2].extra: is not a parameter').and.contain('- actions[3].type:');
    expect(text).not.to.contain('conditions[0]');
    expect(errorText(await h.call('create_mail_rule', { mailbox_id: 1, name: 'Empty', conditions: [], actions: [{ type: 'discard' }] }))).to.match(/conditions: .*at least 1/);
    const six = Array.from({ length: 6 }, () => ({ type: 'discard' }));
    expect(errorText(await h.call('create_mail_rule', { mailbox_id: 1, ...RULE, actions: six }))).to.match(/actions: .*5/);
    expect(errorText(await h.call('create_mail_rule', { mailbox_id: 1, ...RULE, match: 'some' }))).to.match(/match: must be one of/);
  });

  it('a redirect to an address, an exists test without value and a reject without reason pass', async () => {
    const rule = {
      name: 'Fwd', conditions: [{ field: 'to', operator: 'is', value: 'x@demo.trekmail.test' }, { field: 'subject', operator: 'exists' }],
      actions: [{ type: 'redirect_copy', value: 'boss@example.com' }, { type: 'reject' }],
    };
    api().post('/api/v1/mailboxes/1/rules', rule).reply(201, { rule: { id: 4 } });
    expect(data(await h.call('create_mail_rule', { mailbox_id: 1, ...rule })).rule.id).to.equal(4);
  });

  it('delete_mail_rule is gated, then DELETEs', async () => {
    expect(errorText(await h.call('delete_mail_rule', { mailbox_id: 1, rule_id: 3 }))).to.contain('TREKMAIL_ALLOW_DESTRUCTIVE=true');
    api().delete('/api/v1/mailboxes/1/rules/3').matchHeader('idempotency-key', UUID).reply(200, { deleted: true, id: 3 });
    expect(data(await open.call('delete_mail_rule', { mailbox_id: 1, rule_id: 3 })).deleted).to.equal(true);
  });

  it('reorder_mail_rules PATCHes the order; ids unique integers; the API 422 reaches the agent', async () => {
    api().patch('/api/v1/mailboxes/1/rules/reorder', { order: [2, 1] }).matchHeader('idempotency-key', UUID).reply(200, { data: [{ id: 2 }, { id: 1 }] });
    expect(data(await h.call('reorder_mail_rules', { mailbox_id: 1, order: [2, 1] })).data[0].id).to.equal(2);
    expect(errorText(await h.call('reorder_mail_rules', { mailbox_id: 1, order: [1, 1] }))).to.match(/order: .*unique/);
    expect(errorText(await h.call('reorder_mail_rules', { mailbox_id: 1, order: [] }))).to.match(/order: .*at least 1/);
    api().patch('/api/v1/mailboxes/1/rules/reorder').reply(422, { error: { code: 'validation_failed', message: 'Validation failed: order' }, errors: { order: 'must list each rule id of the mailbox exactly once (1, 2)' } });
    expect(errorText(await h.call('reorder_mail_rules', { mailbox_id: 1, order: [1] }))).to.contain('exactly once');
  });
});
