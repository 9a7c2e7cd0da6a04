import { inject, injectable } from 'inversify';
import type { RefundStatus } from '../../domain/index.js';
import { Clock } from '../ports/clock.js';
import { PayConfig } from '../ports/pay.config.js';
import { RefundRepository } from '../ports/refund.repository.js';
import { RefundProgress } from '../refund-progress/refund-progress.js';

export interface SyncRefundsCommand {
  readonly limit: number;
}

export interface SyncRefundsReport {
  readonly claimed: number;
  readonly outcomes: Partial<Record<RefundStatus | 'ERROR', number>>;
  readonly errors: { readonly outRefundNo: string; readonly message: string }[];
}

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
    const outcomes: SyncRefundsReport['outcomes'] = {};
    const errors: SyncRefundsReport['errors'] = [];
    let claimed = 0;
    for (const outRefundNo of await this.refunds.findInFlight(now, limit)) {
      if (!(await this.refunds.claim(outRefundNo, now, until))) continue;
      claimed++;
      const refund = await this.refunds.find(outRefundNo);
      if (!refund) continue;
      try {
        const status = await this.progress.sync(refund);
        outcomes[status] = (outcomes[status] ?? 0) + 1;
      } catch (error) {
        outcomes.ERROR = (outcomes.ERROR ?? 0) + 1;
        errors.push({ outRefundNo, message: error instanceof Error ? error.message : String(error) });
      }
    }
    return { claimed, outcomes, errors };
  }
}
