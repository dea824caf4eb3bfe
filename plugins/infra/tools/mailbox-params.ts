import { ArrayMaxSize, ArrayMinSize, Equals, IsInt, IsOptional, Min } from '../../../core/plugin-api.js';
import { compose, Desc, Id, Int, OneOf, SchemaExtra } from '../../../core/plugin-api.js';
import { localFailure, type ToolOutcome } from '../../../core/plugin-api.js';
import { MailLocalPart } from './shared.js';

/**
 * Parameter shapes of the mailbox-side areas (mailboxes, sign-in, app passwords, shared mailboxes); not an area: it
 * declares no tool. Listed schemas stay small: a rule no sensible call comes near stays in validation only.
 */

/** A mailbox local part; the charset is in the description, the exact pattern (no edge or double dot) in validation. */
export const LocalPart = () => compose(MailLocalPart(), SchemaExtra({ pattern: undefined, maxLength: undefined }), Desc('a-z 0-9 . _ - only'));
/** Dedicated storage; positive and at most 1 TB, in validation only. */
export const StorageMb = (desc = 'Own MB, else shared pool') => compose(Int(desc, 1, 1_048_576, true), SchemaExtra({ minimum: undefined, maximum: undefined }));

export const CLIENT_AUTH_MODES = ['app_password_only', 'password_or_app_password'];
export const AuthMode = (desc: string, optional = false) => OneOf(CLIENT_AUTH_MODES, desc, optional);
export const DRIVE_ACCESS = ['full', 'attachments_only', 'disabled'];

/** Selectors of the bulk mailbox routes: exactly one of them per call (1000 ids at most). */
export const MailboxIds = (desc = 'Mailbox ids') =>
  compose(IsOptional(), IsInt({ each: true }), Min(1, { each: true }), ArrayMinSize(1), ArrayMaxSize(1000), SchemaExtra({ minItems: undefined }), Desc(desc));
export const SelectDomain = () => compose(Id('Domain', true), Desc("A domain's mailboxes"));
export const SelectAll = () => compose(IsOptional(), Equals(true), SchemaExtra({ type: 'boolean', const: true, enum: undefined }), Desc('All'));

/** The API's "choose exactly one" rule for bulk selections, checked before any request. */
export function selectionProblem(tool: string, args: object, names: string[]): ToolOutcome | undefined {
  const given = names.filter((n) => (args as Record<string, unknown>)[n] !== undefined);
  if (given.length === 1) return undefined;
  const rule = given.length ? `give only one of ${names.join(', ')} (got ${given.join(', ')})` : `give one of ${names.join(', ')}`;
  return localFailure('invalid_arguments', `Invalid arguments for ${tool}:\n- ${names[0]}: ${rule}`);
}
