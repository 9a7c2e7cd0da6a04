import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { defaultAdminSecret, migrateToLatest, openDatabase, seedDemoData } from '../../src/adapters/kysely/index.js';
import { type World, kyselyWorld, memoryWorld } from '../contract/worlds.js';
import { type TestDatabase, describeWithMysql, openMysqlTestDatabase, openSqliteTestDatabase } from './databases.js';

/**
 * Runs one suite on every backend: in memory, SQLite and MySQL (MySQL under the usual rule:
 * skipped with a reason on a developer machine without MYSQL_URL, failing in CI). The suite gets
 * a factory of fresh, empty worlds to call in `beforeEach`.
 */
export function describeOnEveryBackend(title: string, suite: (freshWorld: () => Promise<World>) => void): void {
  describe(`${title} (memory)`, () => suite(async () => memoryWorld()));

  describe(`${title} (SQLite)`, () => {
    let database: TestDatabase;
    before(async () => {
      database = await openSqliteTestDatabase();
    });
    after(() => database.close());
    suite(async () => {
      await database.clean();
      return kyselyWorld(database.db);
    });
  });

  describeWithMysql(`${title} (MySQL)`, (url) => {
    let database: TestDatabase;
    before(async () => {
      database = await openMysqlTestDatabase(url);
    });
    after(() => database?.close());
    suite(async () => {
      await database.clean();
      return kyselyWorld(database.db);
    });
  });
}

/** Where a real shop keeps its data: SQLite (tokens in memory), or a MySQL database of its own with Redis. */
export interface ShopBackend {
  readonly label: 'sqlite' | 'mysql+redis';
  /** Empty for SQLite: tokens and failure counters stay in the shop's process. */
  readonly redisUrl: string;
  /**
   * A fresh, migrated, demo-seeded database for one shop (or two sharing it), dropped by `drop`.
   * SQLite is in memory (the shop migrates and seeds an empty embedded database itself), or a file
   * with `file` when a second handle or process must open it.
   */
  database(options?: { file?: boolean }): Promise<{ url: string; drop(): Promise<void> }>;
}

export const sqliteBackend: ShopBackend = {
  label: 'sqlite',
  redisUrl: '',
  async database(options = {}) {
    if (!options.file) return { url: ':memory:', drop: async () => undefined };
    const dir = mkdtempSync(join(tmpdir(), 'weshop-shop-'));
    return { url: join(dir, 'shop.sqlite'), drop: async () => rmSync(dir, { recursive: true, force: true }) };
  },
};

let databases = 0;

export function mysqlBackend(mysqlUrl: string, redisUrl: string): ShopBackend {
  return {
    label: 'mysql+redis',
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

/**
 * Runs `suite` for real shops on SQLite always, and on MySQL + Redis when MYSQL_URL and REDIS_URL
 * are set (without them: skipped with the reason on a developer machine, a failure in CI). With
 * `isolatedRedis` the shops use a Redis database of their own.
 */
export function describeOnRealBackends(
  title: string,
  suite: (this: Mocha.Suite, backend: ShopBackend, label: ShopBackend['label']) => void,
  options: { isolatedRedis?: boolean } = {},
): void {
  describe(`${title} [sqlite]`, function () {
    suite.call(this, sqliteBackend, 'sqlite');
  });
  describeWithMysql(`${title} [mysql+redis]`, function (this: Mocha.Suite, mysqlUrl) {
    const redisUrl = process.env.REDIS_URL;
    // Skipped (no MYSQL_URL): list the cases under their own names.
    if (!mysqlUrl) return suite.call(this, mysqlBackend('', ''), 'mysql+redis');
    if (!redisUrl) {
      it('needs REDIS_URL beside MYSQL_URL', () => {
        throw new Error('REDIS_URL is not set: real shops run MySQL with Redis, as production does');
      });
      return;
    }
    suite.call(this, mysqlBackend(mysqlUrl, options.isolatedRedis ? isolatedRedis(redisUrl) : redisUrl), 'mysql+redis');
  });
}

/** A Redis database of its own, so what a suite counts there is not disturbed by other suites on the same server. */
export function isolatedRedis(redisUrl: string): string {
  const url = new URL(redisUrl);
  url.pathname = '/9';
  return url.toString();
}
