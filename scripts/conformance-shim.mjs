// The MCP conformance suite (0.1.x) imports fs.globSync, which Node 22 added. On Node 20 this loader hook rewrites
// that one import of the suite's bundle to take globSync from the `glob` package. Use: node --import ./this-file …
import { register } from 'node:module';

if (typeof (await import('node:fs')).globSync !== 'function') {
  register(
    'data:text/javascript,' +
      encodeURIComponent(`
export async function load(url, context, next) {
  const r = await next(url, context);
  if (!url.includes('/@modelcontextprotocol/conformance/dist/') || r.format !== 'module') return r;
  const src = String(r.source).replace(/import\\{([^}]*?)\\bglobSync as (\\w+),?([^}]*)\\}from"fs";/, (_m, a, name, b) => 'import{' + a + b + '}from"fs";import{globSync as ' + name + '}from"glob";');
  return { ...r, source: src };
}`),
  );
}
