/**
 * Valid arguments for tools whose rules a schema alone can't satisfy (patterns, cross-field rules, local files).
 * Everything else gets arguments synthesised from its JSON Schema.
 */
export const EXAMPLES: Record<string, Record<string, unknown>> = {};
