/** Valid arguments the schema alone can't synthesise (commerce). */
export const EXAMPLES_COMMERCE: Record<string, Record<string, unknown>> = {};
