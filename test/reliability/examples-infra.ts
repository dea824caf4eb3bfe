/**
 * Valid arguments the schema alone can't synthesise for the infra pack: strong passwords, rule items whose value
 * depends on their type, bulk items whose password depends on password_mode, and settings that need more fields
 * when they are turned on.
 */
export const EXAMPLES_INFRA: Record<string, Record<string, unknown>> = {
  change_mailbox_password: { mailbox_id: 1, password: 'Example-Pass-1234' },
  create_mailboxes_bulk: { items: [{ domain_id: 1, local_part: 'sample', password: 'Example-Pass-1234' }] },
  update_domain_catch_all: { domain_id: 1, enabled: true, destination: 'user@example.com' },
  set_forwarding: { mailbox_id: 1, enabled: true, targets: ['user@example.com'] },
  set_auto_reply: { mailbox_id: 1, enabled: true, subject: 'Away', body: 'Back on Monday.' },
  update_smtp_config: { mode: 'custom', host: 'smtp.example.com', port: 587, encryption: 'tls', username: 'relay-user', password: 'Relay-Pass-1234' },
  create_mail_rule: {
    mailbox_id: 1, name: 'Receipts', match_type: 'all', conditions: [{ field: 'subject', operator: 'contains', value: 'receipt' }], actions: [{ type: 'fileinto', value: 'Receipts' }],
  },
  update_mail_rule: {
    mailbox_id: 1, rule_id: 1, name: 'Receipts', conditions: [{ field: 'subject', operator: 'exists' }], actions: [{ type: 'discard' }], stop: true,
  },
};
