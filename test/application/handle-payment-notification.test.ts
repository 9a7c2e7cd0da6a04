import { expect } from 'chai';
import { UnitOfWork, type VerifiedPaymentNotification } from '../../src/application/index.js';
import { OrderStatus } from '../../src/domain/index.js';
import { aProduct } from '../support/mothers.js';
import { decodePaymentNotification } from '../../src/adapters/wechat/payment-notification.codec.js';
import { sign } from '../../src/adapters/wechat/sign.js';
import { buildXmlMessage } from '../../src/adapters/wechat/xml.js';
import { failingAfterDeduction } from '../support/failing-unit-of-work.js';
import { type MemoryShop, composeShop, memoryShop } from '../support/shop.js';

async function orderAwaitingPayment(shop: MemoryShop, lines = [{ productId: 1, count: 2 }, { productId: 2, count: 1 }]) {
  const result = await shop.placeOrder.execute({ uid: shop.uid, products: lines });
  if (!result.pass) throw new Error('expected pass');
  await shop.preparePayment.execute({ uid: shop.uid, orderId: result.orderId, clientIp: '127.0.0.1' });
  const order = (await shop.orders.findById(result.orderId))!;
  const notification: VerifiedPaymentNotification = {
    outTradeNo: order.orderNo,
    transactionId: `4200${order.id}`,
    totalFee: order.totalPrice,
    resultCode: 'SUCCESS',
    paidAt: null,
  };
  return { orderId: order.id, notification };
}

describe('HandlePaymentNotification', () => {
  it('marks the order PAID and deducts each line once', async () => {
    const shop = await memoryShop();
    const { orderId, notification } = await orderAwaitingPayment(shop);
    const result = await shop.handlePaymentNotification.execute(notification);
    expect(result).to.deep.equal({ acknowledged: true, outcome: 'PAID', orderId });
    const order = await shop.orders.findById(orderId);
    expect(order).to.include({ status: OrderStatus.PAID, transactionId: notification.transactionId });
    expect([shop.stockOf(1), shop.stockOf(2)]).to.deep.equal([98, 99]);
    expect((await shop.notifications.find(notification.transactionId))?.outcome).to.equal('PAID');
  });

  it('acknowledges duplicates and late duplicates without a second deduction', async () => {
    const shop = await memoryShop();
    const { notification } = await orderAwaitingPayment(shop);
    const results = await Promise.all(Array.from({ length: 10 }, () => shop.handlePaymentNotification.execute(notification)));
    expect(results.filter((result) => result.outcome === 'PAID')).to.have.length(1);
    expect(results.every((result) => result.acknowledged)).to.equal(true);
    shop.clock.advance(3 * 60 * 60 * 1000);
    expect((await shop.handlePaymentNotification.execute(notification)).outcome).to.equal('DUPLICATE');
    expect(shop.stockOf(1)).to.equal(98);
  });

  it('settles an order once even when two different transactions pay it', async () => {
    const shop = await memoryShop();
    const { notification } = await orderAwaitingPayment(shop);
    await shop.handlePaymentNotification.execute(notification);
    const second = await shop.handlePaymentNotification.execute({ ...notification, transactionId: 'another' });
    expect(second.outcome).to.equal('PAID_TWICE');
    expect(shop.stockOf(1)).to.equal(98);
    expect(shop.db.state.refunds.get('Ranother')).to.include({ cause: 'PAID_TWICE', refundFee: notification.totalFee, chargedToOrder: false });
  });

  it('marks PAID_BUT_OUT_OF and moves no stock when a line ran out between order and payment', async () => {
    const shop = await memoryShop([aProduct({ id: 1, stock: 5 }), aProduct({ id: 2, stock: 5 })]);
    const { orderId, notification } = await orderAwaitingPayment(shop);
    shop.db.addProduct(aProduct({ id: 2, stock: 0 }));
    const result = await shop.handlePaymentNotification.execute(notification);
    expect(result.outcome).to.equal('PAID_BUT_OUT_OF');
    expect((await shop.orders.findById(orderId))?.status).to.equal(OrderStatus.PAID_BUT_OUT_OF);
    expect([shop.stockOf(1), shop.stockOf(2)]).to.deep.equal([5, 0]);
  });

  it('rejects an amount that is not the order total and changes nothing', async () => {
    const shop = await memoryShop();
    const { orderId, notification } = await orderAwaitingPayment(shop);
    const result = await shop.handlePaymentNotification.execute({ ...notification, totalFee: 1 });
    expect(result).to.deep.equal({ acknowledged: false, outcome: 'AMOUNT_MISMATCH', orderId });
    expect((await shop.orders.findById(orderId))?.status).to.equal(OrderStatus.UNPAID);
    expect(await shop.notifications.count()).to.equal(0);
    expect(shop.stockOf(1)).to.equal(100);
  });

  it('acknowledges and logs a notification for an unknown order', async () => {
    const shop = await memoryShop();
    const result = await shop.handlePaymentNotification.execute({
      outTradeNo: 'nope', transactionId: 't-unknown', totalFee: 1, resultCode: 'SUCCESS', paidAt: null,
    });
    expect(result).to.deep.equal({ acknowledged: true, outcome: 'UNKNOWN_ORDER', orderId: null });
    expect((await shop.notifications.find('t-unknown'))?.outcome).to.equal('UNKNOWN_ORDER');
  });

  it('records a failed payment result without touching the order', async () => {
    const shop = await memoryShop();
    const { orderId, notification } = await orderAwaitingPayment(shop);
    const result = await shop.handlePaymentNotification.execute({ ...notification, resultCode: 'FAIL' });
    expect(result.outcome).to.equal('PAYMENT_FAILED');
    expect((await shop.orders.findById(orderId))?.status).to.equal(OrderStatus.UNPAID);
  });

  it('pays the order when a trade WeChat reported failed, under its transaction id, is paid after all', async () => {
    const shop = await memoryShop();
    const { orderId, notification } = await orderAwaitingPayment(shop);
    const key = 'abcdefghijklmnopqrstuvwxyz012345';
    const wechat = { appId: 'wx_shop_app', mchId: '1230000109', payKey: key };
    const result = (resultCode: string) => {
      const fields = {
        return_code: 'SUCCESS', appid: wechat.appId, mch_id: wechat.mchId, nonce_str: 'n', result_code: resultCode,
        total_fee: String(notification.totalFee), transaction_id: '4200000123202611240123456789', out_trade_no: notification.outTradeNo,
      };
      return decodePaymentNotification(buildXmlMessage({ ...fields, sign: sign(fields, key) }), wechat);
    };
    expect((await shop.handlePaymentNotification.execute(result('FAIL'))).outcome).to.equal('PAYMENT_FAILED');
    expect(await shop.handlePaymentNotification.execute(result('SUCCESS'))).to.deep.equal({ acknowledged: true, outcome: 'PAID', orderId });
    expect((await shop.orders.findById(orderId))?.status).to.equal(OrderStatus.PAID);
    expect([shop.stockOf(1), shop.stockOf(2)]).to.deep.equal([98, 99]);
  });

  it('finds the order of any payment attempt', async () => {
    const shop = await memoryShop();
    const { orderId, notification } = await orderAwaitingPayment(shop);
    await shop.orders.addPaymentAttempt({
      orderId, outTradeNo: `${notification.outTradeNo}_2`, prepayId: 'p2', prepayExpiresAt: shop.clock.now(), createdAt: shop.clock.now(),
    });
    const result = await shop.handlePaymentNotification.execute({ ...notification, outTradeNo: `${notification.outTradeNo}_2` });
    expect(result).to.include({ outcome: 'PAID', orderId });
  });

  it('rolls back the status change when the stock write fails half-way', async () => {
    const shop = await memoryShop();
    const { orderId, notification } = await orderAwaitingPayment(shop);
    const failingAfterStock = failingAfterDeduction(shop.world.unitOfWork, 'connection lost');
    const handler = composeShop(shop.world, { override: (container) => container.rebind(UnitOfWork).toConstantValue(failingAfterStock) }).handlePaymentNotification;
    const error = await handler.execute(notification).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(Error).with.property('message', 'connection lost');
    expect((await shop.orders.findById(orderId))?.status).to.equal(OrderStatus.UNPAID);
    expect(shop.stockOf(1)).to.equal(100);
    expect(await shop.notifications.count()).to.equal(0);
    expect((await shop.handlePaymentNotification.execute(notification)).outcome).to.equal('PAID');
  });

  it('never oversells: 30 held orders paid at once after the stock was cut by hand to 10', async () => {
    const shop = await memoryShop([aProduct({ id: 1, stock: 30 })]);
    const prepared = [];
    for (let i = 0; i < 30; i++) prepared.push(await orderAwaitingPayment(shop, [{ productId: 1, count: 1 }]));
    shop.db.state.products.set(1, { ...shop.db.state.products.get(1)!, stock: 10 });
    const results = await Promise.all(prepared.map(({ notification }) => shop.handlePaymentNotification.execute(notification)));
    expect(results.filter((result) => result.outcome === 'PAID')).to.have.length(10);
    expect(results.filter((result) => result.outcome === 'PAID_BUT_OUT_OF')).to.have.length(20);
    expect(shop.stockOf(1)).to.equal(0);
  });
});
