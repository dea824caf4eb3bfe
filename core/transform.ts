import { createRequire } from 'node:module';
import type { Type as TypeDecorator } from 'class-transformer';
import { polyfill } from './polyfill.js';

const require = createRequire(import.meta.url);

/**
 * class-transformer's @Type (the class of nested items), from its own module on first use: the same metadata
 * storage the validation and the schema generator read, without the package root at start-up.
 */
export const Type: typeof TypeDecorator = (...args) => {
  polyfill();
  return (require('class-transformer/cjs/decorators/type.decorator.js') as { Type: typeof TypeDecorator }).Type(...args);
};
