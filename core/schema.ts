import 'reflect-metadata';
import { defaultMetadataStorage } from 'class-transformer/cjs/storage.js';
import { getMetadataStorage } from './validators.js';
import { nullables, schemaExtras, type ToolClass, type ToolMeta } from './tool.js';

export { Nullable } from './tool.js';

export type JsonSchema = Record<string, unknown>;

type ToSchema = (cls: Function, opts: object) => object;

/** Inline JSON Schema of an input class: nested classes inlined (no $ref), nullable fields typed as such. */
export async function classSchema(cls: Function): Promise<JsonSchema> {
  const { targetConstructorToSchema } = (await import('class-validator-jsonschema')) as { targetConstructorToSchema: ToSchema };
  return classSchemaWith(targetConstructorToSchema, cls);
}

function classSchemaWith(targetConstructorToSchema: ToSchema, cls: Function): JsonSchema {
  const schema = targetConstructorToSchema(cls, { classTransformerMetadataStorage: defaultMetadataStorage }) as JsonSchema;
  const props = (schema.properties ?? {}) as Record<string, JsonSchema>;
  for (const [key, prop] of Object.entries(props)) {
    const nested = (defaultMetadataStorage.findTypeMetadata(cls, key) as { typeFunction?: () => Function } | undefined)?.typeFunction?.();
    if (nested) {
      const target = prop.items && typeof prop.items === 'object' ? (prop.items as JsonSchema) : prop;
      delete target.$ref;
      Object.assign(target, classSchemaWith(targetConstructorToSchema, nested));
    }
  }
  // Range converters emit type "number" over @IsInt's "integer": restore it from the validation metadata.
  for (const m of getMetadataStorage().getTargetValidationMetadatas(cls, '', true, false)) {
    const p = props[m.propertyName];
    if (m.name !== 'isInt' || !p) continue;
    if (m.each && p.items && typeof p.items === 'object') (p.items as JsonSchema).type = 'integer';
    else if (!m.each) p.type = Array.isArray(p.type) ? p.type.map((t) => (t === 'number' ? 'integer' : t)) : 'integer';
  }
  for (const [key, extra] of Object.entries(schemaExtras(cls.prototype))) {
    if (props[key]) Object.assign(props[key], extra);
  }
  for (const [key, prop] of Object.entries(props)) tidy(prop, key);
  const required = new Set((schema.required as string[] | undefined) ?? []);
  for (const key of nullables(cls.prototype)) {
    const p = props[key];
    if (p && typeof p.type === 'string') p.type = [p.type, 'null'];
    required.add(key);
  }
  const out: JsonSchema = { type: 'object', properties: props };
  if (required.size) out.required = [...required];
  return out;
}

/**
 * Removes what costs context bytes and tells an agent nothing. The listed schema says what an agent needs to write
 * a valid call; limits no sensible call comes near (ids ≥ 1, strings of 200+ characters, lists of 100+ items) stay
 * in validation, which names the field and the rule when one is broken. Together ~4 KB over the full list.
 */
function tidy(p: JsonSchema, key = ''): void {
  // class-validator-jsonschema emits `not: {type:'null'}` for @IsDefined and `minLength: 1` for @IsNotEmpty; keep the latter.
  delete p.not;
  // A custom rule's converter points at the reflected type (`#/definitions/Array`); no definitions are ever listed.
  if (typeof p.$ref === 'string' && p.$ref.startsWith('#/definitions/')) delete p.$ref;
  // SchemaExtra({ key: undefined }) hides a keyword from the listing (validation keeps the rule).
  for (const k of Object.keys(p)) if (p[k] === undefined) delete p[k];
  // @IsISO8601 converts to oneOf [date, date-time]: one plain string with its format says the same in far fewer bytes.
  if (Array.isArray(p.oneOf) && p.oneOf.every((o: JsonSchema) => o.type === 'string' && (o.format === 'date' || o.format === 'date-time'))) {
    delete p.oneOf;
    p.type ??= 'string';
    p.format ??= 'date-time';
  }
  // An enum of whole numbers (ports) is an integer, whatever the converter guessed.
  if (Array.isArray(p.enum) && p.enum.length && p.enum.every((v) => Number.isInteger(v)) && p.type === 'number') p.type = 'integer';
  // "base64" is no JSON Schema format (strict validators refuse unknown formats): the standard keyword says it.
  if (p.format === 'base64') {
    delete p.format;
    p.contentEncoding = 'base64';
  }
  // A date format says all the YYYY-MM-DD pattern says.
  if (p.format === 'date' && p.pattern === '^\\d{4}-\\d{2}-\\d{2}$') delete p.pattern;
  // Ids, pages and page sizes are positive by nature; "not empty" is what a string parameter is anyway.
  if (/(^|_)(u?ids?|page|per_page)$/.test(key) && p.minimum === 1) delete p.minimum;
  if (p.minLength === 1) delete p.minLength;
  if (typeof p.maxLength === 'number' && p.maxLength >= 200) delete p.maxLength;
  if (typeof p.maxItems === 'number' && p.maxItems >= 100) delete p.maxItems;
  if (p.items && typeof p.items === 'object') tidy(p.items as JsonSchema, key);
}

/**
 * The tool's full input schema, generated from its class plus the core-owned confirmation flag. No
 * `additionalProperties: false`: validation rejects unknown fields by name anyway, and the keyword cost 5 KB of
 * every agent's context over the full list.
 */
export async function generateToolSchema(cls: ToolClass, meta: ToolMeta): Promise<JsonSchema> {
  const schema = await classSchema(cls);
  if (meta.confirm) {
    (schema.properties as Record<string, JsonSchema>)[meta.confirm] = { type: 'boolean', const: true, description: 'Must be true' };
    schema.required = [...((schema.required as string[] | undefined) ?? []), meta.confirm];
  }
  return schema;
}
