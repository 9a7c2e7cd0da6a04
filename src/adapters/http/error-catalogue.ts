import { EDGE_ERRORS, type EdgeErrorKey, type ErrorEntry } from './edge-errors.js';
import { DOMAIN_ERROR_ANSWERS } from './error-mapping.js';

/** What each domain error's code means to a client; its status and error_code come from the edge's table. */
const DOMAIN_ERROR_DOCS = {
  'MONEY.INVALID': { when: 'an amount is not a whole number of fen', example: 'money must be a non-negative safe integer number of fen, got 0.5' },
  'ORDER.INVALID_LINE': { when: 'a line merged with another names more than 10000 of one product', example: 'count of product 1 exceeds 10000' },
  'TOKEN.INVALID_APP_CREDENTIALS': { when: 'wrong app id or secret (or the app is not an operator app)', example: '授权失败: app id or secret is wrong' },
  'ORDER.NOT_OWNER': { when: 'the order belongs to another user', example: '订单与用户不匹配: the order belongs to another user' },
  'TOKEN.TOO_MANY_FAILED_ATTEMPTS': {
    when: 'too many failed tries for the app id: locked for the rest of the 15-minute window; `Retry-After` says how long',
    example: 'too many failed attempts for this app id; retry in 900 seconds',
  },
  'ADDRESS.MISSING': { when: 'the user has saved no address (reading it, or placing an order)', example: '用户地址不存在: the user has not saved an address yet' },
  'PRODUCT.NOT_FOUND': { when: 'a product named in the order does not exist (every id is listed)', example: '商品不存在，订单创建失败: product 99 not found' },
  'ORDER.NOT_FOUND': { when: 'no such order', example: '订单不存在，请检查ID: order 99 not found' },
  'ORDER.NOT_DELIVERABLE': { when: 'the order is not PAID (unpaid, closed, out of stock, or delivered already)', example: '订单还没付款或已发货: order 42 is not a paid, undelivered order' },
  'ORDER.NOT_PAYABLE': { when: 'the order is not UNPAID (paid already), or its pay window closed', example: '订单已支付过或已关闭: order 42 cannot be paid (PAID)' },
  'ORDER.CLOSED': { when: 'the order was closed unpaid; place a new one', example: '订单已关闭，请重新下单: order 42 was closed unpaid; place a new order' },
  'SHIPMENT.INVALID': { when: 'the shipment is not one WeChat takes (logistics type, parcels, tracking numbers)', example: 'parcels[0].tracking_no is required for EXPRESS' },
  'SHIPMENT.UNKNOWN_CARRIER': { when: 'a parcel names a carrier WeChat does not list', example: 'parcels[0].carrier_code "XYZ" is not in WeChat\'s carrier list (get_delivery_list)' },
  'ORDER.FULLY_REFUNDED': { when: 'every fen of the order is refunded or being refunded: nothing ships', example: '订单已全额退款，不能发货: order 42 is fully refunded and cannot be delivered' },
  'SHIPMENT.RESHIPMENT_USED': { when: 'the order’s one re-shipment is used already', example: '订单已重新发货过一次: order 42 has used its one re-shipment' },
  'REFUND.NOT_ALLOWED': {
    when: 'the order has no payment to refund, or the amount is more than is left to refund',
    example: '订单不能退款: order 42 cannot be refunded (300 fen is more than is left to refund)',
  },
} as const satisfies Record<keyof typeof DOMAIN_ERROR_ANSWERS, { when: string; example: string }>;

export type ErrorKey = EdgeErrorKey | keyof typeof DOMAIN_ERROR_DOCS;

/** Every failure a route may answer, by key: its status, zerg error_code, when, and a message as worded. */
export function errorEntry(key: ErrorKey): ErrorEntry {
  if (key in EDGE_ERRORS) return EDGE_ERRORS[key as EdgeErrorKey];
  const domainKey = key as keyof typeof DOMAIN_ERROR_DOCS;
  return { ...DOMAIN_ERROR_ANSWERS[domainKey], ...DOMAIN_ERROR_DOCS[domainKey] };
}
