/**
 * `npm run jobs`: one run of the order-lifecycle jobs (expiry, lost-notification recovery,
 * refunds, shipping uploads and delivery messages) on the shop the environment describes, then exit: non-zero when the run or an item
 * in it failed. For a cron job or a scheduler beside instances started with
 * LIFECYCLE_INTERVAL_SECONDS=0; the database leases make it safe beside running timers too.
 *
 * With no WeChat base set it talks to the sandbox of the shop `npm start` runs on this machine
 * (SANDBOX_PORT), whose memory holds the payments, over the same API (v3 unless
 * WECHAT_PAY_API_VERSION=v2, as `npm start`); notifications default to the shop on PORT.
 */
import 'reflect-metadata';
import { pino } from 'pino';
import { SANDBOX_CREDENTIALS, SANDBOX_MERCHANT_V3, sandboxPortFrom } from '../sandbox/index.js';
import type { LifecycleRun } from '../src/adapters/jobs/lifecycle-jobs.js';
import { reportFailure, startShop } from '../src/composition/index.js';
import { ConfigError } from '../src/config-error.js';
import { loadConfig } from '../src/config.js';
import { launcherEnv, sandboxShopEnv, weChatBaseSet } from './sandboxed-shop.js';

/** The number of items that failed (WeChat down, say); they are retried on the next run. */
async function runJobsOnce(env: NodeJS.ProcessEnv): Promise<number> {
  const log = pino({ level: loadConfig(env).logLevel, base: { service: 'weshop-jobs' } });
  const sandboxed = () => sandboxShopEnv(launcherEnv(env), `http://127.0.0.1:${runningSandboxPort(env)}`, { merchant: SANDBOX_CREDENTIALS, merchantV3: SANDBOX_MERCHANT_V3 });
  const shop = await startShop(weChatBaseSet(env) ? env : { ...env, ...sandboxed() }, { serve: false, logger: log });
  try {
    const run = await shop.jobs.runOnce();
    log.info({ settlement: summary(run.settlement), refunds: summary(run.refunds), outbox: summary(run.outbox) }, 'lifecycle jobs run once');
    return run.settlement.errors.length + run.refunds.errors.length + run.outbox.errors.length;
  } finally {
    await shop.close();
  }
}

function runningSandboxPort(env: NodeJS.ProcessEnv): number {
  const port = sandboxPortFrom(env);
  if (port === 0) throw new ConfigError('SANDBOX_PORT', 'must name the running shop\'s sandbox port, not 0');
  return port;
}

function summary(report: LifecycleRun['settlement'] | LifecycleRun['refunds'] | LifecycleRun['outbox']) {
  return { claimed: report.claimed, skipped: report.skipped, outcomes: report.outcomes, errors: report.errors.length };
}

runJobsOnce(process.env).then(
  (failures) => (process.exitCode = failures > 0 ? 1 : 0),
  (error: unknown) => {
    reportFailure('weshop jobs', 'failed', error);
    process.exitCode = 1;
  },
);
