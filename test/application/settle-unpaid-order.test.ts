import { expect } from 'chai';
import { PayConfig, type SettleUnpaidOrder } from '../../src/application/index.js';
import { OrderStatus, payDeadline } from '../../src/domain/index.js';
import { type MemoryShop, memoryShop } from '../support/shop.js';
import { preparedOrder } from '../support/orders.js';

describe('SettleUnpaidOrder', () => {
  let shop: MemoryShop;
  let settle: SettleUnpaidOrder;
  const untilDeadlineOf = async (orderId: number) => {
    const order = (await shop.orders.findById(orderId))!;
    return payDeadline(order.createTime, shop.container.get<PayConfig>(PayConfig).orderPayTimeoutSeconds).getTime() - shop.clock.now().getTime();
  };

  beforeEach(async () => {
    shop = await memoryShop();
    settle = shop.settleUnpaidOrder;
  });

  it('leaves an unpaid order alone until its pay deadline, and closes it at WeChat and here from then on', async () => {
    const { orderId, orderNo } = await preparedOrder(shop);
    shop.clock.advance((await untilDeadlineOf(orderId)) - 1);
    expect(await settle.execute({ orderId })).to.equal('STILL_UNPAID');
    shop.clock.advance(1);
    expect(await settle.execute({ orderId })).to.equal('CLOSED');
    expect(shop.gateway.closedTrades.has(orderNo)).to.equal(true);
    expect((await shop.orders.findById(orderId))?.status).to.equal(OrderStatus.CLOSED);
  });

  it('applies a payment WeChat has for it, whatever the time, as its notification would', async () => {
    const { orderId, orderNo } = await preparedOrder(shop);
    shop.gateway.pay(orderNo);
    expect(await settle.execute({ orderId })).to.equal('PAID');
    expect((await shop.orders.findById(orderId))?.status).to.equal(OrderStatus.PAID);
    expect(await settle.execute({ orderId })).to.equal('NOT_UNPAID');
  });
});
