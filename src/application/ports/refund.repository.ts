import type { NewRefund, Refund, RefundStatus, RefundStatusAfter } from '../../domain/index.js';

export interface RefundChange {
  readonly failureReason?: string;
  readonly refundId?: string;
  readonly at: Date;
}

export const RefundRepository = Symbol('RefundRepository');
export interface RefundRepository {
  /** Creates the refund unless its out_refund_no exists; false then (the refund is already owed). */
  create(refund: NewRefund): Promise<boolean>;
  /**
   * Counts `amount` against the order's paid total, only if the refunded sum stays within it.
   * A conditional update, so two refunds racing can never give back more than was paid.
   */
  chargeToOrder(orderId: number, amount: number): Promise<boolean>;
  /** Gives a failed refund's amount back to the order's refundable total. */
  unchargeFromOrder(orderId: number, amount: number): Promise<void>;
  find(outRefundNo: string): Promise<Refund | null>;
  listByOrder(orderId: number): Promise<Refund[]>;
  /** The refunds of several orders in one read, oldest first (a page of the CMS list). */
  listByOrders(orderIds: readonly number[]): Promise<Refund[]>;
  /**
   * Compare-and-set on the refund's status; false when it was not in `from`. Only moves the
   * domain's refund status machine allows compile (`RefundStatusAfter`).
   */
  transition<From extends RefundStatus>(outRefundNo: string, from: From, to: RefundStatusAfter<From>, change: RefundChange): Promise<boolean>;
  /** REFUNDING refunds whose lease is free at `now`, oldest first. */
  findInFlight(now: Date, limit: number): Promise<string[]>;
  /** Takes a refund's lease until `until` if none is live at `now`. */
  claim(outRefundNo: string, now: Date, until: Date): Promise<boolean>;
}
