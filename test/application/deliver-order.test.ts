import { expect } from 'chai';
import type { DeliverOrder } from '../../src/application/index.js';
import { OrderNotDeliverable, OrderNotFound, OrderStatus } from '../../src/domain/index.js';
import { type MemoryShop, memoryShop } from '../support/shop.js';
import { paidOrder, preparedOrder } from '../support/orders.js';

describe('DeliverOrder', () => {
  let shop: MemoryShop;
  let deliver: DeliverOrder;
  const statusOf = async (orderId: number) => (await shop.orders.findById(orderId))?.status;

  beforeEach(async () => {
    shop = await memoryShop();
    deliver = shop.deliverOrder;
  });

  it('delivers a PAID order, once', async () => {
    const { orderId } = await paidOrder(shop);
    await deliver.execute({ orderId });
    expect(await statusOf(orderId)).to.equal(OrderStatus.DELIVERED);
    expect(await deliver.execute({ orderId }).catch((e: unknown) => e)).to.be.instanceOf(OrderNotDeliverable);
  });

  it('refuses an unpaid or closed order and changes nothing', async () => {
    const { orderId } = await preparedOrder(shop);
    expect(await deliver.execute({ orderId }).catch((e: unknown) => e)).to.be.instanceOf(OrderNotDeliverable).with.property('code', 'ORDER.NOT_DELIVERABLE');
    expect(await statusOf(orderId)).to.equal(OrderStatus.UNPAID);
    shop.clock.advance(31 * 60_000);
    expect(await shop.settleUnpaidOrder.execute({ orderId })).to.equal('CLOSED');
    expect(await deliver.execute({ orderId }).catch((e: unknown) => e)).to.be.instanceOf(OrderNotDeliverable);
    expect(await statusOf(orderId)).to.equal(OrderStatus.CLOSED);
  });

  it('refuses an unknown order', async () => {
    expect(await deliver.execute({ orderId: 999 }).catch((e: unknown) => e)).to.be.instanceOf(OrderNotFound);
  });
});
