import { createHash, randomBytes } from 'node:crypto';
import { demoAccount, finders } from '../../../sandbox/account.js';
import { invalid, notFound, SbError, type SandboxEngine, type SbRequest } from '../../../sandbox/engine.js';
import type { Route } from './index.js';
import { dkimVerified, HOST_WAIT_MS, log, newBranding, wlState, type Brand, type Branding, type Slot } from './state.js';

const MODE = 'off|inherit|custom?';
const SCOPE = 'domain|account_default|all?';
const SLOTS: Slot[] = ['light', 'dark', 'favicon'];
const HEX = /^#(?:[0-9a-fA-F]{3,4}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})$/;
const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/i;
const MAX_LOGO = 1024 * 1024;
const CNAME_TARGET = 'branded.trekmail.net';
const PREVIEW_SECONDS = 300;
const LOGO_KEY: Record<Slot, string> = { light: 'logo_url', dark: 'logo_dark_url', favicon: 'favicon_url' };
type Host = 'dashboard' | 'webmail';

export const brandView = (b: Brand) => ({
  name: b.name, primary_color: b.primary_color, accent_color: b.accent_color,
  ...Object.fromEntries(SLOTS.map((slot) => [LOGO_KEY[slot], b.logos[slot] ?? null])),
  support_email: b.support_email, sender_email: b.sender_email, support_url: b.support_url,
});

/** Whether the branded CNAMEs of a domain resolve in the emulated DNS: the domain's zone is served at all. */
const resolves = (engine: SandboxEngine, id: number) => {
  const d = demoAccount(engine).domains.get(id);
  return !!d && d.status !== 'suspended' && d.world.mx !== 'missing';
};
/** Host status: draft (branding off), pending_dns (not checked, or DNS not there), provisioning, active. */
function status(engine: SandboxEngine, id: number, b: Branding): string {
  if (b.mode === 'off') return 'draft';
  if (b.verifyQueued === null || !resolves(engine, id)) return 'pending_dns';
  return engine.now() - b.verifyQueued < HOST_WAIT_MS ? 'provisioning' : 'active';
}
export function hostView(engine: SandboxEngine, id: number, b: Branding, which: Host) {
  const h = b[which];
  if (!h.enabled) return null;
  const domain = demoAccount(engine).domains.get(id)?.name ?? '';
  return { host: `${h.label}.${domain}`, status: status(engine, id, b) };
}

function view(engine: SandboxEngine, id: number, b: Branding) {
  const s = wlState(engine);
  const domain = demoAccount(engine).domains.get(id)?.name ?? '';
  const st = status(engine, id, b);
  const hosts = (['dashboard', 'webmail'] as Host[]).map((w) => ({ w, v: hostView(engine, id, b, w) })).filter((x) => x.v);
  const zone = ['imap', 'smtp', 'dav'].map((p) => `${p}.${domain}`);
  const needed = [...hosts.map((x) => x.v!.host), ...(b.mailZone ? zone : [])];
  const effective = b.mode === 'inherit' ? s.accountDefault ?? b.brand : b.brand;
  return {
    domain_id: id, domain, mode: b.mode, brand: brandView(effective), saved_brand: brandView(b.brand),
    dashboard: { enabled: b.dashboard.enabled, label: b.dashboard.label, ...(hostView(engine, id, b, 'dashboard') ?? { host: null, status: null }) },
    webmail: { enabled: b.webmail.enabled, label: b.webmail.label, ...(hostView(engine, id, b, 'webmail') ?? { host: null, status: null }) },
    mail_zone: b.mailZone
      ? { enabled: true, dns_status: st === 'active' ? 'verified' : 'pending', client_hosts_status: st, records: zone.map((name) => ({ type: 'CNAME', name, value: CNAME_TARGET })), dav_url: st === 'active' ? `https://dav.${domain}/` : null, dav_ready: st === 'active' }
      : { enabled: false },
    // Only the records that still need attention.
    dns_records: st === 'active' ? [] : needed.map((name) => ({ type: 'CNAME', name, value: CNAME_TARGET, status: resolves(engine, id) ? 'unchecked' : 'missing' })),
    white_label_active: true, updated_at: engine.iso(b.updated),
  };
}

interface Patch {
  mode?: Branding['mode'];
  name?: string;
  primary_color?: string;
  accent_color?: string;
  dashboard_enabled?: boolean;
  dashboard_label?: string;
  webmail_enabled?: boolean;
  webmail_label?: string;
  mail_zone_enabled?: boolean;
  support_email?: string | null;
  sender_email?: string | null;
  support_url?: string | null;
  scope?: 'domain' | 'account_default' | 'all';
}

/** The rules a PATCH must keep beyond its field types (the API's 422s). */
function checkPatch(engine: SandboxEngine, p: Patch, b: Branding): void {
  const errors: Record<string, string> = {};
  for (const k of ['primary_color', 'accent_color'] as const) if (p[k] !== undefined && !HEX.test(p[k]!)) errors[k] = 'must be a hex colour: #rgb, #rgba, #rrggbb or #rrggbbaa';
  for (const k of ['dashboard_label', 'webmail_label'] as const) if (p[k] !== undefined && !LABEL.test(p[k]!)) errors[k] = 'must be a DNS label: letters, digits, inner hyphens';
  if (p.support_url && !/^https?:\/\/[^\s/]+\.[^\s]+$/i.test(p.support_url)) errors.support_url = 'must be an http(s) URL';
  if (p.sender_email && !dkimVerified(engine, p.sender_email)) errors.sender_email = 'must be on a domain of this account whose DKIM is verified';
  const mode = p.mode ?? b.mode;
  if (mode === 'custom' && !(p.name ?? b.brand.name)) errors.name = 'is required for mode custom';
  if (p.mail_zone_enabled && mode !== 'custom' && p.scope !== 'account_default') errors.mail_zone_enabled = 'belongs to a brand: needs mode custom or scope account_default';
  const dash = { on: p.dashboard_enabled ?? b.dashboard.enabled, label: p.dashboard_label ?? b.dashboard.label };
  const web = { on: p.webmail_enabled ?? b.webmail.enabled, label: p.webmail_label ?? b.webmail.label };
  if (dash.on && web.on && dash.label.toLowerCase() === web.label.toLowerCase()) errors.webmail_label = 'must differ from dashboard_label';
  if (Object.keys(errors).length) throw invalid(errors);
}

function apply(engine: SandboxEngine, p: Patch, b: Branding): void {
  const hostsBefore = JSON.stringify([b.dashboard, b.webmail, b.mailZone]);
  if (p.mode) b.mode = p.mode;
  for (const k of ['name', 'primary_color', 'accent_color', 'support_email', 'sender_email', 'support_url'] as const) if (p[k] !== undefined) b.brand[k] = p[k] ?? null;
  if (p.dashboard_enabled !== undefined) b.dashboard.enabled = p.dashboard_enabled;
  if (p.dashboard_label !== undefined) b.dashboard.label = p.dashboard_label.toLowerCase();
  if (p.webmail_enabled !== undefined) b.webmail.enabled = p.webmail_enabled;
  if (p.webmail_label !== undefined) b.webmail.label = p.webmail_label.toLowerCase();
  if (p.mail_zone_enabled !== undefined) b.mailZone = p.mail_zone_enabled;
  // A changed host is a new host: its DNS and certificate are checked again.
  if (JSON.stringify([b.dashboard, b.webmail, b.mailZone]) !== hostsBefore) b.verifyQueued = null;
  b.updated = engine.now();
}

/** Decodes a logo strictly, or answers the API's 422: base64, ≤ 1 MB, PNG or JPG (a favicon may be ICO), never SVG. */
function logoBytes(b64: string, slot: Slot): Buffer {
  const clean = b64.replace(/\s+/g, '');
  if (!clean || clean.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(clean)) throw new SbError(422, 'invalid_base64', 'content_base64 is not valid base64');
  const bytes = Buffer.from(clean, 'base64');
  if (bytes.length > MAX_LOGO) throw new SbError(422, 'file_too_large', `The image is ${bytes.length} bytes; 1 MB (${MAX_LOGO} bytes) at most`);
  const starts = (...sig: number[]) => sig.every((x, i) => bytes[i] === x);
  const png = starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);
  const jpg = starts(0xff, 0xd8, 0xff);
  const ico = starts(0x00, 0x00, 0x01, 0x00);
  if (png || jpg || (ico && slot === 'favicon')) return bytes;
  const text = bytes.subarray(0, 512).toString('utf8').replace(/^\uFEFF/, '').trimStart();
  const svg = text.startsWith('<') && /<svg[\s>]/i.test(text);
  throw new SbError(422, 'unsupported_image_type', svg ? 'SVG is not supported: upload PNG or JPG' : `Only PNG or JPG${slot === 'favicon' ? ' or ICO' : ''} images are accepted`, {}, 'Convert the image to PNG.');
}

/** Per-domain branding: brand fields, logos, branded hosts with a DNS check on the sandbox clock, previews. */
export function registerBranding(engine: SandboxEngine, route: Route): void {
  const s = wlState(engine);
  const account = demoAccount(engine);
  const find = finders(account);
  const branding = (id: number) => s.brandings.get(id) ?? s.brandings.set(id, newBranding(engine)).get(id)!;
  /** The domain of the path with its branding; a suspended domain cannot be branded. */
  const target = (req: SbRequest, write: boolean) => {
    const d = find.domain(req.params.domain_id);
    if (write && d.status === 'suspended') throw new SbError(409, 'domain_suspended', `${d.name} is suspended`);
    return { id: d.id, b: branding(d.id) };
  };
  const slotOf = (req: SbRequest): Slot => {
    const slot = req.params.slot as Slot;
    if (!SLOTS.includes(slot)) throw invalid({ slot: 'must be one of light, dark, favicon' });
    return slot;
  };
  const needsBrand = (b: Branding) => {
    if (b.mode === 'off' && !b.brand.name) throw new SbError(409, 'branding_not_configured', 'This domain has no saved brand', {}, 'Save one with set_domain_branding first.');
  };

  route('GET', '/domains/{domain_id}/branding', 'branding:read', (req) => {
    const { id, b } = target(req, false);
    return { data: view(engine, id, b) };
  }, {});

  route('PATCH', '/domains/{domain_id}/branding', 'branding:write', (req) => {
    const p = req.body as Patch;
    const { id, b } = target(req, true);
    checkPatch(engine, p, b);
    const scope = p.scope ?? 'domain';
    const ids = scope === 'all' ? [...account.domains.values()].filter((d) => d.status !== 'suspended').map((d) => d.id) : [id];
    for (const other of ids) apply(engine, p, branding(other));
    if (scope === 'account_default') s.accountDefault = structuredClone(b.brand);
    log(engine, req, 'branding.updated', null, { domain_id: id, scope, fields: Object.keys(p).filter((k) => k !== 'scope') });
    return { data: view(engine, id, b) };
  }, {
    body: {
      mode: MODE, name: 'string(1..120)?', primary_color: 'string(..9)?', accent_color: 'string(..9)?', dashboard_enabled: 'bool?', dashboard_label: 'string(1..63)?',
      webmail_enabled: 'bool?', webmail_label: 'string(1..63)?', mail_zone_enabled: 'bool?', support_email: 'email(..255)|null?', sender_email: 'email(..255)|null?',
      support_url: 'string(..500)|null?', scope: SCOPE,
    },
  });

  // The live API also takes a `scope` on logo writes (the official live test sends scope=domain with them).
  route('PUT', '/domains/{domain_id}/branding/logo/{slot}', 'branding:write', (req) => {
    const slot = slotOf(req);
    const { id, b } = target(req, true);
    needsBrand(b);
    const bytes = logoBytes(String(req.body.content_base64), slot);
    const ext = bytes[0] === 0x89 ? 'png' : bytes[0] === 0xff ? 'jpg' : 'ico';
    const url = `https://cdn.trekmail.test/brand/${id}/${slot}-${createHash('sha256').update(bytes).digest('hex').slice(0, 12)}.${ext}`;
    b.brand.logos[slot] = url;
    if (req.body.scope === 'account_default' && s.accountDefault) s.accountDefault.logos[slot] = url;
    b.updated = engine.now();
    log(engine, req, 'branding.logo_set', null, { domain_id: id, slot, bytes: bytes.length });
    return { data: { slot, bytes: bytes.length, brand: brandView(b.brand) } };
  }, { body: { content_base64: 'string(1..1402200)', scope: SCOPE } });

  route('DELETE', '/domains/{domain_id}/branding/logo/{slot}', 'branding:write', (req) => {
    const slot = slotOf(req);
    const { id, b } = target(req, true);
    if (!b.brand.logos[slot]) throw notFound('Brand asset');
    delete b.brand.logos[slot];
    b.updated = engine.now();
    log(engine, req, 'branding.logo_removed', null, { domain_id: id, slot });
    return { data: { slot, removed: true, brand: brandView(b.brand) } };
  }, { body: { scope: SCOPE } });

  route('POST', '/domains/{domain_id}/branding/verify-dns', 'branding:write', (req) => {
    const { id, b } = target(req, true);
    const hosts = [hostView(engine, id, b, 'dashboard'), hostView(engine, id, b, 'webmail')].filter((h) => h).map((h) => h!.host);
    if (b.mode === 'off' || (!hosts.length && !b.mailZone)) {
      throw new SbError(409, 'nothing_to_verify', 'No branded host or mail zone is enabled on this domain', {}, 'Enable dashboard_enabled, webmail_enabled or mail_zone_enabled with set_domain_branding.');
    }
    b.verifyQueued = engine.now();
    log(engine, req, 'branding.dns_check_queued', null, { domain_id: id });
    return { data: { status: 'queued', hosts, mail_zone: b.mailZone } };
  }, { body: false });

  route('POST', '/domains/{domain_id}/branding/preview', 'branding:write', (req) => {
    const { id, b } = target(req, true);
    needsBrand(b);
    const t = randomBytes(12).toString('hex');
    log(engine, req, 'branding.preview_created', null, { domain_id: id });
    return { data: { url: `https://${t.slice(0, 8)}.preview.trekmail.test/auto-login?token=${t}`, expires_in: PREVIEW_SECONDS } };
  }, { body: false });

  route('DELETE', '/domains/{domain_id}/branding', 'branding:write', (req) => {
    const { id } = target(req, true);
    const scope = (req.query.scope as string | undefined) ?? 'domain';
    const ids = scope === 'all' ? [...s.brandings.keys()] : [id];
    // Saved brands and logos stay, as drafts: turning branding back on restores them.
    for (const other of ids) apply(engine, { mode: 'off' }, branding(other));
    log(engine, req, 'branding.removed', null, { domain_id: id, scope });
    return { data: { scope, mode: 'off', domain_ids: ids } };
  }, { query: { scope: 'domain|all?' }, body: false });
}
