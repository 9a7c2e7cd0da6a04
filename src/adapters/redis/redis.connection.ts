import { Redis } from 'ioredis';

export interface RedisConnectionOptions {
  /** Per command; a Redis that does not answer becomes an error (503), not a hung request. */
  readonly commandTimeoutMs?: number;
  readonly onError?: (error: Error) => void;
}

/** Redis behind Sentinel: the Sentinels' addresses and the name they monitor the primary under. */
export interface RedisSentinelTarget {
  readonly sentinels: readonly { readonly host: string; readonly port: number }[];
  readonly name: string;
}

/**
 * One ioredis client for `REDIS_URL`, or for the primary the Sentinels name. Commands fail fast
 * while Redis is away (one retry, a timeout) so requests answer 503 instead of queueing; the
 * client keeps reconnecting by itself, after a failover to the primary the Sentinels promoted.
 */
export function connectRedis(target: string | RedisSentinelTarget, options: RedisConnectionOptions = {}): Redis {
  const common = {
    maxRetriesPerRequest: 1,
    commandTimeout: options.commandTimeoutMs ?? 2000,
    connectTimeout: 2000,
    retryStrategy: (times: number) => Math.min(times * 200, 2000),
  };
  const redis =
    typeof target === 'string'
      ? new Redis(target, common)
      : new Redis({
          ...common,
          sentinels: target.sentinels.map(({ host, port }) => ({ host, port })),
          name: target.name,
          sentinelRetryStrategy: (times: number) => Math.min(times * 200, 2000),
          // A primary demoted to replica answers writes with READONLY: reconnect to ask the Sentinels again.
          reconnectOnError: (error: Error) => error.message.startsWith('READONLY'),
        });
  // Without a listener ioredis prints every reconnect failure; the owner decides how to log them.
  redis.on('error', options.onError ?? (() => undefined));
  return redis;
}
