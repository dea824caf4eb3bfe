import { appendFileSync } from 'node:fs';

type Next = (url: string, context: unknown) => Promise<unknown>;

/** Module loader hook (runs off the main thread): records each loaded URL. */
export async function load(url: string, context: unknown, next: Next): Promise<unknown> {
  if (process.env.TREKMAIL_MODULE_LOG) appendFileSync(process.env.TREKMAIL_MODULE_LOG, url + '\n');
  return next(url, context);
}
