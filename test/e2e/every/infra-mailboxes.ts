import type { Scenario } from './steps.js';

/** Every infra-mailboxes tool of wave v1.10, called through the protocol against the strict sandbox. */
export const SCENARIOS: Scenario[] = [];
