import type { VerifiedPaymentNotification } from '../../src/application/index.js';
import type { ComposedShop } from './shop.js';

/** What the order builders need of a use-case shop: its user, and the use cases and fake gateway an order goes through. */
type Shop = Pick<ComposedShop, 'placeOrder' | 'preparePayment' | 'handlePaymentNotification' | 'gateway'> & { readonly uid: number };

/** An order of `count` of product 1 by the shop's user, placed and prepared for payment (its first out_trade_no is its number). */
export async function preparedOrder(shop: Shop, count = 1): Promise<{ orderId: number; orderNo: string }> {
  const placed = await shop.placeOrder.execute({ uid: shop.uid, products: [{ productId: 1, count }] });
  if (!placed.pass) throw new Error('expected the order to pass');
  await shop.preparePayment.execute({ uid: shop.uid, orderId: placed.orderId, clientIp: '127.0.0.1' });
  return { orderId: placed.orderId, orderNo: placed.orderNo };
}

/** A prepared order the user has paid at WeChat; `notification` is what WeChat will say, not yet handled. */
export async function paidAtWeChat(shop: Shop, count = 1) {
  const { orderId, orderNo } = await preparedOrder(shop, count);
  const notification: VerifiedPaymentNotification = { ...shop.gateway.pay(orderNo), resultCode: 'SUCCESS', paidAt: null };
  return { orderId, orderNo, notification };
}

/** An order paid at WeChat and notified: PAID, with its transaction id. */
export async function paidOrder(shop: Shop, count = 1) {
  const { orderId, orderNo, notification } = await paidAtWeChat(shop, count);
  await shop.handlePaymentNotification.execute(notification);
  return { orderId, orderNo, transactionId: notification.transactionId, totalFee: notification.totalFee };
}
