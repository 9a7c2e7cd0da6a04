import { inject, injectable } from 'inversify';
import type { Refund, RefundStatus } from '../../domain/index.js';
import { Clock } from '../ports/clock.js';
import { PaymentGatewayError } from '../ports/payment.gateway.js';
import { RefundGateway } from '../ports/refund.gateway.js';
import { UnitOfWork } from '../ports/unit-of-work.js';
import { RecordRefundResult } from '../record-refund-result/record-refund-result.use-case.js';

export interface SubmitRefundCommand {
  readonly refund: Refund;
}

/**
 * Sends a recorded refund to WeChat under its own out_refund_no, which WeChat refunds at most
 * once however often it is sent. Accepted: WeChat's refund id is recorded and the refund stays
 * REFUNDING until WeChat ends it. Rejected: it is FAILED. A timeout leaves it REFUNDING: the
 * refund job asks WeChat later and sends the same number again.
 */
@injectable()
export class SubmitRefund {
  constructor(
    @inject(RefundGateway) private readonly gateway: RefundGateway,
    @inject(UnitOfWork) private readonly unitOfWork: UnitOfWork,
    @inject(Clock) private readonly clock: Clock,
    @inject(RecordRefundResult) private readonly recordResult: RecordRefundResult,
  ) {}

  async execute({ refund }: SubmitRefundCommand): Promise<RefundStatus> {
    let refundId: string;
    try {
      refundId = await this.gateway.refund({
        outRefundNo: refund.outRefundNo,
        transactionId: refund.transactionId,
        totalFee: refund.totalFee,
        refundFee: refund.refundFee,
        reason: refund.reason,
      });
    } catch (error) {
      if (error instanceof PaymentGatewayError && error.reason === 'REJECTED') {
        return this.recordResult.execute({ refund, result: { status: 'FAILED', reason: error.message } });
      }
      throw error;
    }
    await this.unitOfWork.run(({ refunds }) =>
      refunds.transition(refund.outRefundNo, 'REFUNDING', 'REFUNDING', { refundId, at: this.clock.now() }),
    );
    return 'REFUNDING';
  }
}
