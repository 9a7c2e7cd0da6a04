import { inject, injectable } from 'inversify';
import type { Refund, RefundStatus } from '../../domain/index.js';
import { Clock } from '../ports/clock.js';
import { PaymentGatewayError } from '../ports/payment.gateway.js';
import { RefundGateway } from '../ports/refund.gateway.js';
import { UnitOfWork } from '../ports/unit-of-work.js';

/** What the refund's failure_reason column keeps. */
const MAX_FAILURE_REASON = 255;

/**
 * Moves one refund towards its end, whoever asks (the admin route, the job, a notification).
 * Every step is a compare-and-set on the refund's status, so two of them racing settle it once.
 */
@injectable()
export class RefundProgress {
  constructor(
    @inject(RefundGateway) private readonly gateway: RefundGateway,
    @inject(UnitOfWork) private readonly unitOfWork: UnitOfWork,
    @inject(Clock) private readonly clock: Clock,
  ) {}

  /** Sends the refund to WeChat. A timeout leaves it REFUNDING: the job asks WeChat later and resends the same number. */
  async submit(refund: Refund): Promise<RefundStatus> {
    try {
      const refundId = await this.gateway.refund({
        outRefundNo: refund.outRefundNo,
        transactionId: refund.transactionId,
        totalFee: refund.totalFee,
        refundFee: refund.refundFee,
        reason: refund.reason,
      });
      await this.unitOfWork.run(({ refunds }) =>
        refunds.transition(refund.outRefundNo, 'REFUNDING', 'REFUNDING', { refundId, at: this.clock.now() }),
      );
      return 'REFUNDING';
    } catch (error) {
      if (error instanceof PaymentGatewayError && error.reason === 'REJECTED') return this.fail(refund, error.message);
      throw error;
    }
  }

  /** Asks WeChat where the refund stands and records it; one that never reached WeChat is sent. */
  async sync(refund: Refund): Promise<RefundStatus> {
    const query = await this.gateway.queryRefund(refund.outRefundNo);
    switch (query.state) {
      case 'NOT_FOUND':
        return this.submit(refund);
      case 'PROCESSING':
        return 'REFUNDING';
      case 'SUCCESS':
        return this.complete(refund, query.refundId);
      default:
        return this.fail(refund, `WeChat ended the refund as ${query.state}`);
    }
  }

  async complete(refund: Refund, refundId: string | undefined): Promise<RefundStatus> {
    await this.unitOfWork.run(({ refunds }) =>
      refunds.transition(refund.outRefundNo, 'REFUNDING', 'REFUNDED', { at: this.clock.now(), ...(refundId ? { refundId } : {}) }),
    );
    return 'REFUNDED';
  }

  /** A failed refund's amount becomes refundable again, in the same transaction as the failure. */
  async fail(refund: Refund, reason: string): Promise<RefundStatus> {
    // WeChat's texts can be long; the reason is for a person, its start says enough.
    const failureReason = reason.slice(0, MAX_FAILURE_REASON);
    await this.unitOfWork.run(async ({ refunds }) => {
      const won = await refunds.transition(refund.outRefundNo, 'REFUNDING', 'FAILED', { failureReason, at: this.clock.now() });
      if (won && refund.chargedToOrder) await refunds.unchargeFromOrder(refund.orderId, refund.refundFee);
    });
    return 'FAILED';
  }
}
