import * as account from './account.js';
import * as activity from './activity.js';
import * as branding from './branding.js';
import * as members from './members.js';

/** The White Label tools by area. */
export default { account, members, activity, branding };
