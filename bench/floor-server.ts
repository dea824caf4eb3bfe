import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { CallToolRequestSchema, ListToolsRequestSchema } from '@modelcontextprotocol/sdk/types.js';

/**
 * The start-up floor: the smallest stdio MCP server the same SDK allows (low-level Server, one tool). Everything
 * trekmail-mcp adds on top of this (DI, validation, discovery, packs) shows as its ratio to this process.
 */
const tools = [
  {
    name: 'echo',
    description: 'Echo the text back.',
    inputSchema: { type: 'object' as const, properties: { text: { type: 'string' } }, required: ['text'], additionalProperties: false },
  },
];

const server = new Server({ name: 'floor', version: '1.0.0' }, { capabilities: { tools: { listChanged: false } } });
server.setRequestHandler(ListToolsRequestSchema, async () => ({ tools }));
server.setRequestHandler(CallToolRequestSchema, async (req) => ({
  content: [{ type: 'text' as const, text: String((req.params.arguments as { text?: unknown } | undefined)?.text ?? '') }],
}));
await server.connect(new StdioServerTransport());
