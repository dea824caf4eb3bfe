/**
 * Valid arguments the schema alone can't synthesise (infra-mailboxes): bulk selections take exactly one selector,
 * a token update at least one change, a converted mailbox a strong password.
 */
export const EXAMPLES_INFRA_MAILBOXES: Record<string, Record<string, unknown>> = {
  set_mailboxes_drive_access: { drive_access: 'attachments_only', mailbox_ids: [1, 2] },
  set_mailboxes_login_access: { login_suspended: false, domain_id: 1 },
  set_mailbox_client_auth_mode: { client_auth_mode: 'password_or_app_password', mailbox_id: 1 },
  update_message_token: { token_id: 1, name: 'Renamed token' },
  convert_shared_mailbox_to_regular: { mailbox_id: 1, password: 'Example-Pass-1234' },
  create_shared_mailbox: { domain_id: 1, local_part: 'team', display_name: 'Team inbox', member_mailbox_ids: [1] },
};
