import { RefundNotAllowed } from './errors.js';
import { type Fen, fen } from './money.js';
import { nthOf } from './numbering.js';
import type { Order } from './order.js';
import { OrderStatus } from './order-status.js';
import type { RefundStatus } from './refund-status.js';

/** Why money goes back: a person decided, the goods ran out, or a payment came for a closed or already paid order. */
export type RefundCause = 'REQUESTED' | 'OUT_OF_STOCK' | 'PAID_AFTER_CLOSE' | 'PAID_TWICE';

export interface Refund {
  /** Our refund number: fixed when the refund is created, so every retry names the same refund. */
  readonly outRefundNo: string;
  readonly orderId: number;
  /** The payment the money goes back from. */
  readonly transactionId: string;
  readonly totalFee: Fen;
  readonly refundFee: Fen;
  readonly cause: RefundCause;
  readonly reason: string;
  readonly status: RefundStatus;
  readonly failureReason: string | null;
  /** WeChat's refund id, once it has accepted the refund. */
  readonly refundId: string | null;
  /** Whether the amount counts against the order's own payment (false for a stray payment). */
  readonly chargedToOrder: boolean;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

export type NewRefund = Omit<Refund, 'status' | 'failureReason' | 'refundId' | 'updatedAt'>;

/**
 * The one refund numbering: a payment's refunds are `R<transaction_id>`, `R<transaction_id>_2`, …
 * in the order they are created, given how many that payment already has. A refund a notification
 * owes is its payment's first (the payment was never kept, nothing was refunded from it yet), so
 * the same notification twice names the same refund.
 */
export function refundNo(transactionId: string, refundsOfPayment: readonly Pick<Refund, 'transactionId'>[] = []): string {
  const earlier = refundsOfPayment.filter((refund) => refund.transactionId === transactionId).length;
  return nthOf(`R${transactionId}`, earlier + 1);
}

/** Statuses of an order whose payment the shop kept and an admin may give back, in full or in part. */
export const REFUNDABLE_STATUSES: readonly OrderStatus[] = [OrderStatus.PAID, OrderStatus.DELIVERED, OrderStatus.PAID_BUT_OUT_OF];

export interface AllowedRefund {
  readonly transactionId: string;
  readonly refundFee: Fen;
}

/**
 * What an admin may ask back from an order: from its payment, only once it is paid, at least
 * 1 fen, the whole total when no amount is named. Whether that much is still left to refund is
 * the conditional charge against the order, made in the transaction that records the refund.
 */
export function allowedRefund(order: Order, refundFee: Fen | undefined): AllowedRefund {
  if (!REFUNDABLE_STATUSES.includes(order.status) || !order.transactionId) {
    throw new RefundNotAllowed(order.id, `status ${OrderStatus[order.status]} has no payment to refund`);
  }
  const fee = fen(refundFee ?? order.totalPrice);
  if (fee <= 0) throw new RefundNotAllowed(order.id, 'the amount must be at least 1 fen');
  return { transactionId: order.transactionId, refundFee: fee };
}

/**
 * What an admin may still give back from an order: its total, less every refund charged to it
 * that has not failed (a failed refund's amount is refundable again); nothing before it is paid.
 */
export function leftToRefund(order: Order, refunds: readonly Refund[]): Fen {
  if (!REFUNDABLE_STATUSES.includes(order.status) || !order.transactionId) return 0;
  const charged = refunds
    .filter((refund) => refund.orderId === order.id && refund.chargedToOrder && refund.status !== 'FAILED')
    .reduce((sum, refund) => sum + refund.refundFee, 0);
  return Math.max(0, order.totalPrice - charged);
}
