import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { type Database, ensureEmbeddedSeeded, migrateToLatest, openDatabase } from '../adapters/kysely/index.js';
import { connectRedis } from '../adapters/redis/redis.connection.js';
import type { AppConfig } from '../config.js';

/** What production runs on: opened once at start-up, closed once at shutdown. */
export interface ProductionResources {
  readonly database: Database;
  /** Null without REDIS_URL or REDIS_SENTINELS: tokens and failure counters stay in this process. */
  readonly redis: Redis | null;
  /** Whether an empty embedded database was just filled with the demo shop. */
  readonly seeded: boolean;
  close(): Promise<void>;
}

/**
 * Brings the database up to date once, before several workers open it: migrates it, and seeds an
 * empty embedded SQLite file (which two workers starting at once could otherwise both seed).
 * Whether it seeded.
 */
export async function prepareDatabase(config: AppConfig): Promise<boolean> {
  const database = await openDatabase(config.databaseUrl, { poolSize: 1 });
  try {
    if (database.dialect === 'sqlite') return await ensureEmbeddedSeeded(database.db);
    await migrateToLatest(database.db);
    return false;
  } finally {
    await database.close();
  }
}

/**
 * Opens the database (migrating it; seeding the embedded SQLite file when it is empty, never a
 * MySQL one) and Redis when configured.
 */
export async function openProductionResources(config: AppConfig, logger: Logger): Promise<ProductionResources> {
  const database = await openDatabase(config.databaseUrl);
  let seeded = false;
  try {
    if (database.dialect === 'sqlite') seeded = await ensureEmbeddedSeeded(database.db);
    else await migrateToLatest(database.db);
  } catch (error) {
    await database.close();
    throw error;
  }
  const redisTarget = config.redisUrl ?? config.redisSentinels;
  const redis = redisTarget
    ? connectRedis(redisTarget, { onError: (error) => logger.warn({ reason: error.message }, 'redis connection error') })
    : null;
  return {
    database,
    redis,
    seeded,
    async close() {
      redis?.disconnect();
      await database.close();
    },
  };
}
