import * as account from './account.js';
import * as aliases from './aliases.js';
import * as appPasswords from './app-passwords.js';
import * as autoReply from './auto-reply.js';
import * as deleteIntents from './delete-intents.js';
import * as dns from './dns.js';
import * as domainAlias from './domain-alias.js';
import * as domainSmtp from './domain-smtp.js';
import * as domains from './domains.js';
import * as filters from './filters.js';
import * as forwardingAddresses from './forwarding-addresses.js';
import * as forwarding from './forwarding.js';
import * as mailboxes from './mailboxes.js';
import * as messageTokens from './message-tokens.js';
import * as sharedMailboxes from './shared-mailboxes.js';
import * as sieve from './sieve.js';
import * as signIn from './sign-in.js';
import * as smtp from './smtp.js';
import * as spam from './spam.js';
import * as tickets from './tickets.js';

export default {
  account, domains, dns, mailboxes, forwarding, aliases, filters, 'auto-reply': autoReply, sieve,
  'delete-intents': deleteIntents, tickets, smtp: { ...smtp, ...domainSmtp }, spam, 'message-tokens': messageTokens,
  'forwarding-addresses': forwardingAddresses, 'domain-alias': domainAlias, 'shared-mailboxes': sharedMailboxes, 'sign-in': signIn,
  'app-passwords': appPasswords,
};
