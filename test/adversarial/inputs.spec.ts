import { expect } from 'chai';
import type { Sandbox } from '../../sandbox/server.js';
import { connect, connectHttp, rawApi, sandbox, type Session } from '../e2e.js';

/**
 * Inputs an attacker shapes to reach further than the call says: a line break that becomes a mail header, a control
 * character, a number JavaScript cannot hold exactly (it reaches the API as another id), a path segment that URL
 * parsing resolves away ("..": another resource). Each is refused by name before any request, on both transports.
 */
const OPEN = { TREKMAIL_ALLOW_SENDING: 'true', TREKMAIL_ALLOW_DESTRUCTIVE: 'true' };
const SEND = { to: ['anna@partner.example'], subject: 'Hi', body_text: 'Hello', confirm_send: true };
const INJECT = '\r\nBcc: x@evil.example';

const REFUSED: [string, Record<string, unknown>, string, string][] = [
  ['send_message', { ...SEND, reply_to_message_id: `<m1@partner.example>${INJECT}` }, 'reply_to_message_id', 'one line'],
  ['send_message', { ...SEND, subject: `Hi${INJECT}` }, 'subject', 'one line'],
  ['send_message', { ...SEND, subject: 'Hi\u2028Bcc: x@evil.example' }, 'subject', 'one line'],
  ['send_message', { ...SEND, attachments: [{ filename: `a.pdf${INJECT}`, content_type: 'application/pdf', content_base64: 'JVBERg==' }] }, 'attachments[0].filename', 'one line'],
  ['send_message', { ...SEND, attachments: [{ filename: 'a.pdf', content_type: `application/pdf${INJECT}`, content_base64: 'JVBERg==' }] }, 'attachments[0].content_type', 'one line'],
  ['save_draft', { subject: 'Draft\u0000hidden' }, 'subject', 'control characters'],
  ['save_draft', { subject: 'Bell\u0007 and escape \u001b[31m' }, 'subject', 'control characters'],
  ['create_identity', { email: 'demo@demo.trekmail.test', name: `Demo${INJECT}` }, 'name', 'one line'],
  ['create_folder', { name: 'Evil\nFolder' }, 'name', 'one line'],
  ['drive_file_trash', { file_id: 1e308 }, 'file_id', 'between'],
  ['drive_file_trash', { file_id: 2 ** 53 + 1 }, 'file_id', 'between'],
  ['drive_file_trash', { file_id: -1e308 }, 'file_id', ''],
  ['delete_domain', { domain_id: 9_007_199_254_740_993 }, 'domain_id', 'between'],
  ['drive_trash_empty', { space: '..' }, 'space', ''],
  ['drive_space_usage', { space: '.' }, 'space', ''],
  ['get_smtp_test_status', { job_id: '..' }, 'job_id', ''],
  ['get_message_delivery', { request_id: '..' }, 'request_id', ''],
  ['delete_folder', { path: '..' }, 'path', ''],
];

for (const transport of ['stdio', 'http'] as const) {
  describe(`adversarial: header injection, control characters, unsafe numbers and dot segments (${transport})`, function () {
    this.timeout(60_000);
    let sb: Sandbox;
    let s: Session;
    before(async () => {
      sb = await sandbox();
      const tokens = ['ops:pro', 'message:pro'];
      s = transport === 'stdio' ? await connect(sb, tokens, OPEN) : await connectHttp(sb, tokens, OPEN);
    });
    after(async () => {
      await s?.close();
      await sb?.close();
    });

    it('each is refused, naming the field, and nothing reaches the API', async () => {
      const listed = new Set((await s.client.listTools()).tools.map((t) => t.name));
      for (const [tool, args, field, words] of REFUSED) {
        expect(listed.has(tool), `${tool} is listed`).to.equal(true);
        const before = sb.engine.stats.requests;
        const r = await s.call(tool, args);
        const what = `${tool} ${JSON.stringify(args).slice(0, 100)}`;
        expect(r.isError, what).to.equal(true);
        expect(r.content[0].text, what).to.match(new RegExp(`- ${field.replace(/[[\].]/g, '\\$&')}: .*${words}`));
        expect(sb.engine.stats.requests - before, `${what} made a request`).to.equal(0);
      }
    });

    it('what is fine still goes: a body of several lines, a tab in a subject, a folder path with slashes', async () => {
      const draft = await s.call('save_draft', { to: ['anna@partner.example'], subject: 'Plan\tv2', body_text: 'Line one\r\nLine two\n\n-- \nDemo' });
      expect(draft.isError, draft.content[0].text).to.not.equal(true);
      const list = await s.call('list_messages', { folder: 'Projects/2026' });
      expect(list.isError, list.content[0].text).to.not.equal(true);
    });
  });
}

describe('adversarial: the sandbox itself refuses header injection (a strict API, not only our validation)', () => {
  it('a line break in a subject, threading id, attachment name or sender name gets 422 naming the field', async () => {
    const sb = await sandbox();
    try {
      const send = rawApi(sb, 'message:pro');
      const base = { to: ['anna@partner.example'], subject: 'Hi', body: { text: 'x', html: null } };
      for (const [body, field] of [
        [{ ...base, subject: `Hi${INJECT}` }, 'subject'],
        [{ ...base, reply_to_message_id: `<a@b>${INJECT}` }, 'reply_to_message_id'],
        [{ ...base, attachments: [{ filename: `a${INJECT}`, content_type: 'text/plain', content_base64: 'eA==' }] }, 'attachments[0].filename'],
      ] as const) {
        const r = await send('POST', '/messages/send', body);
        expect(r.status, field).to.equal(422);
        expect(JSON.stringify(r.body.errors), field).to.contain('line breaks');
      }
      const id = await send('POST', '/messages/identities', { email: 'demo@demo.trekmail.test', name: `Demo${INJECT}` });
      expect(id.status).to.equal(422);
    } finally {
      await sb.close();
    }
  });
});
