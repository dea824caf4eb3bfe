/**
 * Valid arguments the schema alone can't synthesise (whitelabel): a logo must be real base64 (a 1×1 PNG), and a
 * member update must change at least one field.
 */
export const EXAMPLES_WHITELABEL: Record<string, Record<string, unknown>> = {
  set_domain_brand_logo: { domain_id: 1, slot: 'light', content_base64: 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNk+A8AAQUBAScY42YAAAAASUVORK5CYII=' },
  update_white_label_member: { member_id: 2, note: 'Client One IT' },
};
