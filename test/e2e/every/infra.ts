import type { Scenario } from './steps.js';

/** Every infra tool, called through the protocol against the strict sandbox. */
export const SCENARIOS: Scenario[] = [];
