/**
 * Valid arguments the webmail schemas alone can't synthesise: a cross-field rule (import content), a pattern
 * (address or @domain), a rule on a nested object (at least one flag).
 */
export const EXAMPLES_WEBMAIL: Record<string, Record<string, unknown>> = {
  import_contacts: { format: 'vcf', content: 'BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann Example\r\nEMAIL:ann@example.com\r\nEND:VCARD\r\n' },
  block_sender: { address: '@spam.example.com' },
  update_message_flags: { uid: 1, flags: { seen: true } },
};
