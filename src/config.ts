import { statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { StockPolicy } from './application/index.js';
import { ConfigError } from './config-error.js';
import { refuseUnshared } from './config-processes.js';

/** Settings read from the environment once, at start-up. WeChat's are read by its adapter (WECHAT_*). */
export interface AppConfig {
  readonly port: number;
  readonly host: string;
  /** `mysql://user:pass@host:port/db`, or a SQLite file path (the embedded default). */
  readonly databaseUrl: string;
  /** `redis://…`; unset: tokens and failure counters in memory (one instance only). */
  readonly redisUrl: string | null;
  /** Redis behind Sentinel (REDIS_SENTINELS + REDIS_SENTINEL_NAME), in place of REDIS_URL: the primary is asked of the Sentinels. */
  readonly redisSentinels: RedisSentinels | null;
  readonly tokenTtlSeconds: number;
  readonly orderPayTimeoutSeconds: number;
  readonly stockPolicy: StockPolicy;
  readonly notificationGraceSeconds: number;
  /** How long a stock hold outlives its order's pay deadline, for a payment made in time whose notification is late (STOCK_HOLD_GRACE_SECONDS). */
  readonly stockHoldGraceSeconds: number;
  /** How long a lifecycle job's worker holds one order or refund it claimed (JOB_ITEM_LEASE_SECONDS). */
  readonly jobItemLeaseSeconds: number;
  /** Seconds between two runs of the order-lifecycle jobs; 0 runs none in this process. */
  readonly lifecycleIntervalSeconds: number;
  readonly logLevel: LogLevel;
  /** Behind a load balancer: take the client address from X-Forwarded-For. */
  readonly trustProxy: boolean;
  /** One WeChat Pay API call's time limit, and how often a timeout or SYSTEMERROR is retried: a shopper waits at most about their product. */
  readonly wechatPayTimeoutMs: number;
  readonly wechatPayRetries: number;
  /** Origins a browser CMS may call from: `*`, or a list. */
  readonly corsOrigins: '*' | readonly string[];
  /**
   * Prefix of every image of this shop (`from = 1`) the API names, e.g. `https://cdn.example.com/images`;
   * null: the shop's own `/images` at the address it started on.
   */
  readonly imageBaseUrl: string | null;
  /** The folder served at `GET /images/…`: the demo images this repository ships unless set. */
  readonly imagesDir: string;
  /**
   * Server processes sharing the port (WEB_CONCURRENCY): by default one per core on MySQL with
   * Redis, one otherwise (the embedded SQLite file has one writer; memory tokens live in one process).
   */
  readonly webConcurrency: number;
}

/** `assets/images` at the top of the repository, from `src/` as from `dist/`. */
export const DEMO_IMAGES_DIR = fileURLToPath(new URL('../assets/images', import.meta.url));

export interface RedisSentinels {
  readonly sentinels: readonly { readonly host: string; readonly port: number }[];
  /** The name the Sentinels monitor the primary under. */
  readonly name: string;
}

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
const LOG_LEVELS: readonly LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

type Env = Readonly<Record<string, string | undefined>>;

export function loadConfig(env: Env): AppConfig {
  const text = (name: string): string | undefined => {
    const value = env[name]?.trim();
    return value === undefined || value === '' ? undefined : value;
  };
  const integer = (name: string, fallback: number, min: number, max: number): number => {
    const raw = text(name);
    if (raw === undefined) return fallback;
    if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
      throw new ConfigError(name, `must be an integer from ${min} to ${max}, got "${raw}"`);
    }
    return Number(raw);
  };
  const oneOf = <T extends string>(name: string, allowed: readonly T[], fallback: T): T => {
    const raw = text(name) ?? fallback;
    if (!allowed.includes(raw as T)) throw new ConfigError(name, `must be one of ${allowed.join(', ')}, got "${raw}"`);
    return raw as T;
  };

  const databaseUrl = text('DATABASE_URL') ?? './data/weshop.sqlite';
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(databaseUrl) && !databaseUrl.startsWith('mysql://')) {
    throw new ConfigError('DATABASE_URL', `must be mysql://user:password@host:port/database or a SQLite file path, got "${databaseUrl.replace(/\/\/[^@/]*@/, '//***@')}"`);
  }
  if (databaseUrl.startsWith('mysql://')) requireUrl('DATABASE_URL', databaseUrl, ['mysql:']);
  const redisUrl = text('REDIS_URL') ?? null;
  if (redisUrl !== null) requireUrl('REDIS_URL', redisUrl, ['redis:', 'rediss:']);
  const redisSentinels = sentinels(text('REDIS_SENTINELS'), text('REDIS_SENTINEL_NAME'));
  if (redisUrl !== null && redisSentinels !== null) throw new ConfigError('REDIS_SENTINELS', 'set either REDIS_URL or REDIS_SENTINELS, not both');

  const sharedRedis = redisUrl !== null || redisSentinels !== null;
  const webConcurrency = integer('WEB_CONCURRENCY', databaseUrl.startsWith('mysql://') && sharedRedis ? availableParallelism() : 1, 1, 256);
  refuseUnshared(webConcurrency, databaseUrl, sharedRedis);

  return {
    port: integer('PORT', 3000, 0, 65535),
    host: text('HOST') ?? '0.0.0.0',
    databaseUrl,
    redisUrl,
    redisSentinels,
    tokenTtlSeconds: integer('TOKEN_TTL_SECONDS', 7200, 60, 30 * 24 * 3600),
    // WeChat refuses a time_expire less than five minutes away, so a shorter window could never be paid.
    orderPayTimeoutSeconds: integer('ORDER_PAY_TIMEOUT', 1800, 360, 7 * 24 * 3600),
    stockPolicy: oneOf<StockPolicy>('STOCK_POLICY', ['on_payment', 'on_order'], 'on_payment'),
    notificationGraceSeconds: integer('NOTIFICATION_GRACE_SECONDS', 300, 10, 24 * 3600),
    // At least WeChat's first two notification retries (15 s apart) and some clock skew.
    stockHoldGraceSeconds: integer('STOCK_HOLD_GRACE_SECONDS', 300, 30, 24 * 3600),
    // Its earlier name, SETTLEMENT_LEASE_SECONDS, is still read when the new one is unset.
    jobItemLeaseSeconds: integer(text('JOB_ITEM_LEASE_SECONDS') ? 'JOB_ITEM_LEASE_SECONDS' : 'SETTLEMENT_LEASE_SECONDS', 120, 5, 3600),
    lifecycleIntervalSeconds: integer('LIFECYCLE_INTERVAL_SECONDS', 30, 0, 24 * 3600),
    logLevel: oneOf('LOG_LEVEL', LOG_LEVELS, 'info'),
    trustProxy: oneOf('TRUST_PROXY', ['true', 'false'], 'false') === 'true',
    wechatPayTimeoutMs: integer('WECHAT_PAY_TIMEOUT_MS', 5000, 100, 60_000),
    wechatPayRetries: integer('WECHAT_PAY_RETRIES', 1, 0, 5),
    corsOrigins: corsOrigins(text('CORS_ORIGINS')),
    imageBaseUrl: imageBaseUrl(text('IMAGE_BASE_URL')),
    imagesDir: imagesDir(text('IMAGES_DIR')),
    webConcurrency,
  };
}

function requireUrl(name: string, value: string, protocols: readonly string[]): void {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(name, 'is not a URL');
  }
  if (!protocols.includes(url.protocol)) throw new ConfigError(name, `must start with ${protocols.map((p) => `${p}//`).join(' or ')}`);
  if (!url.hostname) throw new ConfigError(name, 'names no host');
}

/** `host:port,host:port` and the monitored name, both or neither. */
function sentinels(raw: string | undefined, name: string | undefined): RedisSentinels | null {
  if (raw === undefined) {
    if (name !== undefined) throw new ConfigError('REDIS_SENTINEL_NAME', 'is set without REDIS_SENTINELS');
    return null;
  }
  if (name === undefined) throw new ConfigError('REDIS_SENTINEL_NAME', 'must name the primary the Sentinels monitor (REDIS_SENTINELS is set)');
  const list = raw.split(',').map((entry) => {
    const match = /^([^\s:,]+):(\d{1,5})$/.exec(entry.trim());
    const port = Number(match?.[2]);
    if (!match?.[1] || port < 1 || port > 65535) {
      throw new ConfigError('REDIS_SENTINELS', `must be comma-separated host:port pairs like 10.0.0.1:26379,10.0.0.2:26379, got "${entry.trim()}"`);
    }
    return { host: match[1], port };
  });
  return { sentinels: list, name };
}

function corsOrigins(raw: string | undefined): '*' | readonly string[] {
  if (raw === undefined || raw === '*') return '*';
  return raw.split(',').map((entry) => {
    const origin = entry.trim();
    let url: URL | null = null;
    try {
      url = new URL(origin);
    } catch {
      // reported below
    }
    if (!url || url.origin !== origin) {
      throw new ConfigError('CORS_ORIGINS', `must be * or comma-separated origins like https://cms.example.com, got "${origin}"`);
    }
    return origin;
  });
}

/** An absolute http(s) URL a mini-program can load from; paths are appended to it, so no query, fragment or credentials. */
function imageBaseUrl(raw: string | undefined): string | null {
  if (raw === undefined) return null;
  const refuse = () =>
    new ConfigError('IMAGE_BASE_URL', `must be an absolute http:// or https:// URL of the images folder, like https://cdn.example.com/images, got "${raw}"`);
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw refuse();
  }
  if (!/^https?:\/\/[^/?#]/i.test(raw) || /[?#]/.test(raw) || !url.hostname || url.username || url.password) throw refuse();
  return url.href.replace(/\/+$/, '');
}

function imagesDir(raw: string | undefined): string {
  const dir = raw === undefined ? DEMO_IMAGES_DIR : resolve(raw);
  let isDirectory = false;
  try {
    isDirectory = statSync(dir).isDirectory();
  } catch {
    // reported below
  }
  if (!isDirectory) throw new ConfigError('IMAGES_DIR', `must name an existing folder of images, got "${raw ?? dir}"`);
  return dir;
}
