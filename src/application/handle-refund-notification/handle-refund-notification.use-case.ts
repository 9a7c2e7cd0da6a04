import { inject, injectable } from 'inversify';
import type { RefundStatus } from '../../domain/index.js';
import { RefundRepository } from '../ports/refund.repository.js';
import { RecordRefundResult } from '../record-refund-result/record-refund-result.use-case.js';

/** A refund notification whose signature and encrypted `req_info` the adapter has verified and opened. */
export interface VerifiedRefundNotification {
  readonly outRefundNo: string;
  readonly refundId: string;
  readonly refundStatus: 'SUCCESS' | 'CHANGE' | 'REFUNDCLOSE';
}

export type HandleRefundNotificationResult = { readonly status: RefundStatus | 'UNKNOWN_REFUND' };

@injectable()
export class HandleRefundNotification {
  constructor(
    @inject(RefundRepository) private readonly refunds: RefundRepository,
    @inject(RecordRefundResult) private readonly recordResult: RecordRefundResult,
  ) {}

  async execute(notification: VerifiedRefundNotification): Promise<HandleRefundNotificationResult> {
    const refund = await this.refunds.find(notification.outRefundNo);
    if (!refund) return { status: 'UNKNOWN_REFUND' };
    if (refund.status !== 'REFUNDING') return { status: refund.status };
    const result =
      notification.refundStatus === 'SUCCESS'
        ? ({ status: 'REFUNDED', refundId: notification.refundId } as const)
        : ({ status: 'FAILED', reason: `WeChat ended the refund as ${notification.refundStatus}` } as const);
    return { status: await this.recordResult.execute({ refund, result }) };
  }
}
