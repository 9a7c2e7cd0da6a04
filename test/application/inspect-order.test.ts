import { expect } from 'chai';
import { InspectOrder, RecordRefundResult, RequestRefund } from '../../src/application/index.js';
import { OrderNotFound, OrderStatus } from '../../src/domain/index.js';
import { aProduct } from '../support/mothers.js';
import { type MemoryShop, memoryShop } from '../support/memory-shop.js';
import { paidOrder, preparedOrder } from './orders.js';

describe('InspectOrder', () => {
  let shop: MemoryShop;
  let inspect: InspectOrder;
  beforeEach(async () => {
    shop = await memoryShop([aProduct({ id: 1, price: 500, stock: 10 })]);
    inspect = shop.container.get(InspectOrder);
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
    const requestRefund = shop.container.get(RequestRefund);
    const first = await requestRefund.execute({ orderId, refundFee: 300, reason: '少发一件' });
    expect((await inspect.execute({ orderId })).refundable).to.equal(700);
    await shop.container.get(RecordRefundResult).execute({ refund: first, result: { status: 'FAILED', reason: 'REFUNDCLOSE' } });
    await requestRefund.execute({ orderId, refundFee: 100, reason: '破损' });

    const seen = await inspect.execute({ orderId });
    expect(seen.refunds.map((refund) => [refund.refundFee, refund.status, refund.cause])).to.deep.equal([
      [300, 'FAILED', 'REQUESTED'],
      [100, 'REFUNDING', 'REQUESTED'],
    ]);
    expect(seen.refundable).to.equal(900);
  });

  it('refuses an unknown order', async () => {
    expect(await inspect.execute({ orderId: 999 }).catch((error: unknown) => error)).to.be.instanceOf(OrderNotFound);
  });
});
