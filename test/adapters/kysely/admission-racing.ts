import { expect } from 'chai';
import type { Kysely } from 'kysely';
import { OrderNumberGenerator, type VerifiedPaymentNotification } from '../../../src/application/index.js';
import { OrderStatus } from '../../../src/domain/index.js';
import type { DB } from '../../../src/adapters/kysely/index.js';
import { kyselyWorld } from '../../contract/worlds.js';
import { aProduct, anAddress } from '../../support/mothers.js';
import { type ComposedShop, composeShop } from '../../support/shop.js';

const PRODUCT = 1;
const MINUTE = 60_000;

/** Shop instances over one database (each its own handle where the backend allows), and what the race reads back. */
function instancesOver(handles: readonly Kysely<DB>[]) {
  const payConfig = { stockPolicy: 'on_payment' } as const;
  const first = composeShop(kyselyWorld(handles[0]!), { payConfig });
  // Real instances number orders apart (their generator is random); the fake one counts, so they share it.
  const numbers = first.container.get<OrderNumberGenerator>(OrderNumberGenerator);
  const shops: ComposedShop[] = [
    first,
    ...handles.slice(1).map((db) =>
      composeShop(kyselyWorld(db), { payConfig, override: (container) => container.rebind(OrderNumberGenerator).toConstantValue(numbers) }),
    ),
  ];
  const db = handles[0]!;
  let next = 0;
  return {
    shops,
    /** The instances one after the other, as a load balancer would hand requests out. */
    any: () => shops[next++ % shops.length]!,
    advance: (ms: number) => shops.forEach((shop) => shop.clock.advance(ms)),
    async buyers(prefix: string, count: number): Promise<number[]> {
      const uids = [];
      for (let i = 0; i < count; i++) {
        const user = await first.world.users.findOrCreateByOpenid(`${prefix}-${i}`);
        await first.world.addresses.save(user.id, anAddress());
        uids.push(user.id);
      }
      return uids;
    },
    /** One buyer: places on one instance, pre_orders on the next; answers where it was told no, or its order. */
    async buy(uid: number): Promise<{ told: 'place' | 'pre_order' } | { told: null; orderId: number }> {
      const placed = await this.any().placeOrder.execute({ uid, products: [{ productId: PRODUCT, count: 1 }] });
      if (!placed.pass) return { told: 'place' };
      const prepared = await this.any().preparePayment.execute({ uid, orderId: placed.orderId, clientIp: '127.0.0.1' });
      return prepared.pass ? { told: null, orderId: placed.orderId } : { told: 'pre_order' };
    },
    async notification(orderId: number): Promise<VerifiedPaymentNotification> {
      const order = (await first.orders.findById(orderId))!;
      const [attempt] = await first.orders.listPaymentAttempts(orderId);
      return { outTradeNo: attempt!.outTradeNo, transactionId: `4200${orderId}`, totalFee: order.totalPrice, resultCode: 'SUCCESS', paidAt: null };
    },
    async pay(orderId: number): Promise<string> {
      return (await this.any().handlePaymentNotification.execute(await this.notification(orderId))).outcome;
    },
    /** WeChat was asked for a prepay by every instance together. */
    prepays: () => shops.reduce((total, shop) => total + shop.gateway.prepays.size, 0),
    async state() {
      const { held, rows } = await first.world.heldOf(PRODUCT);
      const stock = (await first.world.stockOf(PRODUCT))!;
      const free = (await first.world.stock.findProducts([PRODUCT]))[0]!.stock;
      const byStatus = await db.selectFrom('order').select(['status', (eb) => eb.fn.countAll().as('n')]).groupBy('status').execute();
      const count = (status: OrderStatus) => Number(byStatus.find((row) => Number(row.status) === status)?.n ?? 0);
      const refunds = await db.selectFrom('refund').select((eb) => eb.fn.countAll().as('n')).where('cause', '=', 'OUT_OF_STOCK').executeTakeFirstOrThrow();
      return { stock, held, rows, free, paid: count(OrderStatus.PAID), outOf: count(OrderStatus.PAID_BUT_OUT_OF), owed: Number(refunds.n) };
    },
  };
}

function tally<T extends string | null>(values: T[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const value of values) counts[String(value)] = (counts[String(value)] ?? 0) + 1;
  return counts;
}

/**
 * The two rules of admission, raced: never take more money than goods (every PAID order has its
 * unit, a payment refunded for stock only when a hold lapsed), and never refuse a buyer while
 * units are free (whenever someone was refused, nothing is left free at the end).
 */
export function admissionRacingSuite(label: string, database: () => { handles: Kysely<DB>[]; clean(): Promise<void> }): void {
  let shop: ReturnType<typeof instancesOver>;
  beforeEach(async () => {
    await database().clean();
    shop = instancesOver(database().handles);
  });

  it('120 buyers at once over the instances for 25 units: exactly 25 admitted, the rest told before WeChat is asked, all 25 paid, no refund', async function () {
    this.timeout(120_000);
    await shop.shops[0]!.world.addProduct(aProduct({ id: PRODUCT, stock: 25 }));
    const uids = await shop.buyers('racer', 120);
    const results = await Promise.all(uids.map((uid) => shop.buy(uid)));
    const told = tally(results.map((result) => result.told));
    const admitted = results.flatMap((result) => (result.told === null ? [result.orderId] : []));
    const afterAdmission = await shop.state();
    console.log(`      [${label}, ${shop.shops.length} instances] 120 buyers, 25 units: admitted=${admitted.length} told at place=${told.place ?? 0} at pre_order=${told.pre_order ?? 0}; held=${afterAdmission.held}, prepays asked=${shop.prepays()}`);
    expect(admitted).to.have.length(25);
    expect(afterAdmission).to.deep.include({ stock: 25, held: 25, rows: 25, free: 0 });
    expect(shop.prepays(), 'WeChat is asked only for admitted orders').to.equal(25);

    const outcomes = tally(await Promise.all(admitted.map((orderId) => shop.pay(orderId))));
    expect(outcomes).to.deep.equal({ PAID: 25 });
    expect(await shop.state()).to.deep.equal({ stock: 0, held: 0, rows: 0, free: 0, paid: 25, outOf: 0, owed: 0 });
  });

  it('holds lapse while new buyers arrive, late payments and closes race them: no unit sold twice, none left free while someone is refused', async function () {
    this.timeout(120_000);
    const initial = 10;
    await shop.shops[0]!.world.addProduct(aProduct({ id: PRODUCT, stock: initial }));
    const early = await Promise.all((await shop.buyers('early', initial)).map((uid) => shop.buy(uid)));
    const earlyOrders = early.flatMap((result) => (result.told === null ? [result.orderId] : []));
    expect(earlyOrders).to.have.length(initial);
    expect((await shop.buy((await shop.buyers('too-early', 1))[0]!)).told, 'every unit is held').to.equal('place');

    // The early orders' pay windows (30 minutes) and the holds' grace after them (5) close: their holds lapse.
    shop.advance(36 * MINUTE);
    const late = earlyOrders.slice(0, 4);
    const closing = earlyOrders.slice(4, 7);
    const newcomers = await shop.buyers('newcomer', 40);
    const [arrivals, latePayments] = await Promise.all([
      Promise.all(newcomers.map((uid) => shop.buy(uid))),
      Promise.all(late.map((orderId) => shop.pay(orderId))),
      Promise.all(closing.map((orderId) => shop.any().settleUnpaidOrder.execute({ orderId }))),
    ]);
    const admitted = arrivals.flatMap((result) => (result.told === null ? [result.orderId] : []));
    const lateOutcomes = tally(latePayments);
    const raced = await shop.state();
    console.log(
      `      [${label}] 10 lapsed holds, 40 newcomers + 4 late payments + 3 closes: admitted=${admitted.length} late=${JSON.stringify(lateOutcomes)} told=${JSON.stringify(tally(arrivals.map((result) => result.told)))} stock=${raced.stock} held=${raced.held}`,
    );
    expect(admitted.length + (lateOutcomes.PAID ?? 0), 'every unit went to a newcomer or a late payer, none twice').to.equal(initial);
    expect(raced.free, 'nothing free while newcomers were refused').to.equal(0);
    expect(raced.held).to.equal(raced.rows);
    expect(raced.owed, 'a refund only for a late payment that found its unit gone').to.equal(lateOutcomes.PAID_BUT_OUT_OF ?? 0);

    const outcomes = tally(await Promise.all(admitted.map((orderId) => shop.pay(orderId))));
    expect(outcomes, 'an admitted buyer always gets the unit').to.deep.equal(admitted.length > 0 ? { PAID: admitted.length } : {});
    const final = await shop.state();
    expect(final.stock + final.paid, `conservation: ${final.stock} + ${final.paid} PAID = ${initial}`).to.equal(initial);
    expect(final).to.deep.include({ stock: 0, free: 0 });
    expect(final.held, 'only the lingering lapsed holds, if not yet released').to.equal(final.rows);
  });
}
