/** Valid arguments the schema alone can't synthesise: a Cloudflare zone id is 32 hex characters. */
export const EXAMPLES_CLOUDFLARE: Record<string, Record<string, unknown>> = {
  connect_cloudflare_domains: {
    api_token: 'cf_example_token_0123456789abcdef',
    selected: [{ zone_id: '0123456789abcdef0123456789abcdef', zone_name: 'example.com', trekmail_domain_id: null }],
  },
};
