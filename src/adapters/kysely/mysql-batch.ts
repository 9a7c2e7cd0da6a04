import type { Kysely } from 'kysely';
import type { Pool, PoolConnection, ResultSetHeader } from 'mysql2';
import { retryingRolledBack } from './rolled-back-retry.js';
import type { DB } from './schema.js';

/** Runs several statements as one transaction in one round trip. */
export interface StatementBatch {
  /** `begin; …statements; commit` in one packet; the result of each statement, in order. A failure rolls back. */
  transaction(statements: readonly CompiledStatement[]): Promise<ResultSetHeader[]>;
  /** Several selects in one packet (no transaction: as if sent one after the other); the rows of each, in order. */
  select(statements: readonly CompiledStatement[]): Promise<unknown[][]>;
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
  const connect = () => new Promise<PoolConnection>((resolve, reject) => pool.getConnection((error, got) => (error ? reject(error) : resolve(got))));
  const send = <T>(connection: PoolConnection, statements: readonly string[], parameters: unknown[]) =>
    new Promise<T>((resolve, reject) => connection.query(statements.join(';\n'), parameters, (error, answer) => (error ? reject(error) : resolve(answer as T))));
  const valuesOf = (statements: readonly CompiledStatement[]) => statements.flatMap((statement) => statement.parameters);
  return {
    transaction(statements) {
      // Rolled back whole (a deadlock victim, a write set Galera refused at COMMIT): sent again, as a unit of work would be.
      return retryingRolledBack(async () => {
        const connection = await connect();
        try {
          const results = await send<ResultSetHeader[]>(connection, ['begin', ...statements.map((each) => each.sql), 'commit'], valuesOf(statements));
          connection.release();
          return results.slice(1, 1 + statements.length);
        } catch (error) {
          connection.query('rollback', (rollbackError) => (rollbackError ? connection.destroy() : connection.release()));
          throw error;
        }
      });
    },
    async select(statements) {
      const connection = await connect();
      try {
        // One statement answers its rows alone; several answer a list of row lists.
        const results = await send<unknown[]>(connection, statements.map((each) => each.sql), valuesOf(statements));
        return (statements.length === 1 ? [results] : results) as unknown[][];
      } finally {
        connection.release();
      }
    },
  };
}
