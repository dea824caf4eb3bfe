import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Sandbox } from '../sandbox/server.js';
import { BUILD_DIR, RECORDER, childEnv, errMsg, prepare, withTimeout, type Target } from './util.js';

export interface PackageCost {
  name: string;
  modules: number;
  /** Sum of the loaded files' sizes (a proxy for parse/compile work). */
  kb: number;
}

export interface ModulesResult {
  id: string;
  label: string;
  /** Files loaded (ours + dependencies; node: built-ins not counted). */
  total: number;
  /** Files of this project (under the build dir, not node_modules). */
  ours: number;
  oursKb: number;
  /** Our files by top folder: core, plugins/<pack>, sandbox, index. */
  oursByDir: Record<string, number>;
  deps: number;
  depsKb: number;
  /** Dependency packages, most modules first. */
  packages: PackageCost[];
  /** Files loaded from plugins/, relative to the build dir (which packs paid for what). */
  pluginFiles: string[];
  /** Built-ins seen through ESM imports (CommonJS requires of built-ins are not visible). */
  builtins: number;
  errors: string[];
}

/** Files that belong to the recorder, not to the server. */
const RECORDER_FILES = new Set(['bench/record-all.js', 'test/record-modules.js', 'test/record-hooks.js']);

function packageOf(path: string): string {
  const rest = path.slice(path.lastIndexOf(`${sep}node_modules${sep}`) + 14).split(sep);
  return rest[0]!.startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]!;
}

const sizeKb = (p: string): number => {
  try {
    return statSync(p).size / 1024;
  } catch {
    return 0;
  }
};

/** Classifies a module log (one URL a line). */
export function classify(urls: string[]): Omit<ModulesResult, 'id' | 'label' | 'errors'> {
  const seen = new Set<string>();
  let builtins = 0;
  const pkgs = new Map<string, PackageCost>();
  const oursByDir: Record<string, number> = {};
  const pluginFiles: string[] = [];
  let ours = 0;
  let oursKb = 0;
  for (const raw of urls) {
    const url = raw.trim().replace(/[?#].*$/, '');
    if (!url || seen.has(url)) continue;
    seen.add(url);
    if (url.startsWith('node:')) {
      builtins++;
      continue;
    }
    if (!url.startsWith('file:')) continue;
    const path = fileURLToPath(url);
    if (path.includes(`${sep}node_modules${sep}`)) {
      const name = packageOf(path);
      const p = pkgs.get(name) ?? { name, modules: 0, kb: 0 };
      p.modules++;
      p.kb += sizeKb(path);
      pkgs.set(name, p);
      continue;
    }
    const rel = relative(BUILD_DIR, path).split(sep).join('/');
    if (rel.startsWith('..') || RECORDER_FILES.has(rel)) continue;
    ours++;
    oursKb += sizeKb(path);
    const parts = rel.split('/');
    const dir = parts.length === 1 ? parts[0]! : parts[0] === 'plugins' ? `plugins/${parts[1]}` : parts[0]!;
    if (parts[0] === 'plugins') pluginFiles.push(rel);
    oursByDir[dir] = (oursByDir[dir] ?? 0) + 1;
  }
  const packages = [...pkgs.values()].map((p) => ({ ...p, kb: Math.round(p.kb) })).sort((a, b) => b.modules - a.modules || b.kb - a.kb);
  const deps = packages.reduce((n, p) => n + p.modules, 0);
  const depsKb = packages.reduce((n, p) => n + p.kb, 0);
  return { total: ours + deps, ours, oursKb: Math.round(oursKb), oursByDir, deps, depsKb, packages, pluginFiles: pluginFiles.sort(), builtins };
}

/** Spawns each target once with the module recorder, waits for tools/list and the warm-up after it, and counts what it loaded. */
export async function measureModules(sb: Sandbox, targets: Target[]): Promise<ModulesResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'trekmail-bench-'));
  const out: ModulesResult[] = [];
  try {
    for (const t of targets) {
      const file = join(dir, `${t.id}.log`);
      const s = prepare(t.script, childEnv(sb, t.tokens, { TREKMAIL_MODULE_LOG: file }), ['--import', RECORDER], t.era);
      const errors: string[] = [];
      try {
        await withTimeout(s.connect(), 30_000, `${t.id} initialize`);
        await withTimeout(s.client.listTools(), 30_000, `${t.id} tools/list`);
        // The list is answered from the build manifest; eligible packs' code loads right after. Count once settled.
        await new Promise((r) => setTimeout(r, 500));
      } catch (e) {
        errors.push(errMsg(e));
      } finally {
        await s.close();
      }
      let urls: string[] = [];
      try {
        urls = readFileSync(file, 'utf8').split('\n');
      } catch (e) {
        errors.push(`no module log: ${errMsg(e)}`);
      }
      out.push({ id: t.id, label: t.label, ...classify(urls), errors });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return out;
}
