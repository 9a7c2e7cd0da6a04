import { expect } from 'chai';
import { OrderStatus } from '../../src/domain/index.js';
import { describeWithMysql } from '../support/databases.js';
import { mysqlBackend } from '../support/backends.js';
import { anAddress } from '../support/mothers.js';
import { ADMIN_APP, type RealShop, startRealShop } from '../support/shop.js';
import { API } from '../support/shopper.js';

/** Two instances behind an imaginary load balancer, sharing MySQL and Redis: nothing may live in one process. */
describeWithMysql('two instances on one MySQL and one Redis', (mysqlUrl) => {
  const redisUrl = process.env.REDIS_URL ?? '';
  let a: RealShop;
  let b: RealShop;
  let drop: () => Promise<void>;

  before(async function () {
    if (!redisUrl) throw new Error('REDIS_URL is not set: scale-out needs the shared token store');
    const database = await mysqlBackend(mysqlUrl, redisUrl).database();
    drop = database.drop;
    a = await startRealShop(database.url, redisUrl);
    b = await startRealShop(database.url, redisUrl);
  });
  after(async () => {
    await a?.resources.redis?.del(`weshop:failures:app-login:cms-${process.pid}`);
    await a?.close();
    await b?.close();
    await drop?.();
  });

  it('accepts a token issued by one instance on the other, and follows an order across both', async () => {
    const token = await a.shopper.login('roaming');
    expect((await b.http.post(`${API}/address`, anAddress(), token)).status).to.equal(201);
    const placed = await b.http.post(`${API}/order`, { products: [{ product_id: 5, count: 1 }] }, token);
    expect(placed.body.pass).to.equal(true);
    expect((await a.http.post(`${API}/pay/pre_order`, { id: placed.body.order_id }, token)).status).to.equal(200);
    await a.shopper.pay(placed.body.order_no);
    expect((await b.http.get(`${API}/order/${placed.body.order_id}`, token)).body.status).to.equal(OrderStatus.PAID);
    expect((await b.http.post(`${API}/token/verify`, { token })).body).to.deep.equal({ isValid: true });
  });

  it('counts failed app logins across instances: the sixth try is locked on either one', async () => {
    const ac = `cms-${process.pid}`; // unknown app id: the counter is per app id, and this one is ours alone
    for (let attempt = 0; attempt < 5; attempt++) {
      const instance = attempt % 2 === 0 ? a : b;
      expect((await instance.http.post(`${API}/token/app`, { ac, se: 'wrong' })).body.error_code).to.equal(10004);
    }
    expect((await a.http.post(`${API}/token/app`, { ac, se: 'wrong' })).status).to.equal(429);
    expect((await b.http.post(`${API}/token/app`, { ac, se: 'wrong' })).status).to.equal(429);
    expect((await b.http.post(`${API}/token/app`, ADMIN_APP)).status).to.equal(200);
  });
});
