import { Server, type Tool } from '@modelcontextprotocol/server';
import { serveStdio } from '@modelcontextprotocol/server/stdio';

/**
 * The start-up floor: the smallest stdio MCP server the same SDK allows (v2 low-level Server, one tool, both eras
 * through the SDK's serveStdio entry, as trekmail-mcp serves them). Everything trekmail-mcp adds on top of this (DI,
 * validation, discovery, packs) shows as its ratio to this process.
 */
const tools: Tool[] = [
  {
    name: 'echo',
    description: 'Echo the text back.',
    inputSchema: { type: 'object', properties: { text: { type: 'string' } }, required: ['text'], additionalProperties: false },
  },
];

serveStdio(() => {
  const server = new Server({ name: 'floor', version: '1.0.0' }, { capabilities: { tools: { listChanged: false } } });
  server.setRequestHandler('tools/list', async () => ({ tools }));
  server.setRequestHandler('tools/call', async (req) => ({
    content: [{ type: 'text' as const, text: String((req.params.arguments as { text?: unknown } | undefined)?.text ?? '') }],
  }));
  return server;
});
