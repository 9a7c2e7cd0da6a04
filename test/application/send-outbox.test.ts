import { expect } from 'chai';
import { memoryWorld } from '../contract/worlds.js';
import { DELIVERY_TEMPLATE, deliveryShop } from './delivery-shop.js';

describe('SendOutbox', () => {
  it('tries an upload WeChat answers 10060001 again after a minute, and records it uploaded then', async () => {
    const shop = await deliveryShop(memoryWorld(), { defaultLogisticsType: 'VIRTUAL' });
    const { orderId } = await shop.paid();
    await shop.deliverOrder.execute({ orderId });
    shop.wechat.refuse('upload', 10060001, '支付单不存在', 2);
    expect((await shop.runOutbox()).outcomes).to.deep.equal({ RETRY: 1 });
    expect(await shop.item(`upload:${orderId}:1`)).to.deep.include({ status: 'PENDING', errorCode: '10060001', errorMessage: '支付单不存在' });
    shop.clock.advance(59_000);
    expect((await shop.runOutbox()).claimed).to.equal(0);
    shop.clock.advance(1_000);
    expect((await shop.runOutbox()).outcomes).to.deep.equal({ RETRY: 1 });
    shop.clock.advance(60_000);
    expect((await shop.runOutbox()).outcomes).to.deep.equal({ DONE: 1 });
    expect(await shop.item(`upload:${orderId}:1`)).to.deep.include({ status: 'DONE', tries: 3 });
    expect(shop.wechat.uploads).to.have.length(1);
  });

  it('records any other refusal with WeChat\'s code and message, and never sends it again', async () => {
    const shop = await deliveryShop(memoryWorld(), { defaultLogisticsType: 'VIRTUAL' });
    const { orderId } = await shop.paid();
    await shop.deliverOrder.execute({ orderId });
    shop.wechat.refuse('upload', 10060003, '支付单已使用重新发货机会');
    expect((await shop.runOutbox()).outcomes).to.deep.equal({ FAILED: 1 });
    shop.clock.advance(3600_000);
    expect((await shop.runOutbox()).claimed).to.equal(0);
    const { delivery } = await shop.getOrderDetail.execute({ uid: shop.uid, orderId });
    expect(delivery.shipments[0]?.upload).to.deep.include({ status: 'FAILED', errorCode: '10060003', errorMessage: '支付单已使用重新发货机会' });
  });

  it('backs off while WeChat is busy or down, and gives up in the end', async () => {
    const shop = await deliveryShop(memoryWorld(), { defaultLogisticsType: 'VIRTUAL' });
    const { orderId } = await shop.paid();
    await shop.deliverOrder.execute({ orderId });
    shop.wechat.refuse('upload', -1, 'system error', 100);
    const pauses: number[] = [];
    for (let run = 0; run < 12; run++) {
      const report = await shop.runOutbox();
      if (report.outcomes.FAILED) break;
      let waited = 0;
      while ((await shop.runOutbox()).claimed === 0 && waited < 7200) {
        shop.clock.advance(60_000);
        waited += 60;
      }
      pauses.push(waited);
    }
    expect(pauses.slice(0, 4)).to.deep.equal([60, 120, 240, 480]);
    expect(await shop.item(`upload:${orderId}:1`)).to.deep.include({ status: 'FAILED', errorCode: '-1' });
  });

  it('skips uploads of a mini-program that is not under shipping management', async () => {
    const shop = await deliveryShop(memoryWorld(), { defaultLogisticsType: 'VIRTUAL' });
    shop.wechat.tradeManaged = false;
    const { orderId } = await shop.paid();
    await shop.deliverOrder.execute({ orderId });
    expect((await shop.runOutbox()).outcomes).to.deep.equal({ SKIPPED: 1 });
    expect(await shop.item(`upload:${orderId}:1`)).to.deep.include({ status: 'SKIPPED', errorCode: 'NOT_TRADE_MANAGED' });
    expect(shop.wechat.uploads).to.deep.equal([]);
  });

  it('sends each item once when two workers run at the same moment', async () => {
    const shop = await deliveryShop(memoryWorld(), { defaultLogisticsType: 'VIRTUAL', message: DELIVERY_TEMPLATE });
    const orders = [await shop.paid(), await shop.paid(), await shop.paid()];
    await shop.recordSubscribeConsents.execute({ uid: shop.uid, results: { [DELIVERY_TEMPLATE.templateId]: 'accept' } });
    for (const { orderId } of orders) await shop.deliverOrder.execute({ orderId });
    const [a, b] = await Promise.all([shop.runOutbox(), shop.runOutbox()]);
    expect(a.claimed + b.claimed).to.equal(4);
    expect(a.skipped + b.skipped).to.equal(4);
    expect(shop.wechat.uploads).to.have.length(3);
    expect(shop.wechat.messages).to.have.length(1);
  });
});

describe('Delivery messages', () => {
  it('sends one message per acceptance, its values within WeChat\'s limits, and none without one', async () => {
    const shop = await deliveryShop(memoryWorld(), { defaultLogisticsType: 'SAME_CITY', message: DELIVERY_TEMPLATE });
    const counts = await shop.recordSubscribeConsents.execute({ uid: shop.uid, results: { [DELIVERY_TEMPLATE.templateId]: 'accept', 'other-template': 'accept', errMsg: 'requestSubscribeMessage:ok' } });
    expect(counts).to.deep.equal([{ templateId: DELIVERY_TEMPLATE.templateId, result: 'accept', remaining: 1 }]);
    const first = await shop.paid();
    const second = await shop.paid();
    await shop.deliverOrder.execute({ orderId: first.orderId });
    await shop.deliverOrder.execute({ orderId: second.orderId });
    await shop.runOutbox();
    expect(shop.wechat.messages).to.have.length(1);
    const [message] = shop.wechat.messages;
    expect(message).to.deep.include({ templateId: DELIVERY_TEMPLATE.templateId, openid: 'openid-alice', page: `pages/order/detail?id=${first.orderId}`, miniprogramState: 'formal' });
    expect(message!.data.thing4).to.deep.equal({ value: '同城配送' });
    expect(message!.data.character_string2!.value).to.equal(first.orderNo);
    expect(message!.data.time3!.value).to.match(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    expect(await shop.item(`message:${second.orderId}:1`)).to.equal(null);
  });

  it('records 43101 and 47003 as the end of the message, never sent again', async () => {
    const shop = await deliveryShop(memoryWorld(), { defaultLogisticsType: 'SAME_CITY', message: DELIVERY_TEMPLATE });
    await shop.recordSubscribeConsents.execute({ uid: shop.uid, results: { [DELIVERY_TEMPLATE.templateId]: 'accept' } });
    await shop.recordSubscribeConsents.execute({ uid: shop.uid, results: { [DELIVERY_TEMPLATE.templateId]: 'accept' } });
    const first = await shop.paid();
    const second = await shop.paid();
    shop.wechat.refuse('send', 43101, 'user refuse to accept the msg');
    shop.wechat.refuse('send', 47003, 'argument invalid! data.thing1.value');
    await shop.deliverOrder.execute({ orderId: first.orderId });
    await shop.deliverOrder.execute({ orderId: second.orderId });
    expect((await shop.runOutbox()).outcomes).to.deep.equal({ DONE: 2, FAILED: 2 });
    shop.clock.advance(3600_000);
    expect((await shop.runOutbox()).claimed).to.equal(0);
    expect(await shop.item(`message:${first.orderId}:1`)).to.deep.include({ status: 'FAILED', errorCode: '43101' });
    expect(await shop.item(`message:${second.orderId}:1`)).to.deep.include({ status: 'FAILED', errorCode: '47003' });
    expect(shop.wechat.messages).to.deep.equal([]);
  });

  it('records a value WeChat would refuse instead of sending it, and keeps the acceptance', async () => {
    const shop = await deliveryShop(memoryWorld(), {
      defaultLogisticsType: 'EXPRESS',
      message: { ...DELIVERY_TEMPLATE, fields: { thing1: 'goods', character_string2: 'tracking_no' } },
    });
    await shop.recordSubscribeConsents.execute({ uid: shop.uid, results: { [DELIVERY_TEMPLATE.templateId]: 'accept' } });
    const { orderId } = await shop.paid();
    await shop.deliverOrder.execute({ orderId, parcels: [{ carrierCode: 'SF', trackingNo: 'SF'.padEnd(40, '0') }] });
    expect(await shop.item(`message:${orderId}:1`)).to.deep.include({ status: 'FAILED', errorCode: 'INVALID_VALUE' });
    expect((await shop.recordSubscribeConsents.execute({ uid: shop.uid, results: { [DELIVERY_TEMPLATE.templateId]: 'reject' } }))[0]?.remaining).to.equal(1);
  });
});
