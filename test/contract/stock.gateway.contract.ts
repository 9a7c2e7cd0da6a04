import { expect } from 'chai';
import { aProduct } from '../support/mothers.js';
import type { World, WorldFactory } from './worlds.js';

export function stockGatewayContract(newWorld: WorldFactory): void {
  describe('StockGateway contract', () => {
    let world: World;
    beforeEach(async () => {
      world = await newWorld();
      await world.addProduct(aProduct({ id: 1, stock: 10, price: 1 }));
      await world.addProduct(aProduct({ id: 2, stock: 5, price: 2990 }));
      await world.addProduct(aProduct({ id: 3, stock: 7 }), { deleted: true });
    });

    it('finds the named products that exist and are not deleted', async () => {
      const products = await world.stock.findProducts([2, 1, 3, 99]);
      expect(products.sort((a, b) => a.id - b.id)).to.deep.equal([aProduct({ id: 1, stock: 10, price: 1 }), aProduct({ id: 2, stock: 5, price: 2990 })]);
      expect(await world.stock.findProducts([])).to.deep.equal([]);
    });

    it('deducts every line when each has enough stock, down to exactly zero', async () => {
      expect(await world.stock.deductAll([{ productId: 1, count: 3 }, { productId: 2, count: 5 }])).to.deep.equal({ ok: true });
      expect(await world.stockOf(1)).to.equal(7);
      expect(await world.stockOf(2)).to.equal(0);
    });

    it('deducts nothing when any line is short, and names every short line', async () => {
      const result = await world.stock.deductAll([
        { productId: 1, count: 3 },
        { productId: 2, count: 6 },
        { productId: 99, count: 1 },
      ]);
      expect(result.ok).to.equal(false);
      expect(result.ok ? [] : result.shortProductIds.sort((a, b) => a - b)).to.deep.equal([2, 99]);
      expect(await world.stockOf(1)).to.equal(10);
      expect(await world.stockOf(2)).to.equal(5);
    });

    it('never lets stock go below zero over repeated deductions', async () => {
      const results = [];
      for (let i = 0; i < 4; i++) results.push(await world.stock.deductAll([{ productId: 2, count: 2 }]));
      expect(results.map((result) => result.ok)).to.deep.equal([true, true, false, false]);
      expect(await world.stockOf(2)).to.equal(1);
    });

    it('releases stock back', async () => {
      await world.stock.deductAll([{ productId: 1, count: 4 }]);
      await world.stock.release([{ productId: 1, count: 4 }]);
      expect(await world.stockOf(1)).to.equal(10);
    });
  });
}
