import { expect } from 'chai';
import type { Kysely } from 'kysely';
import { OrderStatus } from '../../../src/domain/index.js';
import type { DB } from '../../../src/adapters/kysely/index.js';
import { failingAfterDeduction } from '../../support/failing-unit-of-work.js';
import { paidNotification, racingShop, type RacingShop } from './racing-shop.js';

/**
 * Races the real use cases against one database. `label` names the backend in the printed counts,
 * so a reader of the test output sees each invariant held.
 */
export function racingSuite(
  label: string,
  database: () => { db: Kysely<DB>; dialect: 'sqlite' | 'mysql'; clean(): Promise<void> },
): void {
  let shop: RacingShop;
  beforeEach(async () => {
    await database().clean();
    shop = racingShop(database().db);
  });

  /** Row-lock waits since `before` on MySQL, printed as proof the transactions really overlapped. */
  async function lockWaits(): Promise<number>;
  async function lockWaits(before: number): Promise<string>;
  async function lockWaits(before?: number): Promise<number | string> {
    const now = database().dialect === 'mysql' ? ((await shop.rowLockWaits()) ?? 0) : 0;
    if (before === undefined) return now;
    return database().dialect === 'mysql' ? `, ${now - before} row-lock waits` : '';
  }

  /** (c) initial stock = final stock + everything PAID orders took. */
  async function expectStockConserved(productId: number, initial: number): Promise<void> {
    const final = await shop.stockOf(productId);
    const paid = await shop.soldCount(productId, [OrderStatus.PAID]);
    expect(final, 'stock never negative').to.be.at.least(0);
    expect(initial, `conservation: ${initial} = ${final} + ${paid}`).to.equal(final + paid);
  }

  it('(a) 200 paid notifications for 200 orders of one product with stock 50: 50 PAID, 150 PAID_BUT_OUT_OF, stock 0', async function () {
    this.timeout(120_000);
    await shop.addProduct(1, 50);
    const uid = await shop.aUserWithAddress('o-racer');
    const orders = [];
    for (let i = 0; i < 200; i++) orders.push(await shop.anUnpaidOrder(uid, 1, 1));

    const handle = shop.handlePaymentNotification;
    const waitsBefore = await lockWaits();
    const started = Date.now();
    const results = await Promise.all(orders.map((order) => handle.execute(paidNotification(order))));
    const elapsed = Date.now() - started;
    const waits = await lockWaits(waitsBefore);

    const outcomes = tally(results.map((result) => result.outcome));
    const byStatus = await shop.countByStatus();
    const finalStock = await shop.stockOf(1);
    console.log(
      `      [${label}] 200 notifications, stock 50: PAID=${byStatus.PAID ?? 0} PAID_BUT_OUT_OF=${byStatus.PAID_BUT_OUT_OF ?? 0} final stock=${finalStock} (${elapsed} ms${waits})`,
    );
    expect(outcomes).to.deep.equal({ PAID: 50, PAID_BUT_OUT_OF: 150 });
    expect(await shop.refundCount(), 'each PAID_BUT_OUT_OF owes one refund').to.equal(150);
    expect(byStatus).to.deep.equal({ PAID: 50, PAID_BUT_OUT_OF: 150 });
    expect(finalStock).to.equal(0);
    expect(await shop.world.notifications.count()).to.equal(200);
    await expectStockConserved(1, 50);
  });

  it('(b) 50 copies of one notification at once: one deduction, one log entry', async function () {
    this.timeout(60_000);
    await shop.addProduct(2, 10);
    const uid = await shop.aUserWithAddress('o-duplicate');
    const order = await shop.anUnpaidOrder(uid, 2, 3);

    const handle = shop.handlePaymentNotification;
    const notification = paidNotification(order);
    const waitsBefore = await lockWaits();
    const results = await Promise.all(Array.from({ length: 50 }, () => handle.execute(notification)));
    const waits = await lockWaits(waitsBefore);

    const outcomes = tally(results.map((result) => result.outcome));
    const finalStock = await shop.stockOf(2);
    const byStatus = await shop.countByStatus();
    console.log(
      `      [${label}] 50 copies of one notification: PAID=${outcomes.PAID ?? 0} DUPLICATE=${outcomes.DUPLICATE ?? 0} PAID orders=${byStatus.PAID ?? 0} PAID_BUT_OUT_OF=${byStatus.PAID_BUT_OUT_OF ?? 0} final stock=${finalStock}${waits}`,
    );
    expect(outcomes).to.deep.equal({ PAID: 1, DUPLICATE: 49 });
    expect(results.every((result) => result.acknowledged)).to.equal(true);
    expect(finalStock).to.equal(7);
    expect(await shop.world.notifications.count()).to.equal(1);
    await expectStockConserved(2, 10);
  });

  it('(d) a failure after the status change and the deduction rolls back stock and status alike', async () => {
    await shop.addProduct(3, 5);
    const uid = await shop.aUserWithAddress('o-failure');
    const order = await shop.anUnpaidOrder(uid, 3, 2);

    const failing = shop.withUnitOfWork(failingAfterDeduction(shop.world.unitOfWork)).handlePaymentNotification;
    const error = await failing.execute(paidNotification(order)).catch((caught: unknown) => caught);
    expect(error).to.be.instanceOf(Error);
    expect((await shop.world.orders.findById(order.id))?.status).to.equal(OrderStatus.UNPAID);
    expect(await shop.stockOf(3)).to.equal(5);
    expect(await shop.world.notifications.count()).to.equal(0);
    await expectStockConserved(3, 5);

    // WeChat retries; with the failure gone the same notification settles once.
    const retried = await shop.handlePaymentNotification.execute(paidNotification(order));
    const finalStock = await shop.stockOf(3);
    console.log(
      `      [${label}] failure injected after deduction: rolled back to stock 5 and UNPAID; retry ${retried.outcome}, final stock=${finalStock}`,
    );
    expect(retried.outcome).to.equal('PAID');
    expect(finalStock).to.equal(3);
    await expectStockConserved(3, 5);
  });

  it('(e) 120 orders over 4 products with mixed lines, paid at once: every product conserved, no deadlock escapes', async function () {
    this.timeout(120_000);
    const initial = [30, 25, 40, 20];
    for (const [index, stock] of initial.entries()) await shop.addProduct(10 + index, stock);
    const uid = await shop.aUserWithAddress('o-mixed');
    const random = seeded(20261124);
    const orders = [];
    for (let i = 0; i < 120; i++) {
      const lines = [10, 11, 12, 13]
        .filter(() => random() < 0.5)
        .map((productId) => ({ productId, count: 1 + Math.floor(random() * 3) }))
        .reverse();
      orders.push(await shop.anUnpaidOrderOf(uid, lines.length > 0 ? lines : [{ productId: 10, count: 1 }]));
    }

    const handle = shop.handlePaymentNotification;
    const results = await Promise.all(orders.map((order) => handle.execute(paidNotification(order))));
    const outcomes = tally(results.map((result) => result.outcome));
    const finals = [];
    for (const [index, stock] of initial.entries()) {
      await expectStockConserved(10 + index, stock);
      finals.push(await shop.stockOf(10 + index));
    }
    console.log(
      `      [${label}] 120 mixed orders over 4 products: PAID=${outcomes.PAID ?? 0} PAID_BUT_OUT_OF=${outcomes.PAID_BUT_OUT_OF ?? 0} final stocks=${finals.join('/')} of ${initial.join('/')}`,
    );
    expect((outcomes.PAID ?? 0) + (outcomes.PAID_BUT_OUT_OF ?? 0)).to.equal(120);
  });

  it('200 orders placed at once under stock policy on_order, stock 50: 50 placed, stock 0', async function () {
    this.timeout(120_000);
    shop = racingShop(database().db, 'on_order');
    await shop.addProduct(4, 50);
    const uid = await shop.aUserWithAddress('o-reserver');
    const results = await Promise.all(
      Array.from({ length: 200 }, () => shop.placeOrder.execute({ uid, products: [{ productId: 4, count: 1 }] })),
    );
    const placed = results.filter((result) => result.pass).length;
    const finalStock = await shop.stockOf(4);
    const reserved = await shop.soldCount(4, [OrderStatus.UNPAID]);
    console.log(`      [${label}] 200 orders at once, on_order, stock 50: placed=${placed} refused=${200 - placed} final stock=${finalStock}`);
    expect(placed).to.equal(50);
    expect(finalStock).to.equal(0);
    expect(reserved + finalStock).to.equal(50);
  });
}

/** A small deterministic generator, so a failing mix can be replayed. */
function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

function tally(values: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const value of values) counts[value] = (counts[value] ?? 0) + 1;
  return counts;
}
