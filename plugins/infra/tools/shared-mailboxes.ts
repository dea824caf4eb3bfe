/** Shared mailboxes and their members (catalog wave v1.10). */
export {};
