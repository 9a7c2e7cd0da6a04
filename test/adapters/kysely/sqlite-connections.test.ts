import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { expect } from 'chai';
import type { VerifiedPaymentNotification } from '../../../src/application/index.js';
import { OrderStatus } from '../../../src/domain/index.js';
import { type TestDatabase, openSqliteTestDatabase } from '../../support/databases.js';
import { paidNotification, racingShop } from './racing-shop.js';

const THREADS = 4;

/** Node 20 does not run --import hooks for a worker's entry file: the worker registers tsx, then loads its TypeScript. */
const workerBootstrap = `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))})
  .then(({ register }) => { register(); return import(${JSON.stringify(new URL('./sqlite-notification.worker.ts', import.meta.url).href)}); })`;

/** Several processes (here threads) may open the same SQLite file: the SQL must hold across connections too. */
describe('racing notifications over 4 SQLite connections to one WAL file (worker threads)', () => {
  let database: TestDatabase;
  let dir: string;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'weshop-sqlite-threads-'));
    database = await openSqliteTestDatabase(join(dir, 'shop.sqlite'));
  });
  after(async () => {
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('200 notifications for 200 orders of one product with stock 50: 50 PAID, 150 PAID_BUT_OUT_OF, stock 0', async function () {
    this.timeout(120_000);
    const shop = racingShop(database.db);
    await shop.addProduct(1, 50);
    const uid = await shop.aUserWithAddress('o-threads');
    const notifications: VerifiedPaymentNotification[] = [];
    for (let i = 0; i < 200; i++) notifications.push(paidNotification(await shop.anUnpaidOrder(uid, 1, 1)));
    // The same notification twice on different connections, too: one of each pair must be a duplicate.
    const duplicates = notifications.slice(0, 20);

    const workers = Array.from({ length: THREADS }, (_, index) => {
      const share = [...notifications, ...duplicates].filter((_, position) => position % THREADS === index);
      return new Worker(workerBootstrap, {
        eval: true,
        workerData: { path: join(dir, 'shop.sqlite'), notifications: share },
      });
    });
    await Promise.all(workers.map((worker) => new Promise((resolve) => worker.once('message', resolve))));
    const done = workers.map(
      (worker) =>
        new Promise<string[]>((resolve, reject) => {
          worker.once('message', (message: { outcomes: string[] }) => resolve(message.outcomes));
          worker.once('error', reject);
        }),
    );
    const started = Date.now();
    for (const worker of workers) worker.postMessage('go');
    const outcomes = (await Promise.all(done)).flat();
    const elapsed = Date.now() - started;
    await Promise.all(workers.map((worker) => worker.terminate()));

    const tally: Record<string, number> = {};
    for (const outcome of outcomes) tally[outcome] = (tally[outcome] ?? 0) + 1;
    const byStatus = await shop.countByStatus();
    const finalStock = await shop.stockOf(1);
    const paid = await shop.soldCount(1, [OrderStatus.PAID]);
    console.log(
      `      [sqlite x${THREADS} connections] 220 notifications (20 sent twice), stock 50: PAID=${byStatus.PAID ?? 0} PAID_BUT_OUT_OF=${byStatus.PAID_BUT_OUT_OF ?? 0} duplicates=${tally.DUPLICATE ?? 0} final stock=${finalStock} (${elapsed} ms)`,
    );
    expect(tally).to.deep.equal({ PAID: 50, PAID_BUT_OUT_OF: 150, DUPLICATE: 20 });
    expect(byStatus).to.deep.equal({ PAID: 50, PAID_BUT_OUT_OF: 150 });
    expect(finalStock).to.equal(0);
    expect(50).to.equal(finalStock + paid);
    expect(await shop.world.notifications.count()).to.equal(200);
  });
});
