import type { SettleDueOrders, SettleDueOrdersReport, SyncRefunds, SyncRefundsReport } from '../../application/index.js';

export interface JobLogger {
  info(details: object, message: string): void;
  error(details: object, message: string): void;
}

export interface LifecycleJobsOptions {
  /** Pause between two runs, in milliseconds. */
  readonly intervalMs: number;
  /** Orders (and refunds) one run looks at at most. */
  readonly batchSize: number;
}

export interface LifecycleRun {
  readonly settlement: SettleDueOrdersReport;
  readonly refunds: SyncRefundsReport;
}

/**
 * Runs the order-lifecycle jobs: expiry and lost-notification recovery, then refunds. In-process
 * on a timer by default, or once from the command line. Runs never overlap within a process, and
 * the use cases' database leases keep instances off each other's orders.
 */
export class LifecycleJobs {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;
  private stopped = false;

  constructor(
    private readonly settleDueOrders: SettleDueOrders,
    private readonly syncRefunds: SyncRefunds,
    private readonly logger: JobLogger,
    private readonly options: LifecycleJobsOptions,
  ) {}

  async runOnce(): Promise<LifecycleRun> {
    const settlement = await this.settleDueOrders.execute({ limit: this.options.batchSize });
    const refunds = await this.syncRefunds.execute({ limit: this.options.batchSize });
    const worked = settlement.claimed + refunds.claimed > 0;
    if (worked) this.logger.info({ settlement: settlement.outcomes, refunds: refunds.outcomes }, 'lifecycle jobs ran');
    for (const failure of [...settlement.errors, ...refunds.errors]) this.logger.error(failure, 'lifecycle job item failed');
    return { settlement, refunds };
  }

  start(): void {
    this.stopped = false;
    this.schedule();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.runOnce()
        .catch((error: unknown) => this.logger.error({ err: error }, 'lifecycle jobs failed'))
        .finally(() => {
          this.running = null;
          this.schedule();
        });
    }, this.options.intervalMs);
    this.timer.unref();
  }
}
