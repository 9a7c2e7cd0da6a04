import type {
  SendOutbox,
  SendOutboxReport,
  SettleDueOrders,
  SettleDueOrdersReport,
  SyncRefunds,
  SyncRefundsReport,
} from '../../application/index.js';

export interface JobLogger {
  info(details: object, message: string): void;
  error(details: object, message: string): void;
}

const NOTHING_SENT: SendOutboxReport = { claimed: 0, skipped: 0, outcomes: {}, errors: [] };

export interface LifecycleJobsOptions {
  /** Pause between two runs, in milliseconds. */
  readonly intervalMs: number;
  /** Orders (and refunds) one run looks at at most. */
  readonly batchSize: number;
}

export interface LifecycleRun {
  readonly settlement: SettleDueOrdersReport;
  readonly refunds: SyncRefundsReport;
  /** Shipments' uploads and delivery messages sent to WeChat. */
  readonly outbox: SendOutboxReport;
}

/**
 * Runs the order-lifecycle jobs: expiry and lost-notification recovery, then refunds, then the
 * outbox (shipping uploads and delivery messages). In-process
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
    private readonly sendOutbox: SendOutbox | null = null,
  ) {}

  async runOnce(): Promise<LifecycleRun> {
    const settlement = await this.settleDueOrders.execute({ limit: this.options.batchSize });
    const refunds = await this.syncRefunds.execute({ limit: this.options.batchSize });
    const outbox = (await this.sendOutbox?.execute({ limit: this.options.batchSize })) ?? NOTHING_SENT;
    const worked = settlement.claimed + refunds.claimed + outbox.claimed > 0;
    const sent = outbox.claimed > 0 ? { outbox: outbox.outcomes } : {};
    if (worked) this.logger.info({ settlement: settlement.outcomes, refunds: refunds.outcomes, ...sent }, 'lifecycle jobs ran');
    for (const failure of [...settlement.errors, ...refunds.errors, ...outbox.errors]) this.logger.error(failure, 'lifecycle job item failed');
    return { settlement, refunds, outbox };
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
