import { discoverPacks } from '../core/discovery.js';
import { toolClassesOf } from '../core/pack.js';
import { generateToolSchema, type JsonSchema } from '../core/schema.js';
import { toolMeta } from '../core/tool.js';

const typeOf = (p: JsonSchema): string => {
  if (p.enum) return (p.enum as string[]).join('\\|');
  const t = Array.isArray(p.type) ? p.type.join('\\|') : String(p.type ?? 'object');
  if (t === 'array') return `${typeOf((p.items as JsonSchema) ?? {})}[]`;
  return t;
};

/** The tool reference (docs/tools.md), generated from the code: packs, their requirements, and every tool. */
export async function renderToolDocs(): Promise<string> {
  const out: string[] = [
    '# Tool reference',
    '',
    'Generated from the code by `npm run docs`; a test fails when this file is stale. Access: read, write or',
    'destructive. Gate: the env variable that must be `true` (destructive → TREKMAIL_ALLOW_DESTRUCTIVE, sending →',
    'TREKMAIL_ALLOW_SENDING, migration → TREKMAIL_ALLOW_MIGRATION). Confirm: the per-call flag that must be `true`',
    '(or the person approves through elicitation). Parameters marked `?` are optional.',
    '',
    'Besides the packs, the server lists `preview_tool_call` (tool, arguments) whenever a write tool is present: it',
    'shows the exact request a call would send and which gates apply, and sends nothing.',
  ];
  const packs = (await discoverPacks()).sort((a, b) => a.id.localeCompare(b.id));
  for (const pack of packs) {
    const tools = (await Promise.all(toolClassesOf((await pack.tools()).default).map(async ({ area, cls }) => ({ area, meta: toolMeta(cls)!, schema: await generateToolSchema(cls, toolMeta(cls)!) }))))
      .sort((a, b) => a.area.localeCompare(b.area) || a.meta.name.localeCompare(b.meta.name));
    out.push('', `## ${pack.id} (${tools.length} tools)`, '', pack.description + '.', '');
    out.push(`Token: ${pack.token === 'ops' ? 'TREKMAIL_API_TOKEN' : 'TREKMAIL_MESSAGE_TOKEN'}; plan: ${pack.minPlan} or higher (writes: ${pack.writePlan ?? 'pro'} or higher).`, '');
    out.push('| tool | area | access | gate | confirm | route | parameters | description |', '|---|---|---|---|---|---|---|---|');
    for (const { area, meta, schema } of tools) {
      const req = new Set((schema.required as string[] | undefined) ?? []);
      const params = Object.entries(schema.properties as Record<string, JsonSchema>)
        .filter(([k]) => k !== meta.confirm)
        .map(([k, p]) => `\`${k}${req.has(k) ? '' : '?'}\`: ${typeOf(p)}`)
        .join(', ');
      out.push(`| \`${meta.name}\` | ${area} | ${meta.access} | ${meta.gate ?? ''} | ${meta.confirm ?? ''} | \`${meta.method} ${meta.path}\` | ${params} | ${meta.description.replace(/\|/g, '\\|')} |`);
    }
  }
  return out.join('\n') + '\n';
}
