import { decideTool, type Capabilities, type Decision, type Selection } from '../eligibility.js';
import type { Manifest, ManifestTool } from '../manifest.js';
import type { Config, PackSpec, ToolMeta } from '../types.js';
import { ToolFinder, type Findable } from './finder.js';
import { instructionsFor } from './instructions.js';

export interface DeploymentInput {
  config: Config;
  capabilities: Capabilities;
  selection: Selection;
  /** Every pack with its decision, and the tools read for it (the eligible ones; from the manifest or the code). */
  packs: { pack: PackSpec; decision: Decision; entries?: ManifestTool[] }[];
  manifest: Manifest | null;
  /** The tools registered for this deployment. */
  registered: { meta: ToolMeta; pack: PackSpec }[];
}

/**
 * What the runtime tells beyond its tools: the instructions for this deployment and, with TREKMAIL_TOOLS=discover,
 * the finder over the catalog as the user narrowed it. Nothing here imports the search library: the finder loads
 * the build-time index on its first search.
 */
export function deploymentExtras(input: DeploymentInput): { instructions: string; finder?: ToolFinder } {
  const { config, capabilities, selection, packs, manifest, registered } = input;
  const instructions = instructionsFor({ config, packs: packs.map(({ pack, decision }) => ({ pack, ok: decision.ok, reasons: decision.reasons })), tools: registered });
  if (config.toolMode !== 'discover') return { instructions };
  const here = new Set(registered.filter((t) => t.pack.token !== 'none').map((t) => t.meta.name));
  const findable: Findable[] = [];
  for (const { pack, decision, entries } of packs) {
    if (pack.token === 'none') continue;
    for (const { area, meta, schema } of manifest?.[pack.id] ?? entries ?? []) {
      // The user's narrowing (toolsets, read-only, hidden gates, transport) hides a tool from discovery too.
      if (!decideTool(meta, pack, {}, selection, area).ok) continue;
      const available = here.has(meta.name);
      const why = available ? undefined : (decision.ok ? decideTool(meta, pack, capabilities, selection, area) : decision).reasons.join('; ');
      findable.push({ pack: pack.id, area, meta, schema, available, why });
    }
  }
  const finder = new ToolFinder(findable, config, async (all) => {
    const { readBuiltIndex, ToolSearch } = await import('./search.js');
    const built = manifest ? readBuiltIndex() : undefined;
    return built ? ToolSearch.fromJson(built) : ToolSearch.fromEntries(all);
  });
  return { instructions, finder };
}
