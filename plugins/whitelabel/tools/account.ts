import { Tool } from '../../../core/plugin-api.js';


@Tool({
  name: 'get_white_label', description: 'Add-on state, default brand, setup, branded domains',
  access: 'read', scope: 'branding:read', route: 'GET /white-label',
})
export class GetWhiteLabel {}

@Tool({
  name: 'get_white_label_access_catalog', keywords: 'roles permissions grant team members', description: 'Roles and permissions you may grant',
  access: 'read', scope: 'members:read', route: 'GET /white-label/access-catalog',
})
export class GetWhiteLabelAccessCatalog {}
