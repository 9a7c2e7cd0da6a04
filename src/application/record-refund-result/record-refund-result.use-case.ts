import { inject, injectable } from 'inversify';
import type { Refund, RefundStatus } from '../../domain/index.js';
import { Clock } from '../ports/clock.js';
import { UnitOfWork } from '../ports/unit-of-work.js';

/** How WeChat ended a refund: the money is back, or it never will be (CHANGE, REFUNDCLOSE, a rejection). */
export type RefundResult =
  | { readonly status: 'REFUNDED'; readonly refundId?: string }
  | { readonly status: 'FAILED'; readonly reason: string };

export interface RecordRefundResultCommand {
  readonly refund: Refund;
  readonly result: RefundResult;
}

/** What the refund's failure_reason column keeps. */
const MAX_FAILURE_REASON = 255;

/**
 * Records how WeChat ended a REFUNDING refund, whoever learnt it (the refund job, a refund
 * notification, a rejected submission). A compare-and-set on the refund's status, so two of them
 * racing record it once; a failed refund's amount becomes refundable again in the same transaction.
 */
@injectable()
export class RecordRefundResult {
  constructor(
    @inject(UnitOfWork) private readonly unitOfWork: UnitOfWork,
    @inject(Clock) private readonly clock: Clock,
  ) {}

  async execute({ refund, result }: RecordRefundResultCommand): Promise<RefundStatus> {
    const at = this.clock.now();
    if (result.status === 'REFUNDED') {
      const refundId = result.refundId ? { refundId: result.refundId } : {};
      await this.unitOfWork.run(({ refunds }) => refunds.transition(refund.outRefundNo, 'REFUNDING', 'REFUNDED', { at, ...refundId }));
      return 'REFUNDED';
    }
    // WeChat's texts can be long; the reason is for a person, its start says enough.
    const failureReason = result.reason.slice(0, MAX_FAILURE_REASON);
    await this.unitOfWork.run(async ({ refunds }) => {
      const won = await refunds.transition(refund.outRefundNo, 'REFUNDING', 'FAILED', { failureReason, at });
      if (won && refund.chargedToOrder) await refunds.unchargeFromOrder(refund.orderId, refund.refundFee);
    });
    return 'FAILED';
  }
}
