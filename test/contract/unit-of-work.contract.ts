import { expect } from 'chai';
import type { TransactionalRepositories } from '../../src/application/index.js';
import { OrderStatus } from '../../src/domain/index.js';
import { aProduct } from '../support/mothers.js';
import { aNewOrder } from './builders.js';
import type { World, WorldFactory } from './worlds.js';

export function unitOfWorkContract(newWorld: WorldFactory): void {
  describe('UnitOfWork contract', () => {
    let world: World;
    let orderId: number;
    beforeEach(async () => {
      world = await newWorld();
      await world.addProduct(aProduct({ id: 1, stock: 10 }));
      await world.addProduct(aProduct({ id: 2, stock: 10 }));
      orderId = await world.orders.insert(aNewOrder());
    });

    /** What a paid notification writes: status, stock, log. */
    async function settle({ orders, stock, notifications }: TransactionalRepositories): Promise<void> {
      await orders.transition(orderId, OrderStatus.UNPAID, OrderStatus.PAID, { transactionId: 'T-1' });
      await stock.deductAll(aNewOrder().lines);
      await notifications.record({
        transactionId: 'T-1',
        outTradeNo: 'X',
        orderId,
        totalFee: 500,
        outcome: 'PAID',
        receivedAt: new Date(),
      });
    }

    it('commits every write when the work resolves, and returns its value', async () => {
      const value = await world.unitOfWork.run(async (repos) => {
        await settle(repos);
        return 'done';
      });
      expect(value).to.equal('done');
      expect((await world.orders.findById(orderId))?.status).to.equal(OrderStatus.PAID);
      expect(await world.stockOf(1)).to.equal(9);
      expect(await world.stockOf(2)).to.equal(8);
      expect(await world.notifications.count()).to.equal(1);
    });

    it('rolls back every write when the work throws, and rethrows', async () => {
      const failure = new Error('after the writes');
      const caught = await world.unitOfWork
        .run(async (repos) => {
          await settle(repos);
          const inside = await repos.orders.findById(orderId);
          expect(inside?.status, 'the work sees its own writes').to.equal(OrderStatus.PAID);
          throw failure;
        })
        .catch((error: unknown) => error);
      expect(caught).to.equal(failure);
      expect((await world.orders.findById(orderId))?.status).to.equal(OrderStatus.UNPAID);
      expect(await world.stockOf(1)).to.equal(10);
      expect(await world.stockOf(2)).to.equal(10);
      expect(await world.notifications.count()).to.equal(0);
    });

    it('rolls back an inserted order with its lines', async () => {
      await world.unitOfWork
        .run(async ({ orders }) => {
          await orders.insert(aNewOrder({ orderNo: 'ROLLED-BACK', userId: 42 }));
          throw new Error('abort');
        })
        .catch(() => undefined);
      expect(await world.orders.listByUser(42, { page: 1, size: 10 })).to.deep.equal([]);
    });

    it('runs concurrent units of work without losing an update', async () => {
      await Promise.all(
        Array.from({ length: 10 }, () => world.unitOfWork.run(({ stock }) => stock.deductAll([{ productId: 1, count: 1 }]))),
      );
      expect(await world.stockOf(1)).to.equal(0);
    });
  });
}
