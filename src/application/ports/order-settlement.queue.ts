export interface DueOrdersQuery {
  readonly now: Date;
  /** UNPAID orders created before this are past their pay window and must be settled. */
  readonly createdBefore: Date;
  /** UNPAID orders with a payment attempt created before this may have lost their notification. */
  readonly attemptBefore: Date;
  readonly limit: number;
}

/**
 * Finds unpaid orders that need a look at WeChat and hands each to one worker at a time. The
 * claim is a lease kept in the database, so any number of instances can run the jobs at once;
 * a lease that is not given back also spaces out the next look at the same order.
 */
export const OrderSettlementQueue = Symbol('OrderSettlementQueue');
export interface OrderSettlementQueue {
  /** Ids of due orders whose lease is free at `now`, oldest first. */
  findDue(query: DueOrdersQuery): Promise<number[]>;
  /** Takes the order's lease until `until` if no live lease is held at `now`; false when another worker holds it. */
  claim(orderId: number, now: Date, until: Date): Promise<boolean>;
}
