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
      'Allow the AI agent to run schedule_message?', 'Request: POST /messages/scheduled', 'Recipients: a@x.io', 'subject: Hi', 'scheduled_for: 2030-01-01T09:00:00Z',
      'This sends email; it cannot be recalled.',
    ]);
  });
});
