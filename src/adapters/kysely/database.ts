import type { Kysely } from 'kysely';
import { openMysql } from './mysql.js';
import type { DB } from './schema.js';
import { openSqlite } from './sqlite.js';

export type Dialect = 'sqlite' | 'mysql';

export interface Database {
  readonly db: Kysely<DB>;
  readonly dialect: Dialect;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** MySQL pool size; SQLite always has one connection, its transactions run one at a time. */
  readonly poolSize?: number;
}

/** `mysql://user:pass@host:port/name` opens a MySQL pool; anything else is a SQLite file or `:memory:`. */
export async function openDatabase(url: string, options: OpenOptions = {}): Promise<Database> {
  if (url.startsWith('mysql://')) {
    const { db, close } = openMysql(url, options.poolSize);
    return { db, dialect: 'mysql', close };
  }
  const db = openSqlite(url);
  return { db, dialect: 'sqlite', close: () => db.destroy() };
}
