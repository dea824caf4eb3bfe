import 'reflect-metadata';
import { Type } from '../../../core/plugin-api.js';
import {
  ArrayMaxSize, ArrayMinSize, IsArray, IsBase64, IsEmail, IsInt, IsObject, IsOptional, IsString, IsTimeZone, Min, ValidateBy, ValidateIf, ValidateNested,
} from '../../../core/plugin-api.js';
import { compose, Desc, SchemaExtra } from '../../../core/plugin-api.js';
import { Bool, Id, Int, OneOf } from '../../../core/plugin-api.js';

/** Scopes of the message token. */
export const READ = 'messages:read';
export const WRITE = 'messages:write';
export const SEND = 'messages:send';

const MB = 1024 * 1024;
/** The API's limit for one attachment it hands out, and for a draft's attachments together. */
export const MAX_ATTACHMENT_BYTES = 25 * MB;
/** The send limits: 5 MB a file, 10 MB together. */
const SEND_FILE_BYTES = 5 * MB;
const SEND_TOTAL_BYTES = 10 * MB;
const DRAFT_TOTAL_BYTES = 25 * MB;
/** Recipients of one message, to, cc and bcc together. */
export const MAX_RECIPIENTS = 10;

const b64Len = (bytes: number) => Math.ceil(bytes / 3) * 4;
/** A file's decoded size, at most `max` bytes. */
const FileBytes = (max: number): PropertyDecorator =>
  ValidateBy({
    name: 'fileBytes',
    validator: { validate: (v) => typeof v !== 'string' || base64Bytes(v) <= max, defaultMessage: () => `must be ${max / MB} MB at most (decoded)` },
  });
const opt = (optional: boolean, ...d: PropertyDecorator[]) => compose(...(optional ? [IsOptional()] : []), ...d);

/**
 * A length rule with a plain message ("must not be empty", "must be at most N characters"). The limit is stated in
 * the schema too; the schema tidier hides the large ones, validation keeps them.
 */
export const Len = (min: number, max: number): PropertyDecorator =>
  ValidateBy({
    name: 'len',
    validator: {
      validate: (v) => typeof v !== 'string' || (v.length >= min && v.length <= max),
      defaultMessage: (a) => (typeof a?.value === 'string' && a.value.length < min ? 'must not be empty' : `must be at most ${max} characters`),
    },
  });

/** Free text (string, required non-empty unless optional) with its length cap. */
export const Str = (desc: string, max: number, optional = false) => opt(optional, IsString(), Len(optional ? 0 : 1, max), SchemaExtra({ maxLength: max }), Desc(desc));

export const Uid = () => compose(IsInt(), Min(1), Desc('UID'));

/** One of a fixed set of values (the listing keeps `type` beside `enum`: some clients' schema readers need it). */
export const Pick = (values: readonly (string | number)[], desc: string, optional = false) => OneOf(values as readonly string[], desc, optional);

/** Acts on a connected external account (list_external_accounts) instead of the mailbox. */
export const ExtId = () => compose(IsOptional(), IsInt(), Min(1), Desc('External account id'));
/** Acts as a shared (team) mailbox the token's mailbox is a member of. */
export const SharedId = () => Id('Shared mailbox', true);

/** The folder a message lives in (query or body parameter); the API takes paths of up to 255 characters. */
export const Folder = (desc = 'Default INBOX', optional = true) => Str(desc, 255, optional);

/**
 * A folder path used as a path segment. The core encodes it as ONE segment ('Projects/2026' → Projects%2F2026);
 * `.` and `..` would still be read as dot segments by URL parsers, so they are refused here.
 */
export const FolderPath = () =>
  compose(
    Str('e.g. Projects/2026', 255),
    ValidateBy({
      name: 'folderPath',
      validator: {
        validate: (v) => typeof v !== 'string' || (!/^\.{1,2}$/.test(v) && !/[\u0000-\u001f\u007f]/.test(v)),
        defaultMessage: () => 'must be a folder path (not "." or "..", no control characters)',
      },
    }),
  );

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?$/;
const HAS_OFFSET = /(Z|[+-]\d{2}:?\d{2})$/;

/** An ISO 8601 date-time (the offset is optional: see each parameter for how the API reads one without). */
export const When = (desc: string, optional = false) =>
  opt(
    optional,
    IsString(),
    ValidateBy({
      name: 'isoDateTime',
      validator: {
        validate: (v) => typeof v === 'string' && ISO_DATE_TIME.test(v) && !Number.isNaN(Date.parse(v)),
        defaultMessage: () => 'must be an ISO 8601 date-time, e.g. 2026-12-01T09:00:00Z',
      },
    }),
    SchemaExtra({ format: 'date-time' }),
    Desc(desc),
  );

/**
 * A send time in the future. Checked when the value carries an offset, or carries none and no timezone is given
 * (the API then reads it as UTC); with a timezone the API converts and has the final word.
 */
export const Future = (): PropertyDecorator =>
  ValidateBy({
    name: 'isFuture',
    validator: {
      validate: (v, a) => {
        if (typeof v !== 'string') return true;
        if (HAS_OFFSET.test(v)) return Date.parse(v) > Date.now();
        if ((a?.object as { timezone?: unknown }).timezone !== undefined) return true;
        return Date.parse(`${v}Z`) > Date.now();
      },
      defaultMessage: () => 'must be in the future',
    },
  });

/** An IANA time zone name. */
export const Zone = (desc: string) => compose(IsOptional(), IsString(), IsTimeZone(), Desc(desc));

const present = (o: Record<string, unknown>, k: string) => Array.isArray(o[k]);

/** A rule of our own on a list: its schema is the list's (the converter would add a dangling $ref to "Array"). */
const ListRule = (rule: PropertyDecorator) => compose(rule, SchemaExtra({ $ref: undefined }));

/**
 * The API's limit of 10 recipients over to, cc and bcc together. Reported once, on the first list given, so an
 * agent sees one line with the total.
 */
const TotalRecipients = (): PropertyDecorator =>
  ListRule(ValidateBy({
    name: 'totalRecipients',
    validator: {
      validate: (_v, a) => {
        const o = a!.object as Record<string, unknown>;
        if (['to', 'cc', 'bcc'].find((k) => present(o, k)) !== a!.property) return true;
        return ['to', 'cc', 'bcc'].reduce((n, k) => n + (present(o, k) ? (o[k] as unknown[]).length : 0), 0) <= MAX_RECIPIENTS;
      },
      defaultMessage: (a) => {
        const o = a!.object as Record<string, unknown>;
        const n = ['to', 'cc', 'bcc'].reduce((s, k) => s + (present(o, k) ? (o[k] as unknown[]).length : 0), 0);
        return `to, cc and bcc together take ${MAX_RECIPIENTS} recipients at most (got ${n})`;
      },
    },
  }));

/** A list of addresses (up to 10; `min` 1 makes it required). */
const Addresses = (desc: string, min: 0 | 1) =>
  opt(min === 0, IsArray(), IsEmail({}, { each: true }), ...(min ? [ArrayMinSize(1)] : []), ArrayMaxSize(MAX_RECIPIENTS), TotalRecipients(), Desc(desc));

/** Decoded size of a base64 string. */
export function base64Bytes(b64: string): number {
  const s = b64.replace(/\s+/g, '');
  const pad = s.endsWith('==') ? 2 : s.endsWith('=') ? 1 : 0;
  return Math.max(0, Math.floor((s.length * 3) / 4) - pad);
}

const AttachmentsTotal = (max: number): PropertyDecorator =>
  ListRule(ValidateBy({
    name: 'attachmentsTotal',
    validator: {
      validate: (v) => !Array.isArray(v) || v.reduce((n, a) => n + (typeof a?.content_base64 === 'string' ? base64Bytes(a.content_base64) : 0), 0) <= max,
      defaultMessage: () => `must be ${max / MB} MB at most together`,
    },
  }));

/** A file to attach to a message sent now (5 MB at most). */
export class SendAttachment {
  @compose(IsString(), Len(1, 255)) filename: string;
  @compose(IsString(), Len(1, 255)) content_type: string;
  @compose(IsString(), IsBase64(), Len(4, b64Len(SEND_FILE_BYTES)), FileBytes(SEND_FILE_BYTES)) content_base64: string;
}

/** A file to attach to a draft (25 MB at most for all of them). */
export class DraftAttachment {
  @compose(IsString(), Len(1, 255)) filename: string;
  @compose(IsString(), Len(1, 255)) content_type: string;
  @compose(IsString(), IsBase64(), Len(4, b64Len(DRAFT_TOTAL_BYTES)), FileBytes(DRAFT_TOTAL_BYTES)) content_base64: string;
}

/** The body parts, sent together as `body: {text, html}` (see BODY_WIRE). */
const BODY_TEXT_MAX = 204_800;
const BODY_HTML_MAX = 512_000;
export const BODY_WIRE = { body_text: 'body.text', body_html: 'body.html' };

/** body_text, required when body_html is absent (a message sent now needs one of the two). */
const BodyTextOrHtml = () =>
  compose(
    ValidateIf((o: { body_html?: unknown }, v) => v !== undefined || o.body_html === undefined),
    ValidateBy({
      name: 'bodyTextOrHtml',
      validator: {
        validate: (v) => typeof v === 'string' && v.length <= BODY_TEXT_MAX,
        defaultMessage: (a) => (a?.value === undefined ? 'give body_text or body_html (or both)' : typeof a.value !== 'string' ? 'must be a string' : `must be at most ${BODY_TEXT_MAX} characters`),
      },
    }),
    SchemaExtra({ type: 'string', maxLength: BODY_TEXT_MAX }),
    Desc('Text body (or body_html)'),
  );

const Cc = () => Addresses('Cc', 0);
const Bcc = () => Addresses('Bcc', 0);
const BodyHtml = () => Str('HTML body', BODY_HTML_MAX, true);
const IdentityId = () => compose(IsOptional(), IsInt(), Min(1), Desc('Identity id'));
const TO = '10 in all with cc, bcc';
const RequiredTo = () => Addresses(TO, 1);

/** Outbound headers the API lets a sender set: unsubscribe, Reply-To and custom X- headers, one line each. */
const HEADER_NAME = /^(List-Unsubscribe|List-Unsubscribe-Post|Reply-To|X-[A-Za-z0-9-]+)$/i;
const Headers = () =>
  compose(
    IsOptional(),
    IsObject(),
    ValidateBy({
      name: 'headers',
      validator: {
        validate: (v) =>
          !!v && typeof v === 'object' && Object.entries(v).every(([k, x]) => HEADER_NAME.test(k) && typeof x === 'string' && x.length <= 998 && !/[\r\n]/.test(x)),
        defaultMessage: () => 'takes List-Unsubscribe, List-Unsubscribe-Post, Reply-To or X-* names, each a one-line string of 998 characters at most',
      },
    }),
    Desc('List-Unsubscribe(-Post), Reply-To, X-* only'),
  );

// Each compose class lists its fields in the order an agent reads them (no shared base: it would list its own first).

/** A message to send now: to and subject required, one of the bodies, threading, up to 5 files. */
export class SendFields {
  @RequiredTo() to: string[];
  @Cc() cc?: string[];
  @Bcc() bcc?: string[];
  @Str('Subject', 998) subject: string;
  @BodyTextOrHtml() body_text?: string;
  @BodyHtml() body_html?: string;
  @Str('Message-ID this replies to', 500, true) reply_to_message_id?: string;
  @IdentityId() identity_id?: number;
  @compose(IsOptional(), IsArray(), ArrayMaxSize(5), ValidateNested({ each: true }), Type(() => SendAttachment), AttachmentsTotal(SEND_TOTAL_BYTES), Desc('5 MB each, 10 MB in all'))
  attachments?: SendAttachment[];
  @Headers() headers?: Record<string, string>;
  @Bool('false: no Default CC/BCC') apply_default_recipients?: boolean;
  @ExtId() external_account_id?: number;
  @SharedId() shared_mailbox_id?: number;
}

/** A draft: every field optional, up to 20 files, no threading. */
export class DraftFields {
  @Addresses(TO, 0) to?: string[];
  @Cc() cc?: string[];
  @Bcc() bcc?: string[];
  @Str('Subject', 998, true) subject?: string;
  @Str('Text body', BODY_TEXT_MAX, true) body_text?: string;
  @BodyHtml() body_html?: string;
  @IdentityId() identity_id?: number;
  @compose(IsOptional(), IsArray(), ArrayMaxSize(20), ValidateNested({ each: true }), Type(() => DraftAttachment), AttachmentsTotal(DRAFT_TOTAL_BYTES), Desc('25 MB in all'))
  attachments?: DraftAttachment[];
  @ExtId() external_account_id?: number;
}

/** A message sent later: no attachments and no threading (the API takes neither on a schedule). */
export class ScheduleFields {
  @RequiredTo() to: string[];
  @Cc() cc?: string[];
  @Bcc() bcc?: string[];
  @Str('Subject', 998, true) subject?: string;
  @Str('Text body', BODY_TEXT_MAX, true) body_text?: string;
  @BodyHtml() body_html?: string;
  @IdentityId() identity_id?: number;
  @ExtId() external_account_id?: number;
}

/** Largest attachment (or ZIP) returned inline by default; the agent may raise it up to the API's 25 MB. */
export const DEFAULT_INLINE_BYTES = 5 * MB;
export const MaxBytes = () => Int('Bytes inline (default 5 MB)', 1, MAX_ATTACHMENT_BYTES, true);
