import type { Kysely } from 'kysely';
import type { Pool, PoolConnection, ResultSetHeader } from 'mysql2';
import type { DB } from './schema.js';

/** Runs several statements as one transaction in one round trip. */
export interface StatementBatch {
  /** `begin; …statements; commit` in one packet; the result of each statement, in order. A failure rolls back. */
  transaction(statements: readonly CompiledStatement[]): Promise<ResultSetHeader[]>;
}

/** A statement's text and values, as Kysely compiles them. */
export interface CompiledStatement {
  readonly sql: string;
  readonly parameters: readonly unknown[];
}

const batches = new WeakMap<Kysely<DB>, StatementBatch>();

/** The batch of a MySQL database opened by `openMysql`; none on SQLite or inside a transaction. */
export function batchOf(db: Kysely<DB>): StatementBatch | undefined {
  return batches.get(db);
}

export function registerBatch(db: Kysely<DB>, batch: StatementBatch): void {
  batches.set(db, batch);
}

/**
 * A batch on a pool of its own opened with `multipleStatements`, used for nothing else: every
 * value still goes through mysql2's escaping, as Kysely's own queries do. If a statement fails,
 * MySQL runs none after it (the commit included), so the open transaction is rolled back before
 * the connection goes back to the pool, and destroyed if even that fails.
 */
export function mysqlBatch(pool: Pool): StatementBatch {
  return {
    async transaction(statements) {
      const sql = ['begin', ...statements.map((statement) => statement.sql), 'commit'].join(';\n');
      const parameters = statements.flatMap((statement) => statement.parameters);
      const connection = await new Promise<PoolConnection>((resolve, reject) =>
        pool.getConnection((error, got) => (error ? reject(error) : resolve(got))),
      );
      try {
        const results = await new Promise<ResultSetHeader[]>((resolve, reject) =>
          connection.query(sql, parameters, (error, answer) => (error ? reject(error) : resolve(answer as ResultSetHeader[]))),
        );
        connection.release();
        return results.slice(1, 1 + statements.length);
      } catch (error) {
        connection.query('rollback', (rollbackError) => (rollbackError ? connection.destroy() : connection.release()));
        throw error;
      }
    },
  };
}
