import { IsOptional, Matches } from '../../../core/plugin-api.js';
import { compose, Desc, Tool } from '../../../core/plugin-api.js';

const ADDON = 'drive:addon:read';

@Tool({ name: 'drive_addon_get', description: 'The add-on: active, grace, size, period end', access: 'read', scope: ADDON, route: 'GET /drive/addon' })
export class DriveAddonGet {}

@Tool({ name: 'drive_addon_pricing', keywords: 'drive storage price cost more space', description: 'Add-on prices per size, monthly/yearly', access: 'read', scope: ADDON, route: 'GET /drive/addon/pricing' })
export class DriveAddonPricing {
  @compose(IsOptional(), Matches(/^[A-Za-z]{3}$/, { message: 'must be a 3-letter currency code' }), Desc('e.g. EUR'))
  currency?: string;
}

@Tool({ name: 'drive_addon_cancellation_preview', keywords: 'cancel extra storage files at risk', description: 'Files at risk if the add-on is cancelled', access: 'read', scope: ADDON, route: 'GET /drive/addon/cancellation-preview' })
export class DriveAddonCancellationPreview {}
