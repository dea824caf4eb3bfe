import * as addon from './addon.js';
import * as bulk from './bulk.js';
import * as devices from './devices.js';
import * as files from './files.js';
import * as folders from './folders.js';
import * as shares from './shares.js';
import * as spaces from './spaces.js';
import * as trash from './trash.js';
import * as uploadFile from './upload-file.js';
import * as uploads from './uploads.js';

/** Area `drive` (38 tools) is split into files by theme and exported as one; `drive-devices` holds the sync devices. */
export default {
  drive: { ...spaces, ...files, ...folders, ...trash, ...bulk, ...shares, ...uploads, ...uploadFile, ...addon },
  'drive-devices': { ...devices },
};
