import { list, obj, opt, type Accepts, type Fields } from '../../../sandbox/fields.js';

/**
 * What the webmail endpoints of the API accept, field by field: the API's facts (catalog rows and the official
 * server's client and schemas), never derived from our tool classes. Cross-field rules (one body part required, 10
 * recipients together, sizes of attachments, end not before start) are the handlers' business.
 */

const FOLDER = 'string(1..255)?';
/** `?folder=` of the routes that address one message. */
export const IN_FOLDER: Accepts = { query: { folder: FOLDER } };
/** The same, in a JSON body (POST/PATCH routes of one message). */
export const IN_FOLDER_BODY: Accepts = { body: { folder: FOLDER } };

export const LIST_MESSAGES: Accepts = {
  query: { folder: FOLDER, limit: 'int(1..50)?', before_uid: 'int(1..)?', since: 'datetime?', unread_only: 'bool?', search: 'string(..200)?' },
};

export const FLAGS: Accepts = { body: { folder: FOLDER, flags: obj({ seen: 'bool?', flagged: 'bool?' }) } };
export const MOVE: Accepts = { body: { folder: FOLDER, destination: 'string(1..255)' } };
export const BULK: Accepts = {
  body: { folder: 'string(1..255)', uids: 'int(1..)[1..50]', action: 'read|unread|star|unstar|delete|move|spam|notspam', destination: FOLDER },
};

export const CREATE_FOLDER: Accepts = { body: { name: 'string(1..255)', parent: FOLDER } };
export const RENAME_FOLDER: Accepts = { body: { name: 'string(1..255)' } };
export const EMPTY_FOLDER: Accepts = { body: { folder: 'Trash|Junk' } };

const RECIPIENTS = 'email[..10]?';
/** The compose body: both members travel, the missing one as null. */
const BODY = obj({ text: 'string(..204800)|null', html: 'string(..512000)|null' });
const attachment = obj({ filename: 'string(1..255)', content_type: 'string(1..255)', content_base64: 'base64' });

export const SEND: Accepts = {
  body: {
    to: 'email[1..10]', cc: RECIPIENTS, bcc: RECIPIENTS, subject: 'string(1..998)', body: BODY,
    reply_to_message_id: 'string(1..500)?', identity_id: 'int(1..)?', attachments: opt(list(attachment, '..5')),
  },
};

const DRAFT: Fields = {
  to: RECIPIENTS, cc: RECIPIENTS, bcc: RECIPIENTS, subject: 'string(..998)?', body: opt(BODY), identity_id: 'int(1..)?',
  attachments: opt(list(attachment, '..20')),
};
export const SAVE_DRAFT: Accepts = { body: DRAFT };
export const UPDATE_DRAFT: Accepts = { body: { ...DRAFT, uidvalidity: 'int(1..)' } };

export const SCHEDULE: Accepts = {
  body: {
    to: 'email[1..10]', cc: RECIPIENTS, bcc: RECIPIENTS, subject: 'string(..998)?', body: opt(BODY), scheduled_for: 'datetime',
    timezone: 'string(1..64)?', identity_id: 'int(1..)?',
  },
};
export const LIST_SCHEDULED: Accepts = { query: { cursor: 'string(1..2048)?', per_page: 'int(1..100)?' } };

const PAGE = { page: 'int(1..)?', per_page: 'int(1..100)?' };
export const LIST_CONTACTS: Accepts = { query: { q: 'string(..100)?', ...PAGE } };
const CONTACT: Fields = { name: 'string(..255)?', phone: 'string(..50)?', company: 'string(..255)?', notes: 'string(..5000)?' };
export const CREATE_CONTACT: Accepts = { body: { email: 'email', ...CONTACT } };
export const UPDATE_CONTACT: Accepts = { body: { email: 'email?', ...CONTACT } };
export const IMPORT_CONTACTS: Accepts = { body: { format: 'csv|vcf', content_base64: 'base64' } };
export const EXPORT_CONTACTS: Accepts = { query: { format: 'csv|vcard?' } };

export const GROUP_NAME: Accepts = { body: { group_name: 'string(1..100)' } };
export const GROUP_MEMBERS: Accepts = { body: { contact_ids: 'int(1..)[1..]' } };

export const LIST_EVENTS: Accepts = { query: { start: 'datetime', end: 'datetime', per_page: 'int(1..200)?', cursor: 'string(1..2048)?' } };
const EVENT: Fields = {
  end_at: 'datetime?', all_day: 'bool?', timezone: 'string(1..64)?', location: 'string(..500)?', description: 'string(..5000)?',
  color: 'string(..20)?', reminder_minutes: 'int(0..10080)?',
};
export const CREATE_EVENT: Accepts = { body: { title: 'string(1..255)', start_at: 'datetime', ...EVENT } };
export const UPDATE_EVENT: Accepts = { body: { title: 'string(1..255)?', start_at: 'datetime?', ...EVENT } };

const IDENTITY: Fields = { name: 'string(..255)|null?', reply_to: 'email|null?', signature_html: 'string(..10000)|null?' };
export const CREATE_IDENTITY: Accepts = { body: { email: 'email', ...IDENTITY } };
export const UPDATE_IDENTITY: Accepts = { body: IDENTITY };

export const CREATE_TEMPLATE: Accepts = { body: { name: 'string(1..255)', subject: 'string(..500)?', body_html: 'string(1..50000)' } };
export const UPDATE_TEMPLATE: Accepts = { body: { name: 'string(1..255)?', subject: 'string(..500)?', body_html: 'string(1..50000)?' } };

export const BLOCK_SENDER: Accepts = { body: { email_or_domain: 'string(1..255)' } };

/** Routes that take nothing: no query fields, no body. */
export const NOTHING: Accepts = {};
