/** Mailbox sign-in suspension (catalog wave v1.10). */
export {};
