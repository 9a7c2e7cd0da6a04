import type { WeChatConfig } from '../adapters/wechat/index.js';
import { ConfigError } from '../config-error.js';
import type { RunningShop } from './start-shop.js';

/** How a process that runs a shop tells an operator about it. */
export interface GuideOptions {
  /** The line that says who plays WeChat; by default its pay API base. */
  readonly weChat?: string;
  /** More commands to try, listed before `npm run jobs`. */
  readonly tryAlso?: readonly string[];
}

/** What `npm start` prints once the shop listens: where, on what, and what to try. */
export function shopGuide(shop: RunningShop, options: GuideOptions = {}): string {
  const api = `${shop.url}/api/v1`;
  const { config, resources } = shop;
  const database = config.databaseUrl.startsWith('mysql://') ? 'MySQL' : config.databaseUrl;
  const jobs = config.lifecycleIntervalSeconds > 0 ? `this shop runs them every ${config.lifecycleIntervalSeconds} s` : 'this shop runs none on a timer';
  return [
    `weshop is listening on ${shop.url} (database ${database}${resources.seeded ? ', demo data seeded' : ''}; tokens in ${resources.redis ? 'Redis' : 'memory'})`,
    options.weChat ?? `WeChat: ${shop.wechat.payApiBase}`,
    describeWeChatPay(shop.wechat),
    `images named under ${config.imageBaseUrl ?? `${shop.url}/images`}; GET /images/… serves ${config.imagesDir}`,
    '',
    `Operator console: ${shop.url}/cms   (sign in with the app id and secret of a super app; the demo's is weshop-admin)`,
    `API docs:         ${shop.url}/docs  (OpenAPI 3.1 document: ${shop.url}/openapi.json)`,
    '',
    'Try it:',
    `  curl ${api}/product/recent`,
    `  curl -X POST ${api}/token/user -H 'content-type: application/json' -d '{"code":"code-alice"}'`,
    `  curl ${api}/order/by_user -H 'token: <token>'`,
    ...(options.tryAlso ?? []),
    `  npm run jobs     # one run of the expiry, recovery and refund jobs (${jobs})`,
  ].join('\n');
}

/** Which WeChat Pay API the shop calls and how it checks WeChat's signatures; ids only, never key material. */
export function describeWeChatPay(wechat: WeChatConfig): string {
  const { v3 } = wechat;
  const modes = v3 ? [v3.publicKey ? `public key ${v3.publicKey.id}` : null, v3.platformCertificates ? 'platform certificates' : null].filter(Boolean) : [];
  const also = wechat.apiVersion === 'v3' ? (wechat.payKey ? ', v2 notifications taken too' : '') : v3 ? ', v3 notifications taken too' : '';
  return `WeChat Pay API ${wechat.apiVersion}${wechat.apiVersion === 'v3' ? ` (${modes.join(' and ')})` : ''}${also}`;
}

/** `<name>: configuration error: …` for a ConfigError, the whole error otherwise. */
export function reportFailure(name: string, doing: string, error: unknown): void {
  if (error instanceof ConfigError) console.error(`${name}: configuration error: ${error.message}`);
  else console.error(`${name}: ${doing}:`, error);
}

/** A started process's one job, and how it stops. */
export interface Serving {
  readonly guide: string;
  close(): Promise<void>;
}

/** How `serveUntilSignalled` runs: alone, or as one worker of several (see cluster.ts). */
export interface ServeOptions {
  /** Tells the primary its guide instead of printing it, stops quietly, and stops too when the primary is gone. */
  readonly worker?: { ready(guide: string): void };
}

/**
 * Runs what `start` starts as this process's one job: prints its guide and closes it on SIGTERM or
 * SIGINT (exit 0). A start that fails exits 1, a bad setting reported as a configuration error.
 */
export async function serveUntilSignalled(start: () => Promise<Serving>, options: ServeOptions = {}): Promise<void> {
  let serving: Serving;
  try {
    serving = await start();
  } catch (error) {
    reportFailure('weshop', 'failed to start', error);
    process.exit(1);
  }
  const { worker } = options;
  if (worker) worker.ready(serving.guide);
  else console.log(serving.guide);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    if (!worker) console.log(`weshop: ${signal} received, shutting down`);
    serving.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  if (worker) process.on('disconnect', () => stop('disconnect'));
}
