import type { Fen } from './money.js';
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

/** Refund numbers derived from a payment, so creating the owed refund twice names one refund. */
export function owedRefundNo(transactionId: string): string {
  return `R${transactionId}`;
}
