import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/**
 * Loads the reflect-metadata polyfill on first need: the first decorator a tool module evaluates calls this, so the
 * metadata TypeScript emits for that class is recorded, while start-up (which imports no tool code) never pays
 * for it.
 */
export function polyfill(): void {
  if (typeof (Reflect as { getMetadata?: unknown }).getMetadata !== 'function') require('reflect-metadata');
}
