/** Valid arguments the schema alone can't synthesise (whitelabel). */
export const EXAMPLES_WHITELABEL: Record<string, Record<string, unknown>> = {};
