import { createRequire } from 'node:module';
import type * as CV from 'class-validator';

import { polyfill } from './polyfill.js';

/**
 * class-validator's decorators and validator, each loaded from its own module on first use. The package root also
 * loads every other validator and libphonenumber-js (~0.15 s of start-up); and even these modules are not loaded
 * until a tool module applies a decorator, so importing this file (through the plugin API) costs nothing at start.
 * Types come from the package, values from the same CommonJS files the root re-exports (one metadata storage).
 */
const require = createRequire(import.meta.url);
const cv = (path: string) => require(`class-validator/cjs/${path}.js`);

/** A function of class-validator, required on its first call (with the metadata polyfill in place). */
function lazy<F>(path: string, name: string): F {
  let f: ((...a: unknown[]) => unknown) | undefined;
  return ((...args: unknown[]) => {
    polyfill();
    f ??= cv(path)[name] as (...a: unknown[]) => unknown;
    return f(...args);
  }) as F;
}

export const IsOptional: typeof CV.IsOptional = lazy('decorator/common/IsOptional', 'IsOptional');
export const IsDefined: typeof CV.IsDefined = lazy('decorator/common/IsDefined', 'IsDefined');
export const IsIn: typeof CV.IsIn = lazy('decorator/common/IsIn', 'IsIn');
export const IsNotEmpty: typeof CV.IsNotEmpty = lazy('decorator/common/IsNotEmpty', 'IsNotEmpty');
export const Equals: typeof CV.Equals = lazy('decorator/common/Equals', 'Equals');
export const ValidateIf: typeof CV.ValidateIf = lazy('decorator/common/ValidateIf', 'ValidateIf');
export const ValidateNested: typeof CV.ValidateNested = lazy('decorator/common/ValidateNested', 'ValidateNested');
export const ValidateBy: typeof CV.ValidateBy = lazy('decorator/common/ValidateBy', 'ValidateBy');
export const buildMessage: typeof CV.buildMessage = lazy('decorator/common/ValidateBy', 'buildMessage');
export const IsInt: typeof CV.IsInt = lazy('decorator/typechecker/IsInt', 'IsInt');
export const IsNumber: typeof CV.IsNumber = lazy('decorator/typechecker/IsNumber', 'IsNumber');
export const IsBoolean: typeof CV.IsBoolean = lazy('decorator/typechecker/IsBoolean', 'IsBoolean');
export const IsString: typeof CV.IsString = lazy('decorator/typechecker/IsString', 'IsString');
export const IsArray: typeof CV.IsArray = lazy('decorator/typechecker/IsArray', 'IsArray');
export const IsObject: typeof CV.IsObject = lazy('decorator/typechecker/IsObject', 'IsObject');
export const IsEmail: typeof CV.IsEmail = lazy('decorator/string/IsEmail', 'IsEmail');
export const IsFQDN: typeof CV.IsFQDN = lazy('decorator/string/IsFQDN', 'IsFQDN');
export const IsISO8601: typeof CV.IsISO8601 = lazy('decorator/string/IsISO8601', 'IsISO8601');
export const IsDateString: typeof CV.IsDateString = lazy('decorator/string/IsDateString', 'IsDateString');
export const IsBase64: typeof CV.IsBase64 = lazy('decorator/string/IsBase64', 'IsBase64');
export const IsUrl: typeof CV.IsUrl = lazy('decorator/string/IsUrl', 'IsUrl');
export const IsTimeZone: typeof CV.IsTimeZone = lazy('decorator/string/IsTimeZone', 'IsTimeZone');
export const Matches: typeof CV.Matches = lazy('decorator/string/Matches', 'Matches');
export const MaxLength: typeof CV.MaxLength = lazy('decorator/string/MaxLength', 'MaxLength');
export const MinLength: typeof CV.MinLength = lazy('decorator/string/MinLength', 'MinLength');
export const Length: typeof CV.Length = lazy('decorator/string/Length', 'Length');
export const Min: typeof CV.Min = lazy('decorator/number/Min', 'Min');
export const Max: typeof CV.Max = lazy('decorator/number/Max', 'Max');
export const ArrayMinSize: typeof CV.ArrayMinSize = lazy('decorator/array/ArrayMinSize', 'ArrayMinSize');
export const ArrayMaxSize: typeof CV.ArrayMaxSize = lazy('decorator/array/ArrayMaxSize', 'ArrayMaxSize');
export const ArrayNotEmpty: typeof CV.ArrayNotEmpty = lazy('decorator/array/ArrayNotEmpty', 'ArrayNotEmpty');
export const ArrayUnique: typeof CV.ArrayUnique = lazy('decorator/array/ArrayUnique', 'ArrayUnique');
export const getMetadataStorage: typeof CV.getMetadataStorage = lazy('metadata/MetadataStorage', 'getMetadataStorage');
type Validator = { validate(o: object, opts?: CV.ValidatorOptions): Promise<CV.ValidationError[]> };
let validator: Validator | undefined;
/** class-validator's validate(), without the package root. */
export const validate = (o: object, opts?: CV.ValidatorOptions) => {
  if (!validator) {
    const V = cv('validation/Validator').Validator as new () => Validator;
    validator = new V();
  }
  return validator.validate(o, opts);
};
export type { ValidationArguments, ValidationError, ValidationOptions, ValidatorOptions } from 'class-validator';
