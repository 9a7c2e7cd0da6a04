import {
  type Compilable,
  DummyDriver,
  Kysely,
  MysqlAdapter,
  MysqlIntrospector,
  MysqlQueryCompiler,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
} from 'kysely';
import type { DB, Dialect } from '../../src/adapters/kysely/index.js';

export interface CompiledStatement {
  readonly sql: string;
  readonly parameters: unknown[];
}

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

/**
 * The adapters' own statement builders, compiled for a bare driver (mysql2, better-sqlite3) by
 * the same Kysely compiler the shop uses. Compiling costs tens of microseconds, a good share of
 * an order on the SQLite floor, so a builder is compiled once per shape of its arguments (which
 * columns, how many ids) with a slot in place of each value (nulls stay nulls); a call of that
 * shape then only takes its own values in the order the slots landed in the parameters.
 */
export class StatementCompiler {
  /** Compiles only: it has no connection. */
  readonly db: Kysely<DB>;
  private readonly templates = new Map<object, Template[]>();

  constructor(dialect: Dialect) {
    this.db = new Kysely<DB>({
      dialect:
        dialect === 'mysql'
          ? {
              createAdapter: () => new MysqlAdapter(),
              createDriver: () => new DummyDriver(),
              createIntrospector: (db) => new MysqlIntrospector(db),
              createQueryCompiler: () => new MysqlQueryCompiler(),
            }
          : {
              createAdapter: () => new SqliteAdapter(),
              createDriver: () => new DummyDriver(),
              createIntrospector: (db) => new SqliteIntrospector(db),
              createQueryCompiler: () => new SqliteQueryCompiler(),
            },
    });
  }

  compile<A extends unknown[]>(build: (db: Kysely<DB>, ...args: A) => Compilable<unknown>, ...args: A): CompiledStatement {
    let known = this.templates.get(build);
    if (!known) this.templates.set(build, (known = []));
    const values: unknown[] = [];
    for (const template of known) {
      if (collect(args, template.shape, values)) return bind(template, values);
      values.length = 0;
    }
    const template = this.template(build, args);
    known.push(template);
    collect(args, template.shape, values);
    return bind(template, values);
  }

  private template<A extends unknown[]>(build: (db: Kysely<DB>, ...args: A) => Compilable<unknown>, args: A): Template {
    let count = 0;
    const compiled = build(this.db, ...(withSlots(args, () => new Slot(count++)) as A)).compile();
    const leaves = compiled.parameters.map((parameter) => {
      if (parameter instanceof Slot) return parameter.leaf;
      if (parameter === null) return null;
      throw new Error(`a parameter of "${compiled.sql}" is computed by the builder, not one of its arguments: the floor cannot reuse it`);
    });
    return { shape: shapeOf(args), sql: compiled.sql, leaves };
  }
}

function bind(template: Template, values: unknown[]): CompiledStatement {
  return { sql: template.sql, parameters: template.leaves.map((leaf) => (leaf === null ? null : values[leaf])) };
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
