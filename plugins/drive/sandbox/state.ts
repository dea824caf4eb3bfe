import { createHash } from 'node:crypto';

/** Drive emulator state: account and mailbox spaces, folders, files with real bytes, trash, share links, uploads. */

export interface DriveSpace { id: number; key: string; type: 'account' | 'mailbox'; name: string; mailbox_id?: number }
export interface DriveFolder {
  id: number; space_id: number; parent_id: number | null; name: string; color: string | null; is_shared: boolean;
  created: number; updated: number;
  /** When it went to the trash; `trashedWith` names the folder whose trashing took it along. */
  trashed?: number; trashedWith?: number;
}
export interface DriveFile {
  id: number; space_id: number; folder_id: number | null; name: string; mime: string; size: number; bytes: Buffer;
  /** The API's file states: a reserved upload until complete, then available. */
  status: 'pending_upload' | 'available'; created: number; updated: number; trashed?: number; trashedWith?: number;
}
/** An unfinished upload: one PUT (small file) or numbered parts. ETags are kept bare (hex, no quotes). */
export interface DriveUpload { file_id: number; multipart: boolean; part_size: number; part_count: number; parts: Map<number, { bytes: Buffer; etag: string }> }
export interface DriveLink { id: number; file_id: number; token: string; expires?: number; max_downloads?: number; downloads: number; created: number; revoked?: number }
export interface DriveAddon { active: boolean; size_gb: number; started: number; period?: 'monthly' | 'yearly' }
export interface DriveState {
  spaces: DriveSpace[];
  folders: Map<number, DriveFolder>;
  files: Map<number, DriveFile>;
  uploads: Map<number, DriveUpload>;
  links: Map<number, DriveLink>;
  next: { folder: number; file: number; link: number };
  addon: DriveAddon;
}

export const GiB = 1024 ** 3;
export const DAY = 86_400_000;
/**
 * The API answers one PUT URL below 100 MB and 50 MB parts above. The sandbox scales both down to 1 MiB so a demo
 * upload of a few MB has several parts.
 */
export const SINGLE_PUT_MAX = 1024 * 1024;
export const PART_SIZE = 1024 * 1024;
export const MAX_FILE = 50 * GiB;
export const URL_TTL_MS = 60 * 60 * 1000;
/** Presigned download URLs live about five minutes. */
export const DOWNLOAD_TTL_MS = 5 * 60 * 1000;
export const TRASH_DAYS = 30;
/** select-all answers at most this many ids; bulk actions take at most this many per request. */
export const MAX_IDS = 5000;
/** A folder without its own color shows the default slate gray. */
export const DEFAULT_COLOR = '#64748b';
export const HEX_COLOR = /^#[0-9a-fA-F]{6}$/;
export const INCLUDED: Record<string, number> = { nano: 0, starter: 10 * GiB, pro: 50 * GiB, agency: 250 * GiB };
/** The add-on's size steps and monthly prices (minor units): the account's offer, shared with the purchase routes. */
export { DRIVE_ADDON_PRICES as PRICES, DRIVE_ADDON_STEPS as ADDON_STEPS } from '../../../sandbox/account.js';
export const GRACE_DAYS = 7;
const T0 = Date.parse('2026-01-05T09:00:00Z');

export const MIME = {
  pdf: 'application/pdf', png: 'image/png', txt: 'text/plain', md: 'text/markdown', csv: 'text/csv',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** Storage's ETag of some bytes, bare (the PUT answer wraps it in quotes, as S3 and B2 do). */
export const etagOf = (b: Buffer) => createHash('md5').update(b).digest('hex');
const fill = (n: number, text: string) => Buffer.alloc(n, `${text}\n`);

/**
 * The demo drive: the account drive (with a folder shared with every mailbox) and the demo mailbox's drive, one item
 * in each trash, a share link, and an upload whose two parts were sent but never completed.
 */
export function seedDrive(): DriveState {
  const s: DriveState = {
    spaces: [
      { id: 1, key: 'account', type: 'account', name: 'Sandbox Demo Co' },
      { id: 2, key: 'mailbox:1', type: 'mailbox', name: 'demo@demo.trekmail.test', mailbox_id: 1 },
    ],
    folders: new Map(),
    files: new Map(),
    uploads: new Map(),
    links: new Map(),
    next: { folder: 10, file: 100, link: 2 },
    addon: { active: true, size_gb: 250, started: T0 - 40 * DAY },
  };
  const folder = (id: number, space_id: number, parent_id: number | null, name: string, extra: Partial<DriveFolder> = {}) =>
    s.folders.set(id, { id, space_id, parent_id, name, color: null, is_shared: false, created: T0 + id * DAY, updated: T0 + id * DAY, ...extra });
  const file = (id: number, space_id: number, folder_id: number | null, name: string, mime: string, bytes: Buffer, extra: Partial<DriveFile> = {}) =>
    s.files.set(id, { id, space_id, folder_id, name, mime, size: bytes.length, bytes, status: 'available', created: T0 + id * DAY, updated: T0 + id * DAY, ...extra });
  folder(1, 1, null, 'Contracts');
  folder(2, 1, 1, '2025');
  folder(3, 1, null, 'Marketing', { color: '#3b82f6' });
  folder(4, 2, null, 'Invoices');
  // Shared folders live in the account drive: sharing a mailbox folder moves it there.
  folder(5, 1, null, 'Shared with team', { is_shared: true, color: '#22c55e' });
  file(1, 1, 1, 'NDA-template.docx', MIME.docx, fill(18_432, 'NDA template'));
  file(2, 1, 2, 'Acme-MSA-signed.pdf', MIME.pdf, fill(245_760, '%PDF-1.7 Acme MSA'));
  file(3, 1, 3, 'logo.png', MIME.png, fill(12_288, 'PNG logo'));
  file(4, 1, null, 'readme.txt', MIME.txt, Buffer.from('Sandbox Demo Co shared drive.\nContracts live in /Contracts, brand assets in /Marketing.\n'));
  file(5, 1, null, 'old-price-list.xlsx', MIME.xlsx, fill(9_216, 'Price list 2024'), { trashed: T0 + 20 * DAY });
  file(6, 2, 4, 'invoice-1001.pdf', MIME.pdf, fill(53_248, '%PDF-1.7 Invoice 1001'));
  file(7, 2, null, 'notes.md', MIME.md, Buffer.from('# Notes\n\n- renew the domain in March\n- send invoice 1002\n'));
  file(8, 1, 5, 'team-schedule.csv', MIME.csv, Buffer.from('day,owner\nmon,ann\ntue,bob\n'));
  // The mailbox trash holds a folder with a file in it (trashed together).
  folder(6, 2, null, 'Old projects', { trashed: T0 + 25 * DAY });
  file(9, 2, 6, 'proposal-v1.pdf', MIME.pdf, fill(40_960, '%PDF-1.7 Proposal v1'), { trashed: T0 + 25 * DAY, trashedWith: 6 });
  s.links.set(1, { id: 1, file_id: 2, token: 'demoLinkAcmeMsa0000001', max_downloads: 10, downloads: 3, created: T0 + 3 * DAY });
  const [part1, part2] = [fill(PART_SIZE, 'video frame 1'), fill(PART_SIZE / 2, 'video frame 2')];
  file(10, 1, null, 'launch-video-draft.mp4', 'video/mp4', Buffer.alloc(0), { size: part1.length + part2.length, status: 'pending_upload' });
  s.uploads.set(10, { file_id: 10, multipart: true, part_size: PART_SIZE, part_count: 2, parts: new Map([[1, { bytes: part1, etag: etagOf(part1) }], [2, { bytes: part2, etag: etagOf(part2) }]]) });
  return s;
}
