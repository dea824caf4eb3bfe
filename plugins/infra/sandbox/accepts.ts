import { list, obj, type Accepts, type Fields } from '../../../sandbox/fields.js';

/**
 * What the infra endpoints of the API accept, field by field: the emulator's own statement of the contract, written
 * from the API's facts (catalog rows and the official server's client and tool schemas), never from our tool
 * classes. Required strings are non-empty (the API's `required`); cross-field rules stay in the handlers.
 */
const PAGE = 'int(1..)?';
const PER_PAGE = 'int(1..100)?';
const ID = 'int(1..)';
const NONE: Accepts = {};
const NO_BODY: Accepts = { body: false };
const NOTE: Accepts = { body: { note: 'string(..120)|null' } };

const TICKET_CATEGORY = 'billing|technical|account|deliverability|api|abuse|feature|partnership|sales|affiliate|other';
const ENCRYPTION = 'none|ssl|tls';
const DAYS: Accepts = { query: { days: 'int(1..90)?' } };

const RULE: Fields = {
  name: 'string(..255)?',
  match_type: 'all|any?',
  conditions: list(obj({
    field: 'from|to|subject|body|header|size',
    operator: 'is|contains|matches|over|under|exists',
    value: 'string(..500)?',
    header_name: 'string(..100)?',
  }), '1..10'),
  actions: list(obj({ type: 'fileinto|redirect_copy|redirect|addflag|discard|reject', value: 'string(..500)?' }), '1..5'),
  stop: 'bool?',
  enabled: 'bool?',
};

export const ACCEPTS = {
  none: NONE,
  noBody: NO_BODY,
  note: NOTE,
  days: DAYS,

  invoices: { query: { page: PAGE, per_page: PER_PAGE } },
  tickets: { query: { status: 'open|waiting_customer|closed?', category: `${TICKET_CATEGORY}?`, page: PAGE, per_page: PER_PAGE } },
  createTicket: { body: { subject: 'string(4..150)', category: TICKET_CATEGORY, message: 'string(5..5000)', priority: 'normal|high|urgent?' } },
  replyTicket: { body: { message: 'string(5..5000)' } },
  // Custom mode needs host, port, encryption and username (checked by the handler, as the API does after the types).
  smtp: { body: { mode: 'platform|custom', host: 'hostname(..255)?', port: 'int(1..65535)?', encryption: `${ENCRYPTION}?`, username: 'string(..255)?', password: 'string(1..255)?' } },
  smtpTest: { body: { host: 'hostname(..255)', port: 'int(1..65535)', encryption: ENCRYPTION, username: 'string(1..255)', password: 'string(1..255)' } },

  domains: { query: { status: 'pending_dns|active|suspended?', search: 'string(..255)?', page: PAGE, per_page: PER_PAGE } },
  createDomain: { body: { name: 'hostname(..255)', mail_hosting: 'trekmail|external?' } },
  catchAll: { body: { enabled: 'bool', destination: 'email(..255)|null?' } },
  // Each name is judged on its own: a bad one is reported in `failed`, the others are still added.
  bulkDomains: { body: { domains: 'string(..255)[1..20]' } },

  mailboxes: { query: { domain_id: `${ID}?`, status: 'string(..50)?', search: 'string(..255)?', page: PAGE, per_page: PER_PAGE } },
  createMailbox: {
    body: {
      domain_id: ID, local_part: 'string(1..64)', display_name: 'string(..255)?', storage_allocation_mb: 'int(1..)?',
      password_mode: 'user_supplied|generated_one_time?', password: 'string(12..255)?',
      client_auth_mode: 'app_password_only|password_or_app_password?', create_app_password: 'bool?',
    },
  },
  bulkMailboxes: {
    body: {
      items: list(obj({ domain_id: ID, local_part: 'string(1..64)', password: 'string(12..255)?', storage_allocation_mb: 'int(1..)?' }), '1..100'),
      password_mode: 'user_supplied|generated_one_time?',
      create_app_password: 'bool?',
    },
  },
  password: { body: { password: 'string(12..255)' } },
  enableImap: { body: { password: 'string(1..)' } },
  invite: { body: { domain_id: ID, local_part: 'string(1..64)', recipient_email: 'email(..255)', expires_in_hours: 'int(1..720)?', storage_allocation_mb: 'int(1..)?' } },
  invites: {
    body: {
      domain_id: ID,
      items: list(obj({ local_part: 'string(1..64)', recipient_email: 'email(..255)', domain_id: `${ID}?`, storage_allocation_mb: 'int(1..)?' }), '1..100'),
      expires_in_hours: 'int(1..720)?',
    },
  },
  tokens: { query: { page: PAGE, per_page: 'int(1..20)?' } },
  createToken: { body: { name: 'string(1..255)', scopes: 'messages:read|messages:write|messages:send[1..3]', expires_in: '7d|30d|90d|never?' } },

  forwarding: { body: { enabled: 'bool', targets: 'email[..30]?', keep_copy: 'bool?' } },
  createAlias: { body: { local_part: 'string(1..64)', domain_id: ID, can_receive: 'bool?', can_send: 'bool?' } },
  updateAlias: { body: { can_receive: 'bool?', can_send: 'bool?', is_active: 'bool?' } },
  rule: { body: RULE },
  reorder: { body: { order: 'int(1..)[1..]' } },
  autoReply: { body: { enabled: 'bool', subject: 'string(..500)?', body: 'string(..5000)?', start_date: 'date?', end_date: 'date?', skip_lists: 'bool?' } },
  sieve: { body: { script: 'string(..10000)' } },
} satisfies Record<string, Accepts>;
