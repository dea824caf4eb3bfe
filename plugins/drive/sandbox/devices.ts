import { createHash, randomBytes } from 'node:crypto';
import { demoAccount } from '../../../sandbox/account.js';
import { invalid, notFound, reply, SbError, type SandboxEngine, type SbRequest } from '../../../sandbox/engine.js';
import { OPTS, type Drive } from './model.js';
import { DAY } from './state.js';

/**
 * Drive sync devices: long-lived WebDAV passwords for rclone, Cyberduck, DAVx5 and the like. Only a SHA-256 hash is
 * kept; the password is answered once, by create and by rotate, and never by the list.
 */
export const DEVICE_SCOPES = [
  'drive:account:read', 'drive:account:write', 'drive:account:share', 'drive:account:purge',
  'drive:mailbox:read', 'drive:mailbox:write', 'drive:mailbox:share', 'drive:mailbox:purge',
];
/** The API's limits: stored rows per account, creations and rotations per hour. */
export const MAX_DEVICES = 1000;
export const CREATES_PER_HOUR = 20;
export const ROTATES_PER_HOUR = 10;
const HOUR = 3_600_000;

interface Device {
  id: number; label: string; scopes: string[]; mailbox_id: number | null; hash: string;
  created: number; expires: number | null; lastUsed: number | null; revoked?: number; rotatedFrom?: number;
}
interface DeviceState { devices: Map<number, Device>; next: number; creates: number[]; rotates: number[] }

const hashOf = (password: string) => createHash('sha256').update(password).digest('hex');

/** The demo's one device: the office NAS backs up the account drive, last seen yesterday. */
function seed(engine: SandboxEngine): DeviceState {
  const now = engine.now();
  const nas: Device = {
    id: 1, label: 'Office NAS (rclone)', scopes: ['drive:account:read', 'drive:account:write'], mailbox_id: null,
    hash: hashOf(randomBytes(24).toString('base64url')), created: now - 30 * DAY, expires: null, lastUsed: now - DAY,
  };
  return { devices: new Map([[1, nas]]), next: 2, creates: [], rotates: [] };
}

export function registerDevices(engine: SandboxEngine, d: Drive): void {
  const s = engine.store('drive-devices', () => seed(engine));
  // A mailbox whose sign-in is suspended loses its device passwords too (infra's suspend_mailbox_login).
  demoAccount(engine).credentialRevokers.push((mailboxId) => {
    let n = 0;
    for (const x of s.devices.values()) if (x.mailbox_id === mailboxId && x.revoked === undefined) (x.revoked = engine.now()), n++;
    return n;
  });
  const status = (x: Device) => (x.revoked !== undefined ? 'revoked' : x.expires !== null && engine.now() >= x.expires ? 'expired' : 'active');
  const view = (req: SbRequest, x: Device) => ({
    id: x.id, label: x.label, scopes: x.scopes, mailbox_id: x.mailbox_id,
    server_url: `${d.origin(req)}/dav/${x.mailbox_id === null ? 'account' : `mailbox/${x.mailbox_id}`}/`,
    active: status(x) === 'active', status: status(x), rotated_from_id: x.rotatedFrom ?? null,
    created_at: d.iso(x.created), last_used_at: d.iso(x.lastUsed ?? undefined), expires_at: d.iso(x.expires ?? undefined), revoked_at: d.iso(x.revoked),
  });
  const deviceOf = (req: SbRequest) => {
    const x = s.devices.get(Number(req.params.device_id));
    if (!x) throw notFound('Drive device');
    return x;
  };
  /** A sliding one-hour window per action; the API answers 429 past it. */
  const throttle = (times: number[], limit: number, what: string) => {
    const now = engine.now();
    while (times.length && times[0] <= now - HOUR) times.shift();
    if (times.length >= limit) throw new SbError(429, 'rate_limited', `At most ${limit} device ${what} per hour`, { retry_after: Math.ceil((times[0] + HOUR - now) / 1000) });
    times.push(now);
  };
  /** A fresh password, kept only as its hash; the answer is the one place it appears. */
  const mint = (req: SbRequest, now: number, fields: Omit<Device, 'id' | 'hash' | 'created' | 'lastUsed'>) => {
    const password = `dsync_${randomBytes(24).toString('base64url')}`;
    const x: Device = { ...fields, id: s.next++, hash: hashOf(password), created: now, lastUsed: null };
    s.devices.set(x.id, x);
    return reply({ status: 201, body: { data: { ...view(req, x), password } } });
  };

  engine.route('GET', '/drive/devices', 'drive:devices:read', (req) => ({
    data: [...s.devices.values()].sort((a, b) => b.created - a.created || b.id - a.id).map((x) => view(req, x)),
  }), { ...OPTS, accepts: {} });

  engine.route('POST', '/drive/devices', 'drive:devices:write', (req) => {
    const { label, scopes, mailbox_id = null, expires_in_days = null } = req.body as { label: string; scopes: string[]; mailbox_id?: number | null; expires_in_days?: number | null };
    const name = label.trim();
    if (!name) throw invalid({ label: 'must not be blank' });
    if (mailbox_id === null && scopes.some((x) => x.startsWith('drive:mailbox:'))) throw invalid({ mailbox_id: 'is required for drive:mailbox:* scopes' });
    if (mailbox_id !== null && !demoAccount(engine).mailboxes.has(mailbox_id)) throw invalid({ mailbox_id: 'must be a mailbox of this account' });
    if (s.devices.size >= MAX_DEVICES) throw new SbError(409, 'device_limit_reached', `An account keeps at most ${MAX_DEVICES} device passwords`, {}, 'Revoke unused devices with drive_device_revoke.');
    throttle(s.creates, CREATES_PER_HOUR, 'creations');
    const now = engine.now();
    return mint(req, now, {
      label: name, scopes: DEVICE_SCOPES.filter((x) => scopes.includes(x)), mailbox_id,
      expires: expires_in_days === null ? null : now + expires_in_days * DAY,
    });
  }, {
    ...OPTS,
    accepts: { body: { label: 'string(1..64)', scopes: `${DEVICE_SCOPES.join('|')}[1..]`, mailbox_id: 'int(1..)|null?', expires_in_days: 'int(1..3650)|null?' } },
    replayWithout: ['data.password'],
  });

  // Idempotent: a second revoke answers the row as it is, revoked at the first time.
  engine.route('DELETE', '/drive/devices/{device_id}', 'drive:devices:write', (req) => {
    const x = deviceOf(req);
    x.revoked ??= engine.now();
    return { data: view(req, x) };
  }, { ...OPTS, accepts: {} });

  // The old row is revoked and a new one inherits label, scopes and binding; null keeps the original window.
  engine.route('POST', '/drive/devices/{device_id}:rotate', 'drive:devices:write', (req) => {
    const old = deviceOf(req);
    if (old.revoked !== undefined) throw new SbError(409, 'device_revoked', 'A revoked device password cannot be rotated', {}, 'Create a new one with drive_device_create.');
    const { expires_in_days = null } = (req.body ?? {}) as { expires_in_days?: number | null };
    throttle(s.rotates, ROTATES_PER_HOUR, 'rotations');
    const window = expires_in_days !== null ? expires_in_days * DAY : old.expires === null ? null : old.expires - old.created;
    const now = engine.now();
    old.revoked = now;
    return mint(req, now, { label: old.label, scopes: old.scopes, mailbox_id: old.mailbox_id, expires: window === null ? null : now + window, rotatedFrom: old.id });
  }, { ...OPTS, accepts: { body: { expires_in_days: 'int(1..3650)|null?' } }, replayWithout: ['data.password'] });
}
