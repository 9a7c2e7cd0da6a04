import { expect } from 'chai';
import type { NewRefund } from '../../src/domain/index.js';
import { aNewOrder } from './builders.js';
import type { World, WorldFactory } from './worlds.js';

export function refundRepositoryContract(newWorld: WorldFactory): void {
  describe('RefundRepository contract', () => {
    let world: World;
    let orderId: number;
    const at = (minute: number) => new Date(Date.UTC(2026, 10, 24, 4, minute));
    const aRefund = (overrides: Partial<NewRefund> = {}): NewRefund => ({
      outRefundNo: 'R4200000001',
      orderId,
      transactionId: '4200000001',
      totalFee: 500,
      refundFee: 500,
      cause: 'OUT_OF_STOCK',
      reason: '商品库存不足，自动退款',
      chargedToOrder: true,
      createdAt: at(0),
      ...overrides,
    });

    beforeEach(async () => {
      world = await newWorld();
      orderId = await world.orders.insert(aNewOrder({ totalPrice: 500 }));
    });

    it('creates a refund once per out_refund_no, REFUNDING, and reads it back', async () => {
      expect(await world.refunds.create(aRefund())).to.equal(true);
      expect(await world.refunds.create(aRefund({ reason: 'again' }))).to.equal(false);
      expect(await world.refunds.find('R4200000001')).to.deep.equal({
        ...aRefund(),
        status: 'REFUNDING',
        failureReason: null,
        refundId: null,
        updatedAt: at(0),
      });
      expect(await world.refunds.find('R-none')).to.equal(null);
    });

    it('charges refunds against the order only up to what was paid', async () => {
      expect(await world.refunds.chargeToOrder(orderId, 300)).to.equal(true);
      expect(await world.refunds.chargeToOrder(orderId, 300)).to.equal(false);
      expect(await world.refunds.chargeToOrder(orderId, 200)).to.equal(true);
      await world.refunds.unchargeFromOrder(orderId, 200);
      expect(await world.refunds.chargeToOrder(orderId, 200)).to.equal(true);
      expect(await world.refunds.chargeToOrder(orderId + 1000, 1)).to.equal(false);
    });

    it('never charges past the paid total when ten charges race', async () => {
      const results = await Promise.all(Array.from({ length: 10 }, () => world.refunds.chargeToOrder(orderId, 100)));
      expect(results.filter(Boolean)).to.have.length(5);
    });

    it('moves a refund\'s status by compare-and-set and lists an order\'s refunds oldest first', async () => {
      await world.refunds.create(aRefund({ outRefundNo: 'R-2', createdAt: at(5) }));
      await world.refunds.create(aRefund({ outRefundNo: 'R-1', createdAt: at(1) }));
      expect(await world.refunds.transition('R-1', 'REFUNDING', 'REFUNDED', { refundId: 'wx-refund-1', at: at(9) })).to.equal(true);
      expect(await world.refunds.transition('R-1', 'REFUNDING', 'FAILED', { failureReason: 'late', at: at(10) })).to.equal(false);
      expect(await world.refunds.transition('R-2', 'REFUNDING', 'FAILED', { failureReason: '退款关闭', at: at(11) })).to.equal(true);

      const [first, second] = await world.refunds.listByOrder(orderId);
      expect(first).to.include({ outRefundNo: 'R-1', status: 'REFUNDED', refundId: 'wx-refund-1', failureReason: null });
      expect(first?.updatedAt.toISOString()).to.equal(at(9).toISOString());
      expect(second).to.include({ outRefundNo: 'R-2', status: 'FAILED', failureReason: '退款关闭', refundId: null });
    });

    it('lists the refunds of several orders in one read, oldest first, and none for no orders', async () => {
      const other = await world.orders.insert(aNewOrder({ totalPrice: 300 }));
      const third = await world.orders.insert(aNewOrder({ totalPrice: 200 }));
      await world.refunds.create(aRefund({ outRefundNo: 'R-b', orderId: other, createdAt: at(4) }));
      await world.refunds.create(aRefund({ outRefundNo: 'R-a', createdAt: at(2) }));
      await world.refunds.create(aRefund({ outRefundNo: 'R-c', orderId: third, createdAt: at(1) }));
      const listed = await world.refunds.listByOrders([orderId, other]);
      expect(listed.map((refund) => [refund.outRefundNo, refund.orderId])).to.deep.equal([
        ['R-a', orderId],
        ['R-b', other],
      ]);
      expect(await world.refunds.listByOrders([])).to.deep.equal([]);
    });

    it('hands out in-flight refunds oldest first, each to one worker while its lease lives', async () => {
      await world.refunds.create(aRefund({ outRefundNo: 'R-late', createdAt: at(3) }));
      await world.refunds.create(aRefund({ outRefundNo: 'R-early', createdAt: at(1) }));
      await world.refunds.create(aRefund({ outRefundNo: 'R-done', createdAt: at(0) }));
      await world.refunds.transition('R-done', 'REFUNDING', 'REFUNDED', { at: at(2) });

      expect(await world.refunds.findInFlight(at(10), 10)).to.deep.equal(['R-early', 'R-late']);
      expect(await world.refunds.findInFlight(at(10), 1)).to.deep.equal(['R-early']);
      expect(await world.refunds.claim('R-early', at(10), at(12))).to.equal(true);
      expect(await world.refunds.claim('R-early', at(11), at(13))).to.equal(false);
      expect(await world.refunds.findInFlight(at(11), 10)).to.deep.equal(['R-late']);
      expect(await world.refunds.claim('R-early', at(12), at(14))).to.equal(true);
    });
  });
}
