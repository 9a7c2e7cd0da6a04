import 'reflect-metadata';
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import { type Logger, pino } from 'pino';
import { type HttpAppOptions, createHttpApp } from './adapters/http/http-app.js';
import { LifecycleJobs } from './adapters/jobs/lifecycle-jobs.js';
import { type ListeningSandbox, type Sandbox, createSandbox } from './adapters/wechat/sandbox/index.js';
import { type WeChatConfig, loadWeChatConfig, withSandboxBase } from './adapters/wechat/index.js';
import { SettleDueOrders, SyncRefunds } from './application/index.js';
import { type AppConfig, ConfigError, loadConfig } from './config.js';
import {
  type ProductionOverrides,
  type ProductionResources,
  openProductionResources,
  productionContainer,
  productionHttpDeps,
} from './container.js';
import type { Container } from 'inversify';

export interface RunningShop {
  /** e.g. `http://127.0.0.1:3000` */
  readonly url: string;
  readonly config: AppConfig;
  readonly wechat: WeChatConfig;
  /** The in-process WeChat Pay sandbox, when no WeChat API base is configured. */
  readonly sandbox: (Sandbox & { readonly url: string }) | null;
  readonly resources: ProductionResources;
  /** The order-lifecycle jobs; on a timer when LIFECYCLE_INTERVAL_SECONDS > 0, and `runOnce()` at any time. */
  readonly jobs: LifecycleJobs;
  close(): Promise<void>;
}

/** `clock` also drives the embedded sandbox, so the shop and its WeChat agree on the time. */
export interface StartOptions extends ProductionOverrides {
  readonly logger?: Logger;
  /** Sandbox options for tests (a fast notification schedule, a seed). */
  readonly sandbox?: Parameters<typeof createSandbox>[0];
}

/** The production container and what it runs on: the one path `npm start` and `npm run jobs` share. */
export interface OpenedShop {
  readonly container: Container;
  readonly resources: ProductionResources;
}

export async function openShop(config: AppConfig, wechat: WeChatConfig, logger: Logger, overrides: ProductionOverrides = {}): Promise<OpenedShop> {
  const resources = await openProductionResources(config, logger);
  try {
    return { container: productionContainer(config, wechat, resources, overrides), resources };
  } catch (error) {
    await resources.close();
    throw error;
  }
}

/** WeChat settings from the environment; notifications default to the shop listening on `shopUrl`. */
export function weChatConfigFor(env: NodeJS.ProcessEnv, shopUrl: string): WeChatConfig {
  return loadWeChatConfig(env, {
    notifyUrl: `${shopUrl}/api/v1/pay/notify`,
    refundNotifyUrl: `${shopUrl}/api/v1/pay/refund_notify`,
  });
}

/** How the HTTP app runs; images are prefixed with the shop's own `/images` on `shopUrl` unless IMAGE_BASE_URL says otherwise. */
export function httpAppOptions(config: AppConfig, shopUrl: string): HttpAppOptions {
  return {
    trustProxy: config.trustProxy,
    corsOrigins: config.corsOrigins,
    images: { baseUrl: config.imageBaseUrl ?? `${shopUrl}/images`, dir: config.imagesDir },
  };
}

/** The lifecycle jobs over a container's use cases. */
export function lifecycleJobsOf(container: Container, config: AppConfig, logger: Logger): LifecycleJobs {
  return new LifecycleJobs(container.get(SettleDueOrders), container.get(SyncRefunds), logger, {
    intervalMs: config.lifecycleIntervalSeconds * 1000,
    batchSize: 100,
  });
}

/**
 * Starts the shop: binds the port first (so the sandbox's notify_url can name it, even for port 0),
 * then the sandbox when no WeChat base is set, the database, Redis, the HTTP app and the lifecycle jobs.
 */
export async function startWeshop(env: NodeJS.ProcessEnv, options: StartOptions = {}): Promise<RunningShop> {
  const config = loadConfig(env);
  // Asynchronous writes keep logging off the request path; pino flushes them when the process exits.
  const logger = options.logger ?? pino({ level: config.logLevel, base: { service: 'weshop' } }, pino.destination({ sync: false }));
  // Until the app is attached (migrations, the sandbox), a request is told to come back, not left hanging.
  const starting = (request: IncomingMessage, response: ServerResponse) => {
    response.writeHead(503, { 'content-type': 'application/json; charset=utf-8', 'retry-after': '1' });
    response.end(JSON.stringify({ msg: 'the shop is starting; try again in a moment', error_code: 90002, request_url: request.url ?? '' }));
  };
  const server = createServer(starting);
  await listen(server, config.port, config.host);
  const port = (server.address() as AddressInfo).port;
  const localUrl = `http://127.0.0.1:${port}`;
  // Closed in this order: stop taking requests, stop the jobs, the sandbox, then the database and Redis.
  const cleanups: (() => Promise<void>)[] = [() => closeServer(server)];
  const closeAll = async () => {
    for (const cleanup of cleanups.splice(0)) await cleanup().catch(() => undefined);
  };

  try {
    let wechat = weChatConfigFor(env, localUrl);
    let sandbox: RunningShop['sandbox'] = null;
    if (wechat.sandbox) {
      const merchant = { appId: wechat.appId, appSecret: wechat.appSecret, mchId: wechat.mchId, payKey: wechat.payKey };
      const { clock } = options;
      const instance = createSandbox({ ...(clock ? { now: () => clock.now() } : {}), ...options.sandbox, merchant });
      const listening: ListeningSandbox = await instance.listen(config.sandboxPort);
      cleanups.push(() => instance.close());
      wechat = withSandboxBase(wechat, listening.url);
      sandbox = Object.assign(instance, { url: listening.url });
    }
    const { container, resources } = await openShop(config, wechat, logger, { clock: options.clock, payClient: options.payClient });
    cleanups.push(() => resources.close());
    const app = createHttpApp(productionHttpDeps(container, wechat, resources, logger), httpAppOptions(config, localUrl));
    server.off('request', starting);
    server.on('request', app.callback());

    const jobs = lifecycleJobsOf(container, config, logger);
    cleanups.splice(1, 0, () => jobs.stop());
    if (config.lifecycleIntervalSeconds > 0) jobs.start();
    return { url: localUrl, config, wechat, sandbox, resources, jobs, close: closeAll };
  } catch (error) {
    await closeAll();
    throw error;
  }
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

/** Stops accepting, lets requests in flight finish for a few seconds, then drops what is left. */
function closeServer(server: Server, graceMs = 5000): Promise<void> {
  return new Promise((resolve) => {
    const force = setTimeout(() => server.closeAllConnections(), graceMs);
    force.unref();
    server.close(() => {
      clearTimeout(force);
      resolve();
    });
    server.closeIdleConnections();
  });
}

function guide(shop: RunningShop): string {
  const api = `${shop.url}/api/v1`;
  const lines = [
    `weshop is listening on ${shop.url} (database ${shop.config.databaseUrl.startsWith('mysql://') ? 'MySQL' : shop.config.databaseUrl}${shop.resources.seeded ? ', demo data seeded' : ''}; tokens in ${shop.resources.redis ? 'Redis' : 'memory'})`,
    shop.sandbox ? `WeChat Pay sandbox on ${shop.sandbox.url}` : `WeChat: ${shop.wechat.payApiBase}`,
    `images named under ${shop.config.imageBaseUrl ?? `${shop.url}/images`}; GET /images/… serves ${shop.config.imagesDir}`,
    '',
    'Try it:',
    `  curl ${api}/product/recent`,
    `  curl -X POST ${api}/token/user -H 'content-type: application/json' -d '{"code":"code-alice"}'`,
    `  curl ${api}/order/by_user -H 'token: <token>'`,
    '  npm run demo     # login → address → order → pre_order → sandbox pays → notify → PAID',
    `  npm run jobs     # one run of the expiry, recovery and refund jobs (${shop.config.lifecycleIntervalSeconds > 0 ? `this shop runs them every ${shop.config.lifecycleIntervalSeconds} s` : 'this shop runs none on a timer'})`,
  ];
  return lines.join('\n');
}

async function main(): Promise<void> {
  let shop: RunningShop;
  try {
    shop = await startWeshop(process.env);
  } catch (error) {
    if (error instanceof ConfigError || (error instanceof Error && /WECHAT_/.test(error.message))) {
      console.error(`weshop: configuration error: ${error.message}`);
    } else {
      console.error('weshop: failed to start:', error);
    }
    process.exit(1);
  }
  console.log(guide(shop));
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`weshop: ${signal} received, shutting down`);
    shop.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  void main();
}
