import * as addon from './addon.js';
import * as bulk from './bulk.js';
import * as files from './files.js';
import * as folders from './folders.js';
import * as shares from './shares.js';
import * as spaces from './spaces.js';
import * as trash from './trash.js';
import * as uploadFile from './upload-file.js';
import * as uploads from './uploads.js';

/** The catalog has one area, `drive`: its 38 tools are split into files by theme, and exported as that one area. */
export default { drive: { ...spaces, ...files, ...folders, ...trash, ...bulk, ...shares, ...uploads, ...uploadFile, ...addon } };
