import { ConfigError } from './config-error.js';

/**
 * What several server processes (WEB_CONCURRENCY above 1) must share: tokens and sign-in failure
 * counts (only Redis lets them), and the database (SQLite in memory is private to each process: a
 * notification reaching another process than its order's would be recorded for an unknown order,
 * acknowledged, and the payment lost).
 */
export function refuseUnshared(webConcurrency: number, databaseUrl: string, sharedRedis: boolean): void {
  if (webConcurrency <= 1) return;
  if (!sharedRedis) {
    throw new ConfigError('WEB_CONCURRENCY', `of ${webConcurrency} needs REDIS_URL or REDIS_SENTINELS: without it tokens and sign-in failure counts live in one process's memory`);
  }
  if (inMemory(databaseUrl)) {
    throw new ConfigError(
      'WEB_CONCURRENCY',
      `of ${webConcurrency} with DATABASE_URL "${databaseUrl}", a SQLite database in memory: every process would have its own; set WEB_CONCURRENCY=1 or a database file or MySQL`,
    );
  }
}

/** `:memory:`, the empty name (a private temporary database), `file::memory:` and `file:…?mode=memory`. */
function inMemory(url: string): boolean {
  return url === ':memory:' || url === '' || (/^file:/i.test(url) && /^file::memory:|[?&]mode=memory(&|$)/i.test(url));
}
