import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { PreparedStatementCache } from './prepared-statement-cache.js';
import type { DB } from './schema.js';

/** The embedded configuration: WAL, a writer that waits up to 5 s, foreign keys on. */
export const SQLITE_PRAGMAS = ['journal_mode = WAL', 'busy_timeout = 5000', 'foreign_keys = ON', 'synchronous = NORMAL'] as const;

/** A SQLite file (its folder made if missing) or `:memory:`, on one connection. */
export function openSqlite(path: string): Kysely<DB> {
  if (path !== ':memory:' && !path.startsWith('file:')) mkdirSync(dirname(path), { recursive: true });
  const sqlite = new SqliteDatabase(path);
  for (const pragma of SQLITE_PRAGMAS) sqlite.pragma(pragma);
  return new Kysely<DB>({ dialect: new SqliteDialect({ database: new PreparedStatementCache(sqlite, 500) }) });
}
