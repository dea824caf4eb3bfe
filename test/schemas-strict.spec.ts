import { expect } from 'chai';
import { createRequire } from 'node:module';
import { readManifest } from '../core/manifest.js';

const require = createRequire(import.meta.url);

/**
 * Every listed input schema compiles under a strict JSON Schema validator (Ajv, draft 2020-12, the dialect MCP
 * assumes when a schema names none, with the standard formats): no dangling $ref, no unknown keyword or format.
 */
describe('listed schemas under a strict validator', () => {
  it('all of them compile (Ajv 2020, strict), and none refers to a definition it does not carry', async () => {
    const Ajv2020 = require('ajv/dist/2020').default;
    const addFormats = require('ajv-formats').default ?? require('ajv-formats');
    const ajv = new Ajv2020({ strict: true, strictTypes: true, strictTuples: true, strictRequired: true, allErrors: true });
    addFormats(ajv);
    // The manifest holds the schema of every tool of every pack: what tools/list answers from.
    const tools = Object.values(readManifest()!).flat().map((e) => ({ name: e.meta.name, inputSchema: e.schema }));
    expect(tools.length).to.be.greaterThan(270);
    const failures: string[] = [];
    for (const t of tools) {
      const text = JSON.stringify(t.inputSchema);
      if (text.includes('"$ref"')) failures.push(`${t.name}: $ref`);
      if (/"format":"base64"/.test(text)) failures.push(`${t.name}: format base64`);
      try {
        ajv.compile(t.inputSchema);
      } catch (err) {
        failures.push(`${t.name}: ${(err as Error).message}`);
      }
    }
    expect(failures).to.deep.equal([]);
  });
});
