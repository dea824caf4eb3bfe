import { startCore } from '../core/app.js';
import { loadConfig } from '../core/config.js';
import { discoverPacks } from '../core/discovery.js';

/**
 * Bytes of tools/list JSON, per pack and area, for a full deployment (every pack, both tokens, purchases on):
 * `node build/scripts/list-size.js [pack ...]`. What an agent's context pays for the tool list.
 */
const only = process.argv.slice(2);
const config = loadConfig({
  TREKMAIL_BASE_URL: 'https://api.trekmail.test', TREKMAIL_API_TOKEN: 'tm_live_size_probe_0000', TREKMAIL_MESSAGE_TOKEN: 'tm_msg_size_probe_0000',
  TREKMAIL_SCOPE_AWARE_REGISTRATION: 'false', TREKMAIL_ALLOW_PURCHASES: 'true', TREKMAIL_LOG_LEVEL: 'silent',
});
const { runtime } = await startCore(config, { packs: await discoverPacks() });
const list = runtime.list();
const total = Buffer.byteLength(JSON.stringify({ tools: list }));
const rows = new Map<string, { tools: number; bytes: number }>();
for (const t of list) {
  const r = runtime.get(t.name)!;
  for (const key of [r.pack.id, `${r.pack.id}/${r.area}`]) {
    const row = rows.get(key) ?? { tools: 0, bytes: 0 };
    row.tools++;
    row.bytes += Buffer.byteLength(JSON.stringify(t)) + 1;
    rows.set(key, row);
  }
}
const lines = [...rows].filter(([k]) => !only.length || only.some((o) => k === o || k.startsWith(`${o}/`))).sort(([a], [b]) => a.localeCompare(b));
for (const [k, r] of lines) console.log(`${k.padEnd(34)} ${String(r.tools).padStart(4)} tools ${String(r.bytes).padStart(7)} B ${String(Math.round(r.bytes / r.tools)).padStart(5)} B/tool`);
console.log(`${'total'.padEnd(34)} ${String(list.length).padStart(4)} tools ${String(total).padStart(7)} B`);
if (!only.length) {
  const biggest = list.map((t) => [Buffer.byteLength(JSON.stringify(t)), t.name] as const).sort((a, b) => b[0] - a[0]).slice(0, 10);
  console.log('largest:', biggest.map(([b, n]) => `${n} ${b}`).join(', '));
}
