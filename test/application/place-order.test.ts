import { expect } from 'chai';
import { AddressMissing, InvalidOrderLine, OrderStatus, ProductNotFound } from '../../src/domain/index.js';
import { aProduct } from '../support/mothers.js';
import { memoryShop } from '../support/shop.js';

describe('PlaceOrder', () => {
  it('writes the order with its snapshot and lines and answers pass: true', async () => {
    const shop = await memoryShop();
    const result = await shop.placeOrder.execute({ uid: shop.uid, products: [{ productId: 2, count: 1 }, { productId: 1, count: 3 }] });
    expect(result.pass).to.equal(true);
    if (!result.pass) return;
    expect(result.orderNo).to.have.length.greaterThan(10);
    const order = await shop.orders.findById(result.orderId);
    expect(order).to.include({ userId: shop.uid, status: OrderStatus.UNPAID, totalPrice: 500, totalCount: 4, snapName: '商品1等' });
    expect(order?.lines).to.deep.equal([{ productId: 1, count: 3 }, { productId: 2, count: 1 }]);
    expect(order?.createTime.getTime()).to.equal(result.createTime.getTime());
    expect(shop.stockOf(1)).to.equal(100, 'placing an order deducts nothing under the on-payment policy');
  });

  it('merges the same product twice into one line', async () => {
    const shop = await memoryShop();
    const result = await shop.placeOrder.execute({ uid: shop.uid, products: [{ productId: 1, count: 1 }, { productId: 1, count: 2 }] });
    if (!result.pass) throw new Error('expected pass');
    expect((await shop.orders.findById(result.orderId))?.lines).to.deep.equal([{ productId: 1, count: 3 }]);
  });

  it('answers pass: false with every line status when stock is short, writing nothing', async () => {
    const shop = await memoryShop([aProduct({ id: 1, stock: 2 }), aProduct({ id: 2, stock: 0 })]);
    const result = await shop.placeOrder.execute({ uid: shop.uid, products: [{ productId: 1, count: 2 }, { productId: 2, count: 1 }] });
    expect(result).to.deep.include({ pass: false, orderId: -1, orderPrice: 400, totalCount: 3 });
    if (result.pass) return;
    expect(result.pStatusArray.map((line) => [line.id, line.haveStock])).to.deep.equal([[1, true], [2, false]]);
    expect(shop.db.state.orders.size).to.equal(0);
  });

  it('names unknown and deleted products (80000), writing nothing', async () => {
    const shop = await memoryShop();
    shop.db.addProduct(aProduct({ id: 4 }), true);
    const attempt = shop.placeOrder.execute({ uid: shop.uid, products: [{ productId: 4, count: 1 }, { productId: 99, count: 1 }] });
    const error = await attempt.then(() => null, (e: unknown) => e);
    expect(error).to.be.instanceOf(ProductNotFound).with.property('code', 'PRODUCT.NOT_FOUND');
    expect((error as ProductNotFound).productIds).to.deep.equal([4, 99]);
    expect(shop.db.state.orders.size).to.equal(0);
  });

  it('refuses a user without an address (60001)', async () => {
    const shop = await memoryShop();
    const error = await shop.placeOrder.execute({ uid: shop.otherUid, products: [{ productId: 1, count: 1 }] }).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(AddressMissing).with.property('code', 'ADDRESS.MISSING');
    expect(shop.db.state.orders.size).to.equal(0);
  });

  it('refuses invalid lines before touching anything', async () => {
    const shop = await memoryShop();
    const error = await shop.placeOrder.execute({ uid: shop.uid, products: [{ productId: 1, count: -1 }] }).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(InvalidOrderLine);
  });

  it('gives every order its own number', async () => {
    const shop = await memoryShop();
    const numbers = new Set<string>();
    for (let i = 0; i < 20; i++) {
      const result = await shop.placeOrder.execute({ uid: shop.uid, products: [{ productId: 1, count: 1 }] });
      if (result.pass) numbers.add(result.orderNo);
    }
    expect(numbers.size).to.equal(20);
  });
});
