import type { Fen } from '../../domain/index.js';

export interface RefundRequest {
  readonly outRefundNo: string;
  readonly transactionId: string;
  readonly totalFee: Fen;
  readonly refundFee: Fen;
  readonly reason: string;
}

/** SUCCESS: money is back. PROCESSING: accepted, not done. CHANGE / REFUNDCLOSE: failed at WeChat. */
export type RefundState = 'SUCCESS' | 'PROCESSING' | 'CHANGE' | 'REFUNDCLOSE' | 'NOT_FOUND';

export interface RefundQuery {
  readonly state: RefundState;
  readonly refundId?: string;
}

/**
 * WeChat Pay's refund API. `refund` is idempotent on out_refund_no at WeChat, so resubmitting
 * the same refund after a timeout never pays twice. Failures are PaymentGatewayError.
 */
export const RefundGateway = Symbol('RefundGateway');
export interface RefundGateway {
  /** Submits a refund; resolves to WeChat's refund id once WeChat has accepted it. */
  refund(request: RefundRequest): Promise<string>;
  queryRefund(outRefundNo: string): Promise<RefundQuery>;
}
