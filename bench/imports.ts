import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PROBE, errMsg, median } from './util.js';

export interface ImportCost {
  label: string;
  spec: string;
  /** Median time of `import(spec)` in a fresh node process, ms (dependencies it pulls in included). */
  importMs?: number;
  /** Median RSS growth during the import (after its PRE imports), KiB. */
  rssKb?: number;
  /** Median process age when the import finished (node boot included), ms. */
  sinceStartMs?: number;
  error?: string;
}

/** What start-up may load, each imported alone in a fresh process. The floor pays the SDK rows too. */
export const IMPORTS: { label: string; spec: string; pre?: string[] }[] = [
  { label: '(bare node process)', spec: 'node:path' },
  { label: 'reflect-metadata', spec: 'reflect-metadata' },
  { label: 'tsyringe', spec: 'tsyringe', pre: ['reflect-metadata'] },
  { label: 'class-transformer', spec: 'class-transformer' },
  { label: 'class-transformer/cjs/storage (core/schema)', spec: 'class-transformer/cjs/storage.js' },
  { label: 'class-transformer/cjs/ClassTransformer (deep)', spec: 'class-transformer/cjs/ClassTransformer.js' },
  { label: 'class-validator (package root)', spec: 'class-validator' },
  { label: 'class-validator deep imports (core/validators)', spec: '../core/validators.js' },
  { label: 'class-validator-jsonschema', spec: 'class-validator-jsonschema', pre: ['reflect-metadata'] },
  { label: 'zod/v4 (SDK dependency)', spec: 'zod/v4' },
  { label: 'ajv (SDK dependency)', spec: 'ajv' },
  { label: 'SDK server (index)', spec: '@modelcontextprotocol/server' },
  { label: 'SDK server/stdio', spec: '@modelcontextprotocol/server/stdio' },
  { label: 'html-to-text', spec: 'html-to-text' },
  { label: 'first fetch() to loopback (loads undici)', spec: '@first-fetch' },
  { label: 'first node:http request to loopback', spec: '@first-http' },
  { label: 'core/app.js (core without SDK)', spec: '../core/app.js' },
  { label: 'core/mcp.js (SDK adapter)', spec: '../core/mcp.js' },
];

/** Pack tool modules present in this build (plugins/<id>/tools/index.js). */
export function packImports(packIds: string[]): { label: string; spec: string; pre?: string[] }[] {
  return packIds
    .filter((id) => existsSync(fileURLToPath(new URL(`../plugins/${id}/tools/index.js`, import.meta.url))))
    .map((id) => ({ label: `pack ${id} tools (after core/app.js)`, spec: `../plugins/${id}/tools/index.js`, pre: ['../core/app.js'] }));
}

type Probe = { importMs: number; rssKb: number; sinceStartMs: number };

function probe(spec: string, pre: string[]): Promise<Probe> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [PROBE, spec, ...pre], { env: { PATH: process.env.PATH ?? '' }, timeout: 30_000 }, (err, stdout, stderr) => {
      if (err) return reject(new Error(String(stderr).trim().split('\n').find((l) => /Error/.test(l)) ?? errMsg(err)));
      try {
        resolve(JSON.parse(stdout.trim().split('\n').pop()!) as Probe);
      } catch (e) {
        reject(e);
      }
    });
  });
}

/** Import cost of each heavy dependency in isolation: `runs` fresh processes each (after one warm-up), medians. */
export async function measureImports(list: { label: string; spec: string; pre?: string[] }[], runs: number, log: (s: string) => void): Promise<ImportCost[]> {
  const out: ImportCost[] = [];
  for (const item of list) {
    const ms: number[] = [];
    const rss: number[] = [];
    const since: number[] = [];
    let error: string | undefined;
    for (let i = 0; i <= runs && !error; i++) {
      try {
        const r = await probe(item.spec, item.pre ?? []);
        if (i === 0) continue;
        ms.push(r.importMs);
        rss.push(r.rssKb);
        since.push(r.sinceStartMs);
      } catch (e) {
        error = errMsg(e);
      }
    }
    out.push({
      label: item.label,
      spec: item.spec,
      importMs: ms.length ? median(ms) : undefined,
      rssKb: rss.length ? median(rss) : undefined,
      sinceStartMs: since.length ? median(since) : undefined,
      error,
    });
  }
  log(`  imports: ${out.length} specifiers × ${runs} fresh processes`);
  return out;
}
