/** Numeric values are the zerg schema's, so existing clients read them unchanged. */
export enum OrderStatus {
  UNPAID = 1,
  PAID = 2,
  DELIVERED = 3,
  PAID_BUT_OUT_OF = 4,
  CLOSED = 5,
}

/** The order status machine: every move an order's status may make. */
export const ORDER_TRANSITIONS = {
  [OrderStatus.UNPAID]: [OrderStatus.PAID, OrderStatus.PAID_BUT_OUT_OF, OrderStatus.CLOSED],
  // PAID -> PAID_BUT_OUT_OF: the payment was claimed first, then a line's stock could not be deducted.
  [OrderStatus.PAID]: [OrderStatus.DELIVERED, OrderStatus.PAID_BUT_OUT_OF],
  [OrderStatus.DELIVERED]: [],
  [OrderStatus.PAID_BUT_OUT_OF]: [],
  [OrderStatus.CLOSED]: [],
} as const satisfies Readonly<Record<OrderStatus, readonly OrderStatus[]>>;

/**
 * The statuses an order in status `From` may move to, as a type: `OrderRepository.transition`
 * takes only these, so a forbidden move (CLOSED → PAID) does not compile and no adapter has to
 * check it. A `From` that is not one named status (a variable typed `OrderStatus`) allows nothing.
 */
export type OrderStatusAfter<From extends OrderStatus> = {
  [S in OrderStatus]: [From] extends [S] ? (typeof ORDER_TRANSITIONS)[S][number] : never;
}[OrderStatus];

export function canTransition(from: OrderStatus, to: OrderStatus): boolean {
  return (ORDER_TRANSITIONS[from] as readonly OrderStatus[]).includes(to);
}
