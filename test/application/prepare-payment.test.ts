import { expect } from 'chai';
import { PaymentGatewayError } from '../../src/application/index.js';
import { NotOrderOwner, OrderNotFound, OrderNotPayable, OrderStatus } from '../../src/domain/index.js';
import { aProduct, anAddress } from '../support/mothers.js';

const MINUTE = 60_000;
import { rejectionOf } from '../support/rejection.js';
import { paidAtWeChat, preparedOrder } from '../support/orders.js';
import { type MemoryShop, memoryShop } from '../support/shop.js';

async function placed(shop: MemoryShop, count = 1): Promise<number> {
  const result = await shop.placeOrder.execute({ uid: shop.uid, products: [{ productId: 1, count }] });
  if (!result.pass) throw new Error('expected the order to pass');
  return result.orderId;
}

describe('PreparePayment', () => {
  it('prepays the stored order total and returns signed wx.requestPayment fields without appId', async () => {
    const shop = await memoryShop();
    const orderId = await placed(shop, 3);
    const result = await shop.preparePayment.execute({ uid: shop.uid, orderId, clientIp: '127.0.0.1' });
    expect(result.pass).to.equal(true);
    if (!result.pass) return;
    expect(result.params).to.have.all.keys('timeStamp', 'nonceStr', 'package', 'signType', 'paySign');
    const [sent] = [...shop.gateway.prepays.values()];
    expect(sent?.request).to.include({ totalFee: 300, openid: 'openid-alice', body: '商品1' });
    const order = await shop.orders.findById(orderId);
    expect(sent?.request.outTradeNo).to.equal(order?.orderNo);
    expect(result.params.package).to.equal(`prepay_id=${order?.prepayId}`);
  });

  it('charges the stored total even when the product price changed since', async () => {
    const shop = await memoryShop();
    const orderId = await placed(shop, 2);
    shop.db.addProduct(aProduct({ id: 1, price: 1 }));
    await shop.preparePayment.execute({ uid: shop.uid, orderId, clientIp: '127.0.0.1' });
    expect([...shop.gateway.prepays.values()][0]?.request.totalFee).to.equal(200);
  });

  it('reuses a valid prepay id, then opens a new attempt with its own out_trade_no once it expires', async () => {
    const shop = await memoryShop();
    const orderId = await placed(shop);
    await shop.preparePayment.execute({ uid: shop.uid, orderId, clientIp: '127.0.0.1' });
    shop.clock.advance(60_000);
    await shop.preparePayment.execute({ uid: shop.uid, orderId, clientIp: '127.0.0.1' });
    expect(shop.gateway.prepays.size).to.equal(1);
    expect(await shop.orders.listPaymentAttempts(orderId)).to.have.length(1);
  });

  it('refuses an unknown order (80000), another user\'s order (10003) and a paid one (80003)', async () => {
    const shop = await memoryShop();
    const orderId = await placed(shop);
    await rejectionOf(shop.preparePayment.execute({ uid: shop.uid, orderId: 999, clientIp: '' }), OrderNotFound);
    await rejectionOf(shop.preparePayment.execute({ uid: shop.otherUid, orderId, clientIp: '' }), NotOrderOwner);
    await shop.orders.transition(orderId, OrderStatus.UNPAID, OrderStatus.PAID);
    await rejectionOf(shop.preparePayment.execute({ uid: shop.uid, orderId, clientIp: '' }), OrderNotPayable);
    expect(shop.gateway.prepays.size).to.equal(0);
  });

  it('a pre_order repeated while the payment notification lands holds nothing for the paid order', async () => {
    const shop = await memoryShop([aProduct({ id: 1, stock: 2 })], { stockPolicy: 'on_payment' });
    const { orderId, notification } = await paidAtWeChat(shop);
    const read = shop.orders.findById.bind(shop.orders);
    // The second pre_order reads the order unpaid; the notification commits before it holds.
    shop.orders.findById = async (id) => {
      const order = await read(id);
      shop.orders.findById = read;
      await shop.handlePaymentNotification.execute(notification);
      return order;
    };
    await rejectionOf(shop.preparePayment.execute({ uid: shop.uid, orderId, clientIp: '' }), OrderNotPayable);
    expect((await shop.orders.findById(orderId))?.status).to.equal(OrderStatus.PAID);
    expect(shop.stockOf(1)).to.equal(1);
    expect(await shop.world.heldOf(1), 'no hold outlives the payment').to.deep.equal({ held: 0, rows: 0 });
    expect((await shop.world.stock.findProducts([1]))[0]?.stock, 'the other unit is free').to.equal(1);
  });

  it('a payment made just before the deadline keeps its unit while its notification is late (STOCK_HOLD_GRACE_SECONDS)', async () => {
    const shop = await memoryShop([aProduct({ id: 1, stock: 1 })]);
    await shop.world.addresses.save(shop.otherUid, anAddress());
    const { orderId, orderNo } = await preparedOrder(shop);
    shop.clock.advance(30 * MINUTE - 3_000);
    const notification = { ...shop.gateway.pay(orderNo), resultCode: 'SUCCESS' as const, paidAt: null };
    shop.clock.advance(4_000);
    const newcomer = await shop.placeOrder.execute({ uid: shop.otherUid, products: [{ productId: 1, count: 1 }] });
    const admitted = newcomer.pass && (await shop.preparePayment.execute({ uid: shop.otherUid, orderId: newcomer.orderId, clientIp: '' })).pass;
    expect(admitted, 'the unit paid for in time is not free').to.equal(false);
    shop.clock.advance(15_000);
    expect((await shop.handlePaymentNotification.execute(notification)).outcome).to.equal('PAID');
    expect((await shop.orders.findById(orderId))?.status).to.equal(OrderStatus.PAID);
  });

  it('a hold lapses STOCK_HOLD_GRACE_SECONDS after the pay deadline, not before', async () => {
    const shop = await memoryShop([aProduct({ id: 1, stock: 1 })], { stockHoldGraceSeconds: 60 });
    await shop.world.addresses.save(shop.otherUid, anAddress());
    await preparedOrder(shop);
    shop.clock.advance(30 * MINUTE + 59_000);
    expect((await shop.placeOrder.execute({ uid: shop.otherUid, products: [{ productId: 1, count: 1 }] })).pass).to.equal(false);
    shop.clock.advance(1_000);
    expect((await shop.placeOrder.execute({ uid: shop.otherUid, products: [{ productId: 1, count: 1 }] })).pass).to.equal(true);
  });

  it('answers pass: false when stock no longer holds', async () => {
    const shop = await memoryShop();
    const orderId = await placed(shop, 5);
    shop.db.addProduct(aProduct({ id: 1, stock: 4 }));
    const result = await shop.preparePayment.execute({ uid: shop.uid, orderId, clientIp: '' });
    expect(result).to.deep.include({ pass: false, orderId });
    expect(shop.gateway.prepays.size).to.equal(0);
  });

  it('changes nothing when the gateway fails, and succeeds on retry', async () => {
    const shop = await memoryShop();
    const orderId = await placed(shop);
    shop.gateway.failNext = new PaymentGatewayError('SYSTEMERROR', 'busy');
    await rejectionOf(shop.preparePayment.execute({ uid: shop.uid, orderId, clientIp: '' }), PaymentGatewayError);
    expect(await shop.orders.listPaymentAttempts(orderId)).to.have.length(0);
    expect((await shop.orders.findById(orderId))?.status).to.equal(OrderStatus.UNPAID);
    const retry = await shop.preparePayment.execute({ uid: shop.uid, orderId, clientIp: '' });
    expect(retry.pass).to.equal(true);
  });

  it('moves to a new out_trade_no when WeChat says the number was used', async () => {
    const shop = await memoryShop();
    const orderId = await placed(shop);
    shop.gateway.failNext = new PaymentGatewayError('OUT_TRADE_NO_USED', 'used');
    await shop.preparePayment.execute({ uid: shop.uid, orderId, clientIp: '' });
    const attempts = await shop.orders.listPaymentAttempts(orderId);
    expect(attempts.map((attempt) => attempt.outTradeNo)).to.deep.equal([`${(await shop.orders.findById(orderId))?.orderNo}_2`]);
  });

  it('refuses to open a payment once the pay window has closed', async () => {
    const shop = await memoryShop();
    const orderId = await placed(shop);
    shop.clock.advance(29 * 60_000);
    await rejectionOf(shop.preparePayment.execute({ uid: shop.uid, orderId, clientIp: '' }), OrderNotPayable);
  });
});
