import { IsOptional, Matches } from '../../../core/validators.js';
import { compose, Desc, Tool } from '../../../core/tool.js';

const ADDON = 'drive:addon:read';

@Tool({ name: 'drive_addon_get', description: 'The Drive storage add-on of the account: size, price, renewal (read-only).', access: 'read', scope: ADDON, route: 'GET /drive/addon' })
export class DriveAddonGet {}

@Tool({ name: 'drive_addon_pricing', description: 'Prices of the Drive storage add-on sizes.', access: 'read', scope: ADDON, route: 'GET /drive/addon/pricing' })
export class DriveAddonPricing {
  @compose(IsOptional(), Matches(/^[A-Za-z]{3}$/, { message: 'must be a 3-letter currency code' }), Desc('ISO 4217 code, e.g. USD'))
  currency?: string;
}

@Tool({ name: 'drive_addon_cancellation_preview', description: 'What cancelling the Drive add-on would change: quota, over-quota bytes, dates.', access: 'read', scope: ADDON, route: 'GET /drive/addon/cancellation-preview' })
export class DriveAddonCancellationPreview {}
