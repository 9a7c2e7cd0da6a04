import { Redis } from 'ioredis';

export interface RedisConnectionOptions {
  /** Per command; a Redis that does not answer becomes an error (503), not a hung request. */
  readonly commandTimeoutMs?: number;
  readonly onError?: (error: Error) => void;
}

/**
 * One ioredis client for `REDIS_URL`. Commands fail fast while Redis is away (one retry, a
 * timeout) so requests answer 503 instead of queueing; the client keeps reconnecting by itself.
 */
export function connectRedis(url: string, options: RedisConnectionOptions = {}): Redis {
  const redis = new Redis(url, {
    maxRetriesPerRequest: 1,
    commandTimeout: options.commandTimeoutMs ?? 2000,
    connectTimeout: 2000,
    retryStrategy: (times) => Math.min(times * 200, 2000),
  });
  // Without a listener ioredis prints every reconnect failure; the owner decides how to log them.
  redis.on('error', options.onError ?? (() => undefined));
  return redis;
}
