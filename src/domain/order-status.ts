import { IllegalOrderTransition } from './errors.js';

/** Numeric values are the zerg schema's, so existing clients read them unchanged. */
export enum OrderStatus {
  UNPAID = 1,
  PAID = 2,
  DELIVERED = 3,
  PAID_BUT_OUT_OF = 4,
  CLOSED = 5,
}

const allowed: Readonly<Record<OrderStatus, readonly OrderStatus[]>> = {
  [OrderStatus.UNPAID]: [OrderStatus.PAID, OrderStatus.PAID_BUT_OUT_OF, OrderStatus.CLOSED],
  // PAID -> PAID_BUT_OUT_OF: the payment was claimed first, then a line's stock could not be deducted.
  [OrderStatus.PAID]: [OrderStatus.DELIVERED, OrderStatus.PAID_BUT_OUT_OF],
  [OrderStatus.DELIVERED]: [],
  [OrderStatus.PAID_BUT_OUT_OF]: [],
  [OrderStatus.CLOSED]: [],
};

export function canTransition(from: OrderStatus, to: OrderStatus): boolean {
  return allowed[from].includes(to);
}

export function assertTransition(from: OrderStatus, to: OrderStatus): void {
  if (!canTransition(from, to)) throw new IllegalOrderTransition(OrderStatus[from], OrderStatus[to]);
}
