import { expect } from 'chai';
import {
  PublicKeyVerifier,
  WechatPayValidator,
  decodeV3PaymentNotification,
} from '../../../../src/adapters/wechat/v3/index.js';
import { OrderStatus } from '../../../../src/domain/index.js';
import { memoryShop } from '../../../support/shop.js';
import { API_V3_KEY, APP_ID, MCH_ID, NOW, PUBKEY } from './support/keys.js';
import { envelope, signedNotification, transaction } from './support/messages.js';

const config = { appId: APP_ID, mchId: MCH_ID, apiV3Key: API_V3_KEY, validator: new WechatPayValidator(new PublicKeyVerifier(PUBKEY.serial, PUBKEY.publicKey), { now: () => NOW }) };

/** The v3 decoder feeds the same use case the v2 codec does, with the same outcomes. */
describe('v3 payment notifications through HandlePaymentNotification', () => {
  async function unpaidOrder() {
    const shop = await memoryShop();
    const placed = await shop.placeOrder.execute({ uid: shop.uid, products: [{ productId: 1, count: 2 }] });
    if (!placed.pass) throw new Error('expected the order to be placed');
    await shop.preparePayment.execute({ uid: shop.uid, orderId: placed.orderId, clientIp: '127.0.0.1' });
    const order = (await shop.orders.findById(placed.orderId))!;
    const notify = (total: number) => signedNotification(envelope(transaction({ out_trade_no: order.orderNo, amount: { total, currency: 'CNY' } })));
    return { shop, order, notify };
  }

  it('an amount that differs from the order is AMOUNT_MISMATCH, not acknowledged, and the order stays UNPAID', async () => {
    const { shop, order, notify } = await unpaidOrder();
    for (const total of [order.totalPrice + 100, 1]) {
      const result = await shop.handlePaymentNotification.execute(await decodeV3PaymentNotification(notify(total), config));
      expect(result).to.include({ acknowledged: false, outcome: 'AMOUNT_MISMATCH' });
    }
    expect((await shop.orders.findById(order.id))?.status).to.equal(OrderStatus.UNPAID);
  });

  it('the genuine notification pays once; its replay is a DUPLICATE that moves nothing', async () => {
    const { shop, order, notify } = await unpaidOrder();
    const message = notify(order.totalPrice);
    expect(await shop.handlePaymentNotification.execute(await decodeV3PaymentNotification(message, config))).to.include({ acknowledged: true, outcome: 'PAID' });
    const stock = shop.stockOf(1);
    expect(await shop.handlePaymentNotification.execute(await decodeV3PaymentNotification(message, config))).to.include({ acknowledged: true, outcome: 'DUPLICATE' });
    expect(shop.stockOf(1)).to.equal(stock);
    expect((await shop.orders.findById(order.id))?.status).to.equal(OrderStatus.PAID);
  });
});
