/* eslint-disable @typescript-eslint/no-explicit-any -- answers are read loosely; each assertion states the shape it expects */
import { expect } from 'chai';
import type { LifecycleRun } from '../../src/adapters/jobs/lifecycle-jobs.js';
import { FixedClock } from '../../src/adapters/fakes/fixed.clock.js';
import type { StockPolicy } from '../../src/application/index.js';
import type { ShopBackend } from '../support/backends.js';
import { type PayWire, startRealShop } from '../support/shop.js';

export const PAY_TIMEOUT_SECONDS = 30 * 60;
export const GRACE_SECONDS = 5 * 60;

/**
 * A real shop (`startRealShop`: Kysely, the WeChat Pay client, the sandbox over HTTP) on a clock
 * the test moves: the shop, its use cases and the sandbox all read it, so a pay window or a grace
 * period passes in a call instead of half an hour. The jobs run when the test says so.
 */
export async function startLifecycleShop(backend: ShopBackend, stockPolicy: StockPolicy, wire: PayWire = 'v2') {
  const database = await backend.database();
  const clock = new FixedClock(new Date());
  const shop = await startRealShop(database.url, backend.redisUrl, {
    wire,
    env: { STOCK_POLICY: stockPolicy, ORDER_PAY_TIMEOUT: String(PAY_TIMEOUT_SECONDS), NOTIFICATION_GRACE_SECONDS: String(GRACE_SECONDS) },
    // A refund ends only when the test settles it; a stalled WeChat call gives up after 300 ms, once.
    clock,
    payClient: { timeoutMs: 300, maxRetries: 0 },
    sandbox: { refundSettleSeconds: null },
  });
  const { shopper, sandbox, jobs } = shop;
  let users = 0;

  const lifecycle = {
    ...shop,
    clock,
    stockPolicy,
    wire,
    /** Where the refund call goes on this wire: the path the sandbox counts, stalls and fails. */
    refundPath: wire === 'v2' ? '/secapi/pay/refund' : '/v3/refund/domestic/refunds',
    advance: (seconds: number) => clock.advance(seconds * 1000),
    /** A new buyer with an address; its token. */
    buyer: () => shopper.buyer(`life-${stockPolicy}-${++users}`),
    place: (token: string, productId: number, count: number) => shopper.placeOrder(token, [{ product_id: productId, count }]),
    /** Places and prepares one order: the state a user is in when WeChat Pay opens. */
    placeAndPrepay: (token: string, productId: number, count: number) => shopper.placeAndPrepay(token, [{ product_id: productId, count }]),
    detail: (token: string, orderId: number): Promise<any> => shopper.order(token, orderId),
    stockOf: (productId: number) => shopper.stockOf(productId),
    async setStock(productId: number, stock: number): Promise<void> {
      await shop.resources.database.db.updateTable('product').set({ stock }).where('id', '=', productId).execute();
    },
    /** One run of the jobs, as the timer or `npm run jobs` does it; no item may fail. */
    async runJobs(): Promise<LifecycleRun> {
      const run = await jobs.runOnce();
      expect([...run.settlement.errors, ...run.refunds.errors], JSON.stringify(run)).to.deep.equal([]);
      return run;
    },
    /** What the shop recorded of each payment for an order: one row per WeChat transaction. */
    async paymentsRecorded(orderId: number): Promise<string[]> {
      const rows = await shop.resources.database.db
        .selectFrom('payment_notification')
        .select('outcome')
        .where('order_id', '=', orderId)
        .orderBy('id')
        .execute();
      return rows.map((row) => row.outcome);
    },
    tradeState: (orderNo: string) => sandbox.orders().find((order) => order.outTradeNo === orderNo)?.state,
    sandboxRefundsOf: (orderNo: string) => sandbox.refunds().filter((refund) => refund.outTradeNo === orderNo),
    /** Payment notifications for one order and how the shop answered each. */
    notificationsOf: (orderNo: string) => sandbox.notifications().filter((note) => note.kind !== 'REFUND' && note.outTradeNo === orderNo),
    async close(): Promise<void> {
      await shop.close();
      await database.drop();
    },
  };
  return lifecycle;
}

export type LifecycleShop = Awaited<ReturnType<typeof startLifecycleShop>>;

/** One line of counts per case, so a run shows what each job did. */
export function report(label: string, counts: Record<string, unknown>): void {
  console.log(`      ${label}: ${JSON.stringify(counts)}`);
}
