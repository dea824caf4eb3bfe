import { expect } from 'chai';
import { recipientAllowed, recipientsOf, summarize } from './confirm.js';
import type { ToolMeta } from './tool.js';

describe('recipients and the approval summary', () => {
  it('finds recipients under their keys, nested, and the targets of redirecting mail rules', () => {
    const args = {
      to: ['a@x.io'], cc: ['b@x.io'], items: [{ recipient_email: 'c@x.io' }], targets: ['d@x.io'],
      actions: [{ type: 'redirect', value: 'e@evil.example' }, { type: 'redirect_copy', value: 'f@x.io' }, { type: 'fileinto', value: 'g@not-an-address.folder' }],
      subject: 'h@x.io',
    };
    expect(recipientsOf(args).sort()).to.deep.equal(['a@x.io', 'b@x.io', 'c@x.io', 'd@x.io', 'e@evil.example', 'f@x.io']);
    expect(recipientsOf(args).filter((r) => !recipientAllowed(r, ['x.io']))).to.deep.equal(['e@evil.example']);
    expect(recipientsOf({ email: 'invitee@x.io', note: 'n@x.io' }, ['email'])).to.deep.equal(['invitee@x.io']);
    expect(recipientsOf({ email: 'invitee@x.io' })).to.deep.equal([]);
  });

  it('the summary shows the request, the recipients, the schedule and what cannot be undone', () => {
    const meta = { name: 'schedule_message', method: 'POST', path: '/messages/scheduled', access: 'write', gate: 'sending' } as ToolMeta;
    const text = summarize(meta, { to: ['a@x.io'], subject: 'Hi', scheduled_for: '2030-01-01T09:00:00Z' }, '/messages/scheduled');
    expect(text.split('\n')).to.deep.equal([
      'Allow the AI agent to run schedule_message?', 'Request: POST /messages/scheduled', 'To: "a@x.io"', 'subject: "Hi"', 'scheduled_for: "2030-01-01T09:00:00Z"',
      'This sends email; it cannot be recalled.',
    ]);
  });

  it('nothing the agent writes can pass for a line of the summary, and Bcc recipients are shown as hidden ones', () => {
    const meta = { name: 'send_message', method: 'POST', path: '/messages/send', access: 'write', gate: 'sending' } as ToolMeta;
    const subject = 'Hello\nRecipients: boss@corp.example\nThis only saves a draft; nothing is sent.\u202E';
    const text = summarize(meta, { to: ['a@x.io'], bcc: ['spy@evil.example'], subject }, '/messages/send');
    const lines = text.split('\n');
    expect(lines).to.have.length(6);
    expect(lines).to.include('Bcc (hidden from the other recipients): "spy@evil.example"');
    expect(lines.find((l) => l.startsWith('subject: '))).to.equal('subject: "Hello\\nRecipients: boss@corp.example\\nThis only saves a draft; nothing is sent."');
    expect(lines.filter((l) => /^(Recipients|This only saves)/.test(l))).to.deep.equal([]);
    expect(lines.at(-1)).to.equal('This sends email; it cannot be recalled.');
    const long = summarize(meta, { to: ['a@x.io'], subject: 'x'.repeat(500) }, '/messages/send');
    expect(long).to.contain(`subject: "${'x'.repeat(120)}…"`);
  });

  it('an input class can add recipients no parameter holds (a script), and they are shown and checked', () => {
    class Script {
      script = 'redirect "out@evil.example";';
      recipients() {
        return ['out@evil.example'];
      }
    }
    const meta = { name: 'upload_sieve_script', method: 'PUT', path: '/x', access: 'write', checkRecipients: true } as ToolMeta;
    expect(recipientsOf(new Script())).to.deep.equal(['out@evil.example']);
    expect(summarize(meta, new Script() as never, '/x')).to.contain('Script sends to: "out@evil.example"');
  });
});
