import { register } from 'node:module';

/** `node --import build/test/record-modules.js …`: logs every module URL the process loads to $TREKMAIL_MODULE_LOG. */
register('./record-hooks.js', import.meta.url);
