import { expect } from 'chai';
import sinon from 'sinon';
import { LifecycleJobs } from '../../../src/adapters/jobs/lifecycle-jobs.js';
import { OrderStatus } from '../../../src/domain/index.js';
import { memoryShop } from '../../support/shop.js';

describe('LifecycleJobs', () => {
  it('expires orders on its timer, logs what it did, and stops cleanly', async () => {
    const shop = await memoryShop();
    const placed = await shop.placeOrder.execute({ uid: shop.uid, products: [{ productId: 1, count: 1 }] });
    if (!placed.pass) throw new Error('expected pass');
    shop.clock.advance(31 * 60_000);
    const logger = { info: sinon.spy(), error: sinon.spy() };
    const jobs = new LifecycleJobs(shop.settleDueOrders, shop.syncRefunds, logger, { intervalMs: 5, batchSize: 10 });
    jobs.start();
    for (let i = 0; i < 100 && logger.info.notCalled; i++) await new Promise((resolve) => setTimeout(resolve, 5));
    await jobs.stop();
    expect((await shop.orders.findById(placed.orderId))?.status).to.equal(OrderStatus.CLOSED);
    expect(logger.info.firstCall.args[0]).to.deep.equal({ settlement: { CLOSED: 1 }, refunds: {} });
    expect(logger.error.called).to.equal(false);
  });
});
