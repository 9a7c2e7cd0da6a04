import { expect } from 'chai';
import { aProduct } from '../support/mothers.js';
import type { World, WorldFactory } from './worlds.js';

const MINUTE = 60_000;

/** The holds of the StockGateway port: admit, refuse, reuse, lapse, release, and paying with or without one. */
export function stockHoldsContract(newWorld: WorldFactory): void {
  describe('StockGateway contract: holds', () => {
    let world: World;
    let until: Date;
    beforeEach(async () => {
      world = await newWorld();
      await world.addProduct(aProduct({ id: 1, stock: 3 }));
      await world.addProduct(aProduct({ id: 2, stock: 5 }));
      until = new Date(world.clock.now().getTime() + 30 * MINUTE);
    });

    const hold = (orderId: number, lines: { productId: number; count: number }[], end = until) =>
      world.unitOfWork.run(({ stock }) => stock.hold(orderId, lines, end));
    const free = async (productId: number) => (await world.stock.findProducts([productId]))[0]!.stock;
    async function expectHeld(productId: number, held: number): Promise<void> {
      expect(await world.heldOf(productId), `held of product ${productId}`).to.deep.equal({ held, rows: held });
    }

    it('admits while the units nobody holds cover the order, and shows them promised', async () => {
      expect(await hold(10, [{ productId: 1, count: 2 }, { productId: 2, count: 1 }])).to.deep.equal({ ok: true });
      expect(await free(1)).to.equal(1);
      expect(await free(2)).to.equal(4);
      expect(await world.stockOf(1), 'a hold moves no stock').to.equal(3);
      await expectHeld(1, 2);
    });

    it('refuses an order any line of which is not covered, names every short line, and holds nothing of it', async () => {
      await hold(10, [{ productId: 1, count: 2 }]);
      const refused = await hold(11, [{ productId: 1, count: 2 }, { productId: 2, count: 6 }]);
      expect(refused.ok).to.equal(false);
      expect(refused.ok ? [] : refused.shortProductIds.sort()).to.deep.equal([1, 2]);
      await expectHeld(1, 2);
      await expectHeld(2, 0);
      expect(await hold(12, [{ productId: 2, count: 5 }, { productId: 1, count: 2 }])).to.deep.include({ ok: false });
      await expectHeld(2, 0);
      expect(await hold(13, [{ productId: 1, count: 1 }])).to.deep.equal({ ok: true });
      await expectHeld(1, 3);
    });

    it('names only the lines really short: a later line freed by a lapsed hold is not short', async () => {
      await hold(10, [{ productId: 2, count: 4 }], new Date(world.clock.now().getTime() + MINUTE));
      world.clock.advance(2 * MINUTE);
      const refused = await hold(11, [{ productId: 1, count: 4 }, { productId: 2, count: 3 }]);
      expect(refused).to.deep.equal({ ok: false, shortProductIds: [1] });
    });

    it('reuses the hold of an order held before: nothing is held twice', async () => {
      await hold(10, [{ productId: 1, count: 2 }]);
      expect(await hold(10, [{ productId: 1, count: 2 }])).to.deep.equal({ ok: true });
      await expectHeld(1, 2);
      expect(await free(1)).to.equal(1);
    });

    it('shows an order what is free for it: its own hold counts as its own', async () => {
      await hold(10, [{ productId: 1, count: 2 }]);
      await hold(11, [{ productId: 1, count: 1 }]);
      expect((await world.stock.findProducts([1], 10))[0]!.stock).to.equal(2);
      expect((await world.stock.findProducts([1], 12))[0]!.stock).to.equal(0);
    });

    it('a lapsed hold is free again: shown free at once, released when a buyer would otherwise be refused', async () => {
      await hold(10, [{ productId: 1, count: 3 }]);
      expect(await hold(11, [{ productId: 1, count: 1 }])).to.deep.include({ ok: false });
      world.clock.advance(30 * MINUTE);
      expect(await free(1), 'the hold ended with its pay window').to.equal(3);
      expect(await hold(11, [{ productId: 1, count: 2 }], new Date(world.clock.now().getTime() + 30 * MINUTE))).to.deep.equal({ ok: true });
      await expectHeld(1, 2);
      expect(await world.stock.deductAll([{ productId: 1, count: 1 }]), 'units nobody holds').to.deep.equal({ ok: true });
      expect(await world.stockOf(1)).to.equal(2);
    });

    it('releases an order\'s holds once (the order closed), lapsed or not', async () => {
      await hold(10, [{ productId: 1, count: 2 }, { productId: 2, count: 1 }]);
      await world.unitOfWork.run(({ stock }) => stock.releaseHolds(10, [{ productId: 1, count: 2 }, { productId: 2, count: 1 }]));
      await world.unitOfWork.run(({ stock }) => stock.releaseHolds(10, [{ productId: 1, count: 2 }, { productId: 2, count: 1 }]));
      await expectHeld(1, 0);
      await expectHeld(2, 0);
      expect(await free(1)).to.equal(3);
      await hold(11, [{ productId: 1, count: 1 }], new Date(world.clock.now().getTime() + MINUTE));
      world.clock.advance(2 * MINUTE);
      await world.unitOfWork.run(({ stock }) => stock.releaseHolds(11, [{ productId: 1, count: 1 }]));
      await expectHeld(1, 0);
    });

    it('deducting units nobody holds never touches held ones', async () => {
      await hold(10, [{ productId: 1, count: 2 }]);
      expect(await world.stock.deductAll([{ productId: 1, count: 2 }])).to.deep.include({ ok: false });
      expect(await world.stock.deductAll([{ productId: 1, count: 1 }])).to.deep.equal({ ok: true });
      expect(await world.stockOf(1)).to.equal(2);
      await expectHeld(1, 2);
    });

    it('paying turns the order\'s hold into the deduction', async () => {
      await hold(10, [{ productId: 1, count: 3 }]);
      expect(await world.unitOfWork.run(({ stock }) => stock.deductPaid(10, [{ productId: 1, count: 3 }]))).to.deep.equal({ ok: true });
      expect(await world.stockOf(1)).to.equal(0);
      await expectHeld(1, 0);
    });

    it('paying without a hold (lapsed, taken by another) takes only units nobody holds, else nothing, ending its holds', async () => {
      await hold(10, [{ productId: 1, count: 2 }, { productId: 2, count: 1 }], new Date(world.clock.now().getTime() + MINUTE));
      world.clock.advance(2 * MINUTE);
      await hold(11, [{ productId: 1, count: 3 }]);
      const paid = await world.unitOfWork.run(({ stock }) => stock.deductPaid(10, [{ productId: 1, count: 2 }, { productId: 2, count: 1 }]));
      expect(paid).to.deep.equal({ ok: false, shortProductIds: [1] });
      expect(await world.stockOf(1)).to.equal(3);
      expect(await world.stockOf(2), 'every line or none').to.equal(5);
      await expectHeld(1, 3);
      await expectHeld(2, 0);
    });

    it('stock cut by hand below what is held: held orders are paid while the stock lasts, then short', async () => {
      await hold(10, [{ productId: 2, count: 2 }]);
      await hold(11, [{ productId: 2, count: 2 }]);
      await world.setStock(2, 3);
      expect(await hold(12, [{ productId: 2, count: 1 }]), 'nothing is free').to.deep.include({ ok: false });
      expect(await world.unitOfWork.run(({ stock }) => stock.deductPaid(10, [{ productId: 2, count: 2 }]))).to.deep.equal({ ok: true });
      expect(await world.unitOfWork.run(({ stock }) => stock.deductPaid(11, [{ productId: 2, count: 2 }]))).to.deep.equal({ ok: false, shortProductIds: [2] });
      expect(await world.stockOf(2)).to.equal(1);
      await expectHeld(2, 0);
    });
  });
}
