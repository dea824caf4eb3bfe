import { expect } from 'chai';
import { api, data, errorText, harness, UUID, type Harness } from '../../../test/harness.js';
import { InfraPack } from '../infra.plugin.js';

const RULE = {
  name: 'Receipts',
  match_type: 'any',
  conditions: [{ field: 'subject', operator: 'contains', value: 'receipt' }, { field: 'header', header_name: 'List-Id', operator: 'exists' }],
  actions: [{ type: 'fileinto', value: 'Receipts' }, { type: 'addflag', value: '\\Seen' }],
  stop: true,
  enabled: false,
};
const FILE = { conditions: [{ field: 'from', operator: 'contains', value: 'shop' }], actions: [{ type: 'fileinto', value: 'Shops' }] };

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

  it('create_mail_rule POSTs the API\'s names (match_type, stop, enabled) with nested conditions and actions', async () => {
    api().post('/api/v1/mailboxes/1/rules', RULE).matchHeader('idempotency-key', UUID).reply(201, { rule: { id: 3, ...RULE } });
    expect(data(await h.call('create_mail_rule', { mailbox_id: 1, ...RULE })).rule.id).to.equal(3);
  });

  it('create_mail_rule always sends match_type all, stop false and enabled true when not given; the name is optional', async () => {
    api().post('/api/v1/mailboxes/1/rules', { match_type: 'all', ...FILE, stop: false, enabled: true }).reply(201, { rule: { id: 4 } });
    expect(data(await h.call('create_mail_rule', { mailbox_id: 1, ...FILE })).rule.id).to.equal(4);
  });

  it('update_mail_rule PUTs the rule: match_type always (default all), stop and enabled only when given', async () => {
    api().put('/api/v1/mailboxes/1/rules/3', { match_type: 'all', ...FILE }).matchHeader('idempotency-key', UUID).reply(200, { rule: { id: 3 } });
    expect(data(await h.call('update_mail_rule', { mailbox_id: 1, rule_id: 3, ...FILE })).rule.id).to.equal(3);
    api().put('/api/v1/mailboxes/1/rules/3', { name: 'Shops', match_type: 'any', ...FILE, enabled: false }).reply(200, { rule: { id: 3, enabled: false } });
    expect(data(await h.call('update_mail_rule', { mailbox_id: 1, rule_id: 3, name: 'Shops', match_type: 'any', ...FILE, enabled: false })).rule.enabled).to.equal(false);
    expect(errorText(await h.call('update_mail_rule', { mailbox_id: 1, rule_id: 3, name: 'x' }))).to.contain('- conditions:').and.contain('- actions:');
  });

  it('the old names match, is_active and stop_processing are refused, with no request', async () => {
    const text = errorText(await h.call('create_mail_rule', { mailbox_id: 1, ...FILE, match: 'all', is_active: true, stop_processing: false }));
    expect(text).to.contain('- match: is not a parameter').and.contain('- is_active: is not a parameter').and.contain('- stop_processing: is not a parameter');
  });

  it('conditions and actions are validated item by item, with dotted field names', async () => {
    const text = errorText(await h.call('create_mail_rule', {
      mailbox_id: 1, name: 'Bad',
      conditions: [{ field: 'subject', operator: 'contains', value: 'x' }, { field: 'cc', operator: 'ends_with', value: '' }, { field: 'header', operator: 'is', value: 'x' }, { field: 'from', operator: 'is' }],
      actions: [{ type: 'fileinto' }, { type: 'redirect', value: 'not-an-address' }, { type: 'addflag', value: '\\Seen', extra: true }, { type: 'move_to_folder' }],
    }));
    expect(text).to.contain('- conditions[1].field: must be one of').and.contain('- conditions[1].operator:').and.contain('- conditions[1].value:');
    expect(text).to.contain('- conditions[2].header_name:').and.contain('- conditions[3].value:');
    expect(text).to.contain('- actions[0].value:').and.contain('- actions[1].value: must be an email address for redirect');
    expect(text).to.contain('- actions[2].extra: is not a parameter').and.contain('- actions[3].type:');
    expect(text).not.to.contain('conditions[0]');
    expect(errorText(await h.call('create_mail_rule', { mailbox_id: 1, name: 'Empty', conditions: [], actions: [{ type: 'fileinto', value: 'X' }] }))).to.match(/conditions: .*at least 1/);
    const eleven = Array.from({ length: 11 }, () => ({ field: 'subject', operator: 'exists' }));
    expect(errorText(await h.call('create_mail_rule', { mailbox_id: 1, ...FILE, conditions: eleven }))).to.match(/conditions: .*10/);
    const six = Array.from({ length: 6 }, () => ({ type: 'addflag', value: '\\Seen' }));
    expect(errorText(await h.call('create_mail_rule', { mailbox_id: 1, ...RULE, actions: six }))).to.match(/actions: .*5/);
    expect(errorText(await h.call('create_mail_rule', { mailbox_id: 1, ...RULE, match_type: 'some' }))).to.match(/match_type: must be one of/);
    expect(errorText(await h.call('create_mail_rule', { mailbox_id: 1, ...FILE, name: 'x'.repeat(256) }))).to.match(/name: .*255/);
    const long = [{ field: 'subject', operator: 'contains', value: 'x'.repeat(501) }];
    expect(errorText(await h.call('create_mail_rule', { mailbox_id: 1, ...FILE, conditions: long }))).to.match(/conditions\[0\]\.value: .*500/);
  });

  it('a rule that discards or rejects mail needs TREKMAIL_ALLOW_DESTRUCTIVE; other rules do not', async () => {
    for (const type of ['discard', 'reject']) {
      const text = errorText(await h.call('create_mail_rule', { mailbox_id: 1, conditions: FILE.conditions, actions: [{ type }] }));
      expect(text, type).to.contain('create_mail_rule needs TREKMAIL_ALLOW_DESTRUCTIVE=true').and.contain('No request was sent');
      expect(errorText(await h.call('update_mail_rule', { mailbox_id: 1, rule_id: 2, conditions: FILE.conditions, actions: [{ type: 'fileinto', value: 'X' }, { type }] }))).to.contain('TREKMAIL_ALLOW_DESTRUCTIVE=true');
    }
    const rule = { conditions: [{ field: 'to', operator: 'is', value: 'x@demo.trekmail.test' }, { field: 'subject', operator: 'exists' }], actions: [{ type: 'redirect_copy', value: 'boss@example.com' }, { type: 'reject' }] };
    api().post('/api/v1/mailboxes/1/rules', { match_type: 'all', ...rule, stop: false, enabled: true }).reply(201, { rule: { id: 5 } });
    expect(data(await open.call('create_mail_rule', { mailbox_id: 1, ...rule })).rule.id).to.equal(5);
    api().put('/api/v1/mailboxes/1/rules/5', { match_type: 'all', conditions: rule.conditions, actions: [{ type: 'discard' }] }).reply(200, { rule: { id: 5 } });
    expect(data(await open.call('update_mail_rule', { mailbox_id: 1, rule_id: 5, conditions: rule.conditions, actions: [{ type: 'discard' }] })).rule.id).to.equal(5);
  });

  it('redirect targets obey TREKMAIL_SEND_ALLOW, on create and update', async () => {
    const strict = await harness(InfraPack, { TREKMAIL_SEND_ALLOW: 'example.com' });
    const rule = { conditions: FILE.conditions, actions: [{ type: 'redirect', value: 'leak@elsewhere.example' }] };
    expect(errorText(await strict.call('create_mail_rule', { mailbox_id: 1, ...rule }))).to.contain('TREKMAIL_SEND_ALLOW: leak@elsewhere.example');
    expect(errorText(await strict.call('update_mail_rule', { mailbox_id: 1, rule_id: 2, ...rule }))).to.contain('TREKMAIL_SEND_ALLOW: leak@elsewhere.example');
    api().post('/api/v1/mailboxes/1/rules').reply(201, { rule: { id: 6 } });
    expect(data(await strict.call('create_mail_rule', { mailbox_id: 1, conditions: FILE.conditions, actions: [{ type: 'redirect_copy', value: 'ok@example.com' }] })).rule.id).to.equal(6);
  });

  it('delete_mail_rule is gated, then DELETEs', async () => {
    expect(errorText(await h.call('delete_mail_rule', { mailbox_id: 1, rule_id: 3 }))).to.contain('TREKMAIL_ALLOW_DESTRUCTIVE=true');
    api().delete('/api/v1/mailboxes/1/rules/3').matchHeader('idempotency-key', UUID).reply(200, { deleted: true, id: 3 });
    expect(data(await open.call('delete_mail_rule', { mailbox_id: 1, rule_id: 3 })).deleted).to.equal(true);
  });

  it('reorder_mail_rules PATCHes the order; ids unique integers; the API 422 reaches the agent', async () => {
    api().patch('/api/v1/mailboxes/1/rules/reorder', { order: [2, 1] }).matchHeader('idempotency-key', UUID).reply(200, { data: [{ id: 2 }, { id: 1 }] });
    expect(data(await h.call('reorder_mail_rules', { mailbox_id: 1, order: [2, 1] })).data[0].id).to.equal(2);
    expect(errorText(await h.call('reorder_mail_rules', { mailbox_id: 1, order: [1, 1] }))).to.match(/order: must not list the same item twice$/m);
    expect(errorText(await h.call('reorder_mail_rules', { mailbox_id: 1, order: [] }))).to.match(/order: .*at least 1/);
    api().patch('/api/v1/mailboxes/1/rules/reorder').reply(422, { error: { code: 'validation_failed', message: 'Validation failed: order' }, errors: { order: 'must list each rule id of the mailbox exactly once (1, 2)' } });
    expect(errorText(await h.call('reorder_mail_rules', { mailbox_id: 1, order: [1] }))).to.contain('exactly once');
  });
});
