import * as migrations from './migrations.js';

export default { migrations };
