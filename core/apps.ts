import { readFile } from 'node:fs/promises';
import type { ToolRuntime } from './runtime.js';
import type { PackApp } from './types.js';

/** The MIME type of an MCP App view (io.modelcontextprotocol/ui extension). */
export const APP_MIME = 'text/html;profile=mcp-app';

/** A `resources/list` entry. */
export interface AppResource {
  uri: string;
  name: string;
  title: string;
  description: string;
  mimeType: string;
  _meta: { ui: UiResourceMeta };
}

/** `_meta.ui` of a view: no network at all (empty CSP lists), a border, and the permissions it asks for. */
interface UiResourceMeta {
  csp: { connectDomains: string[]; resourceDomains: string[] };
  prefersBorder: boolean;
  permissions?: PackApp['permissions'];
}

/** The views of the registered tools' packs, and which tool links which view. Knows no pack by name. */
export interface AppCatalog {
  resources: AppResource[];
  /** `_meta` for a listed tool that shows a view, else undefined. */
  toolMeta(tool: string): { ui: { resourceUri: string } } | undefined;
  /** `resources/read` contents of a view, or undefined for an unknown URI. */
  read(uri: string): Promise<{ contents: { uri: string; mimeType: string; text: string; _meta: { ui: UiResourceMeta } }[] } | undefined>;
}

/**
 * Collects the views declared by the packs of the registered tools. A view is listed when at least one of its
 * tools is registered (a read-only or toolset-limited start may leave it out), and linked from those tools only.
 * Its HTML is read on the first `resources/read`, never at start.
 */
export function appCatalog(runtime: ToolRuntime): AppCatalog {
  const registered = runtime.list().map((t) => runtime.get(t.name)!);
  const apps = new Map<string, PackApp>();
  const links = new Map<string, string>();
  for (const tool of registered) {
    for (const app of tool.pack.apps ?? []) {
      if (!app.tools.includes(tool.meta.name)) continue;
      const seen = apps.get(app.uri);
      if (seen && seen !== app) throw new Error(`two packs declare the view ${app.uri}`);
      apps.set(app.uri, app);
      links.set(tool.meta.name, app.uri);
    }
  }
  const meta = (app: PackApp): UiResourceMeta => ({
    csp: { connectDomains: [], resourceDomains: [] },
    prefersBorder: true,
    ...(app.permissions ? { permissions: app.permissions } : {}),
  });
  const html = new Map<string, Promise<string>>();
  return {
    resources: [...apps.values()]
      .map((a) => ({ uri: a.uri, name: a.name, title: a.title, description: a.description, mimeType: APP_MIME, _meta: { ui: meta(a) } }))
      .sort((a, b) => a.uri.localeCompare(b.uri)),
    toolMeta: (tool) => {
      const uri = links.get(tool);
      return uri ? { ui: { resourceUri: uri } } : undefined;
    },
    read: async (uri) => {
      const app = apps.get(uri);
      if (!app) return undefined;
      let text = html.get(uri);
      if (!text) {
        text = readFile(app.file, 'utf8');
        html.set(uri, text);
        text.catch(() => html.delete(uri));
      }
      return { contents: [{ uri, mimeType: APP_MIME, text: await text, _meta: { ui: meta(app) } }] };
    },
  };
}
