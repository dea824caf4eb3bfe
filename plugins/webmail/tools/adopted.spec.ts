import { expect } from 'chai';
import { data, UUID, type Harness } from '../../../test/harness.js';
import { harnesses, mail, refused } from './helpers.spec.js';

/**
 * The official server's optional parameters adopted on existing tools (catalog "Decisions"): external_account_id on
 * the message tools, shared_mailbox_id, send_message headers / apply_default_recipients, contact and identity
 * fields. Each is sent exactly where the official client sends it: in the query of a GET/DELETE, in the JSON body
 * of a POST/PATCH/PUT.
 */
describe('webmail: adopted official parameters', () => {
  let h: Harness;
  let open: Harness;
  before(async () => {
    ({ closed: h, open } = await harnesses());
  });
  const ext = { external_account_id: 7 };

  it('external_account_id goes in the query of the reading tools', async () => {
    const reads: [string, string, Record<string, unknown>, Record<string, string>][] = [
      ['list_messages', '/api/v1/messages', {}, {}],
      ['read_message', '/api/v1/messages/5', { uid: 5 }, {}],
      ['get_raw_message', '/api/v1/messages/5/raw', { uid: 5, folder: 'Sent' }, { folder: 'Sent' }],
      ['download_attachment', '/api/v1/messages/5/attachments/0', { uid: 5, index: 0 }, {}],
      ['download_all_attachments', '/api/v1/messages/5/attachments', { uid: 5 }, {}],
      ['list_folders', '/api/v1/messages/folders', {}, {}],
      ['get_reply_data', '/api/v1/messages/5/reply', { uid: 5 }, {}],
      ['get_reply_all_data', '/api/v1/messages/5/reply-all', { uid: 5 }, {}],
      ['list_identities', '/api/v1/messages/identities', {}, {}],
    ];
    for (const [tool, path, args, query] of reads) {
      const scope = mail().get(path).query({ ...query, external_account_id: '7' }).reply(200, { ok: true, messages: [], folders: [], data: [], raw_base64: '', content_base64: '' });
      const res = await h.call(tool, { ...args, ...ext });
      expect(res.isError, `${tool}: ${res.content[0].text}`).to.not.equal(true);
      expect(scope.isDone(), tool).to.equal(true);
    }
  });

  it('a reply or forward of a connected account keeps the account', async () => {
    mail().get('/api/v1/messages/5/reply').query(ext).reply(200, { to: ['sam@friends.example'], subject: 'Re: Dinner', in_reply_to: '<d@x>', text: '> hi' });
    expect(data(await h.call('get_reply_data', { uid: 5, ...ext }))).to.deep.include({ external_account_id: 7, reply_to_message_id: '<d@x>' });
    mail().get('/api/v1/messages/5/forward').query(ext).reply(200, { subject: 'Fwd: Receipt', text: 'x', attachments: [{ index: 0, filename: 'r.pdf', content_type: 'application/pdf' }] });
    expect(data(await h.call('get_forward_data', { uid: 5, ...ext }))).to.deep.include({ external_account_id: 7, original_attachments: [{ index: 0, filename: 'r.pdf', content_type: 'application/pdf' }] });
  });

  it('external_account_id goes in the JSON body of the changing tools, and in the query of delete_message', async () => {
    mail().delete('/api/v1/messages/5').query(ext).reply(200, { deleted: true });
    expect(data(await open.call('delete_message', { uid: 5, ...ext }))).to.deep.equal({ deleted: true });
    mail().post('/api/v1/messages/5:move', { destination: 'Archive', ...ext }).reply(200, { moved: true });
    expect(data(await h.call('move_message', { uid: 5, destination: 'Archive', ...ext }))).to.deep.equal({ moved: true });
    mail().patch('/api/v1/messages/5', { flags: { seen: true }, ...ext }).reply(200, { uid: 5 });
    expect(data(await h.call('update_message_flags', { uid: 5, flags: { seen: true }, ...ext }))).to.deep.equal({ uid: 5 });
    mail().post('/api/v1/messages/bulk', { folder: 'INBOX', uids: [1, 2], action: 'read', ...ext }).reply(200, { processed: 2 });
    expect(data(await h.call('bulk_action', { folder: 'INBOX', uids: [1, 2], action: 'read', ...ext }))).to.deep.equal({ processed: 2 });
    mail().post('/api/v1/messages/drafts', { subject: 'Hi', ...ext }).matchHeader('idempotency-key', UUID).reply(201, { uid: 3, uidvalidity: 9 });
    expect(data(await h.call('save_draft', { subject: 'Hi', ...ext }))).to.deep.equal({ uid: 3, uidvalidity: 9 });
    mail().put('/api/v1/messages/drafts/3', { uidvalidity: 9, subject: 'Hi again', ...ext }).reply(200, { uid: 4, uidvalidity: 9 });
    expect(data(await h.call('update_draft', { uid: 3, uidvalidity: 9, subject: 'Hi again', ...ext }))).to.include({ uid: 4 });
    const later = new Date(Date.now() + 86_400_000).toISOString();
    mail().post('/api/v1/messages/scheduled', { to: ['a@x.example'], scheduled_for: later, ...ext }).reply(201, { scheduled: { id: 9 } });
    expect(data(await open.call('schedule_message', { to: ['a@x.example'], scheduled_for: later, confirm_send: true, ...ext }))).to.deep.equal({ scheduled: { id: 9 } });
  });

  it('send_message sends headers, apply_default_recipients false, external_account_id or shared_mailbox_id in its body', async () => {
    const msg = { to: ['a@x.example'], subject: 'News', body_text: 'Hi', confirm_send: true };
    const headers = { 'List-Unsubscribe': '<mailto:unsub@d.test>', 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click', 'X-Campaign': 'q4', 'Reply-To': 'team@d.test' };
    mail().post('/api/v1/messages/send', { to: ['a@x.example'], subject: 'News', body: { text: 'Hi', html: null }, headers, apply_default_recipients: false, shared_mailbox_id: 3 })
      .reply(202, { status: 'queued', request_id: 'r1' });
    expect(data(await open.call('send_message', { ...msg, headers, apply_default_recipients: false, shared_mailbox_id: 3 }))).to.include({ request_id: 'r1' });
    mail().post('/api/v1/messages/send', (b) => b.external_account_id === 7 && b.shared_mailbox_id === undefined).reply(202, { status: 'queued' });
    expect(data(await open.call('send_message', { ...msg, ...ext }))).to.include({ status: 'queued' });
  });

  it('send_message refuses managed or multi-line headers (no forged From, Bcc or injected lines), sending nothing', async () => {
    const msg = { to: ['a@x.example'], subject: 'News', body_text: 'Hi', confirm_send: true };
    for (const headers of [{ From: 'ceo@corp.example' }, { Bcc: 'spy@evil.example' }, { 'X-Ok': 'a\r\nBcc: spy@evil.example' }, { 'X-Long': 'x'.repeat(999) }, { 'X-List': ['a'] }, 'X-A: b']) {
      expect(await refused(open, 'send_message', { ...msg, headers })).to.contain('- headers: ');
    }
    expect(await refused(open, 'send_message', { ...msg, apply_default_recipients: 'no', shared_mailbox_id: 0 })).to.contain('- apply_default_recipients: ').and.contain('- shared_mailbox_id: ');
  });

  it('list_scheduled takes status and shared_mailbox_id; cancel_scheduled takes shared_mailbox_id in the query', async () => {
    mail().get('/api/v1/messages/scheduled').query({ status: 'limit_reached', shared_mailbox_id: '3' }).reply(200, { data: [], next_cursor: null });
    expect(data(await h.call('list_scheduled', { status: 'limit_reached', shared_mailbox_id: 3 }))).to.deep.equal({ data: [], next_cursor: null });
    expect(await refused(h, 'list_scheduled', { status: 'sent' })).to.contain('- status: ');
    mail().delete('/api/v1/messages/scheduled/4').query({ shared_mailbox_id: '3' }).reply(200, { cancelled: true, id: 4 });
    expect(data(await open.call('cancel_scheduled', { scheduled_id: 4, shared_mailbox_id: 3 }))).to.deep.equal({ cancelled: true, id: 4 });
  });

  it('contacts take job_title, address and birthday (a calendar date)', async () => {
    const c = { email: 'zoe@n.example', job_title: 'CTO', address: '1 Main St, Springfield', birthday: '1990-04-12' };
    mail().post('/api/v1/messages/contacts', c).reply(201, { contact: { id: 9, ...c } });
    expect(data(await h.call('create_contact', c))).to.deep.equal({ contact: { id: 9, ...c } });
    mail().patch('/api/v1/messages/contacts/9', { job_title: 'CEO' }).reply(200, { contact: { id: 9 } });
    expect(data(await h.call('update_contact', { contact_id: 9, job_title: 'CEO' }))).to.deep.equal({ contact: { id: 9 } });
    const text = await refused(h, 'create_contact', { email: 'zoe@n.example', birthday: '12/04/1990', address: 'x'.repeat(501), job_title: 'x'.repeat(256) });
    for (const k of ['birthday', 'address', 'job_title']) expect(text).to.contain(`- ${k}: `);
  });
});
