import { execFile } from 'node:child_process';
import { countTokens } from 'gpt-tokenizer';
import type { Sandbox } from '../sandbox/server.js';
import type { ToolDef } from './startup.js';
import { ENTRY, childEnv, errMsg, type Target } from './util.js';

export interface PackContext {
  pack: string;
  tools: number;
  bytes: number;
  tokens: number;
}

export interface ContextResult {
  id: string;
  label: string;
  tools: number;
  /** UTF-8 bytes of JSON.stringify(tools), the tools array as the client received it. */
  bytes: number;
  /** o200k_base tokens (gpt-tokenizer) of the same JSON. */
  tokens: number;
  perPack: PackContext[];
  errors: string[];
}

export interface SchemaSize {
  name: string;
  pack: string;
  bytes: number;
  tokens: number;
}

const bytesOf = (v: unknown): number => Buffer.byteLength(JSON.stringify(v), 'utf8');
const tokensOf = (v: unknown): number => countTokens(JSON.stringify(v));

/** Tool name → pack id, from `index.js --list-tools --json` run with the deployment's tokens. */
export function packMap(sb: Sandbox, t: Target): Promise<Map<string, string>> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [ENTRY, '--list-tools', '--json'], { env: childEnv(sb, t.tokens), timeout: 30_000, maxBuffer: 16 << 20 }, (err, stdout, stderr) => {
      if (err) return reject(new Error(`--list-tools failed: ${errMsg(err)} ${String(stderr).trim().slice(0, 300)}`));
      try {
        const report = JSON.parse(stdout) as { packs: { id: string; tools: { name: string }[] }[] };
        const map = new Map<string, string>();
        for (const p of report.packs) for (const tool of p.tools) map.set(tool.name, p.id);
        resolve(map);
      } catch (e) {
        reject(new Error(`--list-tools output unreadable: ${errMsg(e)}`));
      }
    });
  });
}

/** Context cost of one deployment's tools/list, in total and per pack (tools no pack declares count as "core"). */
export async function measureContext(sb: Sandbox, t: Target, tools: ToolDef[]): Promise<{ result: ContextResult; packOf: Map<string, string> }> {
  const errors: string[] = [];
  let packOf = new Map<string, string>();
  try {
    packOf = await packMap(sb, t);
  } catch (e) {
    errors.push(errMsg(e));
  }
  const groups = new Map<string, ToolDef[]>();
  for (const tool of tools) {
    const p = packOf.get(tool.name) ?? 'core';
    groups.set(p, [...(groups.get(p) ?? []), tool]);
  }
  const perPack = [...groups.entries()]
    .map(([pack, list]) => ({ pack, tools: list.length, bytes: bytesOf(list), tokens: tokensOf(list) }))
    .sort((a, b) => b.bytes - a.bytes);
  return { result: { id: t.id, label: t.label, tools: tools.length, bytes: bytesOf(tools), tokens: tokensOf(tools), perPack, errors }, packOf };
}

/** Where the bytes of a tools/list go (each part counted with its JSON key and punctuation). */
export interface ByteBreakdown {
  part: string;
  bytes: number;
  share: number;
}

/** A reshaping of the list the core could do, with the bytes it would save (computed on the real list). */
export interface WhatIf {
  change: string;
  bytes: number;
  saved: number;
}

const entryBytes = (key: string, v: unknown): number => Buffer.byteLength(JSON.stringify({ [key]: v }), 'utf8') - 1;

/** Splits the list's bytes: names, descriptions, annotations, schema skeleton, and per schema keyword. */
export function breakdown(tools: ToolDef[]): ByteBreakdown[] {
  const acc = new Map<string, number>();
  const add = (k: string, n: number) => acc.set(k, (acc.get(k) ?? 0) + n);
  for (const tool of tools) {
    for (const [k, v] of Object.entries(tool)) {
      if (k !== 'inputSchema' || !v || typeof v !== 'object') {
        add(k === 'name' || k === 'description' || k === 'annotations' ? k : `other (${k})`, entryBytes(k, v));
        continue;
      }
      const schema = v as { properties?: Record<string, Record<string, unknown>> };
      add('schema: skeleton (type, required, additionalProperties…)', entryBytes(k, { ...schema, properties: {} }));
      for (const [name, prop] of Object.entries(schema.properties ?? {})) {
        add('schema: property names', entryBytes(name, {}));
        for (const [kw, val] of Object.entries(prop ?? {})) {
          const part = kw === 'description' ? 'schema: property descriptions' : kw === 'type' ? 'schema: type' : kw === 'items' ? 'schema: items (nested)' : 'schema: constraints (enum, pattern, min/max…)';
          add(part, entryBytes(kw, val));
        }
      }
    }
  }
  const total = bytesOf(tools);
  return [...acc.entries()].map(([part, bytes]) => ({ part, bytes, share: bytes / total })).sort((a, b) => b.bytes - a.bytes);
}

/** MCP's documented defaults for tool annotations: a hint equal to its default says nothing. */
const ANNOTATION_DEFAULTS: Record<string, unknown> = { readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: true };

function minimalAnnotations(a: Record<string, unknown>): Record<string, unknown> | undefined {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(a)) {
    if (ANNOTATION_DEFAULTS[k] === v) continue;
    // destructive/idempotent hints are meaningful only when readOnlyHint is false (MCP spec).
    if (a.readOnlyHint === true && (k === 'destructiveHint' || k === 'idempotentHint')) continue;
    out[k] = v;
  }
  return Object.keys(out).length ? out : undefined;
}

/** Byte savings of concrete reshapings, each applied alone to the list as served. */
export function whatIfs(tools: ToolDef[]): WhatIf[] {
  const base = bytesOf(tools);
  const variant = (change: string, f: (t: ToolDef) => ToolDef): WhatIf => {
    const bytes = bytesOf(tools.map((t) => f(structuredClone(t))));
    return { change, bytes, saved: base - bytes };
  };
  const minimal = (t: ToolDef): ToolDef => {
    const a = t.annotations && typeof t.annotations === 'object' ? minimalAnnotations(t.annotations as Record<string, unknown>) : undefined;
    if (a) t.annotations = a;
    else delete t.annotations;
    return t;
  };
  const closed = (t: ToolDef): ToolDef => {
    if (t.inputSchema && typeof t.inputSchema === 'object') delete (t.inputSchema as Record<string, unknown>).additionalProperties;
    return t;
  };
  const rows = [
    variant('annotations: omit hints equal to MCP defaults', minimal),
    variant('schema: drop additionalProperties:false (the core still rejects unknown args)', closed),
    variant('both of the above', (t) => closed(minimal(t))),
  ];
  return rows.filter((r) => r.saved > 0);
}

/** The `n` largest tool definitions (name + description + schema + annotations, as listed). */
export function largestTools(tools: ToolDef[], packOf: Map<string, string>, n = 10): SchemaSize[] {
  return tools
    .map((tool) => ({ name: tool.name, pack: packOf.get(tool.name) ?? 'core', bytes: bytesOf(tool), tokens: tokensOf(tool) }))
    .sort((a, b) => b.bytes - a.bytes)
    .slice(0, n);
}
