import type { DependencyContainer } from 'tsyringe';
import { fileAudit, type Audit } from './audit.js';
import type { Logger } from './logger.js';
import { discoverCapabilities } from './capabilities.js';
import { ConfigError, type Config } from './config.js';
import { buildContainer, ClientsToken, ConfigToken, LoggerToken, SecretsToken, type ContainerOverrides } from './container.js';
import { deploymentExtras } from './catalog/deployment.js';
import { CORE_PACK } from './core-pack.js';
import { discoverPacks } from './discovery.js';
import { closedGates } from './gates.js';
import { decidePack, decideTool, type Capabilities, type Decision, type Selection } from './eligibility.js';
import { readManifest, type Manifest, type ManifestTool } from './manifest.js';
import { toolClassesOf, type PackSpec } from './pack.js';
import { ToolRuntime, type RegisteredTool, type RuntimeExtras } from './runtime.js';
import type { ToolClass, ToolMeta } from './tool.js';
import { printable } from './redact.js';
import { toolMeta } from './tool-meta.js';

/** Why each pack and tool is present or absent: what --list-tools prints. */
export interface LoadReport {
  capabilities: Capabilities;
  packs: {
    id: string;
    token: PackSpec['token'];
    decision: Decision;
    note?: string;
    tools: { name: string; area: string; access: ToolMeta['access']; gate?: string; decision: Decision }[];
  }[];
}

export interface StartOptions extends ContainerOverrides {
  /** Pack declarations to use instead of discovering plugins/ (fixture packs in tests). */
  packs?: PackSpec[];
  /** Ignore build/manifest.json: import eligible packs at start and generate their schemas (tests, tooling). */
  noManifest?: boolean;
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
  const manifest = opts.noManifest ? null : readManifest();
  const { report, tools, extras } = await planTools(config, transport, packs, capabilities, (pack) => packEntries(pack, manifest?.[pack.id]), manifest);
  const registered: RegisteredTool[] = tools.map((t) => ({ ...t, client: t.pack.token === 'none' ? undefined : clients[t.pack.token] }));
  const runtime = new ToolRuntime(container.resolve(ConfigToken), logger, registered, auditOf(config, logger), container.resolve(SecretsToken), extras);
  return { container, runtime, report };
}

/** The audit file of TREKMAIL_AUDIT_LOG, if set. */
export function auditOf(config: Config, logger: Logger): Audit | undefined {
  return config.auditLog ? fileAudit(config.auditLog, (err) => logger.error(`audit log ${config.auditLog} unwritable: ${err.message}`)) : undefined;
}

/** A tool that registers, before an API client is attached (pass-through HTTP attaches each request's own). */
export type PlannedTool = Omit<RegisteredTool, 'client'>;

/** What registers for a set of capabilities: the report, the tools, and what the deployment tells agents. */
export interface Plan {
  report: LoadReport;
  tools: PlannedTool[];
  extras: RuntimeExtras;
}

/**
 * Which packs and tools register for these capabilities, and why the others do not. `entriesOf` reads a pack's
 * tools (from the manifest or the code); only eligible packs are read, so the others cost nothing.
 */
export async function planTools(config: Config, transport: 'stdio' | 'http', packs: PackSpec[], capabilities: Capabilities, entriesOf: (pack: PackSpec) => Promise<PackEntry[]>, manifest: Manifest | null = null): Promise<Plan> {
  const sel = selection(config, transport, packs);
  const report: LoadReport = { capabilities, packs: [] };
  const decided = packs.map((pack) => ({ pack, decision: decidePack(pack, capabilities, sel) }));
  const [entries, coreEntries] = await Promise.all([
    Promise.all(decided.map((d) => (d.decision.ok ? entriesOf(d.pack) : undefined))),
    entriesOf(CORE_PACK),
  ]);
  const registered: PlannedTool[] = [];
  decided.forEach(({ pack, decision }, i) => {
    const entry: LoadReport['packs'][number] = { id: pack.id, token: pack.token, decision, note: pack.note, tools: [] };
    report.packs.push(entry);
    for (const { area, meta, schema, load } of entries[i] ?? []) {
      const d = decideTool(meta, pack, capabilities, sel, area);
      entry.tools.push({ name: meta.name, area, access: meta.access, gate: meta.gate, decision: d });
      if (d.ok) registered.push({ meta, pack, area, load, inputSchema: schema });
    }
    entry.tools.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  });
  // The server's own tools: the preview tool exists when there is a write to preview; discover mode adds the
  // finder and its executors (the write one only when there is a write to run).
  const discover = config.toolMode === 'discover';
  const hasWrite = registered.some((t) => t.meta.access !== 'read');
  for (const { area, meta, schema, load } of coreEntries) {
    const role = meta.discovery;
    const wanted = discover ? role === 'find' || role === 'read' || hasWrite : role === undefined && hasWrite;
    if (wanted && decideTool(meta, CORE_PACK, capabilities, { ...sel, toolsets: undefined }, area).ok) registered.push({ meta, pack: CORE_PACK, area, load, inputSchema: schema });
  }
  const extras = deploymentExtras({
    config, capabilities, selection: sel, manifest, registered: registered as RegisteredTool[],
    packs: decided.map(({ pack, decision }, i) => ({ pack, decision, entries: entries[i]?.map(({ area, meta, schema }) => ({ area, meta, schema })) })),
  });
  return { report, tools: registered, extras };
}

export interface PackEntry {
  area: string;
  meta: ToolMeta;
  schema: RegisteredTool['inputSchema'];
  load: () => Promise<ToolClass>;
}

/**
 * A pack's tools. From the build manifest: declaration and schema as recorded, classes imported on first use (one
 * import per pack). Without one: the pack is imported now and its schemas generated from the classes.
 */
export async function packEntries(pack: PackSpec, recorded: ManifestTool[] | undefined): Promise<PackEntry[]> {
  if (recorded) {
    let classes: Promise<Map<string, ToolClass>> | undefined;
    const byName = () => (classes ??= pack.tools().then((m) => new Map(toolClassesOf(m.default).map(({ cls }) => [toolMeta(cls)!.name, cls]))));
    return recorded.map(({ area, meta, schema }) => ({
      area, meta, schema,
      load: async () => {
        const cls = (await byName()).get(meta.name);
        if (!cls) throw new Error(`${meta.name} is in build/manifest.json but not in the ${pack.id} pack's code: rebuild with npm run build`);
        return cls;
      },
    }));
  }
  const [{ default: tools }, { generateToolSchema }, { compactSchema }] = await Promise.all([pack.tools(), import('./schema.js'), import('./catalog/compact.js')]);
  return Promise.all(toolClassesOf(tools).map(async ({ area, cls }) => {
    const meta = toolMeta(cls)!;
    return { area, meta, schema: compactSchema(await generateToolSchema(cls, meta)), load: async () => cls };
  }));
}

/** The user's selection, with TREKMAIL_TOOLSETS checked against the packs' declared names. */
export function selection(config: Config, transport: 'stdio' | 'http', packs: PackSpec[]): Selection {
  let toolsets: Set<string> | undefined;
  if (config.toolsets) {
    // Areas may be named alone (every pack's area of that name) or as pack/area.
    const valid = new Set(['default', ...packs.flatMap((p) => [p.id, ...(p.areas ?? []), ...(p.areas ?? []).map((a) => `${p.id}/${a}`)])]);
    const unknown = config.toolsets.filter((t) => !valid.has(t));
    if (unknown.length) throw new ConfigError('TREKMAIL_TOOLSETS', `unknown toolset ${unknown.map((u) => `"${u}"`).join(', ')}; valid: ${[...valid].sort().join(', ')}`);
    // `default`: every pack's everyday areas, a list short enough for clients that cap tools.
    toolsets = new Set(config.toolsets.flatMap((t) => (t === 'default' ? packs.flatMap((p) => (p.defaultAreas ?? []).map((a) => `${p.id}/${a}`)) : [t])));
  }
  const closed = closedGates(config);
  return { transport, toolsets, readOnly: config.readOnly, hiddenGates: config.hideGated ? closed : undefined, closedGates: closed };
}

/** The human-readable --list-tools report. */
export function formatReport(report: LoadReport): string {
  const lines: string[] = [];
  const caps = report.capabilities;
  for (const [kind, variable] of [['ops', 'TREKMAIL_API_TOKEN'], ['message', 'TREKMAIL_MESSAGE_TOKEN']] as const) {
    const c = caps[kind];
    if (!c) lines.push(`${variable}: not set`);
    // Plan and label come from the API: shown escaped, never as terminal control.
    else lines.push(`${variable}: plan ${printable(String(c.plan ?? 'unknown'))}, ${c.scopes ? `${c.scopes.size} scopes` : 'scopes unknown'}${c.label ? `, ${printable(c.label)}` : ''}`);
  }
  let total = 0;
  for (const p of report.packs) {
    if (!p.decision.ok) {
      lines.push(`\n✗ ${p.id}: not loaded: ${printable(p.decision.reasons.join('; '))}`);
      continue;
    }
    const on = p.tools.filter((t) => t.decision.ok);
    total += on.length;
    lines.push(`\n✓ ${p.id}: ${on.length} of ${p.tools.length} tools${p.note ? ` (${p.note})` : ''}`);
    for (const t of p.tools) {
      const flags = [t.access, t.gate ? `gate:${t.gate}` : ''].filter(Boolean).join(', ');
      lines.push(t.decision.ok ? `  ${t.name} (${flags})` : `  - ${t.name}: ${printable(t.decision.reasons.join('; '))}`);
    }
  }
  lines.push(`\n${total} tools registered.`);
  return lines.join('\n');
}
