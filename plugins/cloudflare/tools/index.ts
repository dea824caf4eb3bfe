import * as cloudflare from './cloudflare.js';

export default { cloudflare };
