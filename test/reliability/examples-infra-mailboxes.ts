/** Valid arguments the schema alone can't synthesise (infra-mailboxes). */
export const EXAMPLES_INFRA_MAILBOXES: Record<string, Record<string, unknown>> = {};
