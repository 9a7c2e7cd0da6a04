import { expect } from 'chai';
import { PaymentGatewayError } from '../../../src/application/index.js';
import { OrderStatus, RefundNotAllowed } from '../../../src/domain/index.js';
import { describeOnEveryBackend } from '../../support/backends.js';
import { aProduct } from '../../support/mothers.js';
import { paidAtWeChat } from '../../support/orders.js';
import { type UseCaseShop, useCaseShop } from '../../support/shop.js';

const MINUTE = 60_000;

describeOnEveryBackend('refunds', (freshWorld) => {
  let shop: UseCaseShop;
  let requestRefund: UseCaseShop['requestRefund'];
  let syncRefunds: UseCaseShop['syncRefunds'];

  beforeEach(async () => {
    shop = await useCaseShop(await freshWorld(), { products: [aProduct({ id: 1, stock: 10, price: 500 })] });
    requestRefund = shop.requestRefund;
    syncRefunds = shop.syncRefunds;
  });

  it('refunds a paid order in part and then the rest, never more than was paid', async () => {
    const { orderId, notification } = await paidAtWeChat(shop, 2);
    await shop.handlePaymentNotification.execute(notification);
    const first = await requestRefund.execute({ orderId, refundFee: 300, reason: '少发一件' });
    expect(first).to.include({ status: 'REFUNDING', refundFee: 300, transactionId: notification.transactionId });
    expect(first.refundId).to.be.a('string');
    const error = await requestRefund.execute({ orderId, refundFee: 701, reason: 'too much' }).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(RefundNotAllowed).with.property('code', 'REFUND.NOT_ALLOWED');
    const rest = await requestRefund.execute({ orderId, reason: '全部退回' }).catch((e: unknown) => e);
    expect(rest).to.be.instanceOf(RefundNotAllowed, 'a full refund on top of a partial one exceeds the total');
    await requestRefund.execute({ orderId, refundFee: 700, reason: '其余退回' });
    expect(shop.gateway.refunds.size).to.equal(2);
  });

  it('never refunds more than was paid when admins race', async () => {
    const { orderId, notification } = await paidAtWeChat(shop, 2);
    await shop.handlePaymentNotification.execute(notification);
    const results = await Promise.allSettled(Array.from({ length: 10 }, () => requestRefund.execute({ orderId, refundFee: 300, reason: 'race' })));
    expect(results.filter((result) => result.status === 'fulfilled')).to.have.length(3);
    const sent = [...shop.gateway.refunds.values()].reduce((total, refund) => total + refund.request.refundFee, 0);
    expect(sent).to.equal(900);
  });

  it('refuses to refund an unpaid order', async () => {
    const placed = await shop.placeOrder.execute({ uid: shop.uid, products: [{ productId: 1, count: 1 }] });
    if (!placed.pass) throw new Error('expected pass');
    const error = await requestRefund.execute({ orderId: placed.orderId, reason: 'x' }).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(RefundNotAllowed);
  });

  it('refunds a PAID_BUT_OUT_OF order automatically, once, even when the first submission timed out', async () => {
    const { orderId, notification } = await paidAtWeChat(shop, 2);
    await shop.world.setStock(1, 1);
    expect((await shop.handlePaymentNotification.execute(notification)).outcome).to.equal('PAID_BUT_OUT_OF');
    shop.gateway.failNext = new PaymentGatewayError('TIMEOUT', 'timed out');
    expect((await syncRefunds.execute({ limit: 10 })).outcomes).to.deep.equal({ ERROR: 1 });
    shop.clock.advance(3 * MINUTE);
    expect((await syncRefunds.execute({ limit: 10 })).outcomes).to.deep.equal({ REFUNDING: 1 });
    shop.clock.advance(3 * MINUTE);
    await syncRefunds.execute({ limit: 10 });
    expect(shop.gateway.refunds.size).to.equal(1);
    const [sent] = [...shop.gateway.refunds.values()];
    expect(sent?.request).to.include({ refundFee: 1000, totalFee: 1000, transactionId: notification.transactionId });
    sent!.settled = true;
    shop.clock.advance(3 * MINUTE);
    expect((await syncRefunds.execute({ limit: 10 })).outcomes).to.deep.equal({ REFUNDED: 1 });
    const error = await requestRefund.execute({ orderId, refundFee: 1, reason: 'again' }).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(RefundNotAllowed, 'the automatic refund used up the whole amount');
    expect((await shop.orders.findById(orderId))?.status).to.equal(OrderStatus.PAID_BUT_OUT_OF);
  });

  it('completes or fails a refund on WeChat\'s refund notification, once', async () => {
    const { orderId, notification } = await paidAtWeChat(shop, 2);
    await shop.handlePaymentNotification.execute(notification);
    const handle = shop.handleRefundNotification;
    const refund = await requestRefund.execute({ orderId, refundFee: 400, reason: 'x' });
    const done = { outRefundNo: refund.outRefundNo, refundId: refund.refundId ?? 'r', refundStatus: 'SUCCESS' as const };
    expect(await handle.execute(done)).to.deep.equal({ status: 'REFUNDED' });
    expect(await handle.execute({ ...done, refundStatus: 'REFUNDCLOSE' })).to.deep.equal({ status: 'REFUNDED' });
    const failing = await requestRefund.execute({ orderId, refundFee: 600, reason: 'y' });
    expect(await handle.execute({ outRefundNo: failing.outRefundNo, refundId: 'r2', refundStatus: 'CHANGE' })).to.deep.equal({ status: 'FAILED' });
    // The failed amount is refundable again (WeChat no longer counts the closed refund either).
    shop.gateway.refunds.delete(failing.outRefundNo);
    expect((await requestRefund.execute({ orderId, refundFee: 600, reason: 'z' })).status).to.equal('REFUNDING');
    expect(await handle.execute({ outRefundNo: 'nope', refundId: 'r', refundStatus: 'SUCCESS' })).to.deep.equal({ status: 'UNKNOWN_REFUND' });
  });

  it('refunds a payment that arrives for a closed order', async () => {
    const placed = await shop.placeOrder.execute({ uid: shop.uid, products: [{ productId: 1, count: 1 }] });
    if (!placed.pass) throw new Error('expected pass');
    shop.clock.advance(31 * MINUTE);
    await shop.orders.transition(placed.orderId, OrderStatus.UNPAID, OrderStatus.CLOSED);
    await shop.orders.addPaymentAttempt({
      orderId: placed.orderId, outTradeNo: placed.orderNo, prepayId: 'p', prepayExpiresAt: shop.clock.now(), createdAt: shop.clock.now(),
    });
    const result = await shop.handlePaymentNotification.execute({
      outTradeNo: placed.orderNo, transactionId: 'late', totalFee: 500, resultCode: 'SUCCESS', paidAt: null,
    });
    expect(result.outcome).to.equal('PAID_AFTER_CLOSE');
    await syncRefunds.execute({ limit: 10 });
    expect(shop.gateway.refunds.get('Rlate')?.request).to.include({ refundFee: 500, transactionId: 'late' });
  });
});
