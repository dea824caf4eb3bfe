import { Tool } from '../../../core/plugin-api.js';
import { Page, PerPage } from '../../../core/plugin-api.js';
import { AuthMode } from './mailbox-params.js';

@Tool({ name: 'whoami', description: 'Plan and scopes of the ops token; call first when unsure.', access: 'read', scope: 'account:read', route: 'GET /me' })
export class Whoami {}

@Tool({ name: 'get_account', description: 'Account details: plan, limits and usage.', access: 'read', scope: 'account:read', route: 'GET /account' })
export class GetAccount {}

@Tool({ name: 'get_billing_status', description: 'Subscription, billing period and payment method.', access: 'read', scope: 'billing:read', route: 'GET /billing/status' })
export class GetBillingStatus {}

@Tool({ name: 'list_invoices', description: 'List invoices, newest first.', access: 'read', scope: 'billing:read', route: 'GET /billing/invoices' })
export class ListInvoices {
  @Page() page?: number;
  @PerPage() per_page?: number;
}

@Tool({ name: 'get_sending_limits', description: "Today's sending allowance, use and warm-ups.", access: 'read', scope: 'account:read', route: 'GET /sending-limits' })
export class GetSendingLimits {}

@Tool({ name: 'update_account', description: 'Mail-app sign-in mode for new mailboxes (owner only).', access: 'write', gate: 'destructive', scope: 'mailboxes:write', route: 'PATCH /account' })
export class UpdateAccount {
  @AuthMode('Existing ones keep theirs') new_mailbox_client_auth_mode: string;
}
