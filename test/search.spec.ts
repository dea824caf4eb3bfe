import { expect } from 'chai';
import { builtSearch, catalogEntries, evaluate } from '../bench/search.js';
import { HELD_OUT, SEARCH_EVAL, TUNE } from '../bench/search-eval.js';
import { ToolSearch } from '../core/catalog/search.js';

/** The tool search of TREKMAIL_TOOLS=discover: the evaluation set is sound, and accuracy (deterministic) does not slip. */
describe('tool search (build/search-index.json, bench/search-eval.ts)', () => {
  it('the evaluation set has 150+ requests over every pack, each naming catalog tools, split in two halves', () => {
    const entries = catalogEntries();
    const packOf = new Map(entries.map((e) => [e.meta.name, e.pack]));
    expect(SEARCH_EVAL.length).to.be.at.least(150);
    expect(TUNE.length + HELD_OUT.length).to.equal(SEARCH_EVAL.length);
    const unknown = SEARCH_EVAL.flatMap((c) => c.tools.filter((t) => !packOf.has(t)));
    expect(unknown).to.deep.equal([]);
    expect(new Set(SEARCH_EVAL.flatMap((c) => c.tools.map((t) => packOf.get(t))))).to.have.keys(...new Set(entries.map((e) => e.pack)));
    // Users' words, not tool names.
    expect(SEARCH_EVAL.filter((c) => c.tools.some((t) => c.q.includes(t))).map((c) => c.q)).to.deep.equal([]);
  });

  it('the built index equals one built from the manifest now, and ranks the held-out half at the bench goals (top-3 ≥ 95%, top-1 ≥ 80%)', () => {
    const built = builtSearch();
    const fresh = ToolSearch.fromEntries(catalogEntries());
    for (const { q } of SEARCH_EVAL.slice(0, 20)) expect(built.search(q, 5)).to.deep.equal(fresh.search(q, 5));
    const r = evaluate(built, HELD_OUT);
    expect(r.top3, `top-3 ${r.top3}`).to.be.at.least(0.95);
    expect(r.top1, `top-1 ${r.top1}`).to.be.at.least(0.8);
  });

  it('answers any text without throwing, and only among the allowed names', () => {
    const s = builtSearch();
    for (const q of ['', '   ', '!!!', 'a'.repeat(300), 'délétè 🙂 mailbox', 'the of and']) expect(() => s.search(q, 5)).not.to.throw();
    const allowed = new Set(['drive_file_trash', 'list_domains']);
    expect(s.search('delete a file in the drive', 5, allowed).map((h) => h.name)).to.deep.equal(['drive_file_trash']);
  });
});
