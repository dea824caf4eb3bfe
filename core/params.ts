import {
  ArrayMaxSize, ArrayMinSize, IsBoolean, IsEmail, IsFQDN, IsIn, IsInt, IsISO8601, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength,
} from './validators.js';
import { compose, Desc, SchemaExtra } from './tool.js';

/**
 * Shared parameter shapes. Each is one decorator carrying the validation rules and a short description, so an
 * area file says `@Id('Domain') domain_id: number` and the schema, the validation and the docs agree.
 */
const opt = (optional: boolean | undefined, ...d: PropertyDecorator[]) => compose(...(optional ? [IsOptional()] : []), ...d);

/** A positive integer id. */
export const Id = (what: string, optional = false) => opt(optional, IsInt(), Min(1), Desc(`${what} id`));
export const Page = () => opt(true, IsInt(), Min(1), Desc('Page number'));
export const PerPage = (max = 100) => opt(true, IsInt(), Min(1), Max(max), Desc('Page size'));
export const Int = (desc: string, min: number, max: number, optional = false) => opt(optional, IsInt(), Min(min), Max(max), Desc(desc));
export const Bool = (desc: string, optional = true) => opt(optional, IsBoolean(), Desc(desc));
/** A string, non-empty when required, with a length cap. */
export const Text = (desc: string, max = 1000, optional = false) =>
  opt(optional, IsString(), ...(optional ? [] : [MinLength(1)]), MaxLength(max), Desc(desc));
export const Email = (desc = 'Email address', optional = false) => opt(optional, IsEmail({ allow_display_name: false }), MaxLength(254), Desc(desc));
export const Emails = (desc: string, min: number, max: number, optional = false) =>
  opt(optional, IsEmail({}, { each: true }), ArrayMinSize(min), ArrayMaxSize(max), Desc(desc));
export const Hostname = (desc = 'Domain name, e.g. example.com', optional = false) =>
  opt(optional, IsFQDN({ require_tld: true, allow_underscores: false }), MaxLength(253), Desc(desc));
export const LocalPart = (desc = 'Part before the @') =>
  compose(IsString(), Matches(/^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/), MaxLength(64), Desc(desc));
export const OneOf = (values: readonly string[], desc: string, optional = false) => opt(optional, IsIn(values as string[]), Desc(desc));
/** Calendar date YYYY-MM-DD. */
export const DateOnly = (desc: string, optional = true) =>
  opt(optional, Matches(/^\d{4}-\d{2}-\d{2}$/), IsISO8601({ strict: true }), SchemaExtra({ format: 'date' }), Desc(desc));
/** ISO 8601 date-time. */
export const DateTime = (desc: string, optional = false) => opt(optional, IsISO8601({ strict: true }), Desc(desc));
export const IntList = (desc: string, min: number, max: number, optional = false) =>
  opt(optional, IsInt({ each: true }), Min(1, { each: true }), ArrayMinSize(min), ArrayMaxSize(max), Desc(desc));
export const TextList = (desc: string, min: number, max: number, optional = false) =>
  opt(optional, IsString({ each: true }), ArrayMinSize(min), ArrayMaxSize(max), Desc(desc));
