import { spawn } from 'node:child_process';
import { expect } from 'chai';
import { describeOnRealBackends } from '../support/backends.js';
import { API } from '../support/shopper.js';
import { type DeliveryShop, TEMPLATE_ID, startDeliveryShop } from './delivery-shop.js';

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

describeOnRealBackends('delivery end to end: what the buyer, the operator and WeChat see', function (backend) {
  this.timeout(60_000);
  let shop: DeliveryShop;
  afterEach(() => shop?.close());

  it('ships express parcels of WeChat\'s carriers only, uploads them as a split delivery and shows where each upload stands', async () => {
    shop = await startDeliveryShop(backend);
    const order = await shop.paidOrder('express');
    const unknown = await shop.deliver(order.id, { logistics_type: 'express', parcels: [{ carrier_code: 'MADEUP', tracking_no: '1' }] });
    expect([unknown.status, unknown.body.error_code, unknown.body.msg]).to.deep.include.members([400, 10000]);
    expect(unknown.body.msg).to.match(/parcels\[0\]\.carrier_code "MADEUP" is not in WeChat's carrier list/);
    const parcels = [{ carrier_code: 'SF', tracking_no: 'SF1400000001' }, { carrier_code: 'ZTO', tracking_no: '75310001' }];
    expect((await shop.deliver(order.id, { logistics_type: 'express', parcels })).status).to.equal(201);

    const pending = await shop.shopper.order(order.token, order.id);
    expect(pending).to.include({ status: 3, shipping_upload: 'pending' });
    expect(pending.shipments[0]).to.deep.include({ seq: 1, logistics_type: 'express', parcels });
    await shop.jobs.runOnce();
    const upload = shop.sandbox.miniProgram.shipping.list().find((each) => each.outTradeNo === order.orderNo)!.uploads[0]!.body;
    expect(upload).to.deep.include({ logistics_type: 1, delivery_mode: 2, is_all_delivered: true });
    const rows = (await shop.http.get(`${API}/order/paginate`, await shop.shopper.superToken())).body.data;
    expect(rows.find((row: { id: number }) => row.id === order.id)).to.include({ status: 3, shipping_upload: 'uploaded' });

    // WeChat lets the shipping information change once, uploaded later than the first; a third shipment is refused.
    shop.advance(60);
    expect((await shop.deliver(order.id, { logistics_type: 'express', parcels: [parcels[0]], reship: true })).status).to.equal(201);
    const third = await shop.deliver(order.id, { logistics_type: 'express', parcels: [parcels[1]], reship: true });
    expect([third.status, third.body.error_code]).to.deep.equal([409, 80008]);
    await shop.jobs.runOnce();
    expect(shop.uploadsAtWeChat(order.orderNo)).to.equal(2);
  });

  it('sends the buyer one delivery message when they allowed one, and none when they did not', async () => {
    shop = await startDeliveryShop(backend);
    const allowed = await shop.paidOrder('allows');
    const silent = await shop.paidOrder('does-not');
    // The buyer taps "allow" (WeChat records it) and the mini-program forwards the answer to the shop.
    shop.sandbox.miniProgram.messages.accept(shop.sandbox.orders().find((each) => each.outTradeNo === allowed.orderNo)!.openid, TEMPLATE_ID);
    const consent = await shop.http.post(`${API}/subscribe/consent`, { errMsg: 'requestSubscribeMessage:ok', [TEMPLATE_ID]: 'accept' }, allowed.token);
    expect(consent.body).to.deep.equal({ templates: [{ template_id: TEMPLATE_ID, result: 'accept', remaining: 1 }] });
    await shop.deliver(allowed.id);
    await shop.deliver(silent.id);
    await shop.jobs.runOnce();
    const messages = shop.sandbox.miniProgram.messages.messages();
    expect(messages).to.have.length(1);
    expect(messages[0]!.data.character_string2).to.deep.equal({ value: allowed.orderNo });
    expect(shop.sandbox.miniProgram.messages.refusals()).to.deep.equal([]);
    expect((await shop.shopper.order(allowed.token, allowed.id)).shipments[0].message).to.include({ state: 'sent' });
    expect((await shop.shopper.order(silent.token, silent.id)).shipments[0].message).to.equal(null);
  });

  it('records WeChat\'s reminder and the buyer\'s confirmation pushed by the sandbox, and reports is_trade_managed', async () => {
    shop = await startDeliveryShop(backend);
    const order = await shop.paidOrder('pushed');
    expect(await pushFromSandbox(shop, 'remind', order.orderNo)).to.deep.include({ status: 200, answer: 'success' });
    await shop.deliver(order.id);
    await shop.jobs.runOnce();
    expect(await pushFromSandbox(shop, 'confirm', order.orderNo)).to.deep.include({ status: 200, answer: 'success' });
    const detail = await shop.shopper.order(order.token, order.id);
    expect(detail).to.include({ status: 3, shipping_upload: 'uploaded' });
    expect(detail.trade).to.include({ remind_shipping: true, remind_count: 1, confirm_receive_method: 1 });
    expect(detail.trade.confirm_receive_time).to.match(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    expect(detail.trade.settlement_time).to.be.a('string');
    expect((await shop.http.get('/readyz')).body.details).to.deep.equal({ wechat_trade_managed: true });
  });
});

/** A control call of the sandbox: WeChat pushes an event to the shop's message push URL. */
async function pushFromSandbox(shop: DeliveryShop, what: 'remind' | 'confirm', outTradeNo: string) {
  const response = await fetch(`${shop.sandbox.url}/sandbox/mini-program/${what}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ out_trade_no: outTradeNo }),
  });
  return (await response.json()) as { status: number; answer: string };
}
