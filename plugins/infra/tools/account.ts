import { Tool } from '../../../core/plugin-api.js';
import { Page, PerPage } from '../../../core/plugin-api.js';

@Tool({ name: 'whoami', description: 'Account, plan and scopes of the configured ops token; call first when unsure what is allowed.', access: 'read', scope: 'account:read', route: 'GET /me' })
export class Whoami {}

@Tool({ name: 'get_account', description: 'Account details: plan, limits and usage.', access: 'read', scope: 'account:read', route: 'GET /account' })
export class GetAccount {}

@Tool({ name: 'get_billing_status', description: 'Subscription status, billing period and payment method.', access: 'read', scope: 'billing:read', route: 'GET /billing/status' })
export class GetBillingStatus {}

@Tool({ name: 'list_invoices', description: 'List invoices, newest first.', access: 'read', scope: 'billing:read', route: 'GET /billing/invoices' })
export class ListInvoices {
  @Page() page?: number;
  @PerPage() per_page?: number;
}
