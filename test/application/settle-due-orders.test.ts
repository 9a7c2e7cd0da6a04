import { expect } from 'chai';
import { PayConfig, type SettleDueOrders } from '../../src/application/index.js';
import { type MemoryShop, memoryShop } from '../support/shop.js';
import { preparedOrder } from '../support/orders.js';

describe('SettleDueOrders', () => {
  let shop: MemoryShop;
  let settleDue: SettleDueOrders;
  let config: PayConfig;
  const seconds = (count: number) => count * 1000;

  beforeEach(async () => {
    shop = await memoryShop();
    settleDue = shop.settleDueOrders;
    config = shop.container.get<PayConfig>(PayConfig);
  });

  it('looks at an unpaid order once its payment attempt is past the notification grace, and closes it past its pay deadline', async () => {
    await preparedOrder(shop);
    expect((await settleDue.execute({ limit: 10 })).claimed).to.equal(0);
    shop.clock.advance(seconds(config.notificationGraceSeconds) + 1);
    expect((await settleDue.execute({ limit: 10 })).outcomes).to.deep.equal({ STILL_UNPAID: 1 });
    shop.clock.advance(seconds(config.orderPayTimeoutSeconds));
    expect((await settleDue.execute({ limit: 10 })).outcomes).to.deep.equal({ CLOSED: 1 });
  });

  it('finds an order that never got a payment attempt once it is past its pay deadline', async () => {
    const placed = await shop.placeOrder.execute({ uid: shop.uid, products: [{ productId: 1, count: 1 }] });
    if (!placed.pass) throw new Error('expected pass');
    shop.clock.advance(seconds(config.orderPayTimeoutSeconds));
    expect((await settleDue.execute({ limit: 10 })).claimed).to.equal(0, 'placed exactly one pay window ago: not yet overdue');
    shop.clock.advance(1);
    expect((await settleDue.execute({ limit: 10 })).outcomes).to.deep.equal({ CLOSED: 1 });
  });

  it('holds an order it looked at for JOB_ITEM_LEASE_SECONDS before looking again', async () => {
    await preparedOrder(shop);
    shop.clock.advance(seconds(config.notificationGraceSeconds) + 1);
    expect((await settleDue.execute({ limit: 10 })).claimed).to.equal(1);
    shop.clock.advance(seconds(config.jobItemLeaseSeconds) - 1);
    expect((await settleDue.execute({ limit: 10 })).claimed).to.equal(0);
    shop.clock.advance(1);
    expect((await settleDue.execute({ limit: 10 })).claimed).to.equal(1);
  });
});
