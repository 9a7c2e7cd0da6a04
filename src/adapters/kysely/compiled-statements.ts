import { type Compilable, CompiledQuery, type Kysely } from 'kysely';
import type { DB } from './schema.js';

/** A statement builder of the adapters: a Kysely tree over plain argument values. */
export type StatementBuilder<A extends unknown[], R> = (db: Kysely<DB>, ...args: A) => Compilable<R>;

/** Stands where a value of the arguments goes, so the compiled parameters say which value is which. */
class Slot {
  constructor(readonly leaf: number) {}
}

/**
 * What may decide the SQL text: array lengths, object keys in order, and which values are
 * missing or null (a builder may branch on those, never on a value itself).
 */
type Shape = 'value' | 'null' | 'missing' | readonly Shape[] | { readonly keys: readonly string[]; readonly values: readonly Shape[] };

interface Template {
  readonly shape: Shape;
  readonly sql: string;
  /** For each parameter, which of the arguments' values (in walking order) it is; null where it is a null of the shape. */
  readonly leaves: readonly (number | null)[];
}

/** Shapes kept per builder; a builder called with more (say, orders of every line count) compiles the rest each time. */
const SHAPES_PER_BUILDER = 64;

/** Templates per dialect (the adapter's class decides the SQL text), then per builder. */
const byDialect = new WeakMap<object, WeakMap<object, Template[]>>();

/**
 * `build(db, ...args)` compiled, but built and compiled by Kysely only once per shape of its
 * arguments (which columns, how many ids): the first call compiles the builder with a slot in
 * place of each value (nulls stay nulls), and every call of that shape then only takes its own
 * values in the order the slots landed in the parameters. Building and compiling the same tree
 * on every call was a tenth of the server's busy time on the order path. The benchmark's floor
 * compiles the same builders through this, so its SQL is the shop's by construction.
 */
export function compiled<A extends unknown[], R>(db: Kysely<DB>, build: StatementBuilder<A, R>, ...args: A): CompiledQuery<R> {
  const dialect = db.getExecutor().adapter.constructor;
  let builders = byDialect.get(dialect);
  if (!builders) byDialect.set(dialect, (builders = new WeakMap()));
  let known = builders.get(build);
  if (!known) builders.set(build, (known = []));
  const values: unknown[] = [];
  for (const template of known) {
    if (collect(args, template.shape, values)) return bind(template, values);
    values.length = 0;
  }
  if (known.length >= SHAPES_PER_BUILDER) return build(db, ...args).compile();
  const template = templateOf(db, build, args);
  known.push(template);
  collect(args, template.shape, values);
  return bind(template, values);
}

/** The rows a select answers, from its compiled text. */
export async function selectRows<A extends unknown[], R>(db: Kysely<DB>, build: StatementBuilder<A, R>, ...args: A): Promise<R[]> {
  return (await db.executeQuery(compiled(db, build, ...args))).rows;
}

/** The rows an update, delete or insert touched (MySQL: matched), from its compiled text. */
export async function affectedRows<A extends unknown[], R>(db: Kysely<DB>, build: StatementBuilder<A, R>, ...args: A): Promise<number> {
  return Number((await db.executeQuery(compiled(db, build, ...args))).numAffectedRows ?? 0n);
}

/** The id an insert generated, from its compiled text. */
export async function insertedId<A extends unknown[], R>(db: Kysely<DB>, build: StatementBuilder<A, R>, ...args: A): Promise<number> {
  const { insertId } = await db.executeQuery(compiled(db, build, ...args));
  if (insertId === undefined) throw new Error('the insert reported no generated id');
  return Number(insertId);
}

function templateOf<A extends unknown[], R>(db: Kysely<DB>, build: StatementBuilder<A, R>, args: A): Template {
  let count = 0;
  const query = build(db, ...(withSlots(args, () => new Slot(count++)) as A)).compile();
  const leaves = query.parameters.map((parameter) => {
    if (parameter instanceof Slot) return parameter.leaf;
    if (parameter === null) return null;
    throw new Error(`a parameter of "${query.sql}" is computed by the builder, not one of its arguments: it cannot be compiled once`);
  });
  return { shape: shapeOf(args), sql: query.sql, leaves };
}

function bind<R>(template: Template, values: unknown[]): CompiledQuery<R> {
  return CompiledQuery.raw(
    template.sql,
    template.leaves.map((leaf) => (leaf === null ? null : values[leaf])),
  ) as CompiledQuery<R>;
}

function isWalked(value: unknown): value is object {
  return typeof value === 'object' && value !== null && (Array.isArray(value) || Object.getPrototypeOf(value) === Object.prototype);
}

function shapeOf(value: unknown): Shape {
  if (value === undefined) return 'missing';
  if (value === null) return 'null';
  if (!isWalked(value)) return 'value';
  if (Array.isArray(value)) return value.map(shapeOf);
  const keys = Object.keys(value);
  return { keys, values: keys.map((key) => shapeOf((value as Record<string, unknown>)[key])) };
}

/** The arguments with a fresh slot in place of each value but null, walked as `collect` walks them. */
function withSlots(value: unknown, slot: () => Slot): unknown {
  if (value === undefined || value === null) return value;
  if (!isWalked(value)) return slot();
  if (Array.isArray(value)) return value.map((item) => withSlots(item, slot));
  return Object.fromEntries(Object.keys(value).map((key) => [key, withSlots((value as Record<string, unknown>)[key], slot)]));
}

/** Whether `value` has `shape`; if so its values, in walking order, are pushed onto `values`. */
function collect(value: unknown, shape: Shape, values: unknown[]): boolean {
  if (shape === 'missing') return value === undefined;
  if (shape === 'null') return value === null;
  if (shape === 'value') {
    if (value === undefined || value === null || isWalked(value)) return false;
    values.push(value);
    return true;
  }
  if (Array.isArray(shape)) {
    if (!Array.isArray(value) || value.length !== shape.length) return false;
    for (let i = 0; i < shape.length; i++) if (!collect(value[i], shape[i] as Shape, values)) return false;
    return true;
  }
  if (!isWalked(value) || Array.isArray(value)) return false;
  const { keys, values: shapes } = shape as { keys: readonly string[]; values: readonly Shape[] };
  let index = 0;
  for (const key in value) {
    if (key !== keys[index] || !collect((value as Record<string, unknown>)[key], shapes[index] as Shape, values)) return false;
    index++;
  }
  return index === keys.length;
}
