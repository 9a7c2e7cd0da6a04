import { type ShopBackend, describeOnRealBackends } from '../../support/backends.js';
import type { HostileShop } from './hostile-shop.js';
import type { Tally } from './table.js';

export type Backend = ShopBackend;

/** A hostile table on every real backend: its shops on MySQL use a Redis database of their own. */
export function describeOnEveryBackend(title: string, suite: (backend: Backend, label: Backend['label']) => void): void {
  describeOnRealBackends(title, suite, { isolatedRedis: true });
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
