import { IsOptional, Matches } from '../../../core/plugin-api.js';
import { compose, Desc, Tool } from '../../../core/plugin-api.js';

const ADDON = 'drive:addon:read';

@Tool({ name: 'drive_addon_get', description: 'The Drive storage add-on of the account: active, grace period, size, period end (read-only).', access: 'read', scope: ADDON, route: 'GET /drive/addon' })
export class DriveAddonGet {}

@Tool({ name: 'drive_addon_pricing', description: 'Drive add-on prices per size step, monthly and yearly.', access: 'read', scope: ADDON, route: 'GET /drive/addon/pricing' })
export class DriveAddonPricing {
  @compose(IsOptional(), Matches(/^[A-Za-z]{3}$/, { message: 'must be a 3-letter currency code' }), Desc('ISO 4217 code, e.g. USD (default: the account\'s currency)'))
  currency?: string;
}

@Tool({ name: 'drive_addon_cancellation_preview', description: 'What cancelling the Drive add-on would change: quota, over-quota bytes, largest files at risk, grace.', access: 'read', scope: ADDON, route: 'GET /drive/addon/cancellation-preview' })
export class DriveAddonCancellationPreview {}
