/** Mailbox app passwords and client authentication mode (catalog wave v1.10). */
export {};
