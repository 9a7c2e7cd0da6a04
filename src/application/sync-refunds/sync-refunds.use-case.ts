import { inject, injectable } from 'inversify';
import { type BatchReport, runLeasedBatch } from '../leased-batch.js';
import type { Refund, RefundStatus } from '../../domain/index.js';
import { Clock } from '../ports/clock.js';
import { PayConfig } from '../ports/pay.config.js';
import { RefundGateway } from '../ports/refund.gateway.js';
import { RefundRepository } from '../ports/refund.repository.js';
import { RecordRefundResult } from '../record-refund-result/record-refund-result.use-case.js';
import { SubmitRefund } from '../submit-refund/submit-refund.use-case.js';

export interface SyncRefundsCommand {
  readonly limit: number;
}

export type SyncRefundsReport = BatchReport<RefundStatus | 'GONE'>;

/**
 * One run of the refund job: sends owed refunds that never reached WeChat and records the end of
 * those that did. Leases in the database keep two instances off the same refund.
 */
@injectable()
export class SyncRefunds {
  constructor(
    @inject(RefundRepository) private readonly refunds: RefundRepository,
    @inject(RefundGateway) private readonly gateway: RefundGateway,
    @inject(SubmitRefund) private readonly submit: SubmitRefund,
    @inject(RecordRefundResult) private readonly recordResult: RecordRefundResult,
    @inject(Clock) private readonly clock: Clock,
    @inject(PayConfig) private readonly config: PayConfig,
  ) {}

  async execute({ limit }: SyncRefundsCommand): Promise<SyncRefundsReport> {
    const now = this.clock.now();
    const until = new Date(now.getTime() + this.config.jobItemLeaseSeconds * 1000);
    return runLeasedBatch(
      await this.refunds.findInFlight(now, limit),
      (outRefundNo) => this.refunds.claim(outRefundNo, now, until),
      async (outRefundNo) => {
        const refund = await this.refunds.find(outRefundNo);
        return refund ? this.sync(refund) : 'GONE';
      },
    );
  }

  /** Asks WeChat where the refund stands and records it; one that never reached WeChat is sent. */
  private async sync(refund: Refund): Promise<RefundStatus> {
    const query = await this.gateway.queryRefund(refund.outRefundNo);
    switch (query.state) {
      case 'NOT_FOUND':
        return this.submit.execute({ refund });
      case 'PROCESSING':
        return 'REFUNDING';
      case 'SUCCESS':
        return this.recordResult.execute({ refund, result: { status: 'REFUNDED', ...(query.refundId ? { refundId: query.refundId } : {}) } });
      default:
        return this.recordResult.execute({ refund, result: { status: 'FAILED', reason: `WeChat ended the refund as ${query.state}` } });
    }
  }
}
