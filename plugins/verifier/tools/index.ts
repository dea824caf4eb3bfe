import * as verifier from './verifier.js';

export default { verifier };
