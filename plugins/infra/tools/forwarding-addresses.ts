/** Domain forwarding addresses (catalog wave v1.10). */
export {};
