import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { invalidParameter } from './http.error.js';

/** One strict instance: no type coercion, so "1" is not a number and 1.5 is not an id. */
export const ajv = new Ajv({ allErrors: false, coerceTypes: false, strict: true });

export const MAX_ID = 2_147_483_647;

/** The validated body, or a 400 (error_code 10000) naming the first field that is wrong. */
export function validBody<T>(validate: ValidateFunction<T>, body: unknown): T {
  if (validate(body)) return body;
  throw invalidParameter(describe(validate.errors?.[0]));
}

function describe(error: ErrorObject | undefined): string {
  if (!error) return 'the request body is invalid';
  const path = error.instancePath
    .split('/')
    .slice(1)
    .reduce((field, part) => (/^\d+$/.test(part) ? `${field}[${part}]` : field ? `${field}.${part}` : part), '');
  if (error.keyword === 'required') {
    const missing = String((error.params as { missingProperty: string }).missingProperty);
    return `${path ? `${path}.` : ''}${missing} is required`;
  }
  if (error.propertyName !== undefined) {
    return `${path || 'body'} has a field named ${JSON.stringify(error.propertyName.slice(0, 40))} that ${error.message ?? 'is not allowed'}`;
  }
  if (error.keyword === 'additionalProperties') {
    return `${path || 'body'} has an unknown field ${String((error.params as { additionalProperty: string }).additionalProperty)}`;
  }
  return `${path || 'body'} ${error.message ?? 'is invalid'}`;
}

/** A path or query id: digits only, 1 to 2^31-1; anything else is a 400 naming the parameter. */
export function positiveInt(name: string, raw: unknown, max = MAX_ID): number {
  const text = typeof raw === 'string' ? raw : '';
  const value = /^[1-9]\d{0,9}$/.test(text) ? Number(text) : NaN;
  if (!Number.isSafeInteger(value) || value > max) {
    throw invalidParameter(`${name} must be an integer from 1 to ${max}, got ${JSON.stringify(raw ?? null)}`);
  }
  return value;
}

export function optionalPositiveInt(name: string, raw: unknown, fallback: number, max = MAX_ID): number {
  return raw === undefined ? fallback : positiveInt(name, raw, max);
}

export const MAX_PAGE = 10_000;
export const MAX_PAGE_SIZE = 100;

/** `page` and `size` of the order lists: zerg's defaults (1 and 15), bounded. */
export function paging(query: Record<string, unknown>): { page: number; size: number } {
  return {
    page: optionalPositiveInt('page', query.page, 1, MAX_PAGE),
    size: optionalPositiveInt('size', query.size, 15, MAX_PAGE_SIZE),
  };
}

/** A query as single strings: the first of a repeated name. */
export function stringQuery(query: Record<string, string | string[] | undefined>): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(query).map(([name, value]) => [name, Array.isArray(value) ? value[0] : value]));
}
