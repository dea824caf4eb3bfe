import type { Config } from '../types.js';
import { gateFor, gateOpen, gateVariable } from '../gates.js';
import type { ToolOutcome } from '../types.js';
import type { CatalogEntry, ToolSearch } from './search.js';

/** One findable tool: what the deployment may show of it, and whether it can run here (and why not). */
export interface Findable extends CatalogEntry {
  available: boolean;
  /** Why it cannot run in this deployment (a token, plan, scope or gate the user controls). */
  why?: string;
}

/**
 * The find_tools answer: the catalog narrowed by the user's selection (toolsets, read-only, hidden gates,
 * transport), ranked by the build-time index. Tools that the selection keeps but this deployment cannot run (no
 * token for them, a plan or scope short, a pack off behind its gate) are found too, marked unavailable with the
 * reason, so the agent can tell the person what to change.
 */
export class ToolFinder {
  private readonly byName: Map<string, Findable>;
  private readonly names: Set<string>;
  private search?: Promise<ToolSearch>;

  constructor(
    tools: Findable[],
    private readonly config: Config,
    private readonly loadSearch: (entries: CatalogEntry[]) => Promise<ToolSearch>,
  ) {
    this.byName = new Map(tools.map((t) => [t.meta.name, t]));
    this.names = new Set(this.byName.keys());
  }

  /** How many tools discovery can find, and how many of them run here. */
  counts(): { findable: number; available: number } {
    return { findable: this.names.size, available: [...this.byName.values()].filter((t) => t.available).length };
  }

  async find(query: string, limit = 5): Promise<ToolOutcome> {
    const search = await (this.search ??= this.loadSearch([...this.byName.values()]));
    const hits = search.search(query, Math.min(Math.max(limit, 1), 10), this.names);
    const matches = hits.map(({ name }) => this.describe(this.byName.get(name)!));
    if (!matches.length) return { ok: true, data: { matches, hint: 'No tool matches; try other words (what to do, to what).' } };
    return { ok: true, data: { matches } };
  }

  private describe(t: Findable): Record<string, unknown> {
    const { meta } = t;
    if (!t.available) return { name: meta.name, description: meta.description, available: false, why: t.why };
    const out: Record<string, unknown> = {
      name: meta.name,
      description: meta.description,
      available: true,
      run_with: meta.access === 'read' ? 'call_read_tool' : 'call_write_tool',
    };
    const gate = gateOf(meta, this.config);
    if (gate) out.gate = gate;
    out.inputSchema = t.schema;
    return out;
  }
}

/** A tool's env gate as the agent needs it: the variable, whether it is open, and when it applies. */
function gateOf(meta: CatalogEntry['meta'], config: Config): string | undefined {
  const conditional = meta.gate === 'destructive-if-delete' ? ' when action is delete' : meta.gate === 'destructive-if-discard' ? ' when an action discards or rejects mail' : '';
  const gate = conditional ? 'destructive' : gateFor(meta, {});
  if (!gate) return undefined;
  return `${gateVariable(gate)}=true needed${conditional} (${gateOpen(gate, config) ? 'set' : 'not set: the call is refused'})`;
}
