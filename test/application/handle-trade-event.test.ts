import { expect } from 'chai';
import { memoryWorld } from '../contract/worlds.js';
import { OrderTradeLog } from '../../src/application/index.js';
import { deliveryShop } from './delivery-shop.js';

describe('HandleTradeEvent', () => {
  it('flags a reminder and records the settlement on the order the payment belongs to', async () => {
    const shop = await deliveryShop(memoryWorld(), { defaultLogisticsType: 'VIRTUAL' });
    const handle = shop.handleTradeEvent;
    const { orderId, orderNo, transactionId } = await shop.paid();
    const at = new Date('2026-11-26T12:00:00Z');
    expect(await handle.execute({ kind: 'REMIND_SHIPPING', outTradeNo: orderNo, transactionId, at })).to.equal('RECORDED');
    await shop.deliverOrder.execute({ orderId });
    const settled = { confirmedAt: new Date('2026-11-28T12:00:00Z'), confirmMethod: 1, settledAt: new Date('2026-11-28T12:05:00Z') };
    expect(await handle.execute({ kind: 'ORDER_SETTLEMENT', outTradeNo: orderNo, transactionId, ...settled })).to.equal('RECORDED');
    const { delivery } = await shop.getOrderDetail.execute({ uid: shop.uid, orderId });
    expect(delivery.trade).to.deep.equal({ orderId, remindedAt: at, remindCount: 1, ...settled });
  });

  it('acknowledges events about payments the shop never made, recording nothing', async () => {
    const shop = await deliveryShop(memoryWorld());
    const handle = shop.handleTradeEvent;
    const { orderNo } = await shop.paid();
    const at = new Date();
    expect(await handle.execute({ kind: 'REMIND_SHIPPING', outTradeNo: 'NOPE', transactionId: '1', at })).to.equal('UNKNOWN_ORDER');
    expect(await handle.execute({ kind: 'REMIND_SHIPPING', outTradeNo: orderNo, transactionId: 'another-payment', at })).to.equal('UNKNOWN_ORDER');
    expect(await shop.container.get<OrderTradeLog>(OrderTradeLog).listByOrders([1, 2, 3])).to.deep.equal([]);
  });
});
