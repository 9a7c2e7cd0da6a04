import type { Redis } from 'ioredis';
import type { FailedAttemptCounter } from '../../application/index.js';

/** INCR, and start the window's expiry on the first failure only: atomic in one script. */
const INCREMENT = `
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('EXPIRE', KEYS[1], ARGV[1]) end
return count`;

/** Failure counts in Redis, so a limit holds across every instance. */
export class RedisFailedAttemptCounter implements FailedAttemptCounter {
  constructor(
    private readonly redis: Redis,
    private readonly prefix = 'weshop:failures:',
  ) {}

  async increment(key: string, windowSeconds: number): Promise<number> {
    return Number(await this.redis.eval(INCREMENT, 1, this.prefix + key, String(windowSeconds)));
  }

  async count(key: string): Promise<number> {
    return Number((await this.redis.get(this.prefix + key)) ?? 0);
  }

  async secondsLeft(key: string): Promise<number> {
    // TTL answers -2 for no key and -1 for one without expiry (never left so by increment).
    return Math.max(0, Number(await this.redis.ttl(this.prefix + key)));
  }

  async reset(key: string): Promise<void> {
    await this.redis.del(this.prefix + key);
  }
}
