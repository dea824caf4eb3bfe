import * as discover from './discover.js';
import * as meta from './preview.js';

/** The server's own tools, by area: they answer locally and are registered like any pack's tools. */
export default { meta, discover };
