import type { JsonSchema } from '../routing/route.js';

/**
 * An ajv schema as OpenAPI 3.1 (JSON Schema 2020-12) reads it: ajv's `nullable: true` becomes a
 * `null` in the type list (JSONSchemaType asks for it on optional fields; a `not: {type: 'null'}`
 * beside it still refuses null). Everything else is the same in both dialects.
 */
export function documentSchema(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(documentSchema);
  if (schema === null || typeof schema !== 'object') return schema;
  const { nullable, ...rest } = schema as Record<string, unknown>;
  const converted: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(rest)) {
    // `properties` maps names to schemas; `enum` and `const` hold data and stay as they are.
    converted[key] = key === 'enum' || key === 'const' || key === 'example' ? value : documentSchema(value);
  }
  if (nullable === true && typeof converted.type === 'string') converted.type = [converted.type, 'null'];
  return converted;
}

/** The example of a parameter as its schema types it: `"42"` → 42, `"1,2,3"` → [1, 2, 3]. */
export function typedExample(schema: JsonSchema, example: string): unknown {
  if (schema.type === 'integer') return Number(example);
  if (schema.type === 'array') return example.split(',').map(Number);
  return example;
}
