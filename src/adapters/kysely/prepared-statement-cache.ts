import type SqliteDatabase from 'better-sqlite3';
import type { SqliteDatabase as KyselySqliteDatabase } from 'kysely';

/**
 * The SQLite database as Kysely sees it, preparing each SQL text once. Kysely prepares every
 * statement anew, and preparing is a good part of a small query's cost on SQLite. The same text
 * gets the same prepared statement (the connection is single-threaded and nothing here iterates
 * a statement lazily); past `limit` texts, the least recently used is dropped.
 */
export class PreparedStatementCache implements KyselySqliteDatabase {
  private readonly statements = new Map<string, SqliteDatabase.Statement>();

  constructor(
    private readonly sqlite: SqliteDatabase.Database,
    private readonly limit: number,
  ) {}

  prepare(source: string): SqliteDatabase.Statement {
    let statement = this.statements.get(source);
    if (statement) this.statements.delete(source);
    else statement = this.sqlite.prepare(source);
    this.statements.set(source, statement);
    if (this.statements.size > this.limit) this.statements.delete(this.statements.keys().next().value as string);
    return statement;
  }

  close(): void {
    this.sqlite.close();
  }
}
