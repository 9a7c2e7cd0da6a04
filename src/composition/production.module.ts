import { ContainerModule } from 'inversify';
import {
  Clock,
  FailedAttemptCounter,
  OrderNumberGenerator,
  PayConfig,
  PaymentGateway,
  RefundGateway,
  SecretVerifier,
  TokenConfig,
  TokenStore,
  WeChatLogin,
} from '../application/index.js';
import { createKyselyAdapters } from '../adapters/kysely/index.js';
import { MemoryFailedAttemptCounter } from '../adapters/in-process/memory-failed-attempt.counter.js';
import { MemoryTokenStore } from '../adapters/in-process/memory-token.store.js';
import { RedisFailedAttemptCounter } from '../adapters/redis/redis-failed-attempt.counter.js';
import { RedisTokenStore } from '../adapters/redis/redis-token.store.js';
import { ScryptSecretVerifier } from '../adapters/system/scrypt-secret.verifier.js';
import { SystemClock } from '../adapters/system/system.clock.js';
import { TimeOrderNumberGenerator } from '../adapters/system/time-order-number.generator.js';
import { type WeChatConfig, WeChatLoginClient, type WeChatPayClientOptions } from '../adapters/wechat/index.js';
import type { AppConfig } from '../config.js';
import type { ProductionResources } from './production.resources.js';
import { bindStorage } from './storage.js';

/**
 * What a test may replace in the production wiring: the clock (to move past pay windows and
 * grace periods without waiting) and the WeChat Pay client's patience (timeouts, retries).
 */
export interface ProductionOverrides {
  readonly clock?: Clock;
  readonly payClient?: Pick<WeChatPayClientOptions, 'timeoutMs' | 'maxRetries' | 'backoffMs'>;
}

/**
 * Every port on production adapters: Kysely (SQLite or MySQL), Redis or memory tokens, the WeChat
 * clients; `pay` is WeChat Pay's client of the configured version (wechat-pay.ts).
 */
export function productionModule(
  config: AppConfig,
  wechat: WeChatConfig,
  resources: ProductionResources,
  pay: PaymentGateway & RefundGateway,
  overrides: Pick<ProductionOverrides, 'clock'> = {},
): ContainerModule {
  const clock = overrides.clock ?? new SystemClock();
  const { redis } = resources;
  return new ContainerModule(({ bind }) => {
    bind(Clock).toConstantValue(clock);
    bind(OrderNumberGenerator).toConstantValue(new TimeOrderNumberGenerator());
    bind(PayConfig).toConstantValue({
      orderPayTimeoutSeconds: config.orderPayTimeoutSeconds,
      stockPolicy: config.stockPolicy,
      notificationGraceSeconds: config.notificationGraceSeconds,
      stockHoldGraceSeconds: config.stockHoldGraceSeconds,
      jobItemLeaseSeconds: config.jobItemLeaseSeconds,
    });
    bindStorage(bind, createKyselyAdapters(resources.database.db, clock));
    bind(PaymentGateway).toConstantValue(pay);
    bind(RefundGateway).toConstantValue(pay);
    bind(WeChatLogin).toConstantValue(new WeChatLoginClient(wechat));
    bind(TokenStore).toConstantValue(redis ? new RedisTokenStore(redis) : new MemoryTokenStore(clock));
    bind(FailedAttemptCounter).toConstantValue(redis ? new RedisFailedAttemptCounter(redis) : new MemoryFailedAttemptCounter(clock));
    bind(TokenConfig).toConstantValue({ ttlSeconds: config.tokenTtlSeconds });
    bind(SecretVerifier).toConstantValue(new ScryptSecretVerifier());
  });
}
