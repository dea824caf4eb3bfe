/**
 * The one core module a pack may import (test-enforced): how to declare a pack, its tools and their parameters,
 * and the few services a tool's own code uses. Cheap to import: a pack's declaration file reads it at start-up,
 * and nothing here loads class-validator, class-transformer or the metadata polyfill before a tool module applies
 * its first decorator.
 */
export type {
  Access, ApiClient, ApiFailure, ApiRequest, ApiResponse, ApiResult, AreaModule, Config, Gate, HttpMethod, PackApp, PackSpec, PackTools, Plan, TokenKind,
  ToolClass, ToolContext, ToolMeta, ToolOutcome, ToolSpec, TransportName,
} from './types.js';
export { Pack, packSpec, toolClassesOf } from './pack.js';
export { compose, Desc, Nullable, SchemaExtra, Secret, Tool, toolMeta } from './tool.js';
export * from './params.js';
export * from './validators.js';
export { Type } from './transform.js';
export { localFailure } from './context.js';
export { REDACTED, redactText, redactValue } from './redact.js';
export { cleanText } from './untrusted.js';
export { isLoopbackHost } from './config.js';
export { recipientAllowed } from './confirm.js';
