import { expect } from 'chai';
import { OrderStatus } from '../../../src/domain/index.js';
import { API, type MemoryHttpShop, startMemoryHttpShop } from './support/memory-http-shop.js';

describe('HTTP order routes', () => {
  let shop: MemoryHttpShop;
  beforeEach(async () => {
    shop = await startMemoryHttpShop();
  });
  afterEach(() => shop.close());

  const place = (token: string, products: unknown) => shop.http.post(`${API}/order`, { products }, token);

  it('POST order answers {order_no, order_id, create_time, pass:true} in China time', async () => {
    const token = await shop.shopper.buyer('alice');
    const { status, body } = await place(token, [{ product_id: 1, count: 2 }, { product_id: 2, count: 1 }]);
    expect(status).to.equal(200);
    expect(body).to.have.all.keys('order_no', 'order_id', 'create_time', 'pass');
    expect(body).to.deep.include({ order_id: 1, pass: true, create_time: '2026-11-24 12:00:00' });
    expect(shop.db.state.orders.get(1)).to.deep.include({ totalPrice: 252, totalCount: 3 });
  });

  it('POST order answers pass:false with yuan prices when stock is short, writing nothing', async () => {
    const token = await shop.shopper.buyer('alice');
    const { status, body } = await place(token, [{ product_id: 2, count: 6 }, { product_id: 3, count: 1 }]);
    expect(status).to.equal(200);
    expect(body).to.deep.include({ pass: false, order_id: -1, orderPrice: '34.99', totalCount: 7 });
    expect(body.pStatusArray[0]).to.deep.equal({
      id: 2,
      haveStock: false,
      counts: 6,
      price: '2.50',
      name: '商品2',
      totalPrice: '15.00',
      main_img_url: 'https://img.example/p2.png',
    });
    expect(shop.db.state.orders.size).to.equal(0);
  });

  it('merges the same product twice instead of failing', async () => {
    const token = await shop.shopper.buyer('alice');
    const { body } = await place(token, [{ product_id: 1, count: 1 }, { product_id: 1, count: 2 }]);
    expect(body.pass).to.equal(true);
    expect(shop.db.state.orders.get(body.order_id)?.lines).to.deep.equal([{ productId: 1, count: 3 }]);
  });

  it('names unknown and deleted products (404 80000) and needs an address (404 60001)', async () => {
    const token = await shop.shopper.buyer('alice');
    const unknown = await place(token, [{ product_id: 4, count: 1 }, { product_id: 99, count: 1 }]);
    expect(unknown.status).to.equal(404);
    expect(unknown.body.error_code).to.equal(80000);
    expect(unknown.body.msg).to.contain('4, 99');
    const noAddress = await place(await shop.shopper.login('bob'), [{ product_id: 1, count: 1 }]);
    expect(noAddress.status).to.equal(404);
    expect(noAddress.body.error_code).to.equal(60001);
    expect(shop.db.state.orders.size).to.equal(0);
  });

  const invalid: [string, unknown, string][] = [
    ['no products', undefined, 'products'],
    ['an empty list', [], 'products'],
    ['an object', { product_id: 1, count: 1 }, 'products'],
    ['a flat list of ids', [1, 2], 'products[0]'],
    ['a string count', [{ product_id: 1, count: '1' }], 'products[0].count'],
    ['a float count', [{ product_id: 1, count: 1.5 }], 'products[0].count'],
    ['a zero count', [{ product_id: 1, count: 0 }], 'products[0].count'],
    ['a negative count', [{ product_id: 1, count: -1 }], 'products[0].count'],
    ['a count over 10000', [{ product_id: 1, count: 10001 }], 'products[0].count'],
    ['a count past 2^53', [{ product_id: 1, count: 2 ** 60 }], 'products[0].count'],
    ['a missing product_id', [{ count: 1 }], 'product_id'],
    ['a zero product_id', [{ product_id: 0, count: 1 }], 'products[0].product_id'],
    ['101 lines', Array.from({ length: 101 }, (_, i) => ({ product_id: i + 1, count: 1 })), 'products'],
  ];
  for (const [what, products, field] of invalid) {
    it(`refuses ${what} with 400 10000 naming ${field}`, async () => {
      const token = await shop.shopper.buyer('alice');
      const answer = await shop.http.post(`${API}/order`, products === undefined ? {} : { products }, token);
      expect(answer.status).to.equal(400);
      expect(answer.body.error_code).to.equal(10000);
      expect(answer.body.msg).to.contain(field);
      expect(shop.db.state.orders.size).to.equal(0);
    });
  }

  it('lets only user tokens place orders: a super token → 403 10002', async () => {
    const cms = await shop.shopper.superToken();
    const answer = await place(cms, [{ product_id: 1, count: 1 }]);
    expect(answer.status).to.equal(403);
    expect(answer.body.error_code).to.equal(10002);
  });

  it('GET order/by_user pages the caller\'s orders newest first; an empty page ends paging', async () => {
    const alice = await shop.shopper.buyer('alice');
    const bob = await shop.shopper.buyer('bob');
    for (let i = 0; i < 3; i++) {
      await place(alice, [{ product_id: 1, count: 1 }]);
      shop.clock.advance(1000);
    }
    await place(bob, [{ product_id: 2, count: 1 }]);
    const first = await shop.http.get(`${API}/order/by_user?page=1&size=2`, alice);
    expect(first.status).to.equal(200);
    expect(first.body.current_page).to.equal(1);
    expect(first.body.data.map((order: { id: number }) => order.id)).to.deep.equal([3, 2]);
    expect(first.body.data[0]).to.not.have.any.keys('snap_items', 'snap_address', 'prepay_id');
    expect(first.body.data[0]).to.deep.include({ total_price: '0.01', status: 1, snap_name: '商品1', total_count: 1 });
    expect((await shop.http.get(`${API}/order/by_user?page=2&size=2`, alice)).body.data.map((o: { id: number }) => o.id)).to.deep.equal([1]);
    expect((await shop.http.get(`${API}/order/by_user?page=3&size=2`, alice)).body).to.deep.equal({ data: [], current_page: 3 });
    for (const query of ['page=0', 'page=-1', 'size=0', 'size=101', 'page=abc', 'page=10001']) {
      const answer = await shop.http.get(`${API}/order/by_user?${query}`, alice);
      expect(answer.status, query).to.equal(400);
      expect(answer.body.error_code).to.equal(10000);
    }
  });

  it('GET order/:id shows snap_items and snap_address as objects, to the owner only (403 10003)', async () => {
    const alice = await shop.shopper.buyer('alice');
    const bob = await shop.shopper.buyer('bob');
    const { body: placed } = await place(alice, [{ product_id: 2, count: 2 }]);
    const { status, body } = await shop.http.get(`${API}/order/${placed.order_id}`, alice);
    expect(status).to.equal(200);
    expect(body).to.deep.include({ id: placed.order_id, order_no: placed.order_no, total_price: '5.00', status: 1 });
    expect(body.snap_items).to.deep.equal([
      { id: 2, haveStock: true, counts: 2, price: '2.50', name: '商品2', totalPrice: '5.00', main_img_url: 'https://img.example/p2.png' },
    ]);
    expect(body.snap_address).to.include({ name: '张三', mobile: '13800138000' });
    const stolen = await shop.http.get(`${API}/order/${placed.order_id}`, bob);
    expect(stolen.status).to.equal(403);
    expect(stolen.body.error_code).to.equal(10003);
    const missing = await shop.http.get(`${API}/order/999`, alice);
    expect(missing.status).to.equal(404);
    expect(missing.body.error_code).to.equal(80000);
  });

  it('GET order/paginate lists every order for super tokens only', async () => {
    const alice = await shop.shopper.buyer('alice');
    const bob = await shop.shopper.buyer('bob');
    await place(alice, [{ product_id: 1, count: 1 }]);
    await place(bob, [{ product_id: 1, count: 1 }]);
    const cms = await shop.shopper.superToken();
    const all = await shop.http.get(`${API}/order/paginate?page=1&size=10`, cms);
    expect(all.status).to.equal(200);
    expect(all.body.data).to.have.length(2);
    const denied = await shop.http.get(`${API}/order/paginate`, alice);
    expect(denied.status).to.equal(403);
    expect(denied.body.error_code).to.equal(10002);
  });

  it('PUT order/delivery marks a PAID order DELIVERED (super only); anything else is 409 80002', async () => {
    const alice = await shop.shopper.buyer('alice');
    const { body: placed } = await place(alice, [{ product_id: 1, count: 1 }]);
    const cms = await shop.shopper.superToken();
    const unpaid = await shop.http.put(`${API}/order/delivery`, { id: placed.order_id }, cms);
    expect(unpaid.status).to.equal(409);
    expect(unpaid.body.error_code).to.equal(80002);
    await shop.db.transaction(async () => {
      const order = shop.db.state.orders.get(placed.order_id)!;
      shop.db.state.orders.set(order.id, { ...order, status: OrderStatus.PAID });
    });
    const byUser = await shop.http.put(`${API}/order/delivery`, { id: placed.order_id }, alice);
    expect(byUser.status).to.equal(403);
    expect(byUser.body.error_code).to.equal(10002);
    const delivered = await shop.http.put(`${API}/order/delivery`, { id: placed.order_id }, cms);
    expect(delivered.status).to.equal(201);
    expect(delivered.body).to.deep.equal({ code: 201, msg: 'ok', errorCode: 0 });
    expect(shop.db.state.orders.get(placed.order_id)?.status).to.equal(OrderStatus.DELIVERED);
    expect((await shop.http.put(`${API}/order/delivery`, { id: placed.order_id }, cms)).body.error_code).to.equal(80002);
    expect((await shop.http.put(`${API}/order/delivery`, { id: 999 }, cms)).status).to.equal(404);
    expect((await shop.http.put(`${API}/order/delivery`, { id: '1' }, cms)).status).to.equal(400);
  });
});
