import { countTokens } from 'gpt-tokenizer';
import { readManifest } from '../core/manifest.js';
import { readBuiltIndex, ToolSearch, type CatalogEntry } from '../core/catalog/search.js';
import { HELD_OUT, SEARCH_EVAL, TUNE, type EvalCase } from './search-eval.js';

export interface SearchEvalResult {
  cases: number;
  top1: number;
  top3: number;
  top5: number;
  misses: { q: string; want: string[]; got: string[] }[];
}

/** Top-k accuracy of the built index over a set of cases (the whole catalog searchable). */
export function evaluate(search: ToolSearch, cases: EvalCase[]): SearchEvalResult {
  let top1 = 0, top3 = 0, top5 = 0;
  const misses: SearchEvalResult['misses'] = [];
  for (const { q, tools } of cases) {
    const got = search.search(q, 5).map((h) => h.name);
    const rank = got.findIndex((n) => tools.includes(n));
    if (rank === 0) top1++;
    if (rank >= 0 && rank < 3) top3++;
    if (rank >= 0) top5++;
    if (rank !== 0) misses.push({ q, want: tools, got });
  }
  const n = cases.length;
  return { cases: n, top1: top1 / n, top3: top3 / n, top5: top5 / n, misses };
}

export function catalogEntries(): CatalogEntry[] {
  const manifest = readManifest();
  if (!manifest) throw new Error('build/manifest.json missing: npm run build');
  return Object.entries(manifest).filter(([id]) => id !== 'core').flatMap(([pack, tools]) => tools.map((t) => ({ pack, ...t })));
}

export function builtSearch(): ToolSearch {
  const json = readBuiltIndex();
  return json ? ToolSearch.fromJson(json) : ToolSearch.fromEntries(catalogEntries());
}

export { countTokens, HELD_OUT, SEARCH_EVAL, TUNE };

// `node build/bench/search.js [tune|held-out|all]`: figures and the misses of one half.
if (import.meta.url === `file://${process.argv[1]}`) {
  const half = process.argv[2] ?? 'tune';
  const cases = half === 'all' ? SEARCH_EVAL : half === 'held-out' ? HELD_OUT : TUNE;
  const r = evaluate(builtSearch(), cases);
  console.log(`${half}: ${r.cases} cases, top-1 ${(r.top1 * 100).toFixed(1)}%, top-3 ${(r.top3 * 100).toFixed(1)}%, top-5 ${(r.top5 * 100).toFixed(1)}%`);
  if (half !== 'held-out') for (const m of r.misses) console.log(`  ${m.q}\n    want ${m.want.join('|')}\n    got  ${m.got.join(', ')}`);
}
