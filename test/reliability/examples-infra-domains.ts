/** Valid arguments the schema alone can't synthesise (infra-domains). */
export const EXAMPLES_INFRA_DOMAINS: Record<string, Record<string, unknown>> = {};
