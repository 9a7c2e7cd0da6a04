import { Kysely, MysqlDialect } from 'kysely';
import { createPool } from 'mysql2';
import type { DB } from './schema.js';

/** A pool on `mysql://user:pass@host:port/name`, of `poolSize` connections (else `?pool=`, else 20). */
export function openMysql(url: string, poolSize?: number): Kysely<DB> {
  const parsed = new URL(url);
  const pool = createPool({
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
  });
  return new Kysely<DB>({ dialect: new MysqlDialect({ pool }) });
}
