import { expect } from 'chai';
import { InvalidShipment, OrderFullyRefunded, OrderNotDeliverable, OrderStatus, ReshipmentUsed, UnknownCarrier } from '../../src/domain/index.js';
import { describeOnEveryBackend } from '../support/backends.js';
import type { World } from '../contract/worlds.js';
import { deliveryShop as shopOn } from './delivery-shop.js';

const express = [
  { carrierCode: 'SF', trackingNo: 'SF1400000001' },
  { carrierCode: 'ZTO', trackingNo: '7531000001' },
];
const failure = (work: Promise<unknown>) => work.then(() => null, (error: unknown) => error);

describeOnEveryBackend('DeliverOrder with shipments', (freshWorld) => {
  let world: World;
  beforeEach(async () => {
    world = await freshWorld();
  });
  const deliveryShop = (config: Parameters<typeof shopOn>[1] = {}) => shopOn(world, config);

  it('ships a paid order by express in several parcels and owes WeChat its upload, sent once by the outbox job', async () => {
    const shop = await deliveryShop();
    const { orderId, transactionId } = await shop.paid();
    const shipment = await shop.deliverOrder.execute({ orderId, logisticsType: 'EXPRESS', parcels: express });
    expect(shipment).to.deep.include({ orderId, seq: 1, logisticsType: 'EXPRESS' });
    expect((await shop.orders.findById(orderId))?.status).to.equal(OrderStatus.DELIVERED);
    expect(await shop.item(`upload:${orderId}:1`)).to.deep.include({ status: 'PENDING', tries: 0 });

    expect((await shop.runOutbox()).outcomes).to.deep.equal({ DONE: 1 });
    expect((await shop.runOutbox()).claimed).to.equal(0);
    expect(shop.wechat.uploads).to.have.length(1);
    expect(shop.wechat.uploads[0]).to.deep.include({ transactionId, payerOpenid: 'openid-alice', logisticsType: 'EXPRESS', receiverContact: '138****8000' });
    expect(shop.wechat.uploads[0]!.parcels).to.deep.equal(express);
    const { delivery } = await shop.getOrderDetail.execute({ uid: shop.uid, orderId });
    expect(delivery.shipments.map((view) => [view.shipment.seq, view.upload?.status])).to.deep.equal([[1, 'DONE']]);
  });

  it('refuses carriers not in WeChat\'s list, express without parcels and parcels without express, changing nothing', async () => {
    const shop = await deliveryShop();
    const { orderId } = await shop.paid();
    const unknown = await failure(shop.deliverOrder.execute({ orderId, logisticsType: 'EXPRESS', parcels: [express[0]!, { carrierCode: 'MADEUP', trackingNo: '1' }] }));
    expect(unknown).to.be.instanceOf(UnknownCarrier).with.property('field', 'parcels[1].carrier_code');
    expect(await failure(shop.deliverOrder.execute({ orderId, logisticsType: 'EXPRESS' }))).to.be.instanceOf(InvalidShipment).with.property('field', 'parcels');
    expect(await failure(shop.deliverOrder.execute({ orderId, logisticsType: 'VIRTUAL', parcels: express }))).to.be.instanceOf(InvalidShipment);
    expect(await failure(shop.deliverOrder.execute({ orderId, parcels: express }))).to.be.instanceOf(InvalidShipment).with.property('field', 'logistics_type');
    expect((await shop.orders.findById(orderId))?.status).to.equal(OrderStatus.PAID);
    expect(shop.wechat.uploads).to.deep.equal([]);
  });

  it('ships zerg\'s {id} alone as the configured default type, uploaded like any other', async () => {
    const shop = await deliveryShop({ defaultLogisticsType: 'SELF_PICKUP' });
    const { orderId } = await shop.paid();
    await shop.deliverOrder.execute({ orderId });
    await shop.runOutbox();
    expect(shop.wechat.uploads.map((upload) => [upload.logisticsType, upload.parcels.length])).to.deep.equal([['SELF_PICKUP', 0]]);
  });

  it('ships {id} alone on a shop with no default as zerg did, and says WeChat was not told', async () => {
    const shop = await deliveryShop();
    const { orderId } = await shop.paid();
    await shop.deliverOrder.execute({ orderId });
    expect((await shop.orders.findById(orderId))?.status).to.equal(OrderStatus.DELIVERED);
    expect(await shop.item(`upload:${orderId}:1`)).to.deep.include({ status: 'FAILED', errorCode: 'NO_LOGISTICS_TYPE' });
    expect((await shop.runOutbox()).claimed).to.equal(0);
  });

  it('refuses a fully refunded order (409 80007), and ships one refunded in part', async () => {
    const shop = await deliveryShop({ defaultLogisticsType: 'VIRTUAL' });
    const full = await shop.paid();
    await shop.requestRefund.execute({ orderId: full.orderId, reason: '不要了' });
    expect(await failure(shop.deliverOrder.execute({ orderId: full.orderId }))).to.be.instanceOf(OrderFullyRefunded);
    expect((await shop.orders.findById(full.orderId))?.status).to.equal(OrderStatus.PAID);
    const part = await shop.paid();
    await shop.requestRefund.execute({ orderId: part.orderId, refundFee: 1, reason: '少一件' });
    await shop.deliverOrder.execute({ orderId: part.orderId });
    expect((await shop.orders.findById(part.orderId))?.status).to.equal(OrderStatus.DELIVERED);
  });

  it('allows one re-shipment, asked for explicitly, and uploads it too', async () => {
    const shop = await deliveryShop({ defaultLogisticsType: 'VIRTUAL' });
    const { orderId } = await shop.paid();
    await shop.deliverOrder.execute({ orderId });
    expect(await failure(shop.deliverOrder.execute({ orderId }))).to.be.instanceOf(OrderNotDeliverable);
    const again = await shop.deliverOrder.execute({ orderId, logisticsType: 'EXPRESS', parcels: [express[0]!], reship: true });
    expect(again.seq).to.equal(2);
    expect(await failure(shop.deliverOrder.execute({ orderId, reship: true }))).to.be.instanceOf(ReshipmentUsed);
    await shop.runOutbox();
    expect(shop.wechat.uploads.map((upload) => upload.logisticsType)).to.deep.equal(['VIRTUAL', 'EXPRESS']);
    const unshipped = await shop.paid();
    expect(await failure(shop.deliverOrder.execute({ orderId: unshipped.orderId, reship: true }))).to.be.instanceOf(OrderNotDeliverable);
  });

  it('delivers once when ten deliveries race', async () => {
    const shop = await deliveryShop({ defaultLogisticsType: 'SAME_CITY' });
    const { orderId } = await shop.paid();
    const results = await Promise.all(Array.from({ length: 10 }, () => failure(shop.deliverOrder.execute({ orderId }))));
    expect(results.filter((result) => result === null)).to.have.length(1);
    expect(results.filter((result) => result instanceof OrderNotDeliverable)).to.have.length(9);
    await shop.runOutbox();
    expect(shop.wechat.uploads).to.have.length(1);
  });
});
