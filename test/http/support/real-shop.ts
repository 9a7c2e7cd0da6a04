import { pino } from 'pino';
import { sql } from 'kysely';
import { defaultAdminSecret, migrateToLatest, openDatabase, seedDemoData } from '../../../src/adapters/kysely/index.js';
import { type SandboxedShop, type SandboxedStartOptions, startSandboxedShop } from '../../../scripts/sandboxed-shop.js';
import { HttpClient } from './http-client.js';

export const ADMIN_APP = { ac: 'weshop-admin', se: defaultAdminSecret };

/** Where a suite of real shops keeps its data: SQLite in memory, or its own MySQL database (+ Redis). */
export interface Backend {
  readonly name: string;
  /** A fresh, migrated, demo-seeded database URL for one shop (or two sharing it). */
  database(): Promise<{ url: string; drop(): Promise<void> }>;
  readonly redisUrl: string;
}

export const sqliteBackend: Backend = {
  name: 'SQLite + memory tokens',
  // The shop migrates and seeds an empty embedded database itself.
  database: async () => ({ url: ':memory:', drop: async () => undefined }),
  redisUrl: '',
};

let databases = 0;

export function mysqlBackend(mysqlUrl: string, redisUrl: string): Backend {
  return {
    name: 'MySQL + Redis',
    redisUrl,
    async database() {
      const url = new URL(mysqlUrl);
      const base = decodeURIComponent(url.pathname.replace(/^\//, ''));
      if (!base.includes('test')) throw new Error(`refusing MySQL database "${base}": its name must contain "test"`);
      const name = `${base}_http_p${process.pid}_${++databases}`;
      const admin = await openDatabase(mysqlUrl, { poolSize: 1 });
      await sql`create database if not exists ${sql.id(name)} character set utf8mb4 collate utf8mb4_unicode_ci`.execute(admin.db);
      url.pathname = `/${name}`;
      const own = await openDatabase(url.toString(), { poolSize: 1 });
      await migrateToLatest(own.db);
      await seedDemoData(own.db, { adminSecret: defaultAdminSecret });
      await own.close();
      return {
        url: url.toString(),
        drop: async () => {
          await sql`drop database if exists ${sql.id(name)}`.execute(admin.db);
          await admin.close();
        },
      };
    },
  };
}

export interface RealShop {
  readonly shop: SandboxedShop;
  readonly http: HttpClient;
  close(): Promise<void>;
}

/**
 * The shop as `npm start` runs it, on free loopback ports, with a sandbox whose retries take
 * milliseconds. `options` may inject a clock, the pay client's patience and more sandbox options.
 */
export async function startRealShop(
  databaseUrl: string,
  redisUrl: string,
  extraEnv: Record<string, string> = {},
  options: Omit<SandboxedStartOptions, 'logger'> = {},
): Promise<RealShop> {
  const shop = await startSandboxedShop(
    {
      PORT: '0',
      HOST: '127.0.0.1',
      SANDBOX_PORT: '0',
      DATABASE_URL: databaseUrl,
      REDIS_URL: redisUrl,
      LIFECYCLE_INTERVAL_SECONDS: '0',
      ...extraEnv,
    },
    { ...options, logger: pino({ level: 'silent' }), sandbox: { seed: 'http-e2e', timeScale: 0.001, ...options.sandbox } },
  );
  return { shop, http: new HttpClient(shop.url), close: () => shop.close() };
}
