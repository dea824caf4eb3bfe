import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { CallToolRequestSchema, ErrorCode, ListResourcesRequestSchema, ListToolsRequestSchema, McpError, ReadResourceRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { appCatalog } from './apps.js';
import { VERSION } from './http.js';
import type { ToolRuntime } from './runtime.js';

/** The one place that speaks MCP (SDK 1.x low-level Server): tools/list from precomputed schemas, tools/call to the runtime. */
export function createMcpServer(runtime: ToolRuntime, transport: 'stdio' | 'http' = 'stdio'): Server {
  // MCP Apps (io.modelcontextprotocol/ui): the packs' views as ui:// resources, linked from their tools' listing.
  // Clients without the extension ignore `_meta.ui` and keep the tools' text results.
  const apps = appCatalog(runtime);
  const server = new Server(
    { name: 'trekmail-mcp', version: VERSION },
    {
      capabilities: { tools: { listChanged: false }, ...(apps.resources.length ? { resources: { listChanged: false } } : {}) },
      instructions: runtime.instructions(),
    },
  );
  const tools = runtime.list().map((t) => {
    const meta = apps.toolMeta(t.name);
    return meta ? { ...t, _meta: meta } : t;
  });
  if (apps.resources.length) {
    server.setRequestHandler(ListResourcesRequestSchema, async () => ({ resources: apps.resources }));
    server.setRequestHandler(ReadResourceRequestSchema, async (req) => {
      const found = await apps.read(req.params.uri);
      // -32002: the MCP spec's "resource not found".
      if (!found) throw new McpError(-32002, `Resource not found: ${req.params.uri}`);
      return found;
    });
  }
  server.setRequestHandler(ListToolsRequestSchema, async () => {
    // The list is answered from the build manifest; the tools' code loads right after, off the start-up path.
    runtime.warm();
    return { tools };
  });
  server.setRequestHandler(CallToolRequestSchema, async (req, extra) => {
    const { name, arguments: args } = req.params;
    if (!runtime.has(name)) throw new McpError(ErrorCode.InvalidParams, `Unknown tool: ${name}`);
    const token = req.params._meta?.progressToken;
    const progress = token === undefined
      ? undefined
      : async (done: number, total?: number, message?: string) => {
          await extra.sendNotification({ method: 'notifications/progress', params: { progressToken: token, progress: done, total, message } });
        };
    // Elicitation needs a server-to-client request inside the call: stdio only (HTTP mode answers plain JSON).
    const elicit = transport === 'stdio' && server.getClientCapabilities()?.elicitation
      ? async (message: string) => {
          const r = await server.elicitInput(
            { message, requestedSchema: { type: 'object', properties: { approve: { type: 'boolean', title: 'Approve', description: 'Tick to let the agent go ahead' } }, required: ['approve'] } },
            { timeout: 300_000, signal: extra.signal },
          );
          // Some clients report "accept" for a rejection: the content must say yes too.
          return r.action === 'accept' && (r.content as { approve?: unknown } | undefined)?.approve === true;
        }
      : undefined;
    // A deliberate repeat (issue 18, core/idempotency.ts): `_meta: {"trekmail/repeat": true}` on the call gives it
    // fresh idempotency keys instead of derived ones. Nothing in tools/list: a parameter would cost 6-17 KB there.
    const freshKey = (req.params._meta as Record<string, unknown> | undefined)?.['trekmail/repeat'] === true;
    return runtime.call(name, args ?? {}, { signal: extra.signal, transport, progress, elicit, freshKey });
  });
  return server;
}

/** Serves MCP over stdio until stdin closes. */
export async function serveStdio(runtime: ToolRuntime): Promise<Server> {
  const server = createMcpServer(runtime, 'stdio');
  await server.connect(new StdioServerTransport());
  return server;
}
