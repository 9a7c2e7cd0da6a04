import { expect } from 'chai';
import { OrderStatus } from '../../src/domain/index.js';
import { aNewOrder } from './builders.js';
import type { World, WorldFactory } from './worlds.js';

export function orderRepositoryContract(newWorld: WorldFactory): void {
  describe('OrderRepository contract', () => {
    let world: World;
    beforeEach(async () => {
      world = await newWorld();
    });

    it('reads back an inserted order with its lines and snapshot, unpaid and without prepay', async () => {
      const order = aNewOrder({ totalPrice: 2_147_483_000 * 2 });
      const id = await world.orders.insert(order);
      const found = await world.orders.findById(id);
      expect(found).to.deep.equal({
        ...order,
        id,
        prepayId: null,
        prepayExpiresAt: null,
        transactionId: null,
        paidAt: null,
      });
    });

    it('gives each order its own id and refuses a second order with the same order number', async () => {
      const first = await world.orders.insert(aNewOrder({ orderNo: 'SAME-NO' }));
      const second = await world.orders.insert(aNewOrder());
      expect(second).to.not.equal(first);
      let failed = false;
      await world.orders.insert(aNewOrder({ orderNo: 'SAME-NO' })).catch(() => (failed = true));
      expect(failed).to.equal(true);
    });

    it('answers null for an unknown order', async () => {
      expect(await world.orders.findById(999_999)).to.equal(null);
    });

    it('lists one user\'s orders newest first, a page at a time', async () => {
      const at = (minute: number) => new Date(Date.UTC(2026, 10, 24, 4, minute));
      const ids = [];
      for (let minute = 0; minute < 5; minute++) ids.push(await world.orders.insert(aNewOrder({ userId: 7, createTime: at(minute) })));
      await world.orders.insert(aNewOrder({ userId: 8, createTime: at(10) }));

      const first = await world.orders.listByUser(7, { page: 1, size: 2 });
      const third = await world.orders.listByUser(7, { page: 3, size: 2 });
      expect(first.map((order) => order.id)).to.deep.equal([ids[4], ids[3]]);
      expect(third.map((order) => order.id)).to.deep.equal([ids[0]]);
      expect(first[0]?.lines).to.deep.equal(aNewOrder().lines);
      expect(await world.orders.listByUser(9, { page: 1, size: 10 })).to.deep.equal([]);

      const all = await world.orders.listAll({ page: 1, size: 10 });
      expect(all).to.have.length(6);
      expect(all[0]?.userId).to.equal(8);
    });

    it('lists every order of one status newest first, a page at a time', async () => {
      const at = (minute: number) => new Date(Date.UTC(2026, 10, 24, 4, minute));
      const ids = [];
      for (let minute = 0; minute < 5; minute++) ids.push(await world.orders.insert(aNewOrder({ userId: 7 + minute, createTime: at(minute) })));
      for (const id of [ids[1], ids[3], ids[4]] as number[]) await world.orders.transition(id, OrderStatus.UNPAID, OrderStatus.PAID, { transactionId: `T-${id}`, paidAt: at(9) });

      const paid = await world.orders.listAll({ page: 1, size: 2 }, { status: OrderStatus.PAID });
      expect(paid.map((order) => order.id)).to.deep.equal([ids[4], ids[3]]);
      expect((await world.orders.listAll({ page: 2, size: 2 }, { status: OrderStatus.PAID })).map((order) => order.id)).to.deep.equal([ids[1]]);
      expect((await world.orders.listAll({ page: 1, size: 10 }, { status: OrderStatus.UNPAID })).map((order) => order.id)).to.deep.equal([ids[2], ids[0]]);
      expect(await world.orders.listAll({ page: 1, size: 10 }, { status: OrderStatus.CLOSED })).to.deep.equal([]);
      expect(await world.orders.listAll({ page: 1, size: 10 }, {})).to.have.length(5);
    });

    it('moves the status by compare-and-set: one winner, the loser changes nothing', async () => {
      const id = await world.orders.insert(aNewOrder());
      const paidAt = new Date('2026-11-24T05:00:00.000Z');
      expect(await world.orders.transition(id, OrderStatus.UNPAID, OrderStatus.PAID, { transactionId: 'T-1', paidAt })).to.equal(true);
      expect(await world.orders.transition(id, OrderStatus.UNPAID, OrderStatus.PAID, { transactionId: 'T-2', paidAt: new Date() })).to.equal(false);
      expect(await world.orders.transition(id, OrderStatus.UNPAID, OrderStatus.CLOSED)).to.equal(false);

      const order = await world.orders.findById(id);
      expect(order?.status).to.equal(OrderStatus.PAID);
      expect(order?.transactionId).to.equal('T-1');
      expect(order?.paidAt?.toISOString()).to.equal(paidAt.toISOString());

      expect(await world.orders.transition(id, OrderStatus.PAID, OrderStatus.DELIVERED)).to.equal(true);
      const delivered = await world.orders.findById(id);
      expect(delivered?.status).to.equal(OrderStatus.DELIVERED);
      expect(delivered?.transactionId).to.equal('T-1');
      expect(await world.orders.transition(123_456, OrderStatus.UNPAID, OrderStatus.PAID)).to.equal(false);
    });

    it('touches an order only while it is in the status named: a write that moves update_time, and nothing else', async () => {
      const id = await world.orders.insert(aNewOrder());
      world.clock.advance(60_000);
      expect(await world.unitOfWork.run(({ orders }) => orders.touchWhile(id, OrderStatus.UNPAID))).to.equal(true);
      expect((await world.rowTime('order updated', id))?.toISOString()).to.equal(world.clock.now().toISOString());
      expect(await world.orders.touchWhile(id, OrderStatus.UNPAID), 'the clock has not moved: still a write').to.equal(true);
      await world.orders.transition(id, OrderStatus.UNPAID, OrderStatus.PAID);
      expect(await world.orders.touchWhile(id, OrderStatus.UNPAID)).to.equal(false);
      expect((await world.orders.findById(id))?.status).to.equal(OrderStatus.PAID);
      expect(await world.orders.touchWhile(999_999, OrderStatus.UNPAID)).to.equal(false);
    });

    it('stamps update_time from the clock it was given, also inside a unit of work', async () => {
      const order = aNewOrder();
      const id = await world.orders.insert(order);
      expect((await world.rowTime('order updated', id))?.toISOString()).to.equal(order.createTime.toISOString());

      world.clock.advance(60_000);
      const attempt = { orderId: id, outTradeNo: order.orderNo, prepayId: 'wx-prepay', prepayExpiresAt: new Date('2026-11-24T06:00:00.000Z'), createdAt: world.clock.now() };
      await world.orders.addPaymentAttempt(attempt);
      expect((await world.rowTime('order updated', id))?.toISOString()).to.equal(world.clock.now().toISOString());

      world.clock.advance(60_000);
      await world.unitOfWork.run(({ orders }) => orders.transition(id, OrderStatus.UNPAID, OrderStatus.PAID, { transactionId: 'T-clock' }));
      expect((await world.rowTime('order updated', id))?.toISOString()).to.equal(world.clock.now().toISOString());
    });

    it('records payment attempts, finds them by out_trade_no and keeps the newest prepay id on the order', async () => {
      const id = await world.orders.insert(aNewOrder({ orderNo: 'NO-1' }));
      const first = {
        orderId: id,
        outTradeNo: 'NO-1',
        prepayId: 'wx-prepay-1',
        prepayExpiresAt: new Date('2026-11-24T06:00:00.000Z'),
        createdAt: new Date('2026-11-24T04:00:00.000Z'),
      };
      const second = { ...first, outTradeNo: 'NO-1_2', prepayId: 'wx-prepay-2', prepayExpiresAt: new Date('2026-11-24T08:00:00.000Z'), createdAt: new Date('2026-11-24T06:00:00.000Z') };
      await world.orders.addPaymentAttempt(first);
      await world.orders.addPaymentAttempt(second);

      expect(await world.orders.findPaymentAttempt('NO-1_2')).to.deep.equal(second);
      expect(await world.orders.findPaymentAttempt('NO-404')).to.equal(null);
      expect(await world.orders.listPaymentAttempts(id)).to.deep.equal([second, first]);
      const order = await world.orders.findById(id);
      expect(order?.prepayId).to.equal('wx-prepay-2');
      expect(order?.prepayExpiresAt?.toISOString()).to.equal(second.prepayExpiresAt.toISOString());

      let failed = false;
      await world.orders.addPaymentAttempt({ ...first, prepayId: 'other' }).catch(() => (failed = true));
      expect(failed, 'an out_trade_no is used once').to.equal(true);
    });
  });
}
