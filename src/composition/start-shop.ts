import cluster from 'node:cluster';
import type { AddressInfo } from 'node:net';
import { Container } from 'inversify';
import { type Logger, pino } from 'pino';
import { createHttpApp } from '../adapters/http/http-app.js';
import { transactionRetries } from '../adapters/kysely/index.js';
import { SystemClock } from '../adapters/system/system.clock.js';
import type { LifecycleJobs } from '../adapters/jobs/lifecycle-jobs.js';
import { type WeChatConfig, loadWeChatConfig } from '../adapters/wechat/index.js';
import { type MiniProgramSettings, loadMiniProgramSettings } from '../adapters/wechat/mini-program/delivery.config.js';
import type { UseCases } from '../application/index.js';
import { type AppConfig, loadConfig } from '../config.js';
import { httpAppOptions, productionHttpDeps } from './http-deps.js';
import { type StartingServer, closeServer, listenStarting } from './http-server.js';
import { lifecycleJobsOf } from './lifecycle.js';
import { type MiniProgramOverrides, miniProgramHttpDeps, miniProgramModule } from './mini-program.module.js';
import { type ProductionOverrides, productionModule } from './production.module.js';
import { type ProductionResources, openProductionResources } from './production.resources.js';
import { resolveUseCases, useCaseModule } from './use-case.module.js';
import { type WeChatPay, wechatPayOf } from './wechat-pay.js';

/** A shop on production adapters, configured by the environment. */
export interface RunningShop {
  /** Where it listens, e.g. `http://127.0.0.1:3000`; without `serve`, the shop on PORT. */
  readonly url: string;
  readonly config: AppConfig;
  readonly wechat: WeChatConfig;
  /** Delivery, subscribe-message and message-push settings. */
  readonly miniProgram: MiniProgramSettings;
  readonly resources: ProductionResources;
  /** WeChat Pay's client and notification formats (v2, v3 or both), and the v3 parts such as the platform certificates. */
  readonly wechatPay: WeChatPay;
  readonly container: Container;
  readonly useCases: UseCases;
  /** The order-lifecycle jobs; on a timer when served and LIFECYCLE_INTERVAL_SECONDS > 0, and `runOnce()` at any time. */
  readonly jobs: LifecycleJobs;
  readonly logger: Logger;
  /** Stops taking requests (letting those in flight finish), stops the jobs, closes the database and Redis. */
  close(): Promise<void>;
}

export interface StartOptions extends ProductionOverrides {
  /** By default pino at LOG_LEVEL, written asynchronously (pino flushes when the process exits); each line names its process (`pid`). */
  readonly logger?: Logger;
  /** false: no HTTP server and no job timer, for one run of the jobs (`npm run jobs`). True by default. */
  readonly serve?: boolean;
  /** The mini-program client's patience and access-token timings. */
  readonly miniProgramClient?: MiniProgramOverrides;
  /** Runs once the container is built, before anything is resolved from it: where a test replaces a port. */
  readonly override?: (container: Container, shop: Pick<RunningShop, 'config' | 'wechat' | 'resources' | 'wechatPay'>) => void;
}

/**
 * Starts the shop the environment describes (see `loadConfig` and `loadWeChatConfig`): binds the
 * port first, so notify URLs can name it even for PORT=0 (a worker of several binds only once it
 * can answer: its port is known, and the primary would hand it connections meanwhile), then opens
 * the database and Redis, sets up WeChat Pay (in v3 platform-certificate mode the certificates are loaded before anything
 * is served), builds the container, attaches the HTTP app and starts the lifecycle jobs' timer.
 */
export async function startShop(env: Readonly<Record<string, string | undefined>>, options: StartOptions = {}): Promise<RunningShop> {
  const config = loadConfig(env);
  const logger = options.logger ?? pino({ level: config.logLevel, base: { service: 'weshop', pid: process.pid } }, pino.destination({ sync: false }));
  let http: StartingServer | null = null;
  let resources: ProductionResources | null = null;
  let jobs: LifecycleJobs | null = null;
  let wechatPay: WeChatPay | null = null;
  const close = async () => {
    const [server, running, pay, opened] = [http?.server, jobs, wechatPay, resources];
    [http, jobs, wechatPay, resources] = [null, null, null, null];
    if (server) await closeServer(server);
    await running?.stop();
    pay?.stop();
    await opened?.close();
    // Units of work run again after a write conflict (a Galera node's certification, a deadlock): the benchmark reads it here.
    if (opened) logger.info({ transactionRetries: transactionRetries() }, 'shop stopped');
  };

  try {
    const serve = options.serve !== false;
    http = serve && !cluster.isWorker ? await listenStarting(config.port, config.host) : null;
    const url = `http://127.0.0.1:${http ? (http.server.address() as AddressInfo).port : config.port || 3000}`;
    const wechat = loadWeChatConfig(env, { notifyUrl: `${url}/api/v1/pay/notify`, refundNotifyUrl: `${url}/api/v1/pay/refund_notify` });
    const miniProgram = loadMiniProgramSettings(env);
    resources = await openProductionResources(config, logger);
    const clock = options.clock ?? new SystemClock();
    const pay = wechatPayOf(config, wechat, resources, { clock, logger, ...(options.payClient ? { payClient: options.payClient } : {}) });
    wechatPay = pay;
    await pay.start();
    const container = new Container();
    container.load(
      useCaseModule,
      productionModule(config, wechat, resources, pay.gateway, { clock }),
      miniProgramModule(miniProgram, wechat, resources, clock, options.miniProgramClient),
    );
    options.override?.(container, { config, wechat, resources, wechatPay: pay });

    const useCases = resolveUseCases(container);
    jobs = lifecycleJobsOf(useCases, config, logger);
    if (serve) {
      const deps = { ...productionHttpDeps(container, useCases, pay, resources, logger), ...miniProgramHttpDeps(container, miniProgram, wechat, clock, resources) };
      const app = createHttpApp(deps, httpAppOptions(config, url));
      http ??= await listenStarting(config.port, config.host);
      http.attach(app.callback());
      if (config.lifecycleIntervalSeconds > 0) jobs.start();
    }
    return { url, config, wechat, miniProgram, resources, wechatPay: pay, container, useCases, jobs, logger, close };
  } catch (error) {
    await close();
    throw error;
  }
}
