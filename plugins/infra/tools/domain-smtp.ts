/** Per-domain SMTP routing, the account default, SMTP profiles (catalog wave v1.10). */
export {};
