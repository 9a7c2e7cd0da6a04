import { spawn } from 'node:child_process';
import { expect } from 'chai';
import { describeOnRealBackends } from '../support/backends.js';
import { API } from '../support/shopper.js';
import { type DeliveryShop, startDeliveryShop } from './delivery-shop.js';

/** `npm run jobs` in a process of its own, against the shop's database and sandbox. */
function runJobsCommand(shop: DeliveryShop, redisUrl: string): Promise<number | null> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/jobs.ts'], {
    env: { ...process.env, LOG_LEVEL: 'silent', DATABASE_URL: shop.databaseUrl, REDIS_URL: redisUrl, PORT: new URL(shop.url).port, SANDBOX_PORT: new URL(shop.sandbox.url).port, DELIVERY_LOGISTICS_TYPE: 'virtual' },
    stdio: 'ignore',
  });
  return new Promise((resolve) => child.on('exit', resolve));
}

describeOnRealBackends('delivery end to end: the shipment reaches WeChat once', function (backend) {
  this.timeout(60_000);
  let shop: DeliveryShop;
  afterEach(() => shop?.close());

  it('uploads zerg\'s {id} delivery once though two instances and npm run jobs race to send it', async () => {
    shop = await startDeliveryShop(backend);
    const other = await shop.secondInstance();
    const orders = [await shop.paidOrder('race-1'), await shop.paidOrder('race-2'), await shop.paidOrder('race-3')];
    for (const order of orders) expect((await shop.deliver(order.id)).status).to.equal(201);

    const [, , code] = await Promise.all([shop.jobs.runOnce(), other.jobs.runOnce(), runJobsCommand(shop, backend.redisUrl)]);
    expect(code).to.equal(0);
    for (const order of orders) {
      expect(shop.uploadsAtWeChat(order.orderNo), order.orderNo).to.equal(1);
      expect(await shop.upload(order.id)).to.deep.include({ status: 'DONE', tries: 1 });
    }
    const upload = shop.sandbox.miniProgram.shipping.list()[0]!.uploads[0]!.body;
    expect(upload).to.deep.include({ logistics_type: 3, delivery_mode: 1 });
    expect(shop.tokens().stableTokenCalls, 'one token for both instances and the command').to.equal(1);
  });

  it('tries an upload WeChat refuses with 10060001 again after the minute, and it is taken once WeChat has seen the payment', async () => {
    shop = await startDeliveryShop(backend, { shippingVisibleAfterSeconds: 90 });
    const order = await shop.paidOrder('early-upload');
    await shop.deliver(order.id);
    expect((await shop.jobs.runOnce()).outbox.outcomes).to.deep.equal({ RETRY: 1 });
    expect(await shop.upload(order.id)).to.deep.include({ status: 'PENDING', errorCode: '10060001' });
    shop.advance(30);
    expect((await shop.jobs.runOnce()).outbox.claimed).to.equal(0);
    shop.advance(30);
    expect((await shop.jobs.runOnce()).outbox.outcomes).to.deep.equal({ RETRY: 1 });
    shop.advance(60);
    expect((await shop.jobs.runOnce()).outbox.outcomes).to.deep.equal({ DONE: 1 });
    expect(shop.uploadsAtWeChat(order.orderNo)).to.equal(1);
  });

  it('fetches one new token when it expires mid-run, shared by both instances: no storm of 40001/42001', async () => {
    shop = await startDeliveryShop(backend);
    const other = await shop.secondInstance();
    const first = await shop.paidOrder('token-1');
    await shop.deliver(first.id);
    await shop.jobs.runOnce();
    expect(shop.tokens()).to.deep.include({ stableTokenCalls: 1, refused: {} });

    shop.sandbox.miniProgram.tokens.expire();
    const orders = [];
    for (let i = 0; i < 4; i++) orders.push(await shop.paidOrder(`token-${i + 2}`));
    for (const order of orders) await shop.deliver(order.id);
    const runs = await Promise.all([shop.jobs.runOnce(), other.jobs.runOnce()]);
    expect(runs.map((run) => run.outbox.errors)).to.deep.equal([[], []]);
    for (const order of orders) expect(shop.uploadsAtWeChat(order.orderNo)).to.equal(1);
    const counts = shop.tokens();
    expect(counts.stableTokenCalls, JSON.stringify(counts)).to.equal(2);
    expect(counts.forcedRefreshes).to.equal(0);
    expect(Object.keys(counts.refused)).to.deep.equal(['42001']);
    expect(counts.refused['42001']).to.be.at.most(2);
  });

  it('refuses to deliver a fully refunded order (409 80007) and tells WeChat nothing', async () => {
    shop = await startDeliveryShop(backend);
    const order = await shop.paidOrder('refunded');
    const cms = await shop.shopper.superToken();
    expect((await shop.http.post(`${API}/order/refund`, { id: order.id, reason: '不要了' }, cms)).status).to.equal(201);
    const refused = await shop.deliver(order.id);
    expect([refused.status, refused.body.error_code]).to.deep.equal([409, 80007]);
    await shop.jobs.runOnce();
    expect(shop.uploadsAtWeChat(order.orderNo)).to.equal(0);
  });
});
