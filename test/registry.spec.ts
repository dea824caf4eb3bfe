import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';

const root = fileURLToPath(new URL('../../', import.meta.url));
const read = (f: string) => JSON.parse(readFileSync(root + f, 'utf8'));
const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;

/** server.json (the MCP registry entry) against the registry's 2025-12-11 schema, vendored in test/fixtures/registry. */
describe('registry entry (server.json)', () => {
  const schema = read('test/fixtures/registry/server.schema.json');
  // Strict, except strictRequired: the schema itself names in anyOf branches properties declared beside them.
  const ajv = addFormats(new Ajv2020({ strict: true, strictRequired: false, allErrors: true }));
  const validate = ajv.compile(schema);
  const server = read('server.json');

  it('is valid against the registry schema it names', () => {
    expect(server.$schema).to.equal(schema.$id);
    const ok = validate(server);
    expect(validate.errors ?? [], ajv.errorsText(validate.errors)).to.deep.equal([]);
    expect(ok).to.equal(true);
  });

  it('the schema is strict enough to refuse a broken entry', () => {
    const broken = structuredClone(server);
    broken.name = 'no-slash';
    broken.packages[0].version = 'latest';
    broken.packages[1].transport = { type: 'streamable-http', url: 'localhost:3000/mcp' };
    expect(validate(broken)).to.equal(false);
    const paths = (validate.errors ?? []).map((e) => e.instancePath);
    expect(paths).to.include.members(['/name', '/packages/0/version', '/packages/1/transport/url']);
  });

  it('describes the npm package over stdio and over Streamable HTTP, with the secrets marked', () => {
    const pkg = read('package.json');
    const [stdio, http] = server.packages;
    expect([stdio.registryType, stdio.identifier, stdio.transport]).to.deep.equal(['npm', pkg.name, { type: 'stdio' }]);
    expect([http.registryType, http.identifier, http.transport.type]).to.deep.equal(['npm', pkg.name, 'streamable-http']);
    expect(http.packageArguments).to.deep.include({ type: 'named', name: '--http', description: http.packageArguments[0].description });
    // The URL's variable is one the package declares.
    const vars = [...http.transport.url.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
    expect(vars).to.deep.equal(['TREKMAIL_HTTP_PORT']);
    for (const p of server.packages) {
      const env = new Map<string, any>(p.environmentVariables.map((e: any) => [e.name, e]));
      for (const v of vars.filter(() => p === http)) expect(env.has(v), v).to.equal(true);
      const secret = p.environmentVariables.filter((e: any) => e.isSecret).map((e: any) => e.name).sort();
      expect(secret).to.deep.equal(p === http ? ['TREKMAIL_API_TOKEN', 'TREKMAIL_HTTP_TOKEN', 'TREKMAIL_MESSAGE_TOKEN'] : ['TREKMAIL_API_TOKEN', 'TREKMAIL_MESSAGE_TOKEN']);
      // Every variable named is one the server reads (the README's configuration table), and gates default off.
      const readme = readFileSync(root + 'README.md', 'utf8');
      for (const name of env.keys()) expect(readme.includes(name) || readme.includes(name.replace(/^TREKMAIL_HTTP_/, 'TREKMAIL_HTTP_HOST / _')), name).to.equal(true);
      for (const [name, e] of env) if (name.startsWith('TREKMAIL_ALLOW_')) expect(e.default, name).to.equal('false');
    }
  });
});
