/** Domain aliases (matching addresses) (catalog wave v1.10). */
export {};
