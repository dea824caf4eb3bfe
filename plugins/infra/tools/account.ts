import { Tool } from '../../../core/plugin-api.js';
import { Page, PerPage } from '../../../core/plugin-api.js';
import { AuthMode } from './mailbox-params.js';

@Tool({ name: 'whoami', keywords: 'token permissions scopes api key who am i', description: 'Plan and scopes of the ops token; call first when unsure', access: 'read', scope: 'account:read', route: 'GET /me' })
export class Whoami {}

@Tool({ name: 'get_account', keywords: 'plan limits quota how many mailboxes domains usage subscription tier', description: 'Account details: plan, limits and usage', access: 'read', scope: 'account:read', route: 'GET /account' })
export class GetAccount {}

@Tool({ name: 'get_billing_status', keywords: 'billing date renewal payment card subscription next charge', description: 'Subscription, billing period and payment method', access: 'read', scope: 'billing:read', route: 'GET /billing/status' })
export class GetBillingStatus {}

@Tool({ name: 'list_invoices', keywords: 'invoice receipts billing history download invoice', description: 'Invoices, newest first', access: 'read', scope: 'billing:read', route: 'GET /billing/invoices' })
export class ListInvoices {
  @Page() page?: number;
  @PerPage() per_page?: number;
}

@Tool({ name: 'get_sending_limits', keywords: 'daily sending quota how many emails today warm-up', description: "Today's sending allowance, use and warm-ups", access: 'read', scope: 'account:read', route: 'GET /sending-limits' })
export class GetSendingLimits {}

@Tool({ name: 'update_account', keywords: 'default new mailboxes sign-in mode app passwords required mail apps', description: 'Mail-app sign-in mode for new mailboxes (owner only)', access: 'write', gate: 'destructive', scope: 'mailboxes:write', route: 'PATCH /account' })
export class UpdateAccount {
  @AuthMode('Existing ones keep theirs') new_mailbox_client_auth_mode: string;
}
