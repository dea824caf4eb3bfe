import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';

/**
 * `node build/bench/import-probe.js SPEC [PRE…]`: imports each PRE (untimed), then times `import(SPEC)` in this fresh
 * process and prints one JSON line. Specifiers resolve from this file (bare names from the project's node_modules,
 * `../core/x.js` from the build dir). Two pseudo-specifiers time a process's first HTTP request to a loopback server
 * instead: `@first-fetch` (global fetch: Node loads and compiles its bundled undici on first use) and `@first-http`
 * (node:http request).
 */
const [spec, ...pre] = process.argv.slice(2);
for (const p of pre) await import(p);
const rss0 = process.memoryUsage.rss();

async function firstRequest(kind: 'fetch' | 'http'): Promise<void> {
  const server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  const t0 = performance.now();
  if (kind === 'fetch') {
    await (await fetch(url)).json();
  } else {
    await new Promise<void>((resolve, reject) => {
      request(url, (res) => {
        let body = '';
        res.on('data', (d: Buffer) => (body += d.toString()));
        res.on('end', () => resolve(void JSON.parse(body)));
      })
        .on('error', reject)
        .end();
    });
  }
  const t1 = performance.now();
  server.close();
  process.stdout.write(JSON.stringify({ spec, importMs: t1 - t0, sinceStartMs: t1, rssKb: Math.round((process.memoryUsage.rss() - rss0) / 1024) }) + '\n');
  process.exit(0);
}

if (spec === '@first-fetch' || spec === '@first-http') await firstRequest(spec === '@first-fetch' ? 'fetch' : 'http');
const t0 = performance.now();
await import(spec!);
const t1 = performance.now();
process.stdout.write(JSON.stringify({ spec, importMs: t1 - t0, sinceStartMs: t1, rssKb: Math.round((process.memoryUsage.rss() - rss0) / 1024) }) + '\n');
process.exit(0);
