import { Kysely, MysqlDialect } from 'kysely';
import { type Pool, type PoolOptions, createPool } from 'mysql2';
import { mysqlBatch, registerBatch } from './mysql-batch.js';
import type { DB } from './schema.js';

/**
 * A pool on `mysql://user:pass@host:port/name`, of `poolSize` connections (else `?pool=`, else
 * 20), and beside it a pool of as many for one-round-trip transactions and reads (mysql-batch.ts),
 * whose connections are only opened when used; `close` ends both.
 */
export function openMysql(url: string, poolSize?: number): { db: Kysely<DB>; close(): Promise<void> } {
  const options = mysqlPoolOptions(url, poolSize);
  const pool = waitingForTheCluster(createPool(options));
  const db = new Kysely<DB>({ dialect: new MysqlDialect({ pool }) });
  const batchPool = waitingForTheCluster(createPool({ ...options, multipleStatements: true }));
  registerBatch(db, mysqlBatch(batchPool));
  return {
    db,
    async close() {
      await db.destroy();
      await new Promise<void>((resolve) => batchPool.end(() => resolve()));
    },
  };
}

function waitingForTheCluster(pool: Pool): Pool {
  pool.on('connection', (connection) => {
    // On a Galera cluster a read waits until this node has applied every write the cluster had
    // committed when it began: an order placed through one node and paid, notified or looked up
    // through another is found, in its latest state, not a 404 or a stale status. Writes need no
    // wait (certification refuses a stale one at COMMIT, and the unit of work runs it again).
    // Without Galera the setting does nothing (MariaDB) or is unknown (MySQL): either way ignored.
    connection.query('SET SESSION wsrep_sync_wait = 1', () => undefined);
  });
  return pool;
}

/** mysql2's pool settings for the shop's database (the benchmark's floor opens its pool with the same). */
export function mysqlPoolOptions(url: string, poolSize?: number): PoolOptions {
  const parsed = new URL(url);
  return {
    host: parsed.hostname,
    port: parsed.port ? Number(parsed.port) : 3306,
    user: decodeURIComponent(parsed.username),
    password: decodeURIComponent(parsed.password),
    database: decodeURIComponent(parsed.pathname.replace(/^\//, '')),
    connectionLimit: poolSize ?? Number(parsed.searchParams.get('pool') ?? 20),
    charset: 'utf8mb4',
    // BIGINT millis and fen come back as JS numbers (they are far below 2^53); no DECIMAL strings.
    supportBigNumbers: true,
    bigNumberStrings: false,
    dateStrings: false,
    timezone: '+00:00',
  };
}
