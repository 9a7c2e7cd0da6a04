import { expect } from 'chai';
import type { LifecycleRun } from '../../src/adapters/jobs/lifecycle-jobs.js';
import type { StockPolicy } from '../../src/application/index.js';
import { OrderStatus } from '../../src/domain/index.js';
import { type ShopBackend, describeOnRealBackends } from '../support/backends.js';
import type { PayWire } from '../support/shop.js';
import { API } from '../support/shopper.js';
import { GRACE_SECONDS, type LifecycleShop, PAY_TIMEOUT_SECONDS, report, startLifecycleShop } from './lifecycle-shop.js';

const LEASE_SECONDS = 120;
const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Resolves true the moment the sandbox has closed the trade (false after a few seconds). */
async function closedAtWeChat(shop: LifecycleShop, orderNo: string): Promise<boolean> {
  const giveUp = Date.now() + 5_000;
  while (shop.tradeState(orderNo) !== 'CLOSED') {
    if (Date.now() > giveUp) return false;
    await new Promise((resolve) => setImmediate(resolve));
  }
  return true;
}

/** Outcome counts of several job runs added up. */
function outcomes(runs: readonly LifecycleRun[]) {
  const add = (into: Record<string, number>, from: Partial<Record<string, number>>) => {
    for (const [key, value] of Object.entries(from)) into[key] = (into[key] ?? 0) + (value ?? 0);
    return into;
  };
  return {
    settlement: runs.reduce((all, run) => add(all, run.settlement.outcomes), {} as Record<string, number>),
    refunds: runs.reduce((all, run) => add(all, run.refunds.outcomes), {} as Record<string, number>),
    claimed: runs.reduce((sum, run) => sum + run.settlement.claimed + run.refunds.claimed, 0),
  };
}

/**
 * Every path of issue 8 over real HTTP on the production wiring: the shop's routes, its jobs, and
 * the sandbox playing WeChat (orderquery, closeorder, refund, refundquery, both notifications).
 */
function lifecycleSuite(backend: ShopBackend, stockPolicy: StockPolicy, wire: PayWire): void {
  describe(`${wire}, STOCK_POLICY=${stockPolicy}`, function () {
    this.timeout(60_000);
    let shop: LifecycleShop;
    before(async () => {
      shop = await startLifecycleShop(backend, stockPolicy, wire);
    });
    after(() => shop?.close());

    it('(a) recovers a payment whose notification never came: orderquery → PAID once, stock once; the late notification changes nothing', async () => {
      await shop.setStock(5, 100);
      const token = await shop.buyer();
      const order = await shop.placeAndPrepay(token, 5, 2);
      shop.sandbox.pay(order.orderNo, 'SUCCESS', { notify: false });
      expect(shop.notificationsOf(order.orderNo).map((note) => note.state)).to.deep.equal(['LOST']);

      shop.advance(GRACE_SECONDS - 10);
      const early = await shop.runJobs();
      expect(early.settlement.claimed, 'within the grace period WeChat is not asked').to.equal(0);
      expect((await shop.detail(token, order.id)).status).to.equal(OrderStatus.UNPAID);

      shop.advance(20);
      const recovery = await shop.runJobs();
      expect(recovery.settlement.outcomes).to.deep.equal({ PAID: 1 });
      const paid = await shop.detail(token, order.id);
      expect(paid.status).to.equal(OrderStatus.PAID);
      expect(paid.pay_time).to.be.a('string');
      expect(await shop.stockOf(5)).to.equal(98);

      shop.sandbox.sendLate(order.orderNo, 0);
      await shop.sandbox.idle();
      expect(shop.notificationsOf(order.orderNo).map((note) => note.state)).to.deep.equal(['LOST', 'ACKNOWLEDGED']);
      expect((await shop.detail(token, order.id)).status).to.equal(OrderStatus.PAID);
      expect(await shop.stockOf(5)).to.equal(98);
      expect(await shop.paymentsRecorded(order.id)).to.deep.equal(['PAID']);
      shop.advance(LEASE_SECONDS + 1);
      expect((await shop.runJobs()).settlement.claimed).to.equal(0);
      report('(a) lost notification', { recovered: recovery.settlement.outcomes, recorded: 1, stock: '100 → 98' });
    });

    it('(b) closes an unpaid order past its pay window at WeChat, then here; pre_order answers 80004; reserved stock comes back once', async () => {
      await shop.setStock(6, 50);
      const token = await shop.buyer();
      const prepared = await shop.placeAndPrepay(token, 6, 3);
      const unprepared = await shop.place(token, 6, 2);
      expect(await shop.stockOf(6)).to.equal(stockPolicy === 'on_order' ? 45 : 50);

      shop.advance(PAY_TIMEOUT_SECONDS - 200);
      const before = await shop.runJobs();
      expect(before.settlement.outcomes, 'asked about, not yet due to close').to.deep.equal({ STILL_UNPAID: 1 });

      shop.advance(201);
      // Two instances' timers firing at once: the leases give each order to one of them.
      const runs = await Promise.all([shop.runJobs(), shop.runJobs()]);
      const counts = outcomes(runs);
      expect(counts.settlement).to.deep.equal({ CLOSED: 2 });
      for (const order of [prepared, unprepared]) expect((await shop.detail(token, order.id)).status).to.equal(OrderStatus.CLOSED);
      expect(shop.tradeState(prepared.orderNo)).to.equal('CLOSED');
      expect(await shop.stockOf(6)).to.equal(50);

      const again = await shop.shopper.prepay(token, prepared.id);
      expect(again.status).to.equal(409);
      expect(again.body.error_code).to.equal(80004);
      expect(again.body.msg).to.be.a('string').and.not.equal('');
      expect(() => shop.sandbox.pay(prepared.orderNo)).to.throw(/closed/);
      shop.advance(LEASE_SECONDS + 1);
      expect((await shop.runJobs()).settlement.claimed).to.equal(0);
      expect(await shop.stockOf(6)).to.equal(50);
      report('(b) expiry', { ...counts.settlement, skippedByLease: runs[0]!.settlement.skipped + runs[1]!.settlement.skipped, stock: `50 → ${stockPolicy === 'on_order' ? 45 : 50} → 50` });
    });

    it('(c) refunds a payment that lands after the close: PAID_AFTER_CLOSE → refund job → sandbox refund → notification → REFUNDED in the detail', async () => {
      await shop.setStock(7, 20);
      const token = await shop.buyer();
      const order = await shop.placeAndPrepay(token, 7, 2);
      shop.advance(PAY_TIMEOUT_SECONDS + 1);
      expect((await shop.runJobs()).settlement.outcomes).to.deep.equal({ CLOSED: 1 });
      expect(await shop.stockOf(7)).to.equal(20);

      shop.sandbox.pay(order.orderNo, 'SUCCESS', { force: true });
      await shop.sandbox.idle();
      expect(shop.notificationsOf(order.orderNo).map((note) => note.state)).to.deep.equal(['ACKNOWLEDGED']);
      expect(await shop.paymentsRecorded(order.id)).to.deep.equal(['PAID_AFTER_CLOSE']);
      const owed = await shop.detail(token, order.id);
      expect(owed.status).to.equal(OrderStatus.CLOSED);
      expect(owed.refunds).to.have.length(1);
      expect(owed.refunds[0]).to.deep.include({ status: 'REFUNDING', refund_fee: owed.total_price, reason: '订单已关闭，自动退款' });

      const submitted = await shop.runJobs();
      expect(submitted.refunds.outcomes).to.deep.equal({ REFUNDING: 1 });
      const [atWeChat] = shop.sandboxRefundsOf(order.orderNo);
      expect(atWeChat).to.deep.include({ outRefundNo: owed.refunds[0].out_refund_no, status: 'PROCESSING' });

      shop.sandbox.settleRefund(atWeChat!.outRefundNo);
      await shop.sandbox.idle();
      const refunded = await shop.detail(token, order.id);
      expect(refunded.refunds[0]).to.deep.include({ status: 'REFUNDED', failure_reason: null });
      expect(refunded.status).to.equal(OrderStatus.CLOSED);
      expect(await shop.stockOf(7)).to.equal(20);
      shop.advance(LEASE_SECONDS + 1);
      expect((await shop.runJobs()).refunds.claimed).to.equal(0);
      expect(shop.sandboxRefundsOf(order.orderNo)).to.have.length(1);
      report('(c) paid after close', { notify: 'PAID_AFTER_CLOSE', refundJob: submitted.refunds.outcomes, refund: 'REFUNDED', sandboxRefunds: 1 });
    });

    it(stockPolicy === 'on_payment'
      ? '(d) tells the second buyer of the last held unit at once; stock cut by hand below what is held ends PAID_BUT_OUT_OF, refunded automatically, stock never below zero'
      : '(d) cannot end PAID_BUT_OUT_OF: the second order for the last unit is refused when placed', async () => {
      await shop.setStock(8, 1);
      const [first, second] = [await shop.buyer(), await shop.buyer()];
      const winner = await shop.placeAndPrepay(first, 8, 1);
      if (stockPolicy === 'on_order') {
        const refused = await shop.http.post(`${API}/order`, { products: [{ product_id: 8, count: 1 }] }, second);
        expect(refused.body.pass).to.equal(false);
        await shop.shopper.pay(winner.orderNo);
        expect((await shop.detail(first, winner.id)).status).to.equal(OrderStatus.PAID);
        expect(await shop.stockOf(8)).to.equal(0);
        report('(d) on_order', { secondOrder: 'pass:false', paid: 1, stock: '1 → 0' });
        return;
      }
      // The last unit is held by the first buyer's prepay: the second is told before paying anything.
      const told = await shop.http.post(`${API}/order`, { products: [{ product_id: 8, count: 1 }] }, second);
      expect(told.body.pass).to.equal(false);
      // A second unit comes, both are held, then the shop cuts the stock by hand below what it promised.
      await shop.setStock(8, 2);
      const loser = await shop.placeAndPrepay(second, 8, 1);
      await shop.setStock(8, 1);
      // One payment after the other: which order gets the last unit is then known.
      await shop.shopper.pay(winner.orderNo);
      await shop.shopper.pay(loser.orderNo);
      expect((await shop.detail(first, winner.id)).status).to.equal(OrderStatus.PAID);
      const outOf = await shop.detail(second, loser.id);
      expect(outOf.status).to.equal(OrderStatus.PAID_BUT_OUT_OF);
      expect(outOf.refunds[0]).to.deep.include({ status: 'REFUNDING', refund_fee: outOf.total_price, reason: '商品库存不足，自动退款' });
      expect(await shop.stockOf(8)).to.equal(0);

      const run = await shop.runJobs();
      expect(run.refunds.outcomes).to.deep.equal({ REFUNDING: 1 });
      const [atWeChat] = shop.sandboxRefundsOf(loser.orderNo);
      shop.sandbox.settleRefund(atWeChat!.outRefundNo);
      await shop.sandbox.idle();
      expect((await shop.detail(second, loser.id)).refunds.map((refund: { status: string }) => refund.status)).to.deep.equal(['REFUNDED']);
      expect(shop.sandboxRefundsOf(winner.orderNo)).to.deep.equal([]);
      expect(await shop.stockOf(8)).to.equal(0);
      report('(d) paid but out of stock', { secondOrderWhileHeld: 'pass:false', paid: 1, paidButOutOf: 1, refundJob: run.refunds.outcomes, stock: '1 → 0' });
    });

    it('(e) an admin partial refund whose submission times out is resent by the job with the same out_refund_no and refunded once', async () => {
      await shop.setStock(22, 10);
      const token = await shop.buyer();
      const order = await shop.placeAndPrepay(token, 22, 2);
      await shop.shopper.pay(order.orderNo);
      const cms = await shop.shopper.superToken();
      const submissions = () => shop.sandbox.calls()[shop.refundPath] ?? 0;
      const before = submissions();

      // The request never reaches WeChat: the admin is answered REFUNDING, the job resends it.
      shop.sandbox.stall(shop.refundPath);
      const lost = await shop.http.post(`${API}/order/refund`, { id: order.id, refund_fee: '5.00', reason: '少发一件' }, cms);
      expect(lost.status, lost.text).to.equal(201);
      expect(lost.body).to.include({ refund_fee: '5.00', status: 'REFUNDING' });
      expect(shop.sandboxRefundsOf(order.orderNo)).to.deep.equal([]);
      const resent = await shop.runJobs();
      expect(resent.refunds.outcomes).to.deep.equal({ REFUNDING: 1 });
      expect(shop.sandboxRefundsOf(order.orderNo).map((refund) => [refund.outRefundNo, refund.refundFee])).to.deep.equal([[lost.body.out_refund_no, '500']]);
      shop.advance(LEASE_SECONDS + 1);
      expect((await shop.runJobs()).refunds.outcomes, 'still processing at WeChat: nothing resent').to.deep.equal({ REFUNDING: 1 });
      shop.sandbox.settleRefund(lost.body.out_refund_no);
      await shop.sandbox.idle();

      // WeChat takes the request but its answer is lost: the job finds it there and sends nothing.
      shop.sandbox.stall(shop.refundPath, { processed: true });
      const unanswered = await shop.http.post(`${API}/order/refund`, { id: order.id, refund_fee: '1.00', reason: '包装破损' }, cms);
      expect(unanswered.body.status).to.equal('REFUNDING');
      shop.advance(LEASE_SECONDS + 1);
      expect((await shop.runJobs()).refunds.outcomes).to.deep.equal({ REFUNDING: 1 });
      shop.sandbox.settleRefund(unanswered.body.out_refund_no);
      await shop.sandbox.idle();

      const total = (await shop.detail(token, order.id)).total_price as string;
      const left = ((Math.round(Number(total) * 100) - 600) / 100 + 0.01).toFixed(2);
      const tooMuch = await shop.http.post(`${API}/order/refund`, { id: order.id, refund_fee: left, reason: '超额' }, cms);
      expect(tooMuch.body.error_code).to.equal(80006);

      const detail = await shop.detail(token, order.id);
      expect(detail.status).to.equal(OrderStatus.PAID);
      expect(detail.refunds.map((refund: { refund_fee: string; status: string }) => [refund.refund_fee, refund.status])).to.deep.equal([
        ['5.00', 'REFUNDED'],
        ['1.00', 'REFUNDED'],
      ]);
      const atWeChat = shop.sandboxRefundsOf(order.orderNo);
      expect(atWeChat.map((refund) => refund.status)).to.deep.equal(['SUCCESS', 'SUCCESS']);
      expect(atWeChat.reduce((sum, refund) => sum + Number(refund.refundFee), 0)).to.equal(600);
      expect(submissions() - before, 'stalled, resent by the job, stalled after processing').to.equal(3);
      report('(e) refund retried after a timeout', { refundCalls: submissions() - before, refundsAtWeChat: atWeChat.length, refundedFen: 600 });
    });

    it('(f) expiry racing notifications at the deadline ends each order in exactly one outcome, stock conserved', async () => {
      const initial = 100;
      await shop.setStock(9, initial);
      const token = await shop.buyer();
      const orders = [];
      for (let n = 0; n < 12; n++) orders.push(await shop.placeAndPrepay(token, 9, 1));
      const late = orders.slice(0, 4); // paid in the last second, the notification still on its way
      const racing = orders.slice(4, 8); // paid the instant the shop closes them
      const never = orders.slice(8);

      shop.advance(PAY_TIMEOUT_SECONDS - 1);
      for (const order of late) shop.sandbox.pay(order.orderNo, 'SUCCESS', { notify: false });
      shop.advance(2);
      const runs = await Promise.all([
        shop.runJobs(),
        shop.runJobs(),
        ...late.map(async (order, n) => {
          await delay(n * 2);
          shop.sandbox.sendLate(order.orderNo, 0);
        }),
        // Two land at moments spread over the run; two the instant WeChat has closed them,
        // before or after the shop records the close.
        ...racing.slice(0, 2).map(async (order, n) => {
          await delay(n * 15);
          shop.sandbox.pay(order.orderNo, 'SUCCESS', { force: true });
        }),
        ...racing.slice(2).map(async (order) => {
          if (await closedAtWeChat(shop, order.orderNo)) shop.sandbox.pay(order.orderNo, 'SUCCESS', { force: true });
        }),
      ]).then((results) => results.slice(0, 2) as LifecycleRun[]);
      await shop.sandbox.idle();
      shop.advance(LEASE_SECONDS + 1);
      const refundRun = await shop.runJobs();

      let paid = 0;
      let closed = 0;
      let refundedAfterClose = 0;
      for (const order of orders) {
        const detail = await shop.detail(token, order.id);
        const recorded = await shop.paymentsRecorded(order.id);
        const paidAtWeChat = shop.tradeState(order.orderNo) === 'SUCCESS';
        if (detail.status === OrderStatus.PAID) {
          paid++;
          expect(paidAtWeChat).to.equal(true);
          expect(recorded).to.deep.equal(['PAID']);
          expect(detail.refunds).to.deep.equal([]);
        } else {
          expect(detail.status, `order ${order.id}`).to.equal(OrderStatus.CLOSED);
          closed++;
          if (paidAtWeChat) {
            // Closed here, paid there: the whole amount is owed back, once.
            refundedAfterClose++;
            expect(recorded).to.deep.equal(['PAID_AFTER_CLOSE']);
            expect(detail.refunds.map((refund: { refund_fee: string }) => refund.refund_fee)).to.deep.equal([detail.total_price]);
            expect(shop.sandboxRefundsOf(order.orderNo)).to.have.length(1);
          } else {
            expect(recorded).to.deep.equal([]);
            expect(detail.refunds).to.deep.equal([]);
          }
        }
      }
      for (const order of late) expect((await shop.detail(token, order.id)).status, 'paid before the deadline').to.equal(OrderStatus.PAID);
      for (const order of never) expect((await shop.detail(token, order.id)).status).to.equal(OrderStatus.CLOSED);
      for (const order of [...late, ...racing]) {
        expect(shop.notificationsOf(order.orderNo).every((note) => note.state === 'ACKNOWLEDGED' || note.state === 'LOST')).to.equal(true);
      }
      expect(paid + closed).to.equal(12);
      const paidAtWeChat = orders.filter((order) => shop.tradeState(order.orderNo) === 'SUCCESS').length;
      expect(paid + refundedAfterClose, 'every payment taken is kept once or given back once').to.equal(paidAtWeChat);
      expect(await shop.stockOf(9), 'initial = final + paid').to.equal(initial - paid);
      expect(refundRun.refunds.outcomes.REFUNDING ?? 0).to.equal(refundedAfterClose);
      report('(f) deadline race', { paid, closed, paidAfterCloseRefunded: refundedAfterClose, settlement: outcomes(runs).settlement, stock: `${initial} → ${initial - paid}` });
    });

    it(`(g) everything above went over ${wire}: every notification and call, each signed as the key mode says`, () => {
      const deliveries = shop.sandbox.notifications();
      const paths = Object.keys(shop.sandbox.calls());
      expect(deliveries.length).to.be.greaterThan(0);
      expect([...new Set(deliveries.map((delivery) => delivery.protocol))]).to.deep.equal([wire === 'v2' ? 'v2' : 'v3']);
      expect(paths.filter((path) => path.startsWith('/v3/') !== (wire !== 'v2')), 'calls on the other API').to.deep.equal([]);
      const serials = new Set(deliveries.flatMap((delivery) => delivery.attempts.map((attempt) => attempt.serial)));
      if (wire === 'v2') expect([...serials]).to.deep.equal([null]);
      else expect([...serials].every((serial) => serial?.startsWith('PUB_KEY_ID_') === (wire === 'v3-public-key')), [...serials].join()).to.equal(true);
      // Certificate mode downloaded its certificates at start, once; nothing in public-key mode.
      expect(shop.sandbox.calls()['/v3/certificates'] ?? 0).to.equal(wire === 'v3-certificate' ? 1 : 0);
    });
  });
}

/** The classic merchant on API v2, and API v3 in both of WeChat's key modes. */
const WIRES: readonly PayWire[] = ['v2', 'v3-public-key', 'v3-certificate'];

describeOnRealBackends('order lifecycle end to end', (backend) => {
  for (const wire of WIRES) for (const policy of ['on_payment', 'on_order'] as const) lifecycleSuite(backend, policy, wire);
});
