/**
 * Valid arguments the webmail schemas alone can't synthesise: a cross-field rule (one of the two bodies), a pattern
 * (address or @domain), real base64, a rule on a nested object (at least one flag), host names (a connection).
 */
const CONNECTION = {
  email: 'sam@gmail.com', provider: 'gmail', password: 'abcd efgh ijkl mnop', imap_host: 'imap.gmail.com', imap_port: 993, imap_encryption: 'ssl',
  smtp_host: 'smtp.gmail.com', smtp_port: 465, smtp_encryption: 'ssl',
};
export const EXAMPLES_WEBMAIL: Record<string, Record<string, unknown>> = {
  send_message: { to: ['ann@example.com'], subject: 'Hello', body_text: 'Hi Ann' },
  import_contacts: { format: 'vcf', content_base64: Buffer.from('BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann Example\r\nEMAIL:ann@example.com\r\nEND:VCARD\r\n').toString('base64') },
  block_sender: { email_or_domain: '@spam.example.com' },
  update_message_flags: { uid: 1, flags: { seen: true } },
  test_external_account: CONNECTION,
  create_external_account: { ...CONNECTION, label: 'Personal' },
};
