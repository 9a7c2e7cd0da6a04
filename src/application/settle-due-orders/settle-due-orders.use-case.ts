import { inject, injectable } from 'inversify';
import { overdueIfPlacedBefore } from '../../domain/index.js';
import { type BatchReport, runLeasedBatch } from '../leased-batch.js';
import { SettleUnpaidOrder, type SettlementOutcome } from '../settle-unpaid-order/settle-unpaid-order.use-case.js';
import { Clock } from '../ports/clock.js';
import { OrderSettlementQueue } from '../ports/order-settlement.queue.js';
import { PayConfig } from '../ports/pay.config.js';

export interface SettleDueOrdersCommand {
  /** How many orders one run looks at at most. */
  readonly limit: number;
}

export type SettleDueOrdersReport = BatchReport<SettlementOutcome>;

/**
 * One run of the settlement job: expires orders past their pay window and recovers payments
 * whose notification never came. Safe to run on every instance at once: each order is claimed
 * with a lease in the database, and the use case it hands the order to is exactly-once itself.
 */
@injectable()
export class SettleDueOrders {
  constructor(
    @inject(OrderSettlementQueue) private readonly queue: OrderSettlementQueue,
    @inject(SettleUnpaidOrder) private readonly settle: SettleUnpaidOrder,
    @inject(Clock) private readonly clock: Clock,
    @inject(PayConfig) private readonly config: PayConfig,
  ) {}

  async execute({ limit }: SettleDueOrdersCommand): Promise<SettleDueOrdersReport> {
    const now = this.clock.now();
    const ids = await this.queue.findDue({
      now,
      createdBefore: overdueIfPlacedBefore(now, this.config.orderPayTimeoutSeconds),
      attemptBefore: new Date(now.getTime() - this.config.notificationGraceSeconds * 1000),
      limit,
    });
    const leaseUntil = new Date(now.getTime() + this.config.jobItemLeaseSeconds * 1000);
    return runLeasedBatch(
      ids,
      (orderId) => this.queue.claim(orderId, now, leaseUntil),
      (orderId) => this.settle.execute({ orderId }),
    );
  }
}
