import { expect } from 'chai';
import { OrderStatus } from '../../src/domain/index.js';
import { aNewOrder } from './builders.js';
import type { World, WorldFactory } from './worlds.js';

export function orderSettlementQueueContract(newWorld: WorldFactory): void {
  describe('OrderSettlementQueue contract', () => {
    let world: World;
    const at = (minute: number) => new Date(Date.UTC(2026, 10, 24, 4, minute));

    beforeEach(async () => {
      world = await newWorld();
    });

    it('finds unpaid orders past their window or with an old payment attempt, oldest first, within the limit', async () => {
      const old = await world.orders.insert(aNewOrder({ createTime: at(1) }));
      const older = await world.orders.insert(aNewOrder({ createTime: at(0) }));
      const fresh = await world.orders.insert(aNewOrder({ createTime: at(20) }));
      const waiting = await world.orders.insert(aNewOrder({ createTime: at(21) }));
      const paid = await world.orders.insert(aNewOrder({ createTime: at(0) }));
      await world.orders.transition(paid, OrderStatus.UNPAID, OrderStatus.PAID);
      const attempt = (orderId: number, createdAt: Date, outTradeNo: string) =>
        world.orders.addPaymentAttempt({ orderId, outTradeNo, prepayId: `wx-${outTradeNo}`, prepayExpiresAt: at(60), createdAt });
      await attempt(waiting, at(22), 'W-1');
      await attempt(fresh, at(29), 'F-1');

      const query = { now: at(30), createdBefore: at(10), attemptBefore: at(25), limit: 10 };
      expect(await world.settlementQueue.findDue(query)).to.deep.equal([older, old, waiting]);
      expect(await world.settlementQueue.findDue({ ...query, limit: 2 })).to.deep.equal([older, old]);
    });

    it('leases an order to one worker until the lease ends, and skips leased orders', async () => {
      const id = await world.orders.insert(aNewOrder({ createTime: at(0) }));
      const query = { now: at(30), createdBefore: at(10), attemptBefore: at(10), limit: 10 };
      expect(await world.settlementQueue.claim(id, at(30), at(32))).to.equal(true);
      expect(await world.settlementQueue.claim(id, at(31), at(33))).to.equal(false);
      expect(await world.settlementQueue.findDue({ ...query, now: at(31) })).to.deep.equal([]);
      expect(await world.settlementQueue.findDue({ ...query, now: at(32) })).to.deep.equal([id]);
      expect(await world.settlementQueue.claim(id, at(32), at(34))).to.equal(true);
    });

    it('gives a contested lease to exactly one of ten workers', async () => {
      const id = await world.orders.insert(aNewOrder({ createTime: at(0) }));
      const claims = await Promise.all(Array.from({ length: 10 }, () => world.settlementQueue.claim(id, at(30), at(32))));
      expect(claims.filter(Boolean)).to.have.length(1);
    });
  });
}
