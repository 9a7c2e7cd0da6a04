import type { Logger } from 'pino';
import { LifecycleJobs } from '../adapters/jobs/lifecycle-jobs.js';
import type { UseCases } from '../application/index.js';
import type { AppConfig } from '../config.js';

/** The order-lifecycle jobs over a shop's use cases; on a timer only once `start()` is called. */
export function lifecycleJobsOf(useCases: UseCases, config: AppConfig, logger: Logger): LifecycleJobs {
  const options = { intervalMs: config.lifecycleIntervalSeconds * 1000, batchSize: 100 };
  return new LifecycleJobs(useCases.settleDueOrders, useCases.syncRefunds, logger, options, useCases.sendOutbox);
}
