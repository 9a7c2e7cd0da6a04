/* eslint-disable @typescript-eslint/no-explicit-any -- answers are read loosely; each assertion states the shape it expects */
import { expect } from 'chai';
import type { LifecycleRun } from '../../../src/adapters/jobs/lifecycle-jobs.js';
import { FixedClock } from '../../../src/adapters/fakes/fixed.clock.js';
import type { StockPolicy } from '../../../src/application/index.js';
import { API, anAddressBody } from '../../http/support/memory-http-shop.js';
import { ADMIN_APP, type Backend, type RealShop, startRealShop } from '../../http/support/real-shop.js';

export const PAY_TIMEOUT_SECONDS = 30 * 60;
export const GRACE_SECONDS = 5 * 60;

/**
 * The shop as `npm start` runs it (Kysely, the WeChat Pay client, the sandbox over HTTP) on a
 * clock the test moves: the shop, its use cases and the sandbox all read it, so a pay window or
 * a grace period passes in a call instead of half an hour. The jobs run when the test says so.
 */
export async function startLifecycleShop(backend: Backend, stockPolicy: StockPolicy) {
  const database = await backend.database();
  const clock = new FixedClock(new Date());
  const real: RealShop = await startRealShop(
    database.url,
    backend.redisUrl,
    { STOCK_POLICY: stockPolicy, ORDER_PAY_TIMEOUT: String(PAY_TIMEOUT_SECONDS), NOTIFICATION_GRACE_SECONDS: String(GRACE_SECONDS) },
    // A refund ends only when the test settles it; a stalled WeChat call gives up after 300 ms, once.
    { clock, payClient: { timeoutMs: 300, maxRetries: 0 }, sandbox: { refundSettleSeconds: null } },
  );
  const { shop, http } = real;
  const sandbox = shop.sandbox!;
  const jobs = shop.jobs;
  let users = 0;

  const call = {
    real,
    shop,
    http,
    sandbox,
    clock,
    stockPolicy,
    advance: (seconds: number) => clock.advance(seconds * 1000),
    /** A new shopper with an address; its token. */
    async shopper(): Promise<string> {
      const name = `life-${stockPolicy}-${++users}`;
      const login = await http.post(`${API}/token/user`, { code: `code-${name}` });
      expect(login.status, login.text).to.equal(200);
      const token = login.body.token as string;
      expect((await http.post(`${API}/address`, anAddressBody, token)).status).to.equal(201);
      return token;
    },
    async superToken(): Promise<string> {
      return (await http.post(`${API}/token/app`, ADMIN_APP)).body.token as string;
    },
    async place(token: string, productId: number, count: number): Promise<{ id: number; orderNo: string }> {
      const placed = await http.post(`${API}/order`, { products: [{ product_id: productId, count }] }, token);
      expect(placed.status, placed.text).to.equal(200);
      expect(placed.body.pass, placed.text).to.equal(true);
      return { id: placed.body.order_id as number, orderNo: placed.body.order_no as string };
    },
    async prepay(token: string, orderId: number) {
      return http.post(`${API}/pay/pre_order`, { id: orderId }, token);
    },
    /** Places and prepares one order: the state a user is in when WeChat Pay opens. */
    async placeAndPrepay(token: string, productId: number, count: number) {
      const order = await call.place(token, productId, count);
      const prepay = await call.prepay(token, order.id);
      expect(prepay.status, prepay.text).to.equal(200);
      return order;
    },
    async detail(token: string, orderId: number): Promise<any> {
      const answer = await http.get(`${API}/order/${orderId}`, token);
      expect(answer.status, answer.text).to.equal(200);
      return answer.body;
    },
    async stockOf(productId: number): Promise<number> {
      return (await http.get(`${API}/product/${productId}`)).body.stock as number;
    },
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
      await real.close();
      await database.drop();
    },
  };
  return call;
}

export type LifecycleShop = Awaited<ReturnType<typeof startLifecycleShop>>;

/** One line of counts per case, so a run shows what each job did. */
export function report(label: string, counts: Record<string, unknown>): void {
  console.log(`      ${label}: ${JSON.stringify(counts)}`);
}
