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
import { type DB, type Dialect, compiled } from '../../src/adapters/kysely/index.js';

export interface CompiledStatement {
  readonly sql: string;
  readonly parameters: unknown[];
}

/**
 * The adapters' own statement builders, compiled for a bare driver (mysql2, better-sqlite3) the
 * way the adapters compile them (`compiled` in src/adapters/kysely: once per shape of the
 * arguments, then only the values change), by the same Kysely compiler the shop uses.
 */
export class StatementCompiler {
  /** Compiles only: it has no connection. */
  readonly db: Kysely<DB>;

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
    const { sql, parameters } = compiled(this.db, build, ...args);
    return { sql, parameters: parameters as unknown[] };
  }
}
