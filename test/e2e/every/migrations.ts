import type { Scenario } from './steps.js';

/** Every migrations tool, called through the protocol against the strict sandbox. */
export const SCENARIOS: Scenario[] = [];
