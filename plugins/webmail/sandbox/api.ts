import { list, obj, opt, type Accepts, type Fields } from '../../../sandbox/fields.js';

/**
 * What the webmail endpoints of the API accept, field by field: the API's facts (catalog rows and the official
 * server's client and schemas), never derived from our tool classes. Cross-field rules (one body part required, 10
 * recipients together, sizes of attachments, end not before start) are the handlers' business.
 */

const FOLDER = 'string(1..255)?';
/** A connected external account the call acts on instead of the mailbox (official: message tools, identities). */
const EXT = 'int(1..)?';
/** A shared mailbox the member acts as (send, identities, the scheduled queue). */
const SHARED = 'int(1..)?';
/** `?folder=` of the routes that address one message. */
export const IN_FOLDER: Accepts = { query: { folder: FOLDER, external_account_id: EXT } };
/** The same, in a JSON body (POST/PATCH routes of one message). */
export const IN_FOLDER_BODY: Accepts = { body: { folder: FOLDER } };

export const LIST_MESSAGES: Accepts = {
  query: { folder: FOLDER, limit: 'int(1..50)?', before_uid: 'int(1..)?', since: 'datetime?', unread_only: 'bool?', search: 'string(..200)?', external_account_id: EXT },
};
export const LIST_FOLDERS: Accepts = { query: { external_account_id: EXT } };

export const FLAGS: Accepts = { body: { folder: FOLDER, flags: obj({ seen: 'bool?', flagged: 'bool?' }), external_account_id: EXT } };
export const MOVE: Accepts = { body: { folder: FOLDER, destination: 'string(1..255)', external_account_id: EXT } };
export const BULK: Accepts = {
  body: { folder: 'string(1..255)', uids: 'int(1..)[1..50]', action: 'read|unread|star|unstar|delete|move|spam|notspam', destination: FOLDER, external_account_id: EXT },
};

export const CREATE_FOLDER: Accepts = { body: { name: 'string(1..255)', parent: FOLDER } };
export const RENAME_FOLDER: Accepts = { body: { name: 'string(1..255)' } };
export const EMPTY_FOLDER: Accepts = { body: { folder: 'Trash|Junk' } };

const RECIPIENTS = 'email[..10]?';
/** The compose body: both members travel, the missing one as null. */
const BODY = obj({ text: 'string(..204800)|null', html: 'string(..512000)|null' });
// File name, type, subject and threading id become header lines: a line break in one is refused (header injection).
const attachment = obj({ filename: 'line(1..255)', content_type: 'line(1..255)', content_base64: 'base64' });

export const SEND: Accepts = {
  body: {
    to: 'email[1..10]', cc: RECIPIENTS, bcc: RECIPIENTS, subject: 'line(1..998)', body: BODY,
    reply_to_message_id: 'line(1..500)?', identity_id: 'int(1..)?', attachments: opt(list(attachment, '..5')),
    // A map of header name to value; which names are allowed is the handler's rule.
    headers: 'object?', apply_default_recipients: 'bool?', external_account_id: EXT, shared_mailbox_id: SHARED,
  },
};

const DRAFT: Fields = {
  to: RECIPIENTS, cc: RECIPIENTS, bcc: RECIPIENTS, subject: 'line(..998)?', body: opt(BODY), identity_id: 'int(1..)?',
  attachments: opt(list(attachment, '..20')), external_account_id: EXT,
};
export const SAVE_DRAFT: Accepts = { body: DRAFT };
export const UPDATE_DRAFT: Accepts = { body: { ...DRAFT, uidvalidity: 'int(1..)' } };

export const SCHEDULE: Accepts = {
  body: {
    to: 'email[1..10]', cc: RECIPIENTS, bcc: RECIPIENTS, subject: 'line(..998)?', body: opt(BODY), scheduled_for: 'datetime',
    timezone: 'string(1..64)?', identity_id: 'int(1..)?', external_account_id: EXT,
  },
};
export const RESCHEDULE: Accepts = { body: { scheduled_for: 'datetime', timezone: 'string(1..64)?' } };
export const LIST_SCHEDULED: Accepts = { query: { cursor: 'string(1..2048)?', per_page: 'int(1..100)?', status: 'pending|limit_reached|all?', shared_mailbox_id: SHARED } };
export const CANCEL_SCHEDULED: Accepts = { query: { shared_mailbox_id: SHARED } };

const PAGE = { page: 'int(1..)?', per_page: 'int(1..100)?' };
export const LIST_CONTACTS: Accepts = { query: { q: 'string(..100)?', ...PAGE } };
const CONTACT: Fields = {
  name: 'string(..255)?', phone: 'string(..50)?', company: 'string(..255)?', job_title: 'string(..255)?', address: 'string(..500)?', birthday: 'date?', notes: 'string(..5000)?',
};
export const CREATE_CONTACT: Accepts = { body: { email: 'email', ...CONTACT } };
export const UPDATE_CONTACT: Accepts = { body: { email: 'email?', ...CONTACT } };
export const IMPORT_CONTACTS: Accepts = { body: { format: 'csv|vcf', content_base64: 'base64' } };
export const EXPORT_CONTACTS: Accepts = { query: { format: 'csv|vcard?' } };

export const GROUP_NAME: Accepts = { body: { group_name: 'string(1..100)' } };
export const GROUP_MEMBERS: Accepts = { body: { contact_ids: 'int(1..)[1..]' } };
export const LIST_GROUP_MEMBERS: Accepts = { query: PAGE };

export const LIST_EVENTS: Accepts = { query: { start: 'datetime', end: 'datetime', per_page: 'int(1..200)?', cursor: 'string(1..2048)?' } };
const EVENT: Fields = {
  end_at: 'datetime?', all_day: 'bool?', timezone: 'string(1..64)?', location: 'string(..500)?', description: 'string(..5000)?',
  color: 'string(..20)?', reminder_minutes: 'int(0..10080)?',
};
export const CREATE_EVENT: Accepts = { body: { title: 'string(1..255)', start_at: 'datetime', ...EVENT } };
export const UPDATE_EVENT: Accepts = { body: { title: 'string(1..255)?', start_at: 'datetime?', ...EVENT } };

const IDENTITY: Fields = {
  name: 'line(..255)|null?', reply_to: 'email|null?', signature_html: 'string(..10000)|null?', signature_enabled: 'bool?', external_account_id: EXT,
  smtp_mode: 'domain|profile?',
};
export const LIST_IDENTITIES: Accepts = { query: { external_account_id: EXT, shared_mailbox_id: SHARED } };
export const CREATE_IDENTITY: Accepts = { body: { email: 'email', kind: 'managed|send_as?', ...IDENTITY, smtp_connection_id: 'int(1..)?' } };
export const UPDATE_IDENTITY: Accepts = { body: { ...IDENTITY, is_default: 'bool?', smtp_connection_id: 'int(1..)|null?' } };
/** The connected account of a Send As identity travels in a JSON body on DELETE. */
export const DELETE_IDENTITY: Accepts = { body: { external_account_id: EXT } };
export const REPLY_POLICY: Accepts = { body: { reply_from_policy: 'recipient|default' } };

/** How the API reaches an external mailbox (ExternalAccountManager's connection rules, per the official server). */
const CONNECTION: Fields = {
  email: 'email', provider: 'gmail|yahoo|aol|icloud|outlook|zoho|gmx|yandex|fastmail|custom', password: 'string(1..1024)',
  imap_host: 'hostname(..255)', imap_port: '143|993', imap_encryption: 'ssl|tls', imap_username: 'string(1..255)?',
  smtp_host: 'hostname(..255)', smtp_port: '465|587|2525', smtp_encryption: 'ssl|tls', smtp_username: 'string(1..255)?', smtp_password: 'string(1..1024)?',
};
export const DETECT_ACCOUNT: Accepts = { body: { email: 'email' } };
export const TEST_ACCOUNT: Accepts = { body: CONNECTION };
export const CREATE_ACCOUNT: Accepts = { body: { ...CONNECTION, label: 'string(..255)?', color: 'string(..16)?', include_in_unified: 'bool?' } };
export const UPDATE_ACCOUNT: Accepts = {
  body: {
    label: 'string(..255)|null?', color: 'string(..16)?', include_in_unified: 'bool?', sort_order: 'int(0..1000)?', password: 'string(1..1024)?', smtp_password: 'string(1..1024)?',
    imap_host: 'hostname(..255)?', imap_port: '143|993?', imap_encryption: 'ssl|tls?', imap_username: 'string(1..255)?',
    smtp_host: 'hostname(..255)?', smtp_port: '465|587|2525?', smtp_encryption: 'ssl|tls?', smtp_username: 'string(1..255)?',
  },
};
/** Re-testing a saved account: the official client sends an empty JSON object. */
export const TEST_SAVED_ACCOUNT: Accepts = { body: {} };

export const CREATE_TEMPLATE: Accepts = { body: { name: 'string(1..255)', subject: 'string(..500)?', body_html: 'string(1..50000)' } };
export const UPDATE_TEMPLATE: Accepts = { body: { name: 'string(1..255)?', subject: 'string(..500)?', body_html: 'string(1..50000)?' } };

export const BLOCK_SENDER: Accepts = { body: { email_or_domain: 'string(1..255)' } };

/** Routes that take nothing: no query fields, no body. */
export const NOTHING: Accepts = {};
