import * as attachments from './attachments.js';
import * as blocked from './blocked.js';
import * as calendar from './calendar.js';
import * as compose from './compose.js';
import * as contactGroups from './contact-groups.js';
import * as contacts from './contacts.js';
import * as drafts from './drafts.js';
import * as externalAccounts from './external-accounts.js';
import * as folders from './folders.js';
import * as identities from './identities.js';
import * as messages from './messages.js';
import * as scheduled from './scheduled.js';
import * as templates from './templates.js';

export default {
  messages,
  folders,
  attachments,
  drafts,
  scheduled,
  contacts,
  'contact-groups': contactGroups,
  calendar,
  compose,
  identities,
  templates,
  blocked,
  'external-accounts': externalAccounts,
};
