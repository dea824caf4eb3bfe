import 'reflect-metadata';
import { IsArray, IsInt, IsOptional, IsString, Matches, MaxLength, Min, MinLength, ValidateBy, ValidateIf } from '../../../core/plugin-api.js';
import { compose, Desc, SchemaExtra } from '../../../core/plugin-api.js';
import { Id } from '../../../core/plugin-api.js';
import { Nullable } from '../../../core/plugin-api.js';

/** Scopes of Drive tools: the account space or a mailbox space grants it. */
export const READ = 'drive:account:read|drive:mailbox:read';
export const WRITE = 'drive:account:write|drive:mailbox:write';
export const SHARE = 'drive:account:share|drive:mailbox:share';
export const PURGE = 'drive:account:purge|drive:mailbox:purge';

/** `account`, `mailbox:<id>` or a space id; the core encodes it as one path segment (mailbox:7 → mailbox%3A7). */
export const SPACE = /^(mailbox:\d{1,19}|[\w-]{1,64})$/;
export const Space = () =>
  compose(IsString(), Matches(SPACE, { message: 'must be account, mailbox:<id> or a space id' }),
    // The description states the shape; the regex (41 bytes × 13 tools) stays in validation only.
    SchemaExtra({ pattern: undefined }), Desc('account|mailbox:N|id'));

export const FileId = () => Id('File');
export const FolderId = (optional = false) => Id('Folder', optional);

/** Optional, but not null: a value that is given must pass the other rules. */
const Given = () => ValidateIf((_o: object, v: unknown) => v !== undefined);

/** A file or folder name: 1-255 characters; optional ones may be omitted but not empty or null. */
export const ItemName = (desc: string, optional = false) =>
  compose(...(optional ? [Given()] : []), IsString(), MinLength(1), MaxLength(255), Desc(desc));

/** A required folder reference where null means the space root. */
export const FolderOrRoot = (desc: string) => compose(Nullable(), IsInt(), Min(1), Desc(desc));
/** An optional folder reference where null means the space root; the class initializer sends null when omitted. */
export const OptionalFolder = (desc: string) => compose(IsOptional(), IsInt(), Min(1), SchemaExtra({ type: ['integer', 'null'] }), Desc(desc));

/** Folder label color: the API takes hex #RRGGBB only. */
export const HEX_COLOR = /^#[0-9a-fA-F]{6}$/;
export const Color = (desc: string, nullable = false) =>
  compose(nullable ? IsOptional() : Given(), IsString(), Matches(HEX_COLOR, { message: 'must be a hex color #RRGGBB' }),
    SchemaExtra({ pattern: undefined, ...(nullable ? { type: ['string', 'null'] } : {}) }), Desc(desc));

export const Cursor = () => compose(IsOptional(), IsString(), MaxLength(1000), Desc('next_cursor'));

/** Item ids of a bulk action: an int array, possibly empty (the API takes both arrays; the name says which). */
export const ItemIds = () => compose(IsArray(), IsInt({ each: true }), Min(1, { each: true }), Desc('May be []'));

/**
 * A cross-field rule reported on the decorated property: at least one of `fields` is given (arrays: non-empty).
 * The API would refuse the call anyway; refusing it here names the fields and saves a request.
 */
export const AtLeastOneOf = (fields: string[], message: string): PropertyDecorator => (proto, key) => {
  ValidateBy({
    name: 'atLeastOneOf',
    validator: {
      validate: (_v, args) => {
        const o = (args?.object ?? {}) as Record<string, unknown>;
        return fields.some((f) => (Array.isArray(o[f]) ? (o[f] as unknown[]).length > 0 : o[f] !== undefined));
      },
      defaultMessage: () => message,
    },
  })(proto, key);
  // class-validator-jsonschema renders a custom validator through the reflected type (a $ref to Array/String);
  // without it, the property's other rules give the schema.
  Reflect.deleteMetadata('design:type', proto, key);
};
