import 'reflect-metadata';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize, ArrayMinSize, IsArray, IsBase64, IsEmail, IsInt, IsOptional, IsString, Min, ValidateBy, ValidateNested,
} from '../../../core/validators.js';
import { compose, Desc, SchemaExtra } from '../../../core/tool.js';
import { Int } from '../../../core/params.js';

/** Scopes of the message token. */
export const READ = 'messages:read';
export const WRITE = 'messages:write';
export const SEND = 'messages:send';

/** The API's limit for one attachment, and the base64 length that encodes it. */
export const MAX_ATTACHMENT_BYTES = 25 * 1024 * 1024;
const MAX_BASE64 = Math.ceil(MAX_ATTACHMENT_BYTES / 3) * 4;

const opt = (optional: boolean, ...d: PropertyDecorator[]) => compose(...(optional ? [IsOptional()] : []), ...d);

/**
 * A length rule that is checked but not printed in the JSON Schema: the limits of long free text cost schema bytes
 * in every agent's context and tell it nothing it would come near.
 */
export const Len = (min: number, max: number): PropertyDecorator =>
  ValidateBy({
    name: 'len',
    validator: {
      validate: (v) => typeof v !== 'string' || (v.length >= min && v.length <= max),
      defaultMessage: (a) => (typeof a?.value === 'string' && a.value.length < min ? 'must not be empty' : `must be at most ${max} characters`),
    },
  });

/** Free text (string, required non-empty unless optional), limit checked but not printed. */
export const Str = (desc: string, max: number, optional = false) => opt(optional, IsString(), Len(optional ? 0 : 1, max), Desc(desc));

export const Uid = () => compose(IsInt(), Min(1), Desc('Message UID'));

/** The folder a message lives in (query or body parameter). */
export const Folder = (desc = 'Folder (default INBOX)', optional = true) => opt(optional, IsString(), Len(1, 500), Desc(desc));

/**
 * A folder path used as a path segment. The core encodes it as ONE segment ('Projects/2026' → Projects%2F2026);
 * `.` and `..` would still be read as dot segments by URL parsers, so they are refused here.
 */
export const FolderPath = () =>
  compose(
    IsString(),
    Len(1, 500),
    ValidateBy({
      name: 'folderPath',
      validator: {
        validate: (v) => typeof v !== 'string' || (!/^\.{1,2}$/.test(v) && !/[\u0000-\u001f\u007f]/.test(v)),
        defaultMessage: () => 'must be a folder path (not "." or "..", no control characters)',
      },
    }),
    Desc('Folder path, e.g. Projects/2026'),
  );

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?$/;

/** An ISO 8601 date-time (offset optional; without one, the API reads it in the mailbox's time zone). */
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

/** A date-time in the future (checked when it carries an offset; the API has the final word). */
export const Future = (): PropertyDecorator =>
  ValidateBy({
    name: 'isFuture',
    validator: {
      validate: (v) => typeof v !== 'string' || !/(Z|[+-]\d{2}:?\d{2})$/.test(v) || Date.parse(v) > Date.now(),
      defaultMessage: () => 'must be in the future',
    },
  });

/** A list of addresses (0-100 when optional). */
const Addresses = (desc: string, min: number) =>
  opt(min === 0, IsArray(), IsEmail({}, { each: true }), ...(min ? [ArrayMinSize(min)] : []), ArrayMaxSize(100), Desc(desc));

/** A file to attach to an outgoing message or draft. */
export class OutgoingAttachment {
  @compose(IsString(), Len(1, 255)) filename: string;
  @compose(IsString(), IsBase64(), Len(4, MAX_BASE64), Desc('Max 25 MB')) content_base64: string;
  @compose(IsOptional(), IsString(), Len(1, 255)) content_type?: string;
}

/** What drafts and sends share; `to` and `subject` differ (required to send, optional in a draft). */
export class MessageParts {
  @Addresses('Cc', 0) cc?: string[];
  @Addresses('Bcc', 0) bcc?: string[];
  @Str('Plain-text body', 2_000_000, true) text?: string;
  @Str('HTML body', 2_000_000, true) html?: string;
  @compose(IsOptional(), IsInt(), Min(1), Desc('Identity id (default if omitted)')) identity_id?: number;
  @Str('Message-ID replied to', 998, true) in_reply_to?: string;
  @compose(IsOptional(), IsArray(), IsString({ each: true }), ArrayMaxSize(100), Desc('Message-IDs of the thread')) references?: string[];
  @compose(IsOptional(), IsArray(), ValidateNested({ each: true }), Type(() => OutgoingAttachment), ArrayMaxSize(20), Desc('Up to 20 files'))
  attachments?: OutgoingAttachment[];
}

/** A message to send now or later. */
export class SendFields extends MessageParts {
  @Addresses('Recipients', 1) to: string[];
  @Str('Subject', 998) subject: string;
}

/** A draft: every field optional. */
export class DraftFields extends MessageParts {
  @Addresses('Recipients', 0) to?: string[];
  @Str('Subject', 998, true) subject?: string;
}

/** Largest attachment (or ZIP) returned inline by default; the agent may raise it up to the API's 25 MB. */
export const DEFAULT_INLINE_BYTES = 5 * 1024 * 1024;
export const MaxBytes = () => Int('Inline size limit, bytes (default 5 MB)', 1, MAX_ATTACHMENT_BYTES, true);
