import { expect } from 'chai';
import { PaymentGatewayError, type RequestRefund } from '../../src/application/index.js';
import { OrderNotFound, OrderStatus, RefundNotAllowed } from '../../src/domain/index.js';
import { aProduct } from '../support/mothers.js';
import { type MemoryShop, memoryShop } from '../support/shop.js';
import { paidOrder, preparedOrder } from '../support/orders.js';

describe('RequestRefund', () => {
  let shop: MemoryShop;
  let requestRefund: RequestRefund;
  beforeEach(async () => {
    shop = await memoryShop([aProduct({ id: 1, price: 500, stock: 10 })]);
    requestRefund = shop.requestRefund;
  });

  it('records the refund against the order\'s payment and sends it to WeChat', async () => {
    const { orderId, transactionId } = await paidOrder(shop, 2);
    const refund = await requestRefund.execute({ orderId, refundFee: 300, reason: '少发一件' });
    expect(refund).to.include({ orderId, transactionId, totalFee: 1000, refundFee: 300, cause: 'REQUESTED', reason: '少发一件', status: 'REFUNDING' });
    expect(refund.refundId).to.equal(shop.gateway.refunds.get(refund.outRefundNo)?.refundId);
  });

  it('numbers a payment\'s refunds R<transaction_id>, R<transaction_id>_2, …', async () => {
    const { orderId, transactionId } = await paidOrder(shop, 2);
    const numbers = [];
    for (const refundFee of [100, 200, 300]) numbers.push((await requestRefund.execute({ orderId, refundFee, reason: 'x' })).outRefundNo);
    expect(numbers).to.deep.equal([`R${transactionId}`, `R${transactionId}_2`, `R${transactionId}_3`]);
  });

  it('numbers an admin\'s refund after the one a notification owed for the same payment', async () => {
    const { orderId, orderNo } = await preparedOrder(shop, 2);
    shop.db.addProduct(aProduct({ id: 1, price: 500, stock: 1 }));
    const paid = shop.gateway.pay(orderNo);
    expect((await shop.handlePaymentNotification.execute({ ...paid, resultCode: 'SUCCESS', paidAt: null })).outcome).to.equal('PAID_BUT_OUT_OF');
    const owed = shop.db.state.refunds.get(`R${paid.transactionId}`)!;
    await shop.recordRefundResult.execute({ refund: owed, result: { status: 'FAILED', reason: 'CHANGE' } });
    expect((await requestRefund.execute({ orderId, reason: '人工退款' })).outRefundNo).to.equal(`R${paid.transactionId}_2`);
  });

  it('gives the whole order back when no amount is named, and nothing past what was paid', async () => {
    const { orderId } = await paidOrder(shop, 2);
    expect((await requestRefund.execute({ orderId, reason: '全部退回' })).refundFee).to.equal(1000);
    const error = await requestRefund.execute({ orderId, refundFee: 1, reason: 'again' }).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(RefundNotAllowed).with.property('code', 'REFUND.NOT_ALLOWED');
    expect(shop.db.state.refunds.size).to.equal(1);
  });

  it('refuses an unknown order and an order with no payment, recording nothing', async () => {
    const { orderId } = await preparedOrder(shop);
    expect(await requestRefund.execute({ orderId: 999, reason: 'x' }).catch((e: unknown) => e)).to.be.instanceOf(OrderNotFound);
    expect(await requestRefund.execute({ orderId, reason: 'x' }).catch((e: unknown) => e)).to.be.instanceOf(RefundNotAllowed);
    expect((await shop.orders.findById(orderId))?.status).to.equal(OrderStatus.UNPAID);
    expect(shop.db.state.refunds.size).to.equal(0);
  });

  it('keeps the refund REFUNDING for the job when WeChat cannot be reached', async () => {
    const { orderId } = await paidOrder(shop);
    shop.gateway.failNext = new PaymentGatewayError('TIMEOUT', 'timed out');
    const refund = await requestRefund.execute({ orderId, reason: 'x' });
    expect(refund).to.include({ status: 'REFUNDING', refundId: null });
    expect(shop.gateway.refunds.size).to.equal(0);
  });
});
