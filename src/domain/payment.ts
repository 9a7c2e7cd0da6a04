import { nthOf } from './numbering.js';

/**
 * When an order placed at `createTime` can no longer be paid: `payTimeoutSeconds` later
 * (ORDER_PAY_TIMEOUT). Prepay ids expire then (`time_expire`), and the settlement job closes
 * the order once it has passed.
 */
export function payDeadline(createTime: Date, payTimeoutSeconds: number): Date {
  return new Date(createTime.getTime() + payTimeoutSeconds * 1000);
}

/** Whether an order placed at `createTime` is past its pay deadline at `now`. */
export function isPastPayDeadline(createTime: Date, payTimeoutSeconds: number, now: Date): boolean {
  return now.getTime() >= payDeadline(createTime, payTimeoutSeconds).getTime();
}

/** The same rule read backwards, for a query: orders placed before this moment are past their deadline at `now`. */
export function overdueIfPlacedBefore(now: Date, payTimeoutSeconds: number): Date {
  return new Date(now.getTime() - payTimeoutSeconds * 1000);
}

/**
 * The `out_trade_no` of an order's n-th payment attempt (1-based): the order number, then
 * `<order_no>_2`, `<order_no>_3`, … Each attempt has its own, because WeChat ties an
 * out_trade_no to the parameters it was first sent with.
 */
export function outTradeNo(orderNo: string, attemptNo: number): string {
  return nthOf(orderNo, attemptNo);
}
