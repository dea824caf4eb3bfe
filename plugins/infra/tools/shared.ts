import { IsFQDN, IsOptional, IsString, Matches, MaxLength, MinLength, ValidateBy } from '../../../core/plugin-api.js';
import { Id } from '../../../core/plugin-api.js';
import { Nullable } from '../../../core/plugin-api.js';
import { compose, Desc } from '../../../core/plugin-api.js';

/** Parameter shapes shared by several infra areas (not an area: it declares no tool). */
export const MailboxId = () => Id('Mailbox');
export const DomainId = (optional = false) => Id('Domain', optional);

/** TrekMail mailbox, alias and invite names: lowercase letters, digits, dot, hyphen, underscore (the API refuses others). */
export const MailLocalPart = () =>
  compose(
    IsString(),
    Matches(/^[a-z0-9_-]+(\.[a-z0-9_-]+)*$/, { message: '$property must use only a-z, 0-9, dot, hyphen and underscore, with no leading, trailing or double dot' }),
    MaxLength(64),
    Desc('Part before the @: a-z 0-9 . _ -'),
  );

/** Domain and mailbox notes: the API keeps 120 characters; null clears. */
export const Note = () => compose(Nullable(), IsString(), MaxLength(120), Desc('Max 120 chars; null clears'));

const STRONG = /^(?=.*[a-z])(?=.*[A-Z])(?=.*\d)/;

/** A new mailbox password as the API accepts it: 12+ characters with an uppercase letter, a lowercase letter and a digit. */
export const NewPassword = (desc: string, optional = false) =>
  compose(
    ...(optional ? [IsOptional()] : []),
    IsString(),
    MinLength(12),
    MaxLength(255),
    ValidateBy({ name: 'strongPassword', validator: { validate: (v) => typeof v === 'string' && STRONG.test(v), defaultMessage: () => '$property must contain an uppercase letter, a lowercase letter and a digit' } }),
    Desc(desc),
  );

/** A password given as is (a current or third-party one): only its length is checked. */
export const GivenPassword = (desc: string) => compose(IsString(), MinLength(1), MaxLength(255), Desc(desc));

/** Alias names as the API's rule states them: lowercase letters, digits, dot, hyphen and underscore, at most 64. */
export const AliasLocalPart = () =>
  compose(
    IsString(),
    Matches(/^[a-z0-9._-]+$/, { message: '$property must use only a-z, 0-9, dot, hyphen and underscore' }),
    MaxLength(64),
    Desc('Part before the @: a-z 0-9 . _ -'),
  );

/** Host names the API refuses to connect to (it resolves and range-checks too; this only fails fast on the obvious). */
const PRIVATE_HOST = /^(localhost|localhost\.localdomain|instance-data|metadata|100-100-100-200\.aliyuncs\.com)$|\.localhost$|^metadata\.|\.internal$/i;

/** An SMTP host the API may connect to: a host name, at most 255, not a private or internal one. */
export const ExternalHost = (desc: string, optional = false) =>
  compose(
    ...(optional ? [IsOptional()] : []),
    IsFQDN({ require_tld: true, allow_underscores: false }),
    MaxLength(255),
    ValidateBy({ name: 'externalHost', validator: { validate: (v) => typeof v === 'string' && !PRIVATE_HOST.test(v.trim()), defaultMessage: () => '$property must not be a private or internal host' } }),
    Desc(desc),
  );
