import { expect } from 'chai';
import {
  AddressMissing,
  InvalidMoney,
  InvalidOrderLine,
  ProductNotFound,
  checkStock,
  fen,
  mergeLines,
  multiplyFen,
  takeSnapshot,
} from '../../src/domain/index.js';
import { aProduct, anAddress } from '../support/mothers.js';

describe('domain', () => {
  describe('money', () => {
    it('accepts integer fen and refuses floats, negatives and unsafe integers', () => {
      expect(fen(1)).to.equal(1);
      for (const bad of [0.1, -1, Number.NaN, 2 ** 53, Infinity]) expect(() => fen(bad)).to.throw(InvalidMoney);
      expect(() => multiplyFen(2 ** 40, 2 ** 20)).to.throw(InvalidMoney);
    });
  });

  describe('mergeLines', () => {
    it('merges duplicate product ids and sorts by product id', () => {
      expect(mergeLines([{ productId: 3, count: 1 }, { productId: 1, count: 2 }, { productId: 3, count: 4 }])).to.deep.equal([
        { productId: 1, count: 2 },
        { productId: 3, count: 5 },
      ]);
    });

    it('refuses empty lists, non-positive ids and counts out of range', () => {
      expect(() => mergeLines([])).to.throw(InvalidOrderLine);
      expect(() => mergeLines([{ productId: 0, count: 1 }])).to.throw(InvalidOrderLine);
      expect(() => mergeLines([{ productId: 1, count: 0 }])).to.throw(InvalidOrderLine);
      expect(() => mergeLines([{ productId: 1, count: 1.5 }])).to.throw(InvalidOrderLine);
      expect(() => mergeLines([{ productId: 1, count: 10_001 }])).to.throw(InvalidOrderLine);
      expect(() => mergeLines([{ productId: 1, count: 6000 }, { productId: 1, count: 6000 }])).to.throw(InvalidOrderLine);
    });
  });

  describe('snapshot', () => {
    const products = [aProduct({ id: 1, name: '苹果', price: 250, stock: 5 }), aProduct({ id: 2, name: '香蕉', price: 99, stock: 1 })];

    it('totals price and count in fen and names the order after its first product plus 等', () => {
      const check = checkStock([{ productId: 1, count: 2 }, { productId: 2, count: 1 }], products);
      expect(check).to.include({ pass: true, orderPrice: 599, totalCount: 3 });
      expect(check.pStatusArray[0]).to.deep.equal({
        id: 1, haveStock: true, counts: 2, price: 250, name: '苹果', totalPrice: 500, main_img_url: 'https://img.example/1.png',
      });
      const snapshot = takeSnapshot(check, anAddress());
      expect(snapshot.snapName).to.equal('苹果等');
      expect(snapshot.snapImg).to.equal('https://img.example/1.png');
      expect(snapshot.snapAddress).to.deep.equal(anAddress());
    });

    it('keeps a single product name as it is', () => {
      expect(takeSnapshot(checkStock([{ productId: 2, count: 1 }], products), anAddress()).snapName).to.equal('香蕉');
    });

    it('keeps the name of a multi-product order within the 80 characters a product name may have', () => {
      const longName = `${'苹'.repeat(78)}🍎果`;
      const check = checkStock([{ productId: 1, count: 1 }, { productId: 2, count: 1 }], [aProduct({ id: 1, name: longName }), products[1]!]);
      const snapName = takeSnapshot(check, anAddress()).snapName;
      expect([...snapName]).to.have.length(80);
      expect(snapName).to.equal(`${'苹'.repeat(78)}🍎等`);
    });

    it('reports every short line without throwing', () => {
      const check = checkStock([{ productId: 1, count: 6 }, { productId: 2, count: 2 }], products);
      expect(check.pass).to.equal(false);
      expect(check.pStatusArray.map((line) => line.haveStock)).to.deep.equal([false, false]);
    });

    it('names every unknown product at once', () => {
      expect(() => checkStock([{ productId: 1, count: 1 }, { productId: 7, count: 1 }, { productId: 9, count: 1 }], products))
        .to.throw(ProductNotFound).with.property('productIds').that.deep.equals([7, 9]);
    });

    it('refuses to snapshot without an address (60001)', () => {
      const check = checkStock([{ productId: 1, count: 1 }], products);
      expect(() => takeSnapshot(check, null)).to.throw(AddressMissing).with.property('code', 'ADDRESS.MISSING');
    });
  });
});
