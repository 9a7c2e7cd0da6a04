import { MAX_ID, optionalPositiveInt, positiveInt } from '../validation.js';
import type { Param } from './route.js';

const integer = (max: number) => ({ type: 'integer', minimum: 1, maximum: max }) as const;

/** A required id in the path (`/order/:id`): digits only, 1 to 2^31-1. */
export function pathId(description: string, example = '1'): Param<number> {
  return { in: 'path', description, required: true, schema: integer(MAX_ID), example, parse: (raw, name) => positiveInt(name, raw) };
}

/** A required positive integer in the query. */
export function queryId(description: string, example = '1'): Param<number> {
  return { in: 'query', description, required: true, schema: integer(MAX_ID), example, parse: (raw, name) => positiveInt(name, raw) };
}

/** An optional positive integer in the query, `fallback` when absent. */
export function queryInt(description: string, fallback: number, max: number, example = String(fallback)): Param<number> {
  return {
    in: 'query',
    description,
    required: false,
    schema: { ...integer(max), default: fallback },
    example,
    parse: (raw, name) => optionalPositiveInt(name, raw, fallback, max),
  };
}

/** An optional filter in the query: absent, or a positive integer up to `max`. */
export function queryFilter(description: string, max: number, example: string): Param<number | undefined> {
  return {
    in: 'query',
    description,
    required: false,
    schema: integer(max),
    example,
    parse: (raw, name) => (raw === undefined ? undefined : positiveInt(name, raw, max)),
  };
}
