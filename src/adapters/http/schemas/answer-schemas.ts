import type { JsonSchema } from '../routing/route.js';

/**
 * Building blocks of the answers' schemas (JSON Schema 2020-12, as OpenAPI 3.1 reads it). Every
 * object is closed (`additionalProperties: false`): the document says exactly what leaves.
 */
export function object(properties: Record<string, JsonSchema>, optional: readonly string[] = []): JsonSchema {
  return {
    type: 'object',
    properties,
    required: Object.keys(properties).filter((key) => !optional.includes(key)),
    additionalProperties: false,
  };
}

export const arrayOf = (items: JsonSchema, description?: string): JsonSchema => ({ type: 'array', items, ...(description ? { description } : {}) });
export const nullable = (schema: JsonSchema): JsonSchema => ({ ...schema, type: [schema.type, 'null'] });

export const id: JsonSchema = { type: 'integer', minimum: 1 };
export const count: JsonSchema = { type: 'integer', minimum: 0 };
export const text: JsonSchema = { type: 'string' };
export const yuan: JsonSchema = { type: 'string', pattern: '^\\d+\\.\\d{2}$', description: 'yuan, from integer fen: "0.01"' };
export const chinaTime: JsonSchema = {
  type: 'string',
  pattern: '^\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}$',
  description: '`Y-m-d H:i:s`, China time (UTC+8)',
};
export const imageUrl: JsonSchema = { type: 'string', description: 'absolute http(s) URL' };
export const image: JsonSchema = object({ url: imageUrl });

export const token: JsonSchema = object({ token: { type: 'string', minLength: 1 } });

/** zerg's answer to a write that returns nothing else. */
export const created: JsonSchema = object({ code: { const: 201 }, msg: { const: 'ok' }, errorCode: { const: 0 } });

/** Every failure: `{msg, error_code, request_url}`. */
export const errorBody: JsonSchema = object({
  msg: { type: 'string', description: 'what went wrong; zerg’s Chinese message and an English one' },
  error_code: { type: 'integer', description: 'zerg’s error code (see the error table)' },
  request_url: { type: 'string', description: 'the path asked for' },
});

/** WeChat's XML answer to a notification. */
export const wechatXml: JsonSchema = { type: 'string', description: '`<xml><return_code>SUCCESS|FAIL</return_code><return_msg>…</return_msg></xml>`' };

/** WeChat Pay v3's answer to a notification it should send again (success is a 204 without a body). */
export const wechatV3Answer: JsonSchema = object({ code: { const: 'FAIL' }, message: { type: 'string' } });
