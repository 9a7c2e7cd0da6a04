import type { JsonSchema } from '../routing/route.js';
import { arrayOf, chinaTime, count, id, imageUrl, nullable, object, text, yuan } from './answer-schemas.js';
import { deliveryProperties } from './delivery.answers.js';

const orderStatus = { type: 'integer', enum: [1, 2, 3, 4, 5], description: '1 UNPAID, 2 PAID, 3 DELIVERED, 4 PAID_BUT_OUT_OF (stock), 5 CLOSED' };

export const lineStatus = object({
  id,
  haveStock: { type: 'boolean' },
  counts: count,
  price: yuan,
  name: text,
  totalPrice: yuan,
  main_img_url: imageUrl,
});

export const address = object({ name: text, mobile: text, province: text, city: text, country: text, detail: text });

const summaryProperties = {
  id,
  order_no: text,
  user_id: id,
  total_price: yuan,
  status: orderStatus,
  snap_img: imageUrl,
  snap_name: text,
  total_count: count,
  create_time: chinaTime,
};

const refundStatus = { type: 'string', enum: ['REFUNDING', 'REFUNDED', 'FAILED'] };
const refundProperties = { out_refund_no: text, order_id: id, refund_fee: yuan, status: refundStatus, reason: text, create_time: chinaTime };

/** POST order/refund's answer. */
export const refund = object(refundProperties);

/** A refund as an order shows it. */
const orderRefundProperties = { ...refundProperties, failure_reason: nullable(text), update_time: chinaTime };
export const orderRefund = object(orderRefundProperties);

export const orderSummary = object(summaryProperties);
export const orderPage = (row: JsonSchema) => object({ data: arrayOf(row, 'newest first; empty past the last page'), current_page: id });

/** A row of the CMS list: who ordered, and where the refunds stand. */
export const cmsOrderRow = object({ ...summaryProperties, snap_address: address, refunds: arrayOf(orderRefund), ...deliveryProperties });

const detailProperties = {
  ...summaryProperties,
  snap_items: arrayOf(lineStatus),
  snap_address: address,
  pay_time: nullable(chinaTime),
  ...deliveryProperties,
};
export const orderDetail = object({ ...detailProperties, refunds: arrayOf(orderRefund) });

/** The operator's view: the detail, the payment attempts, each refund's cause and what is left to refund. */
export const cmsOrderDetail = object({
  ...detailProperties,
  transaction_id: nullable(text),
  refundable_fee: yuan,
  payment_attempts: arrayOf(object({ out_trade_no: text, create_time: chinaTime, expire_time: chinaTime })),
  refunds: arrayOf(
    object({
      ...orderRefundProperties,
      cause: { type: 'string', enum: ['REQUESTED', 'OUT_OF_STOCK', 'PAID_AFTER_CLOSE', 'PAID_TWICE'], description: 'who or what asked for it' },
    }),
  ),
});

const notPassed = object({ pass: { const: false }, order_id: { type: 'integer' }, orderPrice: yuan, totalCount: count, pStatusArray: arrayOf(lineStatus) });

export const placeOrderResult = {
  oneOf: [object({ order_no: text, order_id: id, create_time: chinaTime, pass: { const: true } }), notPassed],
};

export const paymentResult = {
  oneOf: [object({ timeStamp: text, nonceStr: text, package: { type: 'string', pattern: '^prepay_id=' }, signType: text, paySign: text }), notPassed],
};
