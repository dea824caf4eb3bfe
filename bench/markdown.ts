import type { ContextResult } from './context.js';
import type { LatencyResult } from './latency.js';
import type { ModulesResult } from './modules.js';
import type { TargetCheck } from './run.js';
import type { StartupResult } from './startup.js';
import { ratioInterval } from './util.js';

export interface MarkdownInput {
  env: { date: string; commit?: string; node: string; platform: string; cpus: number; cpuModel?: string; sdk?: string; runs: number; loadAverage?: number };
  startup: StartupResult[];
  mods: ModulesResult[];
  ctx: ContextResult[];
  lat?: LatencyResult;
  verdicts: TargetCheck[];
  catalogTools: number;
}

const f = (x: number | undefined, d = 0, unit = '') => (x === undefined || !Number.isFinite(x) ? '—' : `${x.toFixed(d)}${unit}`);

function mdTable(head: string[], rows: string[][], right: boolean[]): string {
  const sep = head.map((_, i) => (right[i] ? '---:' : '---'));
  return [head, sep, ...rows].map((r) => `| ${r.join(' | ')} |`).join('\n');
}

/** bench/results/latest.md: the tables the README shows, in GitHub markdown. */
export function markdown(m: MarkdownInput): string {
  const floorOf = (id: string) => m.startup.find((r) => r.id === (id.endsWith('-2026') ? 'floor-2026' : 'floor'));
  const lines: string[] = [];
  lines.push(
    `Measured ${m.env.date.slice(0, 10)}${m.env.commit ? ` at \`${m.env.commit}\`` : ''} with \`npm run bench\`: Node ${m.env.node}, ${m.env.platform}, ` +
      `${m.env.cpus} CPUs${m.env.cpuModel ? ` (${m.env.cpuModel.trim()})` : ''}${m.env.loadAverage !== undefined ? `, load average ${m.env.loadAverage}` : ''}, MCP SDK ${m.env.sdk ?? '?'}, against the built-in sandbox. ` +
      `Start-up is the median of ${m.env.runs} cold starts, spawn to the first \`tools/list\` answer over stdio.`,
    '',
  );
  lines.push(
    mdTable(
      ['Deployment', 'Tools', 'Start-up', 'vs floor', 'RSS', 'Modules', 'tools/list', 'Tokens'],
      m.startup.map((r) => {
        const c = m.ctx.find((x) => x.id === r.id);
        const mod = m.mods.find((x) => x.id === r.id);
        const floor = floorOf(r.id);
        const ratio = floor?.runs && r.runs ? r.medianMs / floor.medianMs : undefined;
        const ci = !r.id.startsWith('floor') && floor ? ratioInterval(r.samplesMs, floor.samplesMs) : undefined;
        return [
          r.label,
          f(r.toolCount),
          f(r.medianMs, 0, ' ms'),
          ratio === undefined ? '—' : `${ratio.toFixed(2)}×${ci ? ` (${ci[0].toFixed(2)}–${ci[1].toFixed(2)})` : ''}`,
          r.rssKb === undefined ? '—' : `${(r.rssKb / 1024).toFixed(0)} MB`,
          f(mod?.total),
          c ? `${(c.bytes / 1000).toFixed(1)} KB` : '—',
          c ? f(c.tokens) : '—',
        ];
      }),
      [false, true, true, true, true, true, true, true],
    ),
  );
  lines.push('', 'Floor: the same SDK\'s low-level `Server` with one tool, served by the SDK\'s `serveStdio` as ours is. The 2026-07-28 rows open with the request itself (the client holds a cached `server/discover` result; no handshake); the others with `initialize`. Ratio: median ÷ the same era\'s floor median (95% bootstrap interval). RSS at the first `tools/list` answer; Modules once settled, after the eligible packs\' code has loaded behind the list. Tokens: o200k_base (gpt-tokenizer).');
  const l = m.lat;
  if (l?.mcp && l.direct) {
    lines.push('', `Per call (\`${l.tool}\`, one client, sequential, tinybench):`, '');
    lines.push(
      mdTable(
        ['Path', 'p50', 'p99'],
        [
          ['HTTP request straight to the sandbox (fetch)', f(l.direct.p50Ms, 2, ' ms'), f(l.direct.p99Ms, 2, ' ms')],
          ['Same request as an MCP `tools/call`', f(l.mcp.p50Ms, 2, ' ms'), f(l.mcp.p99Ms, 2, ' ms')],
          ['**Added by the server**', `**${f(l.addedP50Ms, 2, ' ms')}**`, f(l.addedP99Ms, 2, ' ms')],
          ...(l.floorCall ? [['Reference: the floor server\'s echo tool via MCP (SDK + stdio alone)', f(l.floorCall.p50Ms, 2, ' ms'), f(l.floorCall.p99Ms, 2, ' ms')]] : []),
        ],
        [false, true, true],
      ),
    );
    const mcp = l.throughput.filter((t) => t.mode === 'mcp');
    if (mcp.length) {
      lines.push('', 'Throughput through MCP:', '');
      lines.push(
        mdTable(
          ['In flight', 'Calls/s', 'p50', 'p99', 'Errors'],
          mcp.map((t) => [String(t.inFlight), f(t.callsPerSec), f(t.p50Ms, 1, ' ms'), f(t.p99Ms, 1, ' ms'), String(t.errors)]),
          [true, true, true, true, true],
        ),
      );
    }
  }
  lines.push('', 'Targets:', '');
  lines.push(mdTable(['Target', 'Limit', 'Measured', ''], m.verdicts.map((v) => [v.target, v.limit, v.value, v.verdict]), [false, false, false, false]));
  return lines.join('\n') + '\n';
}
