/**
 * How people say what the catalog calls otherwise: a user's word → words of the tools' declarations. General email
 * and hosting vocabulary only (no tool names), applied to requests, not to the index.
 */
const SYNONYMS: Record<string, string[]> = {
  email: ['message'], emails: ['messages'], mail: ['message'], login: ['sign'], logins: ['sign'], logon: ['sign'], signin: ['sign'],
  space: ['quota', 'storage'], deleted: ['trashed', 'trash'], recovered: ['restore'], recover: ['restore'], undelete: ['restore'],
  answer: ['messages', 'reply'], answered: ['messages', 'reply'], outgoing: ['outbound', 'relay'], own: ['custom'],
  crm: ['app', 'token'], integration: ['app', 'token'], script: ['script'], star: ['flag', 'starred'], starred: ['flag'],
  appointment: ['calendar', 'event'], meeting: ['calendar', 'event'], meetings: ['calendar', 'event'], calendar: ['event'],
  links: ['share'], public: ['share'], everyone: ['all'], company: ['account'], structure: ['tree'],
  team: ['member'], colleague: ['member'], contractor: ['member'], recently: ['activity'], rebrand: ['brand'], roles: ['role', 'permission'],
  push: ['reschedule'], postpone: ['reschedule'], delay: ['reschedule'], plan: ['account'], phone: ['app'], laptop: ['device'],
  invoice: ['invoices'], bill: ['billing'], bounce: ['bounces'], bounced: ['bounces'], spam: ['junk'], junk: ['spam'],
  legit: ['ham', 'not spam'], filter: ['rule'], filters: ['rule'], newsletters: ['rule'], automatically: ['rule'],
  vacation: ['auto-reply'], responder: ['auto-reply'], green: ['color'], red: ['color'], blue: ['color'], colors: ['color'],
  storage: ['space', 'quota'], attached: ['attachment'], pdf: ['attachment', 'file'], zip: ['attachments'], copies: ['jobs'],
  spreadsheet: ['csv', 'file'], csv: ['csv'], list: ['list'], cleaned: ['results'], real: ['verify', 'deliverability'],
  deliverable: ['verify'], sync: ['device', 'webdav'], desktop: ['device'], hires: ['mailboxes'], users: ['mailboxes'],
  people: ['contacts'], address: ['address'], inbox: ['mailbox'], passwords: ['password'], key: ['token'], permissions: ['scopes'],
  upgrade: ['subscribe', 'plan'], nobody: ['block', 'suspend'], today: ['daily', 'today'], new: ['newest', 'new'], left: ['remaining'], freeze: ['suspend'], lock: ['suspend', 'block'], locked: ['suspend'],
};

/** Phrases said for one catalog word (applied before the words are split). */
const PHRASES: [RegExp, string][] = [
  [/set up/g, 'create'], [/get rid of/g, 'delete'], [/turn (?:it |them )?on/g, 'enable'], [/turn (?:it |them )?off/g, 'disable'],
  [/back on/g, 'resume'], [/out of (?:the )?office/g, 'auto-reply vacation'], [/log ?in(?:to)?/g, 'sign'], [/sign in/g, 'sign'],
  [/sign up/g, 'subscribe'], [/go out/g, 'scheduled'], [/waiting to/g, 'scheduled'], [/send (?:emails? |mail )?as/g, 'identity from'],
  [/other address(?:es)?/g, 'alias'], [/another address/g, 'alias'], [/same addresses/g, 'mirror alias'], [/for good/g, 'permanently'],
  [/who has/g, 'list'], [/how much/g, 'usage'], [/how many/g, 'count'], [/cut off/g, 'revoke'], [/from my computer/g, 'local'],
];

/**
 * The verbs of tool names a request's words ask for ("get rid of" → delete, remove, revoke…), and whether it asks
 * to look (a question) or to act. Tool names start or end with one of these verbs.
 */
const VERBS: Record<string, string[]> = {
  show: ['list'], list: ['list'], which: ['list', 'get'], see: ['list'], view: ['list', 'get'], find: ['list', 'get'],
  add: ['create', 'add', 'bulk'], create: ['create', 'add'], new: ['create', 'add'], make: ['create', 'add', 'set'], open: ['create'],
  delete: ['delete', 'remove', 'revoke', 'purge'], remove: ['delete', 'remove', 'revoke'], rid: ['delete', 'remove'], kill: ['revoke', 'delete'],
  erase: ['delete', 'purge'], drop: ['delete', 'remove'], trash: ['trash', 'delete'],
  change: ['update', 'set', 'rename'], update: ['update', 'set'], edit: ['update'], modify: ['update'], rename: ['rename', 'update'],
  move: ['move', 'update', 'reschedule'], set: ['set', 'update', 'create'],
  stop: ['cancel', 'pause', 'suspend', 'revoke', 'stop', 'remove'], cancel: ['cancel', 'delete'], freeze: ['suspend', 'pause'], block: ['block', 'suspend'],
  restore: ['restore', 'resume'], recover: ['restore'], undelete: ['restore'], back: ['restore', 'resume'],
  enable: ['enable', 'set', 'resume'], allow: ['resume', 'set', 'enable'], resume: ['resume'], unblock: ['unblock', 'resume'],
  check: ['test', 'verify', 'validate', 'recheck', 'get'], test: ['test', 'validate'], verify: ['verify', 'validate'], works: ['test', 'validate'],
  send: ['send'], download: ['download', 'export'], export: ['export', 'download'], import: ['import', 'start'], upload: ['upload'],
  retry: ['retry'], reply: ['reply'], forward: ['forward'], invite: ['invite'], connect: ['connect', 'create'], buy: ['buy', 'subscribe'], subscribe: ['subscribe'],
  upgrade: ['subscribe'], share: ['share'], rotate: ['rotate'], reset: ['change', 'rotate'],
};
const QUESTION = new Set(['which', 'what', 'who', 'whose', 'how', 'is', 'are', 'did', 'does', 'do', 'show', 'list', 'see', 'view', 'where', 'when', 'any', 'whats', 'whos']);
const ACTION = new Set(['add', 'create', 'delete', 'remove', 'set', 'change', 'update', 'make', 'stop', 'cancel', 'send', 'move', 'rename', 'turn', 'give', 'put', 'block', 'unblock', 'restore', 'upload', 'import', 'connect', 'buy', 'invite', 'reset', 'bring', 'allow', 'lock', 'kill', 'empty', 'retry', 'mark', 'share']);

/** A request in the catalog's words: phrases replaced, a domain name said as "domain", an address as "address". */
export function rewrite(query: string): string {
  let q = ` ${query.toLowerCase()} `;
  q = q.replace(/[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g, ' address ').replace(/\b[a-z0-9-]+@(?=\s|$)/g, ' address ');
  q = q.replace(/\b(?:[a-z0-9-]+\.)+(?:com|net|org|de|io|biz|co|uk|fr|nl|eu|info|app|dev)\b/g, ' domain ');
  for (const [re, to] of PHRASES) q = q.replace(re, ` ${to} `);
  // "30 mailboxes", "these 10 domains": many at once is what the bulk tools are for.
  if (/\b(?:[2-9]|\d{2,}|\d{1,3}(?:,\d{3})+)\s+[a-z]+s\b/.test(q)) q += ' bulk';
  return q.trim();
}

/** Verbs of tool names the request asks for, and true (look), false (act) or undefined (cannot tell). */
export function intentOf(query: string): { verbs: Set<string>; read?: boolean } {
  const ws = query.toLowerCase().replace(/'/g, '').split(/[^a-z0-9]+/).filter(Boolean);
  const first = ws[0];
  const read = first === undefined ? undefined : QUESTION.has(first) || query.trim().endsWith('?') ? true : ACTION.has(first) || first === 'email' ? false : undefined;
  // "email the report": a verb only in front; "any new emails?": a question's "new" is not a create.
  const verbs = new Set(ws.flatMap((w, i) => (w === 'email' && i === 0 ? ['send'] : read && (w === 'new' || w === 'add') ? [] : VERBS[w] ?? [])));
  return { verbs, read };
}

/** Words that say nothing about which tool is meant. */
export const STOP_WORDS = new Set([
  'a', 'an', 'the', 'and', 'or', 'of', 'to', 'in', 'on', 'at', 'for', 'from', 'by', 'with', 'as', 'is', 'are', 'be', 'it', 'its', 'this',
  'that', 'these', 'those', 'my', 'our', 'your', 'me', 'we', 'i', 'you', 'he', 'she', 'his', 'her', 'him', 'they', 'them', 'their', 'do',
  'does', 'did', 'can', 'could', 'should', 'would', 'will', 'please', 'so', 'if', 'what', 'which', 'who', 'whose', 'how', 'when', 'where',
  'why', 'there', 'here', 'up', 'out', 'into', 'about', 'just', 'any', 'all', 'some', 'has', 'have', 'had', 'was', 'were', 'been', 'am',
  'i\'ve', 'it\'s', 'what\'s', 'who\'s', 'don\'t', 'yet', 'still', 'us', 'let', 'get', 'make', 'want', 'need', 'go', 'also', 'now', 's', 've', 't',
]);

export function expandTerm(term: string): string[] {
  return SYNONYMS[term] ?? [];
}
