import type { VerifiedPaymentNotification } from '../../src/application/index.js';
import type { MemoryShop } from '../support/shop.js';

/** An order of the shop's user, placed and prepared for payment (its first out_trade_no is its number). */
export async function preparedOrder(shop: MemoryShop, count = 1): Promise<{ orderId: number; orderNo: string }> {
  const placed = await shop.placeOrder.execute({ uid: shop.uid, products: [{ productId: 1, count }] });
  if (!placed.pass) throw new Error('expected the order to pass');
  await shop.preparePayment.execute({ uid: shop.uid, orderId: placed.orderId, clientIp: '127.0.0.1' });
  return { orderId: placed.orderId, orderNo: placed.orderNo };
}

/** An order paid at WeChat and notified: PAID, with its transaction id. */
export async function paidOrder(shop: MemoryShop, count = 1) {
  const { orderId, orderNo } = await preparedOrder(shop, count);
  const notification: VerifiedPaymentNotification = { ...shop.gateway.pay(orderNo), resultCode: 'SUCCESS', paidAt: null };
  await shop.handlePaymentNotification.execute(notification);
  return { orderId, orderNo, transactionId: notification.transactionId, totalFee: notification.totalFee };
}
