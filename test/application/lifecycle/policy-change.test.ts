import { expect } from 'chai';
import { OrderStatus } from '../../../src/domain/index.js';
import { describeOnEveryBackend } from '../../support/backends.js';
import { aProduct } from '../../support/mothers.js';
import { useCaseShop } from '../../support/shop.js';

const MINUTE = 60_000;

/**
 * STOCK_POLICY changed while orders are open, or two instances disagreeing during a rolling
 * deploy: every order moves stock by the policy it was placed under, never twice, never not at all.
 */
describeOnEveryBackend('stock policy changed while orders are open', (freshWorld) => {
  it('pays and closes each order by the policy it was placed under', async () => {
    const world = await freshWorld();
    const reserving = await useCaseShop(world, { products: [aProduct({ id: 1, stock: 10 })], payConfig: { stockPolicy: 'on_order' } });
    const classic = await useCaseShop(world, { products: [], payConfig: { stockPolicy: 'on_payment' } });
    const uid = reserving.uid;

    const place = async (shop: typeof reserving) => {
      const placed = await shop.placeOrder.execute({ uid, products: [{ productId: 1, count: 2 }] });
      if (!placed.pass) throw new Error('expected pass');
      await shop.preparePayment.execute({ uid, orderId: placed.orderId, clientIp: '127.0.0.1' });
      return placed;
    };
    const reservedPaid = await place(reserving);
    const reservedClosed = await place(reserving);
    world.clock.advance(1); // the instances share the world's clock and count their order numbers from the same instant
    const classicPaid = await place(classic);
    const classicClosed = await place(classic);
    expect(await world.stockOf(1)).to.equal(6, 'two reserving orders took 4 units when placed');

    // Every order is settled by the instance with the other policy.
    const notify = (shop: typeof reserving, placedBy: typeof reserving, orderNo: string) =>
      shop.handlePaymentNotification.execute({ ...placedBy.gateway.pay(orderNo), transactionId: `tx-${orderNo}`, resultCode: 'SUCCESS', paidAt: null });
    expect((await notify(classic, reserving, reservedPaid.orderNo)).outcome).to.equal('PAID');
    expect(await world.stockOf(1)).to.equal(6, 'a reserved order is not deducted again');
    expect((await notify(reserving, classic, classicPaid.orderNo)).outcome).to.equal('PAID');
    expect(await world.stockOf(1)).to.equal(4, 'a classic order is deducted when paid');

    world.clock.advance(31 * MINUTE);
    expect(await classic.settleUnpaidOrder.execute({ orderId: reservedClosed.orderId })).to.equal('CLOSED');
    expect(await world.stockOf(1)).to.equal(6, 'a reserved order gives its units back when closed');
    expect(await reserving.settleUnpaidOrder.execute({ orderId: classicClosed.orderId })).to.equal('CLOSED');
    expect(await world.stockOf(1)).to.equal(6, 'a classic order had taken nothing, so gives nothing back');
    expect((await world.orders.findById(reservedPaid.orderId))?.status).to.equal(OrderStatus.PAID);
  });
});
