import * as agentKey from './agent-key.js';
import * as purchases from './purchases.js';

/** The commerce tools by area. */
export default { purchases, 'agent-key': agentKey };
