/** Valid arguments the schema alone can't synthesise (infra-domains): a PATCH that must change something. */
export const EXAMPLES_INFRA_DOMAINS: Record<string, Record<string, unknown>> = {
  update_forwarding_address: { domain_id: 1, address_id: 1, is_active: false },
};
