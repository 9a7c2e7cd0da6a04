import { describeWithMysql } from '../../support/databases.js';
import { type Backend, mysqlBackend, sqliteBackend } from '../../http/support/real-shop.js';
import type { HostileShop } from './hostile-shop.js';
import type { Tally } from './table.js';

export type { Backend };

/**
 * Runs `suite` on SQLite (memory tokens) always, and on MySQL + Redis when MYSQL_URL and REDIS_URL
 * are set. Without them: skipped with the reason on a developer machine, a failure in CI.
 */
export function describeOnEveryBackend(title: string, suite: (backend: Backend, label: string) => void): void {
  describe(`${title} [sqlite]`, () => suite(sqliteBackend, 'sqlite'));
  describeWithMysql(`${title} [mysql+redis]`, (mysqlUrl) => {
    const redisUrl = process.env.REDIS_URL;
    // Skipped (no MYSQL_URL): list the cases under their own names.
    if (!mysqlUrl) return suite(mysqlBackend('', ''), 'mysql+redis');
    if (!redisUrl) {
      it('needs REDIS_URL beside MYSQL_URL', () => {
        throw new Error('REDIS_URL is not set: the hostile suite runs MySQL with Redis, as production does');
      });
      return;
    }
    suite(mysqlBackend(mysqlUrl, isolatedRedis(redisUrl)), 'mysql+redis');
  });
}

/** A Redis database of its own, so token counts are not disturbed by other suites on the same server. */
export function isolatedRedis(redisUrl: string): string {
  const url = new URL(redisUrl);
  url.pathname = '/9';
  return url.toString();
}

/**
 * The frame every hostile table shares: a database of its own on the backend, a shop on it
 * (started by `setup`, which also arranges the table's world), and at the end the tally printed,
 * `teardown` run, the shop closed and the database dropped.
 */
export function hostileTable<W extends { shop?: HostileShop }>(
  backend: Backend,
  tally: Tally,
  setup: (database: { url: string }) => Promise<Partial<W>>,
  teardown: (world: W) => Promise<void> = async () => undefined,
): W {
  const world = {} as W;
  let drop: (() => Promise<void>) | undefined;
  before(async function () {
    this.timeout(60_000);
    const database = await backend.database();
    drop = database.drop;
    Object.assign(world, await setup(database));
  });
  after(async () => {
    tally.print();
    await teardown(world);
    await world.shop?.close();
    await drop?.();
  });
  return world;
}
