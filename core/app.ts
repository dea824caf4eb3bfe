import type { DependencyContainer } from 'tsyringe';
import { fileAudit } from './audit.js';
import { discoverCapabilities } from './capabilities.js';
import { ConfigError, type Config } from './config.js';
import { buildContainer, ClientsToken, ConfigToken, LoggerToken, type ContainerOverrides } from './container.js';
import { discoverPacks } from './discovery.js';
import { decidePack, decideTool, type Capabilities, type Decision, type Selection } from './eligibility.js';
import { toolClassesOf, type PackSpec } from './pack.js';
import { ToolRuntime, type RegisteredTool } from './runtime.js';
import { toolInputSchema } from './schema.js';
import { toolMeta, type ToolMeta } from './tool.js';

/** Why each pack and tool is present or absent: what --list-tools prints. */
export interface LoadReport {
  capabilities: Capabilities;
  packs: {
    id: string;
    token: PackSpec['token'];
    decision: Decision;
    tools: { name: string; area: string; access: ToolMeta['access']; gate?: string; decision: Decision }[];
  }[];
}

export interface StartOptions extends ContainerOverrides {
  /** Pack declarations to use instead of discovering plugins/ (fixture packs in tests). */
  packs?: PackSpec[];
  transport?: 'stdio' | 'http';
}

export interface Core {
  container: DependencyContainer;
  runtime: ToolRuntime;
  report: LoadReport;
}

/** Start-up: container, capability discovery, pack eligibility, lazy import of eligible packs, tool registration. */
export async function startCore(config: Config, opts: StartOptions = {}): Promise<Core> {
  const container = buildContainer(config, opts);
  const logger = container.resolve(LoggerToken);
  const clients = container.resolve(ClientsToken);
  const transport = opts.transport ?? config.transport;
  const [packs, capabilities] = await Promise.all([
    opts.packs ? Promise.resolve(opts.packs) : discoverPacks(),
    discoverCapabilities(clients, logger, config.scopeAware),
  ]);
  const sel = selection(config, transport, packs);
  const report: LoadReport = { capabilities, packs: [] };
  const decided = packs.map((pack) => ({ pack, decision: decidePack(pack, capabilities, sel) }));
  // Only eligible packs are imported; the others cost nothing.
  const loaded = await Promise.all(decided.map(async (d) => (d.decision.ok ? (await d.pack.tools()).default : undefined)));
  const registered: RegisteredTool[] = [];
  const pending: Promise<void>[] = [];
  decided.forEach(({ pack, decision }, i) => {
    const entry: LoadReport['packs'][number] = { id: pack.id, token: pack.token, decision, tools: [] };
    report.packs.push(entry);
    const tools = loaded[i];
    if (!tools) return;
    for (const { area, cls } of toolClassesOf(tools)) {
      const meta = toolMeta(cls)!;
      const d = decideTool(meta, pack, capabilities, sel, area);
      entry.tools.push({ name: meta.name, area, access: meta.access, gate: meta.gate, decision: d });
      if (d.ok) {
        const tool: RegisteredTool = { meta, pack, area, cls, inputSchema: {}, client: clients[pack.token]! };
        registered.push(tool);
        pending.push(toolInputSchema(cls, meta).then((s) => void (tool.inputSchema = s)));
      }
    }
    entry.tools.sort((a, b) => a.name.localeCompare(b.name));
  });
  await Promise.all(pending);
  const audit = config.auditLog ? fileAudit(config.auditLog, (err) => logger.error(`audit log ${config.auditLog} unwritable: ${err.message}`)) : undefined;
  const runtime = new ToolRuntime(container.resolve(ConfigToken), logger, registered, audit);
  return { container, runtime, report };
}

/** The user's selection, with TREKMAIL_TOOLSETS checked against the packs' declared names. */
export function selection(config: Config, transport: 'stdio' | 'http', packs: PackSpec[]): Selection {
  let toolsets: Set<string> | undefined;
  if (config.toolsets) {
    const valid = new Set(packs.flatMap((p) => [p.id, ...(p.areas ?? [])]));
    const unknown = config.toolsets.filter((t) => !valid.has(t));
    if (unknown.length) throw new ConfigError('TREKMAIL_TOOLSETS', `unknown toolset ${unknown.map((u) => `"${u}"`).join(', ')}; valid: ${[...valid].sort().join(', ')}`);
    toolsets = new Set(config.toolsets);
  }
  const closed = [config.allowDestructive ? '' : 'destructive', config.allowSending ? '' : 'sending', config.allowMigration ? '' : 'migration'].filter(Boolean);
  return { transport, toolsets, readOnly: config.readOnly, hiddenGates: config.hideGated ? new Set(closed) : undefined };
}

/** The human-readable --list-tools report. */
export function formatReport(report: LoadReport): string {
  const lines: string[] = [];
  const caps = report.capabilities;
  for (const [kind, variable] of [['ops', 'TREKMAIL_API_TOKEN'], ['message', 'TREKMAIL_MESSAGE_TOKEN']] as const) {
    const c = caps[kind];
    if (!c) lines.push(`${variable}: not set`);
    else lines.push(`${variable}: plan ${c.plan ?? 'unknown'}, ${c.scopes ? `${c.scopes.size} scopes` : 'scopes unknown'}${c.label ? `, ${c.label}` : ''}`);
  }
  let total = 0;
  for (const p of report.packs) {
    if (!p.decision.ok) {
      lines.push(`\n✗ ${p.id}: not loaded: ${p.decision.reasons.join('; ')}`);
      continue;
    }
    const on = p.tools.filter((t) => t.decision.ok);
    total += on.length;
    lines.push(`\n✓ ${p.id}: ${on.length} of ${p.tools.length} tools`);
    for (const t of p.tools) {
      const flags = [t.access, t.gate ? `gate:${t.gate}` : ''].filter(Boolean).join(', ');
      lines.push(t.decision.ok ? `  ${t.name} (${flags})` : `  - ${t.name}: ${t.decision.reasons.join('; ')}`);
    }
  }
  lines.push(`\n${total} tools registered.`);
  return lines.join('\n');
}
