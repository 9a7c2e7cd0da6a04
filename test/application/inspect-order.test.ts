import { expect } from 'chai';
import type { InspectOrder } from '../../src/application/index.js';
import { OrderNotFound, OrderStatus } from '../../src/domain/index.js';
import { aProduct } from '../support/mothers.js';
import { type MemoryShop, memoryShop } from '../support/shop.js';
import { paidOrder, preparedOrder } from '../support/orders.js';
import { rejectionOf } from '../support/rejection.js';

describe('InspectOrder', () => {
  let shop: MemoryShop;
  let inspect: InspectOrder;
  beforeEach(async () => {
    shop = await memoryShop([aProduct({ id: 1, price: 500, stock: 10 })]);
    inspect = shop.inspectOrder;
  });

  it('shows any order with its payment attempts and nothing to refund before it is paid', async () => {
    const { orderId, orderNo } = await preparedOrder(shop, 2);
    const seen = await inspect.execute({ orderId });
    expect(seen.order).to.include({ id: orderId, status: OrderStatus.UNPAID, userId: shop.uid });
    expect(seen.paymentAttempts.map((attempt) => attempt.outTradeNo)).to.deep.equal([orderNo]);
    expect(seen.refunds).to.deep.equal([]);
    expect(seen.refundable).to.equal(0);
  });

  it('shows each refund and what is left to refund: a failed refund\'s amount is refundable again', async () => {
    const { orderId } = await paidOrder(shop, 2);
    const { requestRefund } = shop;
    const first = await requestRefund.execute({ orderId, refundFee: 300, reason: '少发一件' });
    expect((await inspect.execute({ orderId })).refundable).to.equal(700);
    await shop.recordRefundResult.execute({ refund: first, result: { status: 'FAILED', reason: 'REFUNDCLOSE' } });
    await requestRefund.execute({ orderId, refundFee: 100, reason: '破损' });

    const seen = await inspect.execute({ orderId });
    expect(seen.refunds.map((refund) => [refund.refundFee, refund.status, refund.cause])).to.deep.equal([
      [300, 'FAILED', 'REQUESTED'],
      [100, 'REFUNDING', 'REQUESTED'],
    ]);
    expect(seen.refundable).to.equal(900);
  });

  it('refuses an unknown order', async () => {
    await rejectionOf(inspect.execute({ orderId: 999 }), OrderNotFound);
  });
});
