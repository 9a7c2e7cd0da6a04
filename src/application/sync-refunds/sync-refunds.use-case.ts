import { inject, injectable } from 'inversify';
import { type BatchReport, runLeasedBatch } from '../leased-batch.js';
import type { RefundStatus } from '../../domain/index.js';
import { Clock } from '../ports/clock.js';
import { PayConfig } from '../ports/pay.config.js';
import { RefundRepository } from '../ports/refund.repository.js';
import { RefundProgress } from '../refund-progress/refund-progress.js';

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
    @inject(RefundProgress) private readonly progress: RefundProgress,
    @inject(Clock) private readonly clock: Clock,
    @inject(PayConfig) private readonly config: PayConfig,
  ) {}

  async execute({ limit }: SyncRefundsCommand): Promise<SyncRefundsReport> {
    const now = this.clock.now();
    const until = new Date(now.getTime() + this.config.settlementLeaseSeconds * 1000);
    return runLeasedBatch(
      await this.refunds.findInFlight(now, limit),
      (outRefundNo) => this.refunds.claim(outRefundNo, now, until),
      async (outRefundNo) => {
        const refund = await this.refunds.find(outRefundNo);
        return refund ? this.progress.sync(refund) : 'GONE';
      },
    );
  }
}
