import { readFileSync } from 'node:fs';
import MiniSearch, { type Options, type SearchOptions } from 'minisearch';
import { stemmer } from 'stemmer';
import type { JsonSchema } from '../schema.js';
import type { ToolMeta } from '../types.js';
import { expandTerm, intentOf, rewrite, STOP_WORDS } from './synonyms.js';

/** What the search indexes of one tool: its words, never its code. */
export interface SearchDoc {
  id: string;
  name: string;
  description: string;
  keywords: string;
  params: string;
  area: string;
  /** Stored, not indexed: read, write or destructive. */
  access: string;
}

/** One tool as the build manifest records it, with its pack. */
export interface CatalogEntry {
  pack: string;
  area: string;
  meta: ToolMeta;
  schema: JsonSchema;
}

const words = (s: string) => s.replace(/_/g, ' ');

/** The indexed document of a tool: its name in words, description, search keywords, parameters and area. */
export function searchDoc({ pack, area, meta, schema }: CatalogEntry): SearchDoc {
  const props = Object.entries((schema.properties ?? {}) as Record<string, JsonSchema>);
  return {
    id: meta.name,
    name: words(meta.name),
    description: meta.description,
    keywords: meta.keywords ?? '',
    params: props.map(([k, p]) => `${words(k)} ${typeof p.description === 'string' ? p.description : ''}`).join(' '),
    area: `${words(pack)} ${words(area)}`,
    access: meta.access,
  };
}

/** A word as the index keeps it: lower case, stemmed; stop words dropped. */
function indexTerm(term: string): string | null {
  const t = term.toLowerCase();
  if (STOP_WORDS.has(t) || !/[a-z0-9]/.test(t)) return null;
  return stemmer(t);
}

/** A word of a request: its stem and the stems of the catalog's words for it (a user's "login" is our "sign-in"). */
function queryTerm(term: string): string[] | null {
  const t = term.toLowerCase();
  if (STOP_WORDS.has(t) || !/[a-z0-9]/.test(t)) return null;
  return [...new Set([t, ...expandTerm(t)].flatMap((w) => w.split(/[\s-]+/)).filter((w) => w && !STOP_WORDS.has(w)).map((w) => stemmer(w)))];
}

/** Weights of the ranking (tuned on the tune half of bench/search-eval.ts only). */
export const WEIGHTS = { verb: 1.6, mood: 2 };
export const FIELD_BOOST: Record<string, number> = { name: 4, description: 3, keywords: 2, params: 0.4, area: 0.6 };

const OPTIONS: Options<SearchDoc> = {
  fields: ['name', 'description', 'keywords', 'params', 'area'],
  storeFields: ['name', 'access'],
  processTerm: indexTerm,
};

const SEARCH: SearchOptions = {
  boost: FIELD_BOOST,
  processTerm: queryTerm,
  prefix: (term) => term.length >= 5,
  fuzzy: (term) => (term.length >= 6 ? 0.15 : false),
  combineWith: 'OR',
};


/** The index as JSON (the build writes it to build/search-index.json, so start-up never builds it). */
export function buildIndex(entries: CatalogEntry[]): string {
  const index = new MiniSearch<SearchDoc>(OPTIONS);
  index.addAll(entries.map(searchDoc));
  return JSON.stringify(index);
}

/** A loaded index: ranks tool names for a request, among the names a deployment may show. */
export class ToolSearch {
  private constructor(private readonly index: MiniSearch<SearchDoc>) {}

  static fromJson(json: string): ToolSearch {
    return new ToolSearch(MiniSearch.loadJSON<SearchDoc>(json, OPTIONS));
  }

  static fromEntries(entries: CatalogEntry[]): ToolSearch {
    return ToolSearch.fromJson(buildIndex(entries));
  }

  /** Best matches first; only names in `allowed` (when given). */
  search(query: string, limit: number, allowed?: ReadonlySet<string>): { name: string; score: number }[] {
    // The request's verbs and mood: "remove …" prefers a tool named delete/remove/revoke, "which …?" a read.
    query = rewrite(query);
    const intent = intentOf(query);
    const boostDocument = (_id: unknown, _term: string, stored?: Record<string, unknown>) => {
      const name = String(stored?.name ?? '').split(' ');
      let f = 1;
      if (name.some((w) => intent.verbs.has(w))) f *= WEIGHTS.verb;
      if (intent.read !== undefined && (stored?.access === 'read') === intent.read) f *= WEIGHTS.mood;
      return f;
    };
    const hits = this.index.search(query, { ...SEARCH, boostDocument, filter: allowed ? (r) => allowed.has(r.id as string) : undefined });
    return hits.slice(0, limit).map((h) => ({ name: h.id as string, score: Math.round(h.score * 100) / 100 }));
  }
}

/** The build's index, when there is one (a plain `tsc` run has none: the caller builds it from its entries). */
export function readBuiltIndex(): string | undefined {
  try {
    return readFileSync(new URL('../../search-index.json', import.meta.url), 'utf8');
  } catch {
    return undefined;
  }
}
