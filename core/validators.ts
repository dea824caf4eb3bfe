import { createRequire } from 'node:module';
import type * as CV from 'class-validator';

/**
 * class-validator's decorators and validator, imported from their own modules. The package root also loads every
 * other validator and libphonenumber-js (~0.15 s of start-up); tool modules import from here instead.
 * Types come from the package, values from the same CommonJS files the root re-exports (one metadata storage).
 */
const require = createRequire(import.meta.url);
const cv = (path: string) => require(`class-validator/cjs/${path}.js`);

export const IsOptional: typeof CV.IsOptional = cv('decorator/common/IsOptional').IsOptional;
export const IsDefined: typeof CV.IsDefined = cv('decorator/common/IsDefined').IsDefined;
export const IsIn: typeof CV.IsIn = cv('decorator/common/IsIn').IsIn;
export const IsNotEmpty: typeof CV.IsNotEmpty = cv('decorator/common/IsNotEmpty').IsNotEmpty;
export const Equals: typeof CV.Equals = cv('decorator/common/Equals').Equals;
export const ValidateIf: typeof CV.ValidateIf = cv('decorator/common/ValidateIf').ValidateIf;
export const ValidateNested: typeof CV.ValidateNested = cv('decorator/common/ValidateNested').ValidateNested;
export const ValidateBy: typeof CV.ValidateBy = cv('decorator/common/ValidateBy').ValidateBy;
export const buildMessage: typeof CV.buildMessage = cv('decorator/common/ValidateBy').buildMessage;
export const IsInt: typeof CV.IsInt = cv('decorator/typechecker/IsInt').IsInt;
export const IsNumber: typeof CV.IsNumber = cv('decorator/typechecker/IsNumber').IsNumber;
export const IsBoolean: typeof CV.IsBoolean = cv('decorator/typechecker/IsBoolean').IsBoolean;
export const IsString: typeof CV.IsString = cv('decorator/typechecker/IsString').IsString;
export const IsArray: typeof CV.IsArray = cv('decorator/typechecker/IsArray').IsArray;
export const IsObject: typeof CV.IsObject = cv('decorator/typechecker/IsObject').IsObject;
export const IsEmail: typeof CV.IsEmail = cv('decorator/string/IsEmail').IsEmail;
export const IsFQDN: typeof CV.IsFQDN = cv('decorator/string/IsFQDN').IsFQDN;
export const IsISO8601: typeof CV.IsISO8601 = cv('decorator/string/IsISO8601').IsISO8601;
export const IsDateString: typeof CV.IsDateString = cv('decorator/string/IsDateString').IsDateString;
export const IsBase64: typeof CV.IsBase64 = cv('decorator/string/IsBase64').IsBase64;
export const IsUrl: typeof CV.IsUrl = cv('decorator/string/IsUrl').IsUrl;
export const IsTimeZone: typeof CV.IsTimeZone = cv('decorator/string/IsTimeZone').IsTimeZone;
export const Matches: typeof CV.Matches = cv('decorator/string/Matches').Matches;
export const MaxLength: typeof CV.MaxLength = cv('decorator/string/MaxLength').MaxLength;
export const MinLength: typeof CV.MinLength = cv('decorator/string/MinLength').MinLength;
export const Length: typeof CV.Length = cv('decorator/string/Length').Length;
export const Min: typeof CV.Min = cv('decorator/number/Min').Min;
export const Max: typeof CV.Max = cv('decorator/number/Max').Max;
export const ArrayMinSize: typeof CV.ArrayMinSize = cv('decorator/array/ArrayMinSize').ArrayMinSize;
export const ArrayMaxSize: typeof CV.ArrayMaxSize = cv('decorator/array/ArrayMaxSize').ArrayMaxSize;
export const ArrayNotEmpty: typeof CV.ArrayNotEmpty = cv('decorator/array/ArrayNotEmpty').ArrayNotEmpty;
export const ArrayUnique: typeof CV.ArrayUnique = cv('decorator/array/ArrayUnique').ArrayUnique;
export const getMetadataStorage: typeof CV.getMetadataStorage = cv('metadata/MetadataStorage').getMetadataStorage;
const Validator: new () => { validate(o: object, opts?: CV.ValidatorOptions): Promise<CV.ValidationError[]> } = cv('validation/Validator').Validator;
const validator = new Validator();
/** class-validator's validate(), without the package root. */
export const validate = (o: object, opts?: CV.ValidatorOptions) => validator.validate(o, opts);
export type { ValidationArguments, ValidationError, ValidationOptions, ValidatorOptions } from 'class-validator';
