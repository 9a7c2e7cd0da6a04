import type { OrderDetail, OrderInspection, PlaceOrderResult, PreparePaymentResult } from '../../../application/index.js';
import type { LineStatus, Order, Refund } from '../../../domain/index.js';
import { chinaTime } from '../../system/china-time.js';
import { presentDelivery } from './delivery.presenter.js';
import type { ImageUrls } from './image-url.js';
import { yuan } from './yuan.js';

/** A line as placed (or as just checked): its picture is the product's main image at that moment, made absolute. */
export function presentLineStatus(line: LineStatus, images: ImageUrls) {
  return {
    id: line.id,
    haveStock: line.haveStock,
    counts: line.counts,
    price: yuan(line.price),
    name: line.name,
    totalPrice: yuan(line.totalPrice),
    main_img_url: images.ofSnapshot(line.main_img_url),
  };
}

/** A row of the order lists: zerg hid the snapshots and the prepay id there. */
export function presentOrderSummary(order: Order, images: ImageUrls) {
  return {
    id: order.id,
    order_no: order.orderNo,
    user_id: order.userId,
    total_price: yuan(order.totalPrice),
    status: order.status,
    snap_img: images.ofSnapshot(order.snapImg),
    snap_name: order.snapName,
    total_count: order.totalCount,
    create_time: chinaTime(order.createTime),
  };
}

/** A row of the CMS list: the summary, who it goes to, and where each refund of the order stands. */
export function presentCmsOrderRow({ order, refunds, delivery }: OrderDetail, images: ImageUrls) {
  return { ...presentOrderSummary(order, images), snap_address: { ...order.snapAddress }, refunds: refunds.map(presentOrderRefund), ...presentDelivery(delivery) };
}

/** The detail carries the snapshots as objects, never as the JSON strings zerg stored them in. */
export function presentOrderDetail({ order, refunds, delivery }: OrderDetail, images: ImageUrls) {
  return {
    ...presentOrderSummary(order, images),
    snap_items: order.snapItems.map((line) => presentLineStatus(line, images)),
    snap_address: { ...order.snapAddress },
    pay_time: order.paidAt ? chinaTime(order.paidAt) : null,
    refunds: refunds.map(presentOrderRefund),
    ...presentDelivery(delivery),
  };
}

/** The operator's view of one order: the detail, its payment attempts, each refund's cause and what is left to refund. */
export function presentCmsOrderDetail(inspection: OrderInspection, images: ImageUrls) {
  const { order, refunds, paymentAttempts, refundable } = inspection;
  return {
    ...presentOrderDetail(inspection, images),
    transaction_id: order.transactionId,
    refundable_fee: yuan(refundable),
    payment_attempts: paymentAttempts.map((attempt) => ({
      out_trade_no: attempt.outTradeNo,
      create_time: chinaTime(attempt.createdAt),
      expire_time: chinaTime(attempt.prepayExpiresAt),
    })),
    refunds: refunds.map((refund) => ({ ...presentOrderRefund(refund), cause: refund.cause })),
  };
}

/** A refund as an order shows it: REFUNDING, REFUNDED, or FAILED with WeChat's reason. */
export function presentOrderRefund(refund: Refund) {
  return {
    ...presentRefund(refund),
    failure_reason: refund.failureReason,
    update_time: chinaTime(refund.updatedAt),
  };
}

export function presentPlaceOrderResult(result: PlaceOrderResult, images: ImageUrls) {
  if (result.pass) {
    return { order_no: result.orderNo, order_id: result.orderId, create_time: chinaTime(result.createTime), pass: true };
  }
  return {
    pass: false,
    order_id: -1,
    orderPrice: yuan(result.orderPrice),
    totalCount: result.totalCount,
    pStatusArray: result.pStatusArray.map((line) => presentLineStatus(line, images)),
  };
}

export function presentPaymentResult(result: PreparePaymentResult, images: ImageUrls) {
  if (result.pass) {
    const { timeStamp, nonceStr, signType, paySign } = result.params;
    return { timeStamp, nonceStr, package: result.params.package, signType, paySign };
  }
  return {
    pass: false,
    order_id: result.orderId,
    orderPrice: yuan(result.orderPrice),
    totalCount: result.totalCount,
    pStatusArray: result.pStatusArray.map((line) => presentLineStatus(line, images)),
  };
}

export function presentRefund(refund: Refund) {
  return {
    out_refund_no: refund.outRefundNo,
    order_id: refund.orderId,
    refund_fee: yuan(refund.refundFee),
    status: refund.status,
    reason: refund.reason,
    create_time: chinaTime(refund.createdAt),
  };
}
