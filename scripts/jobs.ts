/**
 * `npm run jobs`: one run of the order-lifecycle jobs (expiry, lost-notification recovery,
 * refunds) on the shop the environment describes, then exit: non-zero when the run or an item
 * in it failed. For a cron job or a scheduler beside instances started with
 * LIFECYCLE_INTERVAL_SECONDS=0; the database leases make it safe beside running timers too.
 *
 * With no WeChat base set it talks to the sandbox of the shop running on this machine
 * (SANDBOX_PORT), whose memory holds the payments; notifications default to the shop on PORT.
 */
import 'reflect-metadata';
import { pathToFileURL } from 'node:url';
import { type Logger, pino } from 'pino';
import type { LifecycleRun } from '../src/adapters/jobs/lifecycle-jobs.js';
import { withSandboxBase } from '../src/adapters/wechat/index.js';
import { ConfigError, loadConfig } from '../src/config.js';
import { lifecycleJobsOf, openShop, weChatConfigFor } from '../src/main.js';

export interface JobsRunResult {
  readonly run: LifecycleRun;
  /** Items that failed (WeChat down, say); they are retried on the next run. */
  readonly failures: number;
}

export async function runJobsOnce(env: NodeJS.ProcessEnv, logger?: Logger): Promise<JobsRunResult> {
  const config = loadConfig(env);
  const log = logger ?? pino({ level: config.logLevel, base: { service: 'weshop-jobs' } });
  let wechat = weChatConfigFor(env, `http://127.0.0.1:${config.port || 3000}`);
  if (wechat.sandbox) {
    if (config.sandboxPort === 0) throw new ConfigError('SANDBOX_PORT', 'must name the running shop\'s sandbox port, not 0');
    wechat = withSandboxBase(wechat, `http://127.0.0.1:${config.sandboxPort}`);
  }
  const { container, resources } = await openShop(config, wechat, log);
  try {
    const jobs = lifecycleJobsOf(container, config, log);
    const run = await jobs.runOnce();
    const failures = run.settlement.errors.length + run.refunds.errors.length;
    log.info({ settlement: summary(run.settlement), refunds: summary(run.refunds) }, 'lifecycle jobs run once');
    return { run, failures };
  } finally {
    await resources.close();
  }
}

function summary(report: LifecycleRun['settlement'] | LifecycleRun['refunds']) {
  return { claimed: report.claimed, skipped: report.skipped, outcomes: report.outcomes, errors: report.errors.length };
}

async function main(): Promise<void> {
  try {
    const { failures } = await runJobsOnce(process.env);
    process.exitCode = failures > 0 ? 1 : 0;
  } catch (error) {
    if (error instanceof ConfigError || (error instanceof Error && /WECHAT_/.test(error.message))) {
      console.error(`weshop jobs: configuration error: ${error.message}`);
    } else {
      console.error('weshop jobs: failed:', error);
    }
    process.exitCode = 1;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  void main();
}
