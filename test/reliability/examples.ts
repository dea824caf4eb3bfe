/**
 * Valid arguments for tools whose rules a schema alone can't satisfy (patterns, cross-field rules, local files).
 * Everything else gets arguments synthesised from its JSON Schema. Each pack keeps its own table.
 */
import { EXAMPLES_CLOUDFLARE } from './examples-cloudflare.js';
import { EXAMPLES_COMMERCE } from './examples-commerce.js';
import { EXAMPLES_DRIVE } from './examples-drive.js';
import { EXAMPLES_INFRA_DOMAINS } from './examples-infra-domains.js';
import { EXAMPLES_INFRA_MAILBOXES } from './examples-infra-mailboxes.js';
import { EXAMPLES_INFRA } from './examples-infra.js';
import { EXAMPLES_WEBMAIL } from './examples-webmail.js';
import { EXAMPLES_WHITELABEL } from './examples-whitelabel.js';

export const EXAMPLES: Record<string, Record<string, unknown>> = {
  preview_tool_call: { tool: 'verify_credits' },
  ...EXAMPLES_INFRA,
  ...EXAMPLES_WEBMAIL,
  ...EXAMPLES_DRIVE,
  ...EXAMPLES_CLOUDFLARE,
  ...EXAMPLES_INFRA_DOMAINS,
  ...EXAMPLES_INFRA_MAILBOXES,
  ...EXAMPLES_WHITELABEL,
  ...EXAMPLES_COMMERCE,
};
